/**
 * Lists of ids typed into a text option or uploaded as a file: `more_roles` (role mentions or
 * ids), `users` (user mentions or ids) and `users_file` (a CSV or text file of user ids).
 * Discord's clients insert a mention when the user picks a role or member in a text option
 * (`<@&id>`, `<@id>`; older clients `<@!id>`), and people paste bare ids. Pure.
 */
import type { Snowflake } from 'discord-api-types/v10';

/** A snowflake as Discord accepts it: 17 to 20 digits, below 2^64. */
export function isSnowflake(text: string): boolean {
	return /^[1-9]\d{16,19}$/.test(text) && BigInt(text) < 2n ** 64n;
}

const MENTION = { role: /^<@&(\d+)>$/, user: /^<@!?(\d+)>$/ } as const;

/** What a list held: the ids in order (duplicates dropped) and the parts that are not ids. */
export interface IdList {
	ids: Snowflake[];
	invalid: string[];
}

/**
 * Reads mentions or ids separated by spaces or commas. A mention of the other kind (a user in
 * `more_roles`) is invalid: Discord would refuse it, or worse, treat it as the wrong thing.
 */
export function parseIdList(text: string, kind: 'role' | 'user'): IdList {
	const ids = new Set<Snowflake>();
	const invalid: string[] = [];
	for (const part of text.split(/[\s,;]+/u)) {
		if (part === '') continue;
		const id = MENTION[kind].exec(part)?.[1] ?? part;
		if (isSnowflake(id)) ids.add(id);
		else invalid.push(part);
	}
	return { ids: [...ids], invalid };
}

/** One line of an uploaded file that is not a user id. */
export interface InvalidLine {
	line: number;
	text: string;
}

/**
 * Reads an uploaded list of users: a CSV with or without the `user_id` header, one id a line
 * or several separated by commas; quotes, blank lines and a byte-order mark are ignored, and
 * mentions are accepted as in `users`.
 */
export function parseUsersFile(text: string): { ids: Snowflake[]; invalid: InvalidLine[] } {
	const ids = new Set<Snowflake>();
	const invalid: InvalidLine[] = [];
	const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
	lines.forEach((raw, index) => {
		for (const cell of raw.split(/[,;\t]/u)) {
			const value = cell
				.trim()
				.replace(/^"(.*)"$/u, '$1')
				.trim();
			if (value === '') continue;
			if (index === 0 && value.toLowerCase() === 'user_id') continue;
			const id = MENTION.user.exec(value)?.[1] ?? value;
			if (isSnowflake(id)) ids.add(id);
			else invalid.push({ line: index + 1, text: value });
		}
	});
	return { ids: [...ids], invalid };
}

/** How many invalid parts a refusal names; the rest are counted, not listed. */
export const LISTED_INVALID = 10;

/**
 * How many lines of an uploaded file a refusal quotes, and how much of each: the file's content
 * goes back to the member, so only a glimpse of it (enough to find the mistake).
 */
export const QUOTED_FILE_LINES = { count: 3, width: 24 } as const;

/**
 * `a`, `b`, `c` … for a refusal: the first `count` invalid parts, each cut to `width`
 * characters, in code spans.
 */
export function listInvalid(parts: readonly string[], count = LISTED_INVALID, width = 40): string {
	const cut = (part: string): string => (part.length > width ? `${part.slice(0, width - 1)}…` : part);
	const shown = parts.slice(0, count).map((part) => `\`${cut(part.replaceAll('`', "'"))}\``);
	return parts.length > count ? `${shown.join(', ')}, … (+${parts.length - count})` : shown.join(', ');
}
