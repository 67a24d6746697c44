import { describe, expect, it } from 'vitest';
import { DISCORD_ACTIVITIES, suggestActivities } from '../../src/core/activities.js';
import { autocompleteChoices } from '../../src/core/autocomplete.js';
import { buildInviteCommand } from '../../src/core/command.js';

describe("Discord's own Activities for `activity`", () => {
	it('lists each Activity once, with an application id Discord would take', () => {
		const ids = DISCORD_ACTIVITIES.map((activity) => activity.applicationId);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^\d{17,20}$/);
		expect(DISCORD_ACTIVITIES.length).toBeLessThanOrEqual(25);
	});

	it('offers every Activity by name for an empty field, the id as the value', () => {
		const choices = suggestActivities('');
		expect(choices).toHaveLength(DISCORD_ACTIVITIES.length);
		expect(choices[0]).toEqual({ name: 'Watch Together (880218394199220334)', value: '880218394199220334' });
	});

	it('finds an Activity by any part of its name, in any case, or by the start of its id', () => {
		expect(suggestActivities('poker')).toEqual([
			{ name: 'Poker Night (755827207812677713)', value: '755827207812677713' },
		]);
		expect(suggestActivities('in the PARK').map((choice) => choice.value)).toEqual([
			'832012774040141894',
			'832013003968348200',
		]);
		expect(suggestActivities('8320').map((choice) => choice.value)).toEqual([
			'832012774040141894',
			'832013003968348200',
			'832025144389533716',
		]);
		expect(suggestActivities('no such game')).toEqual([]);
	});

	it('still takes any application id, offering it first as typed', () => {
		expect(suggestActivities('1100000000000000500')).toEqual([
			{ name: '1100000000000000500', value: '1100000000000000500' },
		]);
	});

	it('answers the activity option through the one autocomplete path, and registers it with autocomplete', () => {
		expect(autocompleteChoices({ focused: { name: 'activity', value: 'watch' }, locale: 'de' })).toEqual([
			{ name: 'Watch Together (880218394199220334)', value: '880218394199220334' },
		]);
		expect(buildInviteCommand().options?.find((option) => option.name === 'activity')).toMatchObject({
			autocomplete: true,
			min_length: 17,
		});
	});
});
