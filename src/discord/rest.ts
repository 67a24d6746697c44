/**
 * The REST clients the project makes, and what it watches on them. @discordjs/rest drops its
 * token on any 401 (`setToken(null)`): every later request then fails before reaching
 * Discord, so one 401 (a revoked token, a proxy's hiccup) would disable the bot until a
 * restart. Ours keep the configured token, and report 401s so an operator sees them. All of
 * them share where Discord (or a REST proxy in front of it) is and the client-side global cap
 * (`restOptions`).
 */
import { REST, type RESTOptions } from '@discordjs/rest';

/** Options of a REST client the project makes: @discordjs/rest's, plus the token. */
export type RestClientOptions = Partial<RESTOptions> & { token: string };

/**
 * A @discordjs/rest client that never loses its configured token. @discordjs/rest reads the
 * token once per request, synchronously, when it builds the headers; its 401 handler calls
 * `setToken(null)`, which here puts the configured token straight back, so no request ever
 * goes out without it and the next one reaches Discord as configured.
 */
export class ConfiguredTokenREST extends REST {
	readonly #token: string;

	constructor({ token, ...options }: RestClientOptions) {
		super(options);
		this.#token = token;
		super.setToken(token);
	}

	/** Sets a new token; `null` (what @discordjs/rest passes after a 401) restores the configured one. */
	override setToken(token: string | null): this {
		return super.setToken(token || this.#token);
	}
}

/** A REST client that keeps its token (see `ConfiguredTokenREST`). */
export const createRest = (options: RestClientOptions): REST => new ConfiguredTokenREST(options);

/** What a request's answer says about the token. */
export interface TokenWatcher {
	/** Discord answered 401 to a request that carried the bot token. */
	rejected(details: { method: string; route: string }): void;
	/** Discord answered a request that carried the bot token with a success. */
	accepted?(): void;
}

/**
 * Watches every answer `rest` gets for what it says about the bot token. Requests without
 * bot auth (interaction callbacks, webhook edits) say nothing about it.
 * @returns a function that stops watching
 */
export function watchToken(rest: REST, watcher: TokenWatcher): () => void {
	const listener = (
		request: { method: string; route: string; data: { auth?: boolean } },
		response: { status: number },
	) => {
		if (request.data.auth === false) return;
		if (response.status === 401) watcher.rejected({ method: request.method.toUpperCase(), route: request.route });
		else if (response.status >= 200 && response.status < 300) watcher.accepted?.();
	};
	rest.on('response', listener);
	return () => rest.off('response', listener);
}

type ResponseListener = (status: number, headers: Headers) => void;
const responseListeners = new WeakMap<REST, Map<AbortSignal, ResponseListener>>();

/**
 * Calls `listener` with the status and headers of every answer to the request sent with
 * `signal` (each 429 retry included): @discordjs/rest hands the caller's signal to each
 * attempt. One `response` listener per client serves every request.
 * @returns a function that stops listening
 */
export function onRequestResponse(rest: REST, signal: AbortSignal, listener: ResponseListener): () => void {
	let bySignal = responseListeners.get(rest);
	if (!bySignal) {
		const signals = new Map<AbortSignal, ResponseListener>();
		bySignal = signals;
		responseListeners.set(rest, signals);
		rest.on('response', (request, response) => {
			const own = request.data.signal ? signals.get(request.data.signal as AbortSignal) : undefined;
			own?.(response.status, response.headers);
		});
	}
	bySignal.set(signal, listener);
	return () => bySignal.delete(signal);
}

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
