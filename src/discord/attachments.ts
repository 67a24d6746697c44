/**
 * Downloads a file a user uploaded with a command (an ATTACHMENT option): its URL comes from
 * the interaction's `resolved.attachments`, which Discord signed (HTTP) or sent (gateway).
 * Defence in depth for the day a payload is not what we think: only Discord's CDN over https
 * (or the configured API origin when it is not Discord's: the local Discord, the sandbox),
 * redirects followed by hand and checked at every hop, IP literals checked here and every
 * address DNS returns checked by the transport (`attachment-transport.ts` on Node). Bounded in
 * size and time whatever the server claims, and in memory across every download in flight.
 */
import { addressAllowed, isIpLiteral, isLoopbackHost } from './addresses.js';
import { readAtMost } from './bounded-body.js';

/** What a download may take. */
export interface AttachmentLimits {
	/** Larger files are refused, announced (Content-Length) or counted while streaming. */
	maxBytes: number;
	/** The whole download, headers and body. */
	timeoutMs: number;
}

/**
 * The file's bytes, or why there are none. `refused`: the URL (or a redirect) leaves the
 * allowed hosts, or its address is not public; no request went there. `busy`: the downloads
 * in flight already hold the memory budget.
 */
export type AttachmentContent =
	| { ok: true; data: Uint8Array }
	| { ok: false; problem: 'too-large' | 'timeout' | 'unreadable' | 'refused' | 'busy' };

/** Discord's attachment hosts: the only ones files come from on Discord (https, port 443). */
export const DISCORD_CDN_HOSTS: readonly string[] = ['cdn.discordapp.com', 'media.discordapp.net'];

/** Redirects followed at most, each checked like the first URL. */
export const MAX_ATTACHMENT_REDIRECTS = 3;

/** What all downloads in flight may hold together (bytes). */
export const DEFAULT_ATTACHMENT_BUDGET_BYTES = 32 * 1024 * 1024;

/** How long a download waits for room in the budget before it is refused as busy (ms). */
export const DEFAULT_ATTACHMENT_BUDGET_WAIT_MS = 1_000;

/** Discord's own API hosts: an API origin there serves no files (they come from the CDN). */
const isDiscordApiHost = (hostname: string): boolean => /(^|\.)discord(app)?\.com$/.test(hostname);

/** Whether a URL may be requested, and whether its host may then resolve to loopback. */
export type AttachmentUrlVerdict = { ok: true; loopback: boolean } | { ok: false; reason: string };

/**
 * Whether a download may request `url`, given @discordjs/rest's `api` option (`apiUrl`).
 * Discord's CDN over https; or exactly the API origin (scheme, host, port) when that origin is
 * not Discord's own. Loopback addresses are allowed only for a loopback API origin; an IP
 * literal is judged here, since no DNS lookup (where the transport checks) happens for it.
 */
export function attachmentUrlVerdict(url: URL, apiUrl: string): AttachmentUrlVerdict {
	if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
	if (url.protocol === 'https:' && url.port === '' && DISCORD_CDN_HOSTS.includes(url.hostname))
		return { ok: true, loopback: false };
	let api: URL;
	try {
		api = new URL(apiUrl);
	} catch {
		return { ok: false, reason: 'no usable API origin' };
	}
	if (isDiscordApiHost(api.hostname) || url.origin !== api.origin || !/^https?:$/.test(url.protocol))
		return { ok: false, reason: `${url.protocol}//${url.host} is not an attachment host` };
	const loopback = isLoopbackHost(api.hostname);
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	if (isIpLiteral(host) && !addressAllowed(host, { loopback }))
		return { ok: false, reason: `${host} is not a public address` };
	return { ok: true, loopback };
}

/** The part of a fetch `Response` a download reads. */
export interface AttachmentResponse {
	status: number;
	ok: boolean;
	headers: { get(name: string): string | null };
	body: ReadableStream<Uint8Array> | null;
}

/**
 * One HTTP GET, redirects not followed. `loopback`: whether the host may resolve to a loopback
 * address. A transport that checks addresses rejects with `AttachmentAddressRefused` before
 * connecting to one it does not allow.
 */
export type AttachmentFetch = (
	url: URL,
	init: { signal: AbortSignal; loopback: boolean },
) => Promise<AttachmentResponse>;

/** The address a host resolved to is not one a download may connect to; no connection was made. */
export class AttachmentAddressRefused extends Error {
	override readonly name = 'AttachmentAddressRefused';
}

/**
 * The fetch of the runtime (Workers: Cloudflare's network does not reach private addresses
 * from a Worker; IP literals are checked by `attachmentUrlVerdict` everywhere).
 */
const runtimeFetch: AttachmentFetch = (url, init) => fetch(url, { signal: init.signal, redirect: 'manual' });

/**
 * Memory that downloads hold together, in bytes: each reserves what it expects before its
 * first request and more as bytes arrive; past the budget a download waits briefly, then is
 * refused as `busy`. Waiters are served first come, first served.
 */
export class DownloadBudget {
	#free: number;
	readonly #waiters: { bytes: number; grant: () => void }[] = [];

	constructor(readonly bytes: number) {
		this.#free = bytes;
	}

	/** Bytes no download holds. */
	get free(): number {
		return this.#free;
	}

	/** Reserves `bytes` now if they fit (and nobody waits before), else false. */
	tryTake(bytes: number): boolean {
		if (this.#waiters.length > 0 || bytes > this.#free) return false;
		this.#free -= bytes;
		return true;
	}

	/** Reserves `bytes`, waiting up to `waitMs` for room; false when it did not come. */
	take(bytes: number, waitMs: number, signal?: AbortSignal): Promise<boolean> {
		if (this.tryTake(bytes)) return Promise.resolve(true);
		if (bytes > this.bytes || waitMs <= 0 || signal?.aborted) return Promise.resolve(false);
		return new Promise<boolean>((resolve) => {
			const waiter = {
				bytes,
				grant: () => {
					finish();
					resolve(true);
				},
			};
			const giveUp = () => {
				finish();
				const index = this.#waiters.indexOf(waiter);
				if (index >= 0) this.#waiters.splice(index, 1);
				resolve(false);
				this.#wake();
			};
			const timer = setTimeout(giveUp, waitMs);
			(timer as { unref?: () => void }).unref?.();
			const finish = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', giveUp);
			};
			signal?.addEventListener('abort', giveUp, { once: true });
			this.#waiters.push(waiter);
		});
	}

	/** Gives back what a download held. */
	release(bytes: number): void {
		this.#free += bytes;
		this.#wake();
	}

	#wake(): void {
		for (;;) {
			const next = this.#waiters[0];
			if (!next || next.bytes > this.#free) return;
			this.#waiters.shift();
			this.#free -= next.bytes;
			next.grant();
		}
	}
}

/** The budget every download of this process (or isolate) shares unless given its own. */
const sharedBudget = new DownloadBudget(DEFAULT_ATTACHMENT_BUDGET_BYTES);

/** How a download is made; every field has a default. */
export interface AttachmentOptions {
	/** @discordjs/rest's `api` (base URL without the version). Default `https://discord.com/api`. */
	apiUrl?: string | undefined;
	/** The transport. Default: the runtime's fetch (host checks only); Node passes one that checks addresses. */
	fetch?: AttachmentFetch | undefined;
	/** The size the payload announces (`resolved.attachments[id].size`): reserved up front. */
	expectedBytes?: number | undefined;
	/** Default: the one budget this process shares. */
	budget?: DownloadBudget | undefined;
	/** How long to wait for room in the budget (ms). Default 1 s, within the timeout. */
	budgetWaitMs?: number | undefined;
	/** Ends it early (shutdown). */
	signal?: AbortSignal | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url` (Node and Workers alike). Never throws: a network error or a non-2xx answer is
 * `unreadable`; a URL or redirect off the allowed hosts, or a disallowed address, is `refused`
 * with no request to it.
 */
export async function fetchAttachment(
	url: string,
	limits: AttachmentLimits,
	options: AttachmentOptions = {},
): Promise<AttachmentContent> {
	const apiUrl = options.apiUrl ?? 'https://discord.com/api';
	let current: URL;
	try {
		current = new URL(url);
	} catch {
		return { ok: false, problem: 'refused' };
	}
	let verdict = attachmentUrlVerdict(current, apiUrl);
	if (!verdict.ok) return { ok: false, problem: 'refused' };

	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, limits.timeoutMs);
	(timer as { unref?: () => void }).unref?.();
	const stop = (): void => controller.abort();
	options.signal?.addEventListener('abort', stop, { once: true });

	const budget = options.budget ?? sharedBudget;
	let held = Math.max(1, Math.min(limits.maxBytes, options.expectedBytes ?? limits.maxBytes));
	const waitMs = Math.min(options.budgetWaitMs ?? DEFAULT_ATTACHMENT_BUDGET_WAIT_MS, limits.timeoutMs);
	if (!(await budget.take(held, waitMs, controller.signal))) {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', stop);
		return { ok: false, problem: 'busy' };
	}
	/** Holds `size` bytes in all, reserving more when needed; false when the budget has no room. */
	const hold = (size: number): boolean => {
		if (size <= held) return true;
		// Doubling keeps the reservations few; the bare need is enough when doubling does not fit.
		for (const more of [Math.max(size - held, Math.min(held, limits.maxBytes - held)), size - held]) {
			if (budget.tryTake(more)) {
				held += more;
				return true;
			}
		}
		return false;
	};

	const send = options.fetch ?? runtimeFetch;
	try {
		let response: AttachmentResponse;
		for (let hop = 0; ; hop++) {
			response = await send(current, { signal: controller.signal, loopback: verdict.loopback });
			const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
			if (location === null) break;
			await response.body?.cancel().catch(() => undefined);
			if (hop >= MAX_ATTACHMENT_REDIRECTS) return { ok: false, problem: 'refused' };
			try {
				current = new URL(location, current);
			} catch {
				return { ok: false, problem: 'unreadable' };
			}
			verdict = attachmentUrlVerdict(current, apiUrl);
			if (!verdict.ok) return { ok: false, problem: 'refused' };
		}
		if (!response.ok || !response.body) {
			await response.body?.cancel().catch(() => undefined);
			return { ok: false, problem: 'unreadable' };
		}
		const declared = Number(response.headers.get('content-length') ?? Number.NaN);
		if (declared > limits.maxBytes) {
			controller.abort();
			return { ok: false, problem: 'too-large' };
		}
		if (declared > 0 && !hold(declared)) {
			controller.abort();
			return { ok: false, problem: 'busy' };
		}
		// Every chunk is held in the budget before the next is read.
		const data = await readAtMost(response.body, limits.maxBytes, hold);
		if (data instanceof Uint8Array) return { ok: true, data };
		controller.abort();
		return { ok: false, problem: data === undefined ? 'too-large' : 'busy' };
	} catch (error) {
		if (error instanceof AttachmentAddressRefused) return { ok: false, problem: 'refused' };
		return { ok: false, problem: timedOut ? 'timeout' : 'unreadable' };
	} finally {
		budget.release(held);
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', stop);
	}
}
