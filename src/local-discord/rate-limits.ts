import { createHash } from 'node:crypto';
import type { Reply } from './errors.js';

/** A rate-limit bucket: at most `limit` requests per `windowMs`, per major parameter. */
export interface BucketConfig {
	limit: number;
	windowMs: number;
}

/** The outcome of taking one request from a bucket. */
export interface BucketTake {
	allowed: boolean;
	/** The X-RateLimit-* headers describing the bucket after this request. */
	headers: Record<string, string>;
	/** When not allowed: how long until the bucket refills. */
	retryAfterMs: number;
}

/**
 * A bucket id like the ones Discord sends in `X-RateLimit-Bucket`: opaque, stable per
 * route, shared by every major parameter (@discordjs/rest keys its queues by hash + major).
 */
export function bucketHash(name: string): string {
	return createHash('sha1').update(`local-discord:${name}`).digest('hex').slice(0, 32);
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * Fixed-window buckets, keyed by bucket name and major parameter (channel id, interaction
 * id...). No timers: a window ends when a request sees that its reset time has passed.
 */
export class RateLimiter {
	readonly #windows = new Map<string, { remaining: number; resetAt: number }>();

	/** Counts one request against the bucket and says whether it may proceed. */
	take(name: string, major: string, config: BucketConfig, now: number = Date.now()): BucketTake {
		return this.#visit(name, major, config, now, true);
	}

	/** The bucket's headers without counting a request (for answers that do not count, like 401). */
	peek(name: string, major: string, config: BucketConfig, now: number = Date.now()): BucketTake {
		return this.#visit(name, major, config, now, false);
	}

	#visit(name: string, major: string, config: BucketConfig, now: number, count: boolean): BucketTake {
		const key = `${name}:${major}`;
		let window = this.#windows.get(key);
		if (!window || window.resetAt <= now) {
			window = { remaining: config.limit, resetAt: now + config.windowMs };
			this.#windows.set(key, window);
			if (this.#windows.size > 10_000) this.#prune(now);
		}
		const allowed = window.remaining > 0;
		if (allowed && count) window.remaining--;
		const resetAfter = window.resetAt - now;
		return {
			allowed,
			retryAfterMs: allowed ? 0 : resetAfter,
			headers: {
				'X-RateLimit-Limit': String(config.limit),
				'X-RateLimit-Remaining': String(window.remaining),
				'X-RateLimit-Reset': seconds(window.resetAt),
				'X-RateLimit-Reset-After': seconds(resetAfter),
				'X-RateLimit-Bucket': bucketHash(name),
			},
		};
	}

	#prune(now: number): void {
		for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
	}
}

/** Options for a 429 answer. */
export interface TooManyRequests {
	retryAfterMs: number;
	global?: boolean;
	scope?: 'user' | 'global' | 'shared';
	/** Some 429s carry a JSON error code (e.g. 20028); most do not. */
	code?: number;
	limit?: number;
	bucket?: string;
}

/**
 * A 429 the way Discord sends it: body `{ message, retry_after (s, float), global }` and
 * headers `Retry-After` (whole seconds, rounded up), `X-RateLimit-*` with Remaining 0,
 * `X-RateLimit-Scope`, and `X-RateLimit-Global` only when global (@discordjs/rest treats
 * the header's mere presence as "global").
 */
export function tooManyRequests(options: TooManyRequests, now: number = Date.now()): Reply {
	const scope = options.scope ?? (options.global ? 'global' : 'user');
	const headers: Record<string, string> = {
		'Retry-After': String(Math.max(1, Math.ceil(options.retryAfterMs / 1000))),
		'X-RateLimit-Limit': String(options.limit ?? 1),
		'X-RateLimit-Remaining': '0',
		'X-RateLimit-Reset': seconds(now + options.retryAfterMs),
		'X-RateLimit-Reset-After': seconds(options.retryAfterMs),
		'X-RateLimit-Scope': scope,
	};
	if (options.bucket && !options.global) headers['X-RateLimit-Bucket'] = options.bucket;
	if (options.global) headers['X-RateLimit-Global'] = 'true';
	const body: Record<string, unknown> = {
		message: 'You are being rate limited.',
		retry_after: Math.round(options.retryAfterMs) / 1000,
		global: options.global ?? false,
	};
	if (options.code !== undefined) body.code = options.code;
	return { status: 429, body, headers };
}

/** The limiter key of Discord's global limit (per bot token; the local Discord knows one bot). */
const GLOBAL_BUCKET = 'global';

/**
 * Discord's global rate limit (50 requests per second per bot on Discord): counts one
 * request and answers the global 429 when the window is spent, else undefined. Global
 * 429s carry `X-RateLimit-Global: true`, `X-RateLimit-Scope: global` and no bucket.
 */
export function takeGlobal(limiter: RateLimiter, config: BucketConfig, now: number = Date.now()): Reply | undefined {
	const taken = limiter.take(GLOBAL_BUCKET, '', config, now);
	return taken.allowed
		? undefined
		: tooManyRequests({ retryAfterMs: taken.retryAfterMs, global: true, limit: config.limit }, now);
}
