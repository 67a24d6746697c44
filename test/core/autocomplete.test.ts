import { describe, expect, it } from 'vitest';
import { describeDuration, suggestExpires } from '../../src/core/autocomplete.js';
import { parseDuration } from '../../src/core/duration.js';
import { en } from '../../src/i18n/index.js';

const values = (typed: string): string[] => suggestExpires(typed, 'en-US', en).map((choice) => choice.value);

describe('describeDuration', () => {
	it('spells a lifetime out in words, largest unit first', () => {
		expect(describeDuration(90_061, 'en-US', en)).toBe('1 day, 1 hour, 1 minute, 1 second');
		expect(describeDuration(5_400, 'en-US', en)).toBe('1 hour, 30 minutes');
		expect(describeDuration(604_800, 'en-US', en)).toBe('7 days');
	});

	it('uses the "never" label for 0', () => {
		expect(describeDuration(0, 'en-US', en)).toBe(en.neverLabel);
	});

	it("formats numbers and units in the reader's language", () => {
		expect(describeDuration(3_600, 'de', en)).toBe('1 Stunde');
	});

	it('falls back to English for a locale tag Intl cannot read', () => {
		expect(describeDuration(60, 'not a locale!', en)).toBe('1 minute');
	});
});

describe('suggestExpires', () => {
	it("offers Discord's presets, in the dialog's order, when nothing is typed", () => {
		expect(suggestExpires('', 'en-US', en)).toEqual([
			{ name: '30 minutes', value: '30m' },
			{ name: '1 hour', value: '1h' },
			{ name: '6 hours', value: '6h' },
			{ name: '12 hours', value: '12h' },
			{ name: '1 day', value: '1d' },
			{ name: '7 days', value: '7d' },
			{ name: en.neverLabel, value: 'never' },
		]);
		expect(values('   ')).toHaveLength(7);
	});

	it('reads what is typed back in words, with a value parseDuration understands', () => {
		expect(suggestExpires('90m', 'en-US', en)).toEqual([{ name: '1 hour, 30 minutes', value: '1h30m' }]);
		expect(suggestExpires('1.5h', 'en-US', en)[0]).toEqual({ name: '1 hour, 30 minutes', value: '1h30m' });
	});

	it('reads a bare number as the start of a preset, then as hours, days or minutes: never a few seconds', () => {
		expect(values('1')).toEqual(['1h', '12h', '1d']);
		expect(values('7')).toEqual(['7d', '7h', '7m']);
		expect(values('45')).toEqual(['1d21h', '45m']);
		// As many seconds as Discord's max_age takes, when that is a lifetime worth having.
		expect(values('3600')).toEqual(['2d12h', '1h']);
		expect(suggestExpires('999999', 'en-US', en)).toEqual([
			{ name: en.suggest.tooLong('999999'), value: '999999' },
		]);
	});

	it('offers "never" for 0 and for the first letters of never', () => {
		expect(suggestExpires('0', 'en-US', en)).toEqual([{ name: en.neverLabel, value: 'never' }]);
		expect(values('n')).toEqual(['never']);
	});

	it('warns about a lifetime over 7 days instead of offering it as valid', () => {
		expect(suggestExpires('8d', 'en-US', en)).toEqual([{ name: en.suggest.tooLong('8d'), value: '8d' }]);
	});

	it('explains an unreadable input instead of returning no choices', () => {
		expect(suggestExpires('soon', 'en-US', en)).toEqual([{ name: en.suggest.unreadable('soon'), value: 'soon' }]);
	});

	it("keeps every choice within Discord's limits: at most 25, names and values of 1 to 100 characters", () => {
		const cases: [typed: string, choices: number][] = [
			['', 7],
			['1', 3],
			['90m', 1],
			['x'.repeat(300), 1],
			['9'.repeat(300), 1],
			['1h '.repeat(60), 1],
			['never', 1],
		];
		for (const [typed, count] of cases) {
			const choices = suggestExpires(typed, 'en-US', en);
			expect(choices, typed).toHaveLength(count);
			for (const choice of choices) {
				expect(choice.name.length).toBeGreaterThanOrEqual(1);
				expect(choice.name.length).toBeLessThanOrEqual(100);
				expect(choice.value.length).toBeGreaterThanOrEqual(1);
				expect(choice.value.length).toBeLessThanOrEqual(100);
			}
		}
	});

	it('never lists the same value twice', () => {
		for (const typed of ['', '1', '1h', '1d', '0', 'never', '7d', '30m']) {
			const list = values(typed);
			expect(new Set(list).size).toBe(list.length);
		}
	});

	it('only suggests values that are valid lifetimes when the input was readable', () => {
		for (const typed of ['', '1', '12', '90m', '2h30m', '1 week']) {
			for (const value of values(typed)) expect(parseDuration(value).ok).toBe(true);
		}
	});
});

describe('suggestExpires on hostile input', () => {
	it('answers 60,000 typed characters at once, with one suggestion of at most 100 characters', () => {
		const started = performance.now();
		const choices = suggestExpires(`${'1'.repeat(60_000)}!`, 'en-US', en);
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(choices).toHaveLength(1);
		expect(choices[0]?.name.length).toBeLessThanOrEqual(100);
		expect(choices[0]?.value.length).toBeLessThanOrEqual(100);
	});
});
