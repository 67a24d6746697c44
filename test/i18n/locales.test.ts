import { Locale } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { suggestExpires } from '../../src/core/autocomplete.js';
import { buildInviteCommand, NAME_PATTERN } from '../../src/core/command.js';
import { ENGLISH_NEVER, ENGLISH_UNITS, parseDuration } from '../../src/core/duration.js';
import { en, MESSAGES, type Messages, messagesFor, vocabularyOf } from '../../src/i18n/index.js';

const translated = Object.entries(MESSAGES).filter(([, messages]) => messages !== en) as [string, Messages][];

/** Every string a table holds, with function entries called on sample values. */
function texts(section: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, entry] of Object.entries(section)) {
		if (typeof entry === 'string') out[key] = entry;
		else if (typeof entry === 'function') out[key] = (entry as (...args: unknown[]) => string)('<#1>', '<#2>', 3);
	}
	return out;
}

/**
 * Strings that may equal English in a translation, each for a reason: product names,
 * and words that are the same in that language.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {};

describe('locales', () => {
	it('translates the thirteen languages the issue names, besides English', () => {
		expect(Object.keys(MESSAGES).sort()).toEqual(
			[
				Locale.EnglishUS,
				Locale.EnglishGB,
				Locale.German,
				Locale.French,
				Locale.SpanishES,
				Locale.SpanishLATAM,
				Locale.PortugueseBR,
				Locale.Italian,
				Locale.Dutch,
				Locale.Polish,
				Locale.Russian,
				Locale.Turkish,
				Locale.Japanese,
				Locale.Korean,
				Locale.ChineseCN,
			].sort(),
		);
	});

	describe.each(translated)('%s', (locale, messages) => {
		it('gives option names that obey Discord’s name rules: the pattern, lower case, 1-32 characters, unique', () => {
			const names = Object.entries(messages.command.options).map(([name, option]) => option.name ?? name);
			for (const name of names) {
				expect(name).toMatch(NAME_PATTERN);
				expect(name).toBe(name.toLowerCase());
			}
			expect(new Set(names).size).toBe(names.length);
		});

		it('keeps every description within 1-100 characters', () => {
			for (const description of [
				messages.command.description,
				...Object.values(messages.command.options).map((option) => option.description),
			]) {
				expect(description.length).toBeGreaterThan(0);
				expect(description.length).toBeLessThanOrEqual(100);
			}
		});

		it('translates every text of /invite-settings, its limits and the invite log, descriptions within 1-100', () => {
			const { command, limits, ...rest } = messages.settings;
			for (const section of [rest, limits] as Record<string, unknown>[]) {
				const english = texts(
					section === limits ? en.settings.limits : (en.settings as Record<string, unknown>),
				);
				for (const [key, text] of Object.entries(texts(section))) {
					if (['no', 'channel'].includes(key) && text === english[key]) continue;
					expect(text, `settings.${key}`).not.toBe(english[key]);
				}
			}
			for (const description of [
				command.description,
				...Object.values(command.options).map((o) => o.description),
			]) {
				expect(description.length).toBeGreaterThan(0);
				expect(description.length).toBeLessThanOrEqual(100);
				expect(description).not.toBe(en.settings.command.description);
			}
		});

		it('leaves no reply, refusal, error or suggestion in English', () => {
			for (const section of ['reply', 'check', 'error', 'suggest', 'limit', 'permission'] as const) {
				const mine = texts(messages[section] as Record<string, unknown>);
				const english = texts(en[section] as Record<string, unknown>);
				for (const [key, text] of Object.entries(mine)) {
					if (SAME_AS_ENGLISH[locale]?.includes(`${section}.${key}`)) continue;
					expect(text, `${section}.${key}`).not.toBe(english[key]);
				}
			}
			expect(messages.neverLabel).not.toBe(en.neverLabel);
		});

		it('keeps autocomplete suggestions within Discord’s 100 characters', () => {
			for (const typed of ['soonish-but-not-now', '9999d', '', '1', '90m']) {
				for (const choice of suggestExpires(typed, locale, messages, vocabularyOf(messages))) {
					expect(choice.name.length).toBeLessThanOrEqual(100);
					expect(choice.value.length).toBeLessThanOrEqual(100);
				}
			}
		});

		it('understands English durations and its own words for "never"', () => {
			const vocabulary = vocabularyOf(messages);
			expect(parseDuration('2h30m', vocabulary)).toEqual({ ok: true, seconds: 9_000 });
			expect(parseDuration('never', vocabulary)).toEqual({ ok: true, seconds: 0 });
			for (const word of messages.never)
				expect(parseDuration(word, vocabulary)).toEqual({ ok: true, seconds: 0 });
		});

		it('reads back the durations its own autocomplete shows, in its own words', () => {
			const vocabulary = vocabularyOf(messages);
			for (const choice of suggestExpires('1d2h30m', locale, messages, vocabulary)) {
				expect(parseDuration(choice.name, vocabulary), choice.name).toEqual(
					parseDuration(choice.value, vocabulary),
				);
			}
		});
	});

	it.each([
		['de', '1 Stunde', 3_600],
		['de', '2 Tage', 172_800],
		['fr', '2 jours', 172_800],
		['es-ES', '3 horas', 10_800],
		['es-419', '30 minutos', 1_800],
		['pt-BR', '2 horas', 7_200],
		['it', '1 settimana', 604_800],
		['nl', '2 uur', 7_200],
		['pl', '2 godziny', 7_200],
		['ru', '3 часа', 10_800],
		['tr', '2 saat', 7_200],
		['ja', '2時間', 7_200],
		['ko', '30분', 1_800],
		['zh-CN', '1小时', 3_600],
	])('reads "%2$s" in %1$s as %3$d seconds', (locale, text, seconds) => {
		const messages = messagesFor(locale);
		expect(parseDuration(text, vocabularyOf(messages))).toEqual({ ok: true, seconds });
	});

	it("reads every language's duration words in every locale, not only the user's (2 Stunden in en-US)", () => {
		expect(parseDuration('2 Stunden', vocabularyOf(messagesFor('en-US')))).toEqual({ ok: true, seconds: 7_200 });
		for (const reader of Object.values(MESSAGES)) {
			const vocabulary = vocabularyOf(reader);
			for (const table of Object.values(MESSAGES)) {
				for (const [word, seconds] of Object.entries(table.durationUnits))
					expect(parseDuration(`1 ${word}`, vocabulary), word).toEqual({ ok: true, seconds });
				for (const word of table.never)
					expect(parseDuration(word, vocabulary), word).toEqual({ ok: true, seconds: 0 });
			}
		}
	});

	it('has no duration word that means two things across languages, or both a unit and "never"', () => {
		const meanings = new Map<string, Set<number>>();
		const add = (word: string, seconds: number) =>
			meanings.set(word, (meanings.get(word) ?? new Set()).add(seconds));
		for (const [word, seconds] of Object.entries(ENGLISH_UNITS)) add(word, seconds);
		for (const table of Object.values(MESSAGES)) {
			for (const [word, seconds] of Object.entries(table.durationUnits)) add(word, seconds);
			for (const word of table.never) add(word, 0);
		}
		for (const word of ENGLISH_NEVER) add(word, 0);
		const ambiguous = [...meanings].filter(([, seconds]) => seconds.size > 1).map(([word]) => word);
		expect(ambiguous).toEqual([]);
	});

	it('falls back from the user’s locale to the server’s, then to English', () => {
		expect(messagesFor('de', null)).toBe(MESSAGES[Locale.German]);
		expect(messagesFor('sv-SE', 'fr')).toBe(MESSAGES[Locale.French]);
		expect(messagesFor(undefined, undefined)).toBe(en);
		expect(messagesFor('sv-SE', 'fi')).toBe(en);
		expect(messagesFor('es-419')).toBe(MESSAGES[Locale.SpanishLATAM]);
		expect(messagesFor('es-ES')).toBe(MESSAGES[Locale.SpanishES]);
	});

	it('registers a translated description for every locale, within Discord’s limits', () => {
		const command = buildInviteCommand();
		const locales = translated.map(([locale]) => locale);
		expect(Object.keys(command.description_localizations ?? {}).sort()).toEqual([...locales].sort());
		for (const option of command.options ?? []) {
			expect(Object.keys(option.description_localizations ?? {}).sort()).toEqual([...locales].sort());
			for (const name of Object.values(option.name_localizations ?? {})) expect(name).toMatch(NAME_PATTERN);
			for (const description of Object.values(option.description_localizations ?? {}))
				expect(description!.length).toBeLessThanOrEqual(100);
		}
	});
});
