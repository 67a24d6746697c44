/**
 * The options every REST client of the project shares: where Discord (or a REST proxy in
 * front of it) is, and the client-side global cap.
 */
import type { RESTOptions } from '@discordjs/rest';

/** Where requests go and how fast, as the configuration gives it. */
export interface SharedRestOptions {
	/** Base URL without the version, as @discordjs/rest's `api` (default `https://discord.com/api`). */
	api?: string | undefined;
	/**
	 * Requests per second across the client (@discordjs/rest's `globalRequestsPerSecond`,
	 * default 50). 0 turns the client-side cap off.
	 */
	globalRequestsPerSecond?: number | undefined;
}

/**
 * @discordjs/rest's options for `shared`. "Off" is `Infinity`, not 0: the client starts each
 * second with `globalRequestsPerSecond` requests and waits for the next second once they are
 * spent, so 0 would let one request through per second. A global 429 from Discord (or a
 * proxy) still stops every request for its `Retry-After`, whatever the cap.
 */
export function restOptions(shared: SharedRestOptions): Partial<RESTOptions> {
	const rps = shared.globalRequestsPerSecond;
	return {
		...(shared.api ? { api: shared.api } : {}),
		...(rps === undefined ? {} : { globalRequestsPerSecond: rps === 0 ? Number.POSITIVE_INFINITY : rps }),
	};
}

/** Discord's global limit for most bots, and @discordjs/rest's default. */
export const DEFAULT_GLOBAL_RPS = 50;

/**
 * Reads `DISCORD_REST_GLOBAL_RPS` (for `npm run serve`, the gateway bot and the Worker alike):
 * the cap, or the problem to report.
 */
export function readGlobalRps(raw: string | undefined): { ok: true; value: number } | { ok: false; problem: string } {
	if (raw === undefined) return { ok: true, value: DEFAULT_GLOBAL_RPS };
	if (/^\d{1,6}$/.test(raw)) return { ok: true, value: Number(raw) };
	return {
		ok: false,
		problem: `DISCORD_REST_GLOBAL_RPS must be a whole number of requests per second (default ${DEFAULT_GLOBAL_RPS}, Discord's global limit for most bots), or 0 to turn the client-side cap off behind a REST proxy.`,
	};
}
