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
