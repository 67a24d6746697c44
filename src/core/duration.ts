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

const ENGLISH: DurationVocabulary = { units: ENGLISH_UNITS, never: ENGLISH_NEVER };

/**
 * The longest text `parseDuration` reads. Discord caps the option at its `max_length` (32);
 * this bound holds for any caller, so no input can cost more than a few hundred steps.
 */
export const DURATION_INPUT_MAX_LENGTH = 100;

const isDigit = (char: string): boolean => char >= '0' && char <= '9';
const isLetter = (char: string): boolean => /\p{L}/u.test(char);
/** What may stand between parts: spaces, commas and plus signs ("1h, 30m", "1h + 30m"). */
const isSeparator = (char: string): boolean => char === ' ' || char === ',' || char === '+';

/**
 * Reads a lifetime such as `90m`, `2h30m`, `1h 30m`, `3d`, `1 week`, `never` or `0`.
 * A bare number is seconds, as in Discord's `max_age`. Extra vocabularies (a user's language)
 * are tried alongside English. One pass over at most `DURATION_INPUT_MAX_LENGTH` characters:
 * no regular expression that could backtrack.
 */
export function parseDuration(input: string, extra: readonly DurationVocabulary[] = []): DurationResult {
	if (input.length > DURATION_INPUT_MAX_LENGTH) return { ok: false, error: 'unreadable' };
	const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
	if (text === '') return { ok: false, error: 'unreadable' };
	const vocabularies = [ENGLISH, ...extra];
	if (vocabularies.some((v) => v.never.includes(text))) return { ok: true, seconds: 0 };
	if (/^\d+$/.test(text)) return inRange(Number(text));

	const units: Record<string, number> = {};
	for (const v of vocabularies) Object.assign(units, v.units);
	// "2h30m", "2 h 30 m", "1 hour 30 minutes", "1,5 h", "2 hours and 30 minutes"
	const chars = [...text];
	let at = 0;
	let total = 0;
	let parts = 0;
	const take = (accept: (char: string) => boolean): string => {
		let out = '';
		while (at < chars.length && accept(chars[at] ?? '')) out += chars[at++];
		return out;
	};
	while (at < chars.length) {
		const char = chars[at] ?? '';
		if (isSeparator(char)) {
			at++;
			continue;
		}
		if (isLetter(char)) {
			// A word on its own may only join parts ("and", "und").
			if (!JOINERS.has(take(isLetter))) return { ok: false, error: 'unreadable' };
			continue;
		}
		if (!isDigit(char)) return { ok: false, error: 'unreadable' };
		let number = take(isDigit);
		// A decimal part: "1.5h", "1,5 h" (a comma followed by digits, else it separates).
		if ((chars[at] === '.' || chars[at] === ',') && isDigit(chars[at + 1] ?? '')) {
			at++;
			number += `.${take(isDigit)}`;
		}
		take((c) => c === ' ');
		const unit = units[take(isLetter)];
		if (unit === undefined) return { ok: false, error: 'unreadable' };
		if (chars[at] === '.') at++;
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
