import { en } from './en.js';
import type { Messages } from './messages.js';

export type { Messages, InviteOptionName } from './messages.js';

/**
 * Every locale we translate, keyed by Discord's locale code. English is the default and
 * the last fallback.
 */
export const MESSAGES: Readonly<Record<string, Messages>> = {
	'en-US': en,
	'en-GB': en,
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
	const exact = MESSAGES[locale];
	if (exact) return exact;
	const language = locale.split('-')[0]!;
	const sameLanguage = Object.keys(MESSAGES).find((key) => key.split('-')[0] === language);
	return sameLanguage ? MESSAGES[sameLanguage] : undefined;
}

export { en };

/** The duration words of a message table, for `parseDuration` (English is always understood). */
export function vocabularyOf(messages: Messages): { units: Readonly<Record<string, number>>; never: readonly string[] }[] {
	return messages === en ? [] : [{ units: messages.durationUnits, never: messages.never }];
}
