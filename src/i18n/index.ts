import { Locale } from 'discord-api-types/v10';
import { de } from './de.js';
import { en } from './en.js';
import { es419 } from './es-419.js';
import { esES } from './es-ES.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import type { Messages } from './messages.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { ptBR } from './pt-BR.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { zhCN } from './zh-CN.js';

export type { ArgsOf, InviteOptionName, Messages, SettingsOptionName } from './messages.js';
export { formatEntry } from './messages.js';

/**
 * Every locale we translate, keyed by Discord's locale code. English is the default and
 * the last fallback.
 */
export const MESSAGES: Readonly<Partial<Record<Locale, Messages>>> = {
	[Locale.EnglishUS]: en,
	[Locale.EnglishGB]: en,
	[Locale.German]: de,
	[Locale.French]: fr,
	[Locale.SpanishES]: esES,
	[Locale.SpanishLATAM]: es419,
	[Locale.PortugueseBR]: ptBR,
	[Locale.Italian]: it,
	[Locale.Dutch]: nl,
	[Locale.Polish]: pl,
	[Locale.Russian]: ru,
	[Locale.Turkish]: tr,
	[Locale.Japanese]: ja,
	[Locale.Korean]: ko,
	[Locale.ChineseCN]: zhCN,
};

/**
 * The texts for a user: their `locale`, else the server's `guild_locale`, else English.
 * A locale with a region falls back to its language (`es-419` to `es-ES` is not assumed;
 * `pt` to `pt-BR` is).
 */
export function messagesFor(locale?: string | null, guildLocale?: string | null): Messages {
	return lookup(locale) ?? lookup(guildLocale) ?? en;
}

function lookup(locale?: string | null): Messages | undefined {
	if (!locale) return undefined;
	const table = MESSAGES as Readonly<Record<string, Messages>>;
	const exact = table[locale];
	if (exact) return exact;
	const [language] = locale.split('-');
	const sameLanguage = Object.keys(table).find((key) => key.split('-')[0] === language);
	return sameLanguage ? table[sameLanguage] : undefined;
}

export { en };

/** Duration words for `parseDuration`: units mapped to seconds, and words for "never". */
export interface DurationWords {
	units: Readonly<Record<string, number>>;
	never: readonly string[];
}

/**
 * The duration words of every language we translate, in one vocabulary (English is always
 * understood by `parseDuration` itself). Every locale reads all of them: a German speaker
 * whose client runs in English still types `2 Stunden`. No word means two things across
 * languages (a test holds them apart), so merging loses nothing.
 */
export const DURATION_WORDS: readonly DurationWords[] = [
	{
		units: Object.assign({}, ...Object.values(MESSAGES).map((messages) => messages.durationUnits)),
		never: [...new Set(Object.values(MESSAGES).flatMap((messages) => messages.never))],
	},
];

/**
 * The duration words a user's `expires` is read with: every language's (`DURATION_WORDS`),
 * whatever `messages` the reply is in.
 */
export function vocabularyOf(_messages?: Messages): readonly DurationWords[] {
	return DURATION_WORDS;
}

/** The BCP 47 tag a message table is written in (the first Discord locale that uses it). */
export function languageOf(messages: Messages): string {
	for (const [locale, table] of Object.entries(MESSAGES)) if (table === messages) return locale;
	return Locale.EnglishUS;
}

const listFormats = new Map<Messages, Intl.ListFormat>();

/**
 * A list as the table's language writes it: "A and B", "A, B und C", "A、B". Same language as
 * the sentence around it, even when the user's own locale has no table.
 */
export function formatList(messages: Messages, items: readonly string[]): string {
	let format = listFormats.get(messages);
	if (!format) {
		format = new Intl.ListFormat(languageOf(messages), { style: 'long', type: 'conjunction' });
		listFormats.set(messages, format);
	}
	return format.format(items);
}
