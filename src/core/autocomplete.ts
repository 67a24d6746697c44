/**
 * Suggestions for `expires`: Discord's own choices first, then what the user is typing, read
 * back as a duration so they see what it means before sending. Pure.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { suggestActivities } from './activities.js';
import { FREE_TEXT_MAX_LENGTH } from './checks.js';
import {
	compactDuration,
	DISCORD_EXPIRY_PRESETS,
	type DurationVocabulary,
	MAX_INVITE_AGE_SECONDS,
	parseDuration,
	splitDuration,
} from './duration.js';

/** Discord accepts at most 25 choices, names and values of 1-100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** A duration in words, in the reader's language (`1 day, 2 hours`), or the "never" label. */
export function describeDuration(seconds: number, locale: string, messages: Messages): string {
	if (seconds === 0) return messages.neverLabel;
	const parts = splitDuration(seconds);
	const units = [
		['day', parts.days],
		['hour', parts.hours],
		['minute', parts.minutes],
		['second', parts.seconds],
	] as const;
	const words = units
		.filter(([, amount]) => amount > 0)
		.map(([unit, amount]) => unitFormat(locale, unit).format(amount));
	return listFormat(locale).format(words);
}

/**
 * Intl formatters are costly to build and immutable: one per locale (and unit) is enough. The
 * locale comes from the payload, so each cache is bounded: past the bound it starts over.
 */
const CACHE_LIMIT = 64;
const unitFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

/** `cache`'s entry for `key`, built once (the cache is emptied when it reaches `CACHE_LIMIT`). */
function cached<K, V>(cache: Map<K, V>, key: K, build: () => V): V {
	let value = cache.get(key);
	if (value === undefined) {
		if (cache.size >= CACHE_LIMIT) cache.clear();
		value = build();
		cache.set(key, value);
	}
	return value;
}

function unitFormat(locale: string, unit: string): Intl.NumberFormat {
	return cached(unitFormats, `${locale}|${unit}`, () =>
		safeIntl(locale, (tag) => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' })),
	);
}

function listFormat(locale: string): Intl.ListFormat {
	return cached(listFormats, locale, () =>
		safeIntl(locale, (tag) => new Intl.ListFormat(tag, { style: 'long', type: 'unit' })),
	);
}

interface Preset {
	name: string;
	/** `name` in lower case, for matching what is typed. */
	lower: string;
	value: string;
}

/** Discord's presets in words, per message table and locale: the same seven on every keystroke. */
const presetsCache = new WeakMap<Messages, Map<string, readonly Preset[]>>();

function presetsFor(locale: string, messages: Messages): readonly Preset[] {
	let byLocale = presetsCache.get(messages);
	if (!byLocale) {
		byLocale = new Map();
		presetsCache.set(messages, byLocale);
	}
	return cached(byLocale, locale, () =>
		DISCORD_EXPIRY_PRESETS.map((seconds) => {
			const name = describeDuration(seconds, locale, messages);
			return { name, lower: name.toLowerCase(), value: compactDuration(seconds) };
		}),
	);
}

/** Builds with the user's locale, or English when Intl rejects the tag. */
function safeIntl<T>(locale: string, build: (tag: string) => T): T {
	try {
		return build(locale);
	} catch {
		return build('en-US');
	}
}

const ALL_DIGITS = /^\d+$/;

const clip = (text: string): string =>
	text.length <= MAX_CHOICE_LENGTH ? text : `${text.slice(0, MAX_CHOICE_LENGTH - 1)}…`;

/** A few minutes at least: an invite that lasts seconds is a typo, not a wish. */
const SHORTEST_SUGGESTED_SECONDS = 300;

/**
 * What a bare number may mean, in seconds, most likely first: hours, days, minutes, and the
 * number as seconds (`asSeconds`, Discord's max_age) last. Only lifetimes Discord accepts and
 * of a few minutes at least: `1` offers 1 hour and 1 day, never 1 second.
 */
function bareNumberReadings(amount: number, asSeconds: number | undefined): number[] {
	const readings = [amount * 3_600, amount * 86_400, amount * 60];
	if (asSeconds !== undefined) readings.push(asSeconds);
	return readings.filter((seconds) => seconds >= SHORTEST_SUGGESTED_SECONDS && seconds <= MAX_INVITE_AGE_SECONDS);
}

/** The choices to show for what the user has typed so far in `expires`. */
export function suggestExpires(
	typed: string,
	locale: string,
	messages: Messages,
	vocabulary: readonly DurationVocabulary[] = [],
): APIApplicationCommandOptionChoice<string>[] {
	const presets = presetsFor(locale, messages);
	// Longer than the option's max_length: Discord would not send it; answer without reading it.
	if (typed.length > FREE_TEXT_MAX_LENGTH.expires)
		return [{ name: clip(messages.suggest.unreadable(`${typed.slice(0, 20)}…`)), value: clip(typed.slice(0, 20)) }];
	const text = typed.trim();
	if (text === '') return presets.map(({ name, value }) => ({ name, value }));

	const choices: APIApplicationCommandOptionChoice<string>[] = [];
	const parsed = parseDuration(text, vocabulary);
	const read = parsed.ok
		? { name: clip(describeDuration(parsed.seconds, locale, messages)), value: compactDuration(parsed.seconds) }
		: parsed.error === 'too-long'
			? { name: clip(messages.suggest.tooLong(text)), value: clip(text) }
			: undefined;
	// A bare number is probably the start of "1h" or "12h": presets first, then the number in
	// hours, days and minutes; as seconds (Discord's max_age) only when that is at least a minute.
	const bareNumber = ALL_DIGITS.test(text) && text !== '0';
	if (read && !bareNumber) choices.push(read);
	// Presets whose words or compact form start with what was typed ("1" -> 1 hour, 1 day).
	const lower = text.toLowerCase();
	for (const preset of presets) {
		if (choices.some((choice) => choice.value === preset.value)) continue;
		if (preset.lower.startsWith(lower) || preset.value.startsWith(lower))
			choices.push({ name: preset.name, value: preset.value });
	}
	if (bareNumber) {
		for (const seconds of bareNumberReadings(Number(text), parsed.ok ? parsed.seconds : undefined)) {
			const value = compactDuration(seconds);
			if (!choices.some((choice) => choice.value === value))
				choices.push({ name: clip(describeDuration(seconds, locale, messages)), value });
		}
		// Too long whichever way it is read: say so (`read` holds the warning).
		if (choices.length === 0 && read) choices.push(read);
	}
	if (choices.length === 0) choices.push({ name: clip(messages.suggest.unreadable(text)), value: clip(text) });
	return choices.slice(0, MAX_CHOICES);
}

/** What an autocomplete interaction asks, whichever transport delivered it. */
export interface AutocompleteQuery {
	/** The focused option and what is typed so far, or undefined when none is focused. */
	focused: { name: string; value: string } | undefined;
	/** The invoker's language (`locale`). */
	locale: string;
	/** The server's language (`guild_locale`). */
	guildLocale?: string | undefined;
	/** The subcommand (and its group first) the focused option belongs to, when the command has them. */
	subcommand?: readonly string[] | undefined;
}

/**
 * The choices `/invite` answers an autocomplete interaction with: suggestions for `expires`
 * in the reader's language, Discord's own Activities for `activity`, none for any other option.
 */
export function autocompleteChoices(query: AutocompleteQuery): APIApplicationCommandOptionChoice<string>[] {
	if (query.focused?.name === 'activity') return suggestActivities(query.focused.value);
	// `max_expires` of /invite-settings is read like `expires`: the same suggestions.
	if (query.focused?.name !== 'expires' && query.focused?.name !== 'max_expires') return [];
	const messages = messagesFor(query.locale, query.guildLocale);
	return suggestExpires(query.focused.value, query.locale, messages, vocabularyOf(messages));
}
