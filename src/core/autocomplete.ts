/**
 * Suggestions for `expires`: Discord's own choices first, then what the user is typing, read
 * back as a duration so they see what it means before sending. Pure.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { FREE_TEXT_MAX_LENGTH } from './checks.js';
import {
	compactDuration,
	DISCORD_EXPIRY_PRESETS,
	type DurationVocabulary,
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

// Intl formatters are costly to build and immutable: one per locale (and unit) is enough.
const unitFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function unitFormat(locale: string, unit: string): Intl.NumberFormat {
	const key = `${locale}|${unit}`;
	let format = unitFormats.get(key);
	if (!format) {
		format = safeIntl(locale, (tag) => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long' }));
		unitFormats.set(key, format);
	}
	return format;
}

function listFormat(locale: string): Intl.ListFormat {
	let format = listFormats.get(locale);
	if (!format) {
		format = safeIntl(locale, (tag) => new Intl.ListFormat(tag, { style: 'long', type: 'unit' }));
		listFormats.set(locale, format);
	}
	return format;
}

/** Builds with the user's locale, or English when Intl rejects the tag. */
function safeIntl<T>(locale: string, build: (tag: string) => T): T {
	try {
		return build(locale);
	} catch {
		return build('en-US');
	}
}

const clip = (text: string): string =>
	text.length <= MAX_CHOICE_LENGTH ? text : `${text.slice(0, MAX_CHOICE_LENGTH - 1)}…`;

/** The choices to show for what the user has typed so far in `expires`. */
export function suggestExpires(
	typed: string,
	locale: string,
	messages: Messages,
	vocabulary: readonly DurationVocabulary[] = [],
): APIApplicationCommandOptionChoice<string>[] {
	const presets = DISCORD_EXPIRY_PRESETS.map((seconds) => ({
		name: describeDuration(seconds, locale, messages),
		value: compactDuration(seconds),
		seconds,
	}));
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
	// A bare number is probably the start of "1h" or "12h": presets first, seconds last.
	const bareNumber = /^\d+$/.test(text) && text !== '0';
	if (read && !bareNumber) choices.push(read);
	// Presets whose words or compact form start with what was typed ("1" -> 1 hour, 1 day).
	const lower = text.toLowerCase();
	for (const preset of presets) {
		if (choices.some((choice) => choice.value === preset.value)) continue;
		if (preset.name.toLowerCase().startsWith(lower) || preset.value.startsWith(lower))
			choices.push({ name: preset.name, value: preset.value });
	}
	if (read && bareNumber && !choices.some((choice) => choice.value === read.value)) choices.push(read);
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
}

/**
 * The choices `/invite` answers an autocomplete interaction with: suggestions for `expires`
 * in the reader's language, none for any other option.
 */
export function autocompleteChoices(query: AutocompleteQuery): APIApplicationCommandOptionChoice<string>[] {
	if (query.focused?.name !== 'expires') return [];
	const messages = messagesFor(query.locale, query.guildLocale);
	return suggestExpires(query.focused.value, query.locale, messages, vocabularyOf(messages));
}
