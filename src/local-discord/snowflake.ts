import { randomBytes, randomInt } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z) in ms: snowflakes count from here. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes time-ordered snowflakes like Discord's (timestamp << 22 | worker | increment), so
 * discord.js' `createdTimestamp` of a fake object is plausible. Ids are strictly increasing
 * within one generator even when two are made in the same millisecond.
 */
export class SnowflakeGenerator {
	#last = 0n;

	/** A new snowflake for "now" (or `at`, in ms since the Unix epoch). */
	next(at: number = Date.now()): string {
		let id = ((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n);
		if (id <= this.#last) id = this.#last + 1n;
		this.#last = id;
		return id.toString();
	}
}

/** The timestamp (ms since the Unix epoch) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
	return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Whether `value` is a string Discord would accept as a snowflake. */
export function isSnowflake(value: unknown): value is string {
	return typeof value === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(value) && BigInt(value) < 1n << 64n;
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random invite code: 8-10 letters and digits, the shape discord.gg codes have today. */
export function randomInviteCode(): string {
	const length = randomInt(8, 11);
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/**
 * A random interaction token. Real ones are long opaque base64url strings starting with
 * `aW50ZXJhY3Rpb246` ("interaction:"); code must never parse them, so neither do we.
 */
export function randomInteractionToken(interactionId: string): string {
	const inner = Buffer.from(`interaction:${interactionId}:${randomBytes(48).toString('base64url')}`);
	return inner.toString('base64url');
}
