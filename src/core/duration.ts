/**
 * Invite lifetimes: parsing what people type into `expires`, and the presets Discord's own
 * "Invite people" dialog offers. Pure functions only.
 */

/** The longest lifetime Discord's docs allow for `max_age` (7 days). */
export const MAX_INVITE_AGE_SECONDS = 604_800;

/** Discord's default when `max_age` is omitted (1 day); ours too. */
export const DEFAULT_INVITE_AGE_SECONDS = 86_400;

/** The choices of Discord's own invite dialog, in its order; `0` is "never". */
export const DISCORD_EXPIRY_PRESETS = [1_800, 3_600, 21_600, 43_200, 86_400, 604_800, 0] as const;

/** Unit words a person may type, mapped to seconds. Locales add their own words. */
export type UnitTable = Readonly<Record<string, number>>;

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** English unit words; understood in every locale. */
export const ENGLISH_UNITS: UnitTable = {
	s: 1,
	sec: 1,
	secs: 1,
	second: 1,
	seconds: 1,
	m: MINUTE,
	min: MINUTE,
	mins: MINUTE,
	minute: MINUTE,
	minutes: MINUTE,
	h: HOUR,
	hr: HOUR,
	hrs: HOUR,
	hour: HOUR,
	hours: HOUR,
	d: DAY,
	day: DAY,
	days: DAY,
	w: WEEK,
	wk: WEEK,
	week: WEEK,
	weeks: WEEK,
};

/** Words meaning "no expiry". */
export const ENGLISH_NEVER = ['never', 'none', 'forever', 'infinite', 'permanent', '∞'] as const;

/** Result of reading a duration. */
export type DurationResult =
	| { ok: true; seconds: number }
	| { ok: false; error: 'unreadable' }
	| { ok: false; error: 'too-long'; seconds: number };

export interface DurationVocabulary {
	units: UnitTable;
	never: readonly string[];
}

/** Words that may join parts ("1 hour and 30 minutes"), in the languages we read. */
const JOINERS = new Set(['and', 'und', 'et', 'y', 'e', 'en', 'i', 'и', 've', 'oraz']);

/**
 * The longest text `parseDuration` reads. Discord caps the option at its `max_length` (32);
 * this bound holds for any caller, so no input can cost more than a few hundred steps.
 */
export const DURATION_INPUT_MAX_LENGTH = 100;

/** A letter of any script (`\p{L}`) at `at`, read as one code point: its length in code units, or 0. */
const LETTER = /\p{L}/uy;
function letterAt(text: string, at: number): number {
	const code = text.charCodeAt(at);
	// ASCII first: the input is lower case, and most of what people type is a-z.
	if (code < 0x80) return code >= 0x61 && code <= 0x7a ? 1 : code >= 0x41 && code <= 0x5a ? 1 : 0;
	LETTER.lastIndex = at;
	if (!LETTER.test(text)) return 0;
	return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
}
const digitAt = (text: string, at: number): boolean => {
	const code = text.charCodeAt(at);
	return code >= 0x30 && code <= 0x39;
};

/** The end of the run of letters starting at `at`. */
function lettersEnd(text: string, at: number): number {
	let end = at;
	for (let step = letterAt(text, end); step > 0; step = letterAt(text, end)) end += step;
	return end;
}

/** The end of the run of ASCII digits starting at `at`. */
function digitsEnd(text: string, at: number): number {
	let end = at;
	while (digitAt(text, end)) end++;
	return end;
}

/** What a unit word means: the last vocabulary that knows it wins, as when they are merged. */
function unitSeconds(word: string, extra: readonly DurationVocabulary[]): number | undefined {
	for (let i = extra.length - 1; i >= 0; i--) {
		const units = (extra[i] as DurationVocabulary).units;
		if (Object.hasOwn(units, word)) return units[word];
	}
	return Object.hasOwn(ENGLISH_UNITS, word) ? ENGLISH_UNITS[word] : undefined;
}

const ALL_DIGITS = /^\d+$/;
const SPACES = /\s+/g;

/**
 * Reads a lifetime such as `90m`, `2h30m`, `1h 30m`, `3d`, `1 week`, `never` or `0`.
 * A bare number is seconds, as in Discord's `max_age`. Extra vocabularies (a user's language)
 * are tried alongside English. One pass over at most `DURATION_INPUT_MAX_LENGTH` characters:
 * no regular expression that could backtrack. The vocabularies are read in place, not merged:
 * a merged table of every language's words cost more than the whole parse.
 */
export function parseDuration(input: string, extra: readonly DurationVocabulary[] = []): DurationResult {
	if (input.length > DURATION_INPUT_MAX_LENGTH) return { ok: false, error: 'unreadable' };
	const text = input.trim().toLowerCase().replace(SPACES, ' ');
	if (text === '') return { ok: false, error: 'unreadable' };
	if (ENGLISH_NEVER.includes(text as (typeof ENGLISH_NEVER)[number]) || extra.some((v) => v.never.includes(text)))
		return { ok: true, seconds: 0 };
	if (ALL_DIGITS.test(text)) return inRange(Number(text));

	// "2h30m", "2 h 30 m", "1 hour 30 minutes", "1,5 h", "2 hours and 30 minutes"
	const length = text.length;
	let at = 0;
	let total = 0;
	let parts = 0;
	while (at < length) {
		const char = text.charCodeAt(at);
		// What may stand between parts: spaces, commas and plus signs ("1h, 30m", "1h + 30m").
		if (char === 0x20 || char === 0x2c || char === 0x2b) {
			at++;
			continue;
		}
		const wordEnd = lettersEnd(text, at);
		if (wordEnd > at) {
			// A word on its own may only join parts ("and", "und").
			if (!JOINERS.has(text.slice(at, wordEnd))) return { ok: false, error: 'unreadable' };
			at = wordEnd;
			continue;
		}
		if (!digitAt(text, at)) return { ok: false, error: 'unreadable' };
		const numberStart = at;
		at = digitsEnd(text, at);
		let number = text.slice(numberStart, at);
		// A decimal part: "1.5h", "1,5 h" (a comma followed by digits, else it separates).
		const mark = text.charCodeAt(at);
		if ((mark === 0x2e || mark === 0x2c) && digitAt(text, at + 1)) {
			const fractionEnd = digitsEnd(text, at + 1);
			number += `.${text.slice(at + 1, fractionEnd)}`;
			at = fractionEnd;
		}
		while (text.charCodeAt(at) === 0x20) at++;
		const unitEnd = lettersEnd(text, at);
		const unit = unitSeconds(text.slice(at, unitEnd), extra);
		if (unit === undefined) return { ok: false, error: 'unreadable' };
		at = unitEnd;
		if (text.charCodeAt(at) === 0x2e) at++;
		total += Number(number) * unit;
		parts++;
	}
	if (parts === 0) return { ok: false, error: 'unreadable' };
	// Round up: `0.4s` must not become 0, which Discord reads as "never expires".
	return inRange(Math.ceil(total));
}

function inRange(seconds: number): DurationResult {
	if (!Number.isSafeInteger(seconds) || seconds < 0) return { ok: false, error: 'unreadable' };
	if (seconds > MAX_INVITE_AGE_SECONDS) return { ok: false, error: 'too-long', seconds };
	return { ok: true, seconds };
}

/** Splits seconds into whole days, hours, minutes and seconds, largest first. */
export function splitDuration(seconds: number): { days: number; hours: number; minutes: number; seconds: number } {
	return {
		days: Math.floor(seconds / DAY),
		hours: Math.floor((seconds % DAY) / HOUR),
		minutes: Math.floor((seconds % HOUR) / MINUTE),
		seconds: seconds % MINUTE,
	};
}

/** The compact form that `parseDuration` reads back, e.g. `1d2h30m`; `never` for 0. */
export function compactDuration(seconds: number): string {
	if (seconds === 0) return 'never';
	const parts = splitDuration(seconds);
	const out = `${parts.days ? `${parts.days}d` : ''}${parts.hours ? `${parts.hours}h` : ''}${parts.minutes ? `${parts.minutes}m` : ''}${parts.seconds ? `${parts.seconds}s` : ''}`;
	return out;
}
