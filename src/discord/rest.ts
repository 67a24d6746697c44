/**
 * The REST clients the project makes, and what it watches on them. @discordjs/rest drops its
 * token on any 401 (`setToken(null)`): every later request then fails before reaching
 * Discord, so one 401 (a revoked token, a proxy's hiccup) would disable the bot until a
 * restart. Ours keep the configured token, and report 401s so an operator sees them. All of
 * them share where Discord (or a REST proxy in front of it) is and the client-side global cap
 * (`restOptions`).
 */
import { DefaultRestOptions, REST, type RESTOptions } from '@discordjs/rest';

/** Options of a REST client the project makes: @discordjs/rest's, plus the token. */
export type RestClientOptions = Partial<RESTOptions> & { token: string };

/**
 * How much wider than Discord's one second our window is, for clock granularity: the window
 * runs from when an answer came back, which is after Discord counted the request.
 */
export const GLOBAL_WINDOW_MARGIN_MS = 20;

/**
 * Time as the pacer sees it: the same shape as the core's `Clock` (src/core/deadline.ts), which
 * this layer may not import; the programs pass that one clock.
 */
export interface PacerClock {
	now(): number;
	setTimer(callback: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
}

const systemTime: PacerClock = {
	now: () => Date.now(),
	setTimer: (callback, ms) => setTimeout(callback, ms),
	clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Lets the next request take the slot (one window from now). Call once the answer came back or the request failed. */
export type PacerRelease = () => void;

/**
 * Discord's global limit, kept on our side: at most `limit` requests in any window of one
 * second (plus a margin), first come first served. A request holds its slot from when it goes
 * out until one window after its answer came back: Discord counted it somewhere in between,
 * so however late the request reached Discord (network, event-loop lag on either side),
 * the request that takes the slot next reaches Discord more than a second after it. A
 * sliding window also cannot drift against Discord's own the way @discordjs/rest's fixed
 * one-second window does. Requests wait here just before they go on the wire, after their
 * route's bucket let them through. Knows how long a request entering now would wait
 * (`expectedWaitMs`), counting requests still queued on their routes (`track`).
 */
export class GlobalPacer {
	readonly limit: number;
	readonly windowMs: number;
	/** Requests on the wire: they hold a slot until their answer. */
	#inFlight = 0;
	/** When the answers of the latest requests came back (each holds its slot a window more), in order. */
	readonly #done: number[] = [];
	readonly #waiting: Array<{ go: (release: PacerRelease) => void }> = [];
	#timer: unknown;
	#tracked = 0;
	readonly #now: () => number;
	readonly #clock: PacerClock;

	/** `now` alone moves the clock of `expectedWaitMs`; `clock` moves the waits as well. */
	constructor(options: { perSecond: number; marginMs?: number; now?: () => number; clock?: PacerClock }) {
		this.limit = Math.max(1, Math.floor(options.perSecond));
		this.windowMs = 1_000 + (options.marginMs ?? GLOBAL_WINDOW_MARGIN_MS);
		this.#clock = options.clock ?? systemTime;
		this.#now = options.now ?? (() => this.#clock.now());
	}

	/**
	 * Resolves when the request may go out, with the function to call once its answer came
	 * back; rejects when `signal` aborts first.
	 */
	acquire(signal?: AbortSignal | null): Promise<PacerRelease> {
		if (signal?.aborted) return Promise.reject(abortError(signal));
		if (this.#waiting.length === 0 && this.#free()) return Promise.resolve(this.#take());
		return new Promise<PacerRelease>((resolve, reject) => {
			const entry = {
				go: (release: PacerRelease) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(release);
				},
			};
			const onAbort = (): void => {
				const index = this.#waiting.indexOf(entry);
				if (index !== -1) this.#waiting.splice(index, 1);
				reject(abortError(signal));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#waiting.push(entry);
			this.#schedule();
		});
	}

	/**
	 * Counts a request from when it is queued on its route until it is done, so the wait a new
	 * request can expect includes the requests ahead of it on every route.
	 * @returns a function that stops counting it
	 */
	track(): () => void {
		this.#tracked++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.#tracked--;
		};
	}

	/** Requests ahead of one entering now: tracked ones, or those waiting here, whichever is more. */
	get backlog(): number {
		return Math.max(this.#tracked, this.#waiting.length);
	}

	/** How long a request entering now (behind `ahead` others) would wait before going out (ms). */
	expectedWaitMs(ahead: number = this.backlog): number {
		const now = this.#now();
		this.#prune(now);
		// Slots in use, by when they free up (requests on the wire as if answered now).
		const held = [
			...this.#done.map((at) => at + this.windowMs),
			...Array(this.#inFlight).fill(now + this.windowMs),
		];
		const free = this.limit - held.length;
		if (ahead < free) return 0;
		// The k-th request from now takes the slot the (k - limit)-th frees: one window after it.
		const index = ahead - free;
		const rounds = Math.floor(index / this.limit);
		const slot = index % this.limit;
		const freedAt = slot < held.length ? (held[slot] ?? now) : now + this.windowMs;
		return Math.max(0, freedAt + rounds * this.windowMs - now);
	}

	#prune(now: number): void {
		let expired = 0;
		while (expired < this.#done.length && (this.#done[expired] ?? 0) + this.windowMs <= now) expired++;
		if (expired > 0) this.#done.splice(0, expired);
	}

	#free(): boolean {
		this.#prune(this.#now());
		return this.#inFlight + this.#done.length < this.limit;
	}

	#take(): PacerRelease {
		this.#inFlight++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#inFlight--;
			this.#done.push(this.#now());
			if (this.#waiting.length > 0) this.#schedule();
		};
	}

	#schedule(): void {
		if (this.#timer !== undefined) return;
		while (this.#waiting.length > 0 && this.#free()) this.#waiting.shift()?.go(this.#take());
		// Nothing to wait for but answers on the wire: their release schedules again.
		if (this.#waiting.length === 0 || this.#done.length === 0) return;
		const wait = Math.max(1, (this.#done[0] ?? 0) + this.windowMs - this.#now());
		this.#timer = this.#clock.setTimer(() => {
			this.#timer = undefined;
			this.#schedule();
		}, wait);
		// A queued request keeps its own caller waiting; the timer alone must not hold a process open.
		(this.#timer as { unref?: () => void }).unref?.();
	}
}

const abortError = (signal: AbortSignal | null | undefined): unknown =>
	signal?.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');

/** A paced client's pacer and settings, held by its own `makeRequest` (found through `globalPacerOf`). */
interface Paced {
	pacer: GlobalPacer;
	perSecond: number;
	networkTimeoutMs: number;
}
const pacedOptions = new WeakMap<RESTOptions['makeRequest'], Paced>();

/** The bot token's `Authorization` header of a request, if it carries one (interaction routes do not). */
function botAuthorization(headers: unknown): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value =
		headers instanceof Headers ? headers.get('authorization') : (headers as Record<string, unknown>).Authorization;
	return typeof value === 'string' && value.startsWith('Bot ') ? value : undefined;
}

/**
 * @discordjs/rest's `makeRequest`, paced: a request with the bot token waits for the global
 * limit first; the interaction routes (callbacks, webhooks with the interaction token) carry
 * no bot token, are not counted by Discord and go straight out. The network timeout starts
 * once the request leaves the queue (@discordjs/rest's own `timeout` covers the queue too); the
 * slot is held until the answer came back.
 */
function pacedMakeRequest(paced: Paced, send: RESTOptions['makeRequest']): RESTOptions['makeRequest'] {
	const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
		const authorization = botAuthorization(init.headers);
		if (!authorization) return send(url, init);
		const release = await paced.pacer.acquire(init.signal);
		const network = new AbortController();
		const abort = (): void => network.abort(init.signal?.reason);
		if (init.signal?.aborted) abort();
		init.signal?.addEventListener('abort', abort, { once: true });
		const timer = setTimeout(() => network.abort(), paced.networkTimeoutMs);
		try {
			return await send(url, { ...init, signal: network.signal });
		} finally {
			// Answered (headers in) or failed: Discord has counted it by now, if it saw it at all.
			release();
			clearTimeout(timer);
			init.signal?.removeEventListener('abort', abort);
		}
	};
	pacedOptions.set(makeRequest, paced);
	return makeRequest;
}

/**
 * The pacer the bot-token requests of `rest` wait in, when the client-side global limit is on
 * (a client built from `restOptions`); undefined otherwise. Pass it to `restOptions({ pacer })`
 * for another client of the same bot: Discord counts the global limit per bot.
 */
export function globalPacerOf(rest: REST): GlobalPacer | undefined {
	return pacedOptions.get(rest.options.makeRequest)?.pacer;
}

/** The configured rate of a client built from `restOptions` (0 when its cap is off), for another client of the same bot. */
export function globalRpsOf(rest: REST): number {
	const paced = pacedOptions.get(rest.options.makeRequest);
	if (paced) return paced.perSecond;
	const rps = rest.options.globalRequestsPerSecond;
	return Number.isFinite(rps) ? rps : 0;
}

/** The configured token of a client made by `createRest` (undefined for any other client). */
export const tokenOf = (rest: REST): string | undefined =>
	rest instanceof ConfiguredTokenREST ? rest.configuredToken : undefined;

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

	/** The token it was made with, and keeps. */
	get configuredToken(): string {
		return this.#token;
	}

	/** Queues a request; one with the bot token counts in the pacer's backlog until it is done. */
	override async queueRequest(request: Parameters<REST['queueRequest']>[0]): ReturnType<REST['queueRequest']> {
		const pacer = request.auth === false ? undefined : globalPacerOf(this);
		const untrack = pacer?.track();
		try {
			return await super.queueRequest(request);
		} finally {
			untrack?.();
		}
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
	 * Requests with the bot token per second, across every client of the process that talks to
	 * the same API with the same token (default 50, Discord's global limit). 0 turns the
	 * client-side limit off (behind a REST proxy that keeps it).
	 */
	globalRequestsPerSecond?: number | undefined;
	/** Longest wait for Discord's answer once a request is on the wire (ms). Default 15 s. */
	timeoutMs?: number | undefined;
	/**
	 * How a request goes on the wire (@discordjs/rest's `makeRequest`, under our pacing). The
	 * Node programs pass `poolRequest(api)` (pool.ts); unset, @discordjs/rest's own strategy.
	 */
	makeRequest?: RESTOptions['makeRequest'] | undefined;
	/**
	 * The pacer of another client of the same bot (`globalPacerOf`), so that both count against
	 * one global limit. Default: a pacer of this client's own.
	 */
	pacer?: GlobalPacer | undefined;
	/** The clock of a new pacer's waits. Default: the system's. */
	clock?: PacerClock | undefined;
}

/**
 * Longest a request may wait in the global queue: well inside the 15-minute life of an
 * interaction token; `/invite` refuses much earlier (`GLOBAL_QUEUE_MAX_WAIT_MS`).
 */
export const GLOBAL_QUEUE_TIMEOUT_MS = 5 * 60_000;

/**
 * @discordjs/rest's options for `shared`. The global limit is ours (`GlobalPacer`, through
 * `makeRequest`), so @discordjs/rest's own fixed one-second window is off (`Infinity`: at 0
 * it would let one request through per second); its handling of Discord's answers stays: a
 * global 429 (`X-RateLimit-Global`) still stops every request for its `Retry-After`, per-route
 * buckets are still waited out from their headers. Off (0), no request waits on our side.
 */
export function restOptions(shared: SharedRestOptions): Partial<RESTOptions> {
	const configured = shared.globalRequestsPerSecond ?? DEFAULT_GLOBAL_RPS;
	// Infinity is how @discordjs/rest's options say "off".
	const rps = Number.isFinite(configured) ? configured : 0;
	const networkTimeoutMs = shared.timeoutMs ?? DefaultRestOptions.timeout;
	const send = shared.makeRequest ?? DefaultRestOptions.makeRequest;
	return {
		...(shared.api ? { api: shared.api } : {}),
		globalRequestsPerSecond: Number.POSITIVE_INFINITY,
		...(rps > 0
			? {
					makeRequest: pacedMakeRequest(
						{
							pacer:
								shared.pacer ??
								new GlobalPacer({ perSecond: rps, ...(shared.clock ? { clock: shared.clock } : {}) }),
							perSecond: rps,
							networkTimeoutMs,
						},
						send,
					),
					timeout: networkTimeoutMs + GLOBAL_QUEUE_TIMEOUT_MS,
				}
			: {
					...(shared.makeRequest ? { makeRequest: shared.makeRequest } : {}),
					...(shared.timeoutMs !== undefined ? { timeout: shared.timeoutMs } : {}),
				}),
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
