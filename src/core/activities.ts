/**
 * Discord's own Activities, by name, for the `activity` option's autocomplete. Their
 * application ids are not in Discord's docs or its OpenAPI spec (none of them appears there):
 * they are the ids discord.js-era libraries such as discord-together list, the same across
 * several of them. Discord may retire one; any other application id is still accepted. Pure.
 */
import type { APIApplicationCommandOptionChoice, Snowflake } from 'discord-api-types/v10';

/** One of Discord's own Activities. */
export interface DiscordActivity {
	name: string;
	applicationId: Snowflake;
}

/** Discord's own Activities, as discord-together and other libraries list them. */
export const DISCORD_ACTIVITIES: readonly DiscordActivity[] = [
	{ name: 'Watch Together', applicationId: '880218394199220334' },
	{ name: 'Poker Night', applicationId: '755827207812677713' },
	{ name: 'Betrayal.io', applicationId: '773336526917861400' },
	{ name: 'Fishington.io', applicationId: '814288819477020702' },
	{ name: 'Chess in the Park', applicationId: '832012774040141894' },
	{ name: 'Checkers in the Park', applicationId: '832013003968348200' },
	{ name: 'Letter League', applicationId: '879863686565621790' },
	{ name: 'Word Snacks', applicationId: '879863976006127627' },
	{ name: 'Doodle Crew', applicationId: '878067389634314250' },
	{ name: 'Awkword', applicationId: '879863881349087252' },
	{ name: 'SpellCast', applicationId: '852509694341283871' },
	{ name: 'Sketch Heads', applicationId: '902271654783242291' },
	{ name: 'Blazing 8s', applicationId: '832025144389533716' },
	{ name: 'Putt Party', applicationId: '945737671223947305' },
];

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * The choices for what the user has typed in `activity`: Discord's Activities whose name
 * contains it or whose id starts with it; an id that is none of them comes first, as typed.
 */
export function suggestActivities(
	typed: string,
	activities: readonly DiscordActivity[] = DISCORD_ACTIVITIES,
): APIApplicationCommandOptionChoice<string>[] {
	const text = typed.trim();
	const lower = text.toLowerCase();
	const matching = activities
		.filter((activity) => activity.name.toLowerCase().includes(lower) || activity.applicationId.startsWith(text))
		.map((activity) => ({ name: `${activity.name} (${activity.applicationId})`, value: activity.applicationId }));
	const ownId =
		SNOWFLAKE.test(text) && !activities.some((activity) => activity.applicationId === text)
			? [{ name: text, value: text }]
			: [];
	return [...ownId, ...matching].slice(0, 25);
}
