import { describe, expect, it } from 'vitest';
import {
	compactDuration,
	DEFAULT_INVITE_AGE_SECONDS,
	DISCORD_EXPIRY_PRESETS,
	MAX_INVITE_AGE_SECONDS,
	parseDuration,
	splitDuration,
} from '../../src/core/duration.js';

describe('parseDuration', () => {
	it.each([
		['90m', 5_400],
		['2h30m', 9_000],
		['1h 30m', 5_400],
		['1h30m', 5_400],
		['3d', 259_200],
		['1w', 604_800],
		['1 week', 604_800],
		['1.5h', 5_400],
		['1,5 h', 5_400],
		['30 minutes', 1_800],
		['2 hours and 30 minutes', 9_000],
		['1h, 30m', 5_400],
		['  2H  ', 7_200],
		['45s', 45],
	])('reads %j as %i seconds', (input, seconds) => {
		expect(parseDuration(input)).toEqual({ ok: true, seconds });
	});

	it.each(['never', 'Never', 'none', 'forever', 'permanent', '∞', '0'])(
		'reads %j as 0, the "never expires" value',
		(input) => {
			expect(parseDuration(input)).toEqual({ ok: true, seconds: 0 });
		},
	);

	it("reads a bare number as seconds, like Discord's max_age", () => {
		expect(parseDuration('3600')).toEqual({ ok: true, seconds: 3_600 });
	});

	it('accepts exactly 7 days, the longest lifetime Discord documents', () => {
		expect(parseDuration(String(MAX_INVITE_AGE_SECONDS))).toEqual({ ok: true, seconds: 604_800 });
		expect(parseDuration('7d')).toEqual({ ok: true, seconds: 604_800 });
	});

	it('calls one second over 7 days too long, and says how long it was', () => {
		expect(parseDuration('604801')).toEqual({ ok: false, error: 'too-long', seconds: 604_801 });
		expect(parseDuration('7d1s')).toEqual({ ok: false, error: 'too-long', seconds: 604_801 });
		expect(parseDuration('8d')).toEqual({ ok: false, error: 'too-long', seconds: 691_200 });
	});

	it.each(['', '   ', 'garbage', 'h', '2h30', '-5m', '1.5.5h', '5 parsecs', 'soon', '.5h', 'and'])(
		'refuses %j as unreadable',
		(input) => {
			expect(parseDuration(input)).toEqual({ ok: false, error: 'unreadable' });
		},
	);

	it('refuses a number too large to count exactly instead of misreading it', () => {
		expect(parseDuration('99999999999999999999').ok).toBe(false);
	});

	it('reads unit words from an extra vocabulary alongside English', () => {
		const german = { units: { stunde: 3_600, stunden: 3_600, tag: 86_400 }, never: ['nie'] };
		expect(parseDuration('2 stunden und 30m', [german])).toEqual({ ok: true, seconds: 9_000 });
		expect(parseDuration('nie', [german])).toEqual({ ok: true, seconds: 0 });
		expect(parseDuration('nie')).toEqual({ ok: false, error: 'unreadable' });
	});

	it('lets a later vocabulary override an earlier one, as if they were merged in order', () => {
		const first = { units: { stunde: 60 }, never: [] };
		const second = { units: { stunde: 3_600 }, never: [] };
		expect(parseDuration('2 stunde', [first, second])).toEqual({ ok: true, seconds: 7_200 });
		expect(parseDuration('2 stunde', [second, first])).toEqual({ ok: true, seconds: 120 });
	});

	it("refuses a word that is only a property of every object, such as 'constructor'", () => {
		expect(parseDuration('2 constructor')).toEqual({ ok: false, error: 'unreadable' });
		expect(parseDuration('2 constructor', [{ units: {}, never: [] }])).toEqual({ ok: false, error: 'unreadable' });
	});

	it('reads letters of any script, including ones outside the Basic Multilingual Plane', () => {
		expect(parseDuration('3 𝒉', [{ units: { 𝒉: 3_600 }, never: [] }])).toEqual({ ok: true, seconds: 10_800 });
		expect(parseDuration('2 часа', [{ units: { часа: 3_600 }, never: [] }])).toEqual({ ok: true, seconds: 7_200 });
		expect(parseDuration('2 𝒉')).toEqual({ ok: false, error: 'unreadable' });
	});

	// Regression: an amount that rounded to 0 seconds became 0, which Discord reads as "never expires".
	// rounds to 0 seconds becomes 0, which Discord reads as "never expires". Typing `0.4s`
	// (asking for a nearly instant expiry) yields a permanent invite: { ok: true, seconds: 0 }.
	it('does not turn a sub-second amount such as 0.4s into a never-expiring invite', () => {
		expect(parseDuration('0.4s')).not.toEqual({ ok: true, seconds: 0 });
	});
});

describe('splitDuration', () => {
	it('splits seconds into days, hours, minutes and seconds', () => {
		expect(splitDuration(90_061)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
		expect(splitDuration(0)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
		expect(splitDuration(MAX_INVITE_AGE_SECONDS)).toEqual({ days: 7, hours: 0, minutes: 0, seconds: 0 });
	});
});

describe('compactDuration', () => {
	it('writes 0 as never and other lifetimes largest unit first', () => {
		expect(compactDuration(0)).toBe('never');
		expect(compactDuration(5_400)).toBe('1h30m');
		expect(compactDuration(95_445)).toBe('1d2h30m45s');
		expect(compactDuration(MAX_INVITE_AGE_SECONDS)).toBe('7d');
	});

	it('writes every value that parseDuration reads back unchanged', () => {
		for (const seconds of [...DISCORD_EXPIRY_PRESETS, 1, 59, 61, 3_599, 95_445, 604_799]) {
			expect(parseDuration(compactDuration(seconds))).toEqual({ ok: true, seconds });
		}
	});
});

describe('presets', () => {
	it("are the choices of Discord's own invite dialog, in its order, ending with never", () => {
		expect(DISCORD_EXPIRY_PRESETS).toEqual([1_800, 3_600, 21_600, 43_200, 86_400, 604_800, 0]);
		expect(DISCORD_EXPIRY_PRESETS).toContain(DEFAULT_INVITE_AGE_SECONDS);
		expect(DEFAULT_INVITE_AGE_SECONDS).toBe(86_400);
		expect(Math.max(...DISCORD_EXPIRY_PRESETS)).toBe(MAX_INVITE_AGE_SECONDS);
	});
});

describe('parseDuration on hostile input', () => {
	it('reads 20,000 digits and a "!" in linear time (it refuses them)', () => {
		const started = performance.now();
		expect(parseDuration(`${'1'.repeat(20_000)}!`)).toEqual({ ok: false, error: 'unreadable' });
		expect(parseDuration(`${'1 '.repeat(10_000)}h`)).toEqual({ ok: false, error: 'unreadable' });
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('still reads every form it read before, joiners and separators included', () => {
		expect(parseDuration('1 hour and 30 minutes')).toEqual({ ok: true, seconds: 5_400 });
		expect(parseDuration('1h, 30m')).toEqual({ ok: true, seconds: 5_400 });
		expect(parseDuration('1h + 30m')).toEqual({ ok: true, seconds: 5_400 });
		expect(parseDuration('1,5 h')).toEqual({ ok: true, seconds: 5_400 });
		expect(parseDuration('2 hrs.')).toEqual({ ok: true, seconds: 7_200 });
		expect(parseDuration('1h 30')).toEqual({ ok: false, error: 'unreadable' });
		expect(parseDuration('and')).toEqual({ ok: false, error: 'unreadable' });
	});
});
