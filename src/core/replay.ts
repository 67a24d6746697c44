/**
 * "Each interaction id runs once": a signed HTTP request replayed inside the replay window, or
 * an event a gateway shard sees again after it resumes, must not make a second invite.
 */

/**
 * Remembers interaction ids: `firstSeen` is false for an id already seen. The default holds them
 * in this process (or isolate) only; a shared store (Redis: src/ops/redis.ts) makes replicas and
 * shards agree, and survives restarts.
 */
export interface ReplayGuard {
	/**
	 * Records `id`; false when it was already there. `signedAtMs` is when Discord signed the
	 * request (HTTP), if known: a guard that cannot know about earlier ids refuses older ones.
	 */
	firstSeen(id: string, nowMs: number, signedAtMs?: number): boolean | Promise<boolean>;
	/** True when the guard remembers beyond this process (ids seen by replicas, before a restart). */
	readonly shared?: boolean;
}

/**
 * How long before its own start a process-memory guard still takes a signed request: Discord
 * delivers within milliseconds of signing, and a restart forgets every id seen before it.
 */
export const START_GRACE_MS = 5_000;

/**
 * Interaction ids seen lately, kept for `ttlMs` (past that the replay window refuses the request
 * anyway). Bounded by what one window can hold; the oldest go first. Knows nothing from before
 * it was made: a request signed more than {@link START_GRACE_MS} before that is refused, so a
 * restart does not open the replay window again.
 */
export class SeenInteractions implements ReplayGuard {
	readonly #expiries = new Map<string, number>();
	readonly #notBeforeMs: number;
	constructor(
		readonly ttlMs: number,
		readonly maxSize = 100_000,
		startedAtMs: number = Date.now(),
	) {
		this.#notBeforeMs = startedAtMs - START_GRACE_MS;
	}

	firstSeen(id: string, now: number, signedAtMs?: number): boolean {
		if (signedAtMs !== undefined && signedAtMs < this.#notBeforeMs) return false;
		for (const [old, expiry] of this.#expiries) {
			if (expiry > now && this.#expiries.size < this.maxSize) break;
			this.#expiries.delete(old);
		}
		if (this.#expiries.has(id)) return false;
		this.#expiries.set(id, now + this.ttlMs);
		return true;
	}
}
