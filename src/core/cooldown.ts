/**
 * Cooldowns: at most COUNT invites per SECONDS for one user, and for one server. Counted only
 * when the invite request is about to go to Discord (refusals never count), in a sliding
 * window: an invite made at `t` stops counting at `t + window`. Where the counts live is a
 * {@link CooldownStore}: process memory here, Redis (shared by replicas and shards) in
 * src/ops/redis.ts.
 */

/** At most `count` invites in any `windowMs`. */
export interface CooldownLimit {
	count: number;
	windowMs: number;
}

/** The settings: `COOLDOWN_PER_USER` and `COOLDOWN_PER_GUILD` as `COUNT/SECONDS`; `0` turns one off. */
export const COOLDOWN_DEFAULTS = { perUser: '5/60', perGuild: '60/60' } as const;

/** Whose count a limit keeps. */
export type CooldownScope = 'user' | 'guild';

/**
 * Reads `COUNT/SECONDS` (`5/60`: five per minute); `0` (or `0/…`) is off (`null`). Returns an
 * error text for anything else.
 */
export function parseCooldown(text: string): CooldownLimit | null | { error: string } {
	const trimmed = text.trim();
	if (trimmed === '0') return null;
	const match = /^(\d{1,6})\s*\/\s*(\d{1,7})$/.exec(trimmed);
	if (!match) return { error: 'must be COUNT/SECONDS (e.g. 5/60), or 0 for no limit' };
	const count = Number(match[1]);
	const seconds = Number(match[2]);
	if (count === 0) return null;
	if (seconds === 0) return { error: 'needs a window of at least 1 second (COUNT/SECONDS)' };
	return { count, windowMs: seconds * 1_000 };
}

/** One count to check and take: a store key, its limit and whose it is. */
export interface CooldownKey {
	key: string;
	limit: CooldownLimit;
	scope: CooldownScope;
}

/** Taken, or over a limit until `retryAt` (ms since epoch): the latest of the limits hit. */
export type CooldownVerdict = { ok: true } | { ok: false; retryAt: number; scope: CooldownScope };

/** Where counts live. Implementations must be atomic across every key of one call. */
export interface CooldownStore {
	/**
	 * If every key has room at `now`, records `member` (the interaction id) under each and
	 * answers ok; otherwise records nothing and says when all of them will have room.
	 */
	take(keys: readonly CooldownKey[], member: string, now: number): Promise<CooldownVerdict>;
}

/**
 * Counts in this process's memory: one sorted list of times per key. Keys whose every entry
 * has aged out are swept as it goes, so memory follows the active users, not all users ever.
 */
export class MemoryCooldownStore implements CooldownStore {
	readonly #times = new Map<string, { times: number[]; windowMs: number }>();
	#calls = 0;

	async take(keys: readonly CooldownKey[], member: string, now: number): Promise<CooldownVerdict> {
		return this.takeNow(keys, member, now);
	}

	/** `take` without the promise (the Redis store's fallback calls it in the same tick). */
	takeNow(keys: readonly CooldownKey[], _member: string, now: number): CooldownVerdict {
		if (++this.#calls % 1_024 === 0) this.#sweep(now);
		let blocked: { retryAt: number; scope: CooldownScope } | undefined;
		for (const { key, limit, scope } of keys) {
			const times = this.#live(key, now, limit.windowMs);
			if (times.length < limit.count) continue;
			const retryAt = (times[times.length - limit.count] ?? now) + limit.windowMs;
			if (!blocked || retryAt > blocked.retryAt) blocked = { retryAt, scope };
		}
		if (blocked) return { ok: false, ...blocked };
		this.record(keys, now);
		return { ok: true };
	}

	/** Adds one use under each key without checking (mirrors what a shared store accepted). */
	record(keys: readonly CooldownKey[], now: number): void {
		for (const { key, limit } of keys) {
			const entry = this.#times.get(key) ?? { times: [], windowMs: limit.windowMs };
			entry.windowMs = Math.max(entry.windowMs, limit.windowMs);
			entry.times.push(now);
			this.#times.set(key, entry);
		}
	}

	#live(key: string, now: number, windowMs: number): number[] {
		const entry = this.#times.get(key);
		if (!entry) return [];
		const firstLive = entry.times.findIndex((time) => time > now - windowMs);
		if (firstLive === -1) {
			this.#times.delete(key);
			return [];
		}
		if (firstLive > 0) entry.times.splice(0, firstLive);
		return entry.times;
	}

	#sweep(now: number): void {
		for (const [key, entry] of this.#times)
			if ((entry.times.at(-1) ?? 0) <= now - entry.windowMs) this.#times.delete(key);
	}
}

/** The cooldowns one command applies: the two limits (null = off) and their store. */
export interface InviteCooldowns {
	/** Takes one invite for `userId` in `guildId`, or says when they may make one again. */
	take(userId: string, guildId: string | null, interactionId: string, now?: number): Promise<CooldownVerdict>;
}

export interface CooldownSettings {
	perUser: CooldownLimit | null;
	perGuild: CooldownLimit | null;
	/** Default: process memory. */
	store?: CooldownStore | undefined;
}

/**
 * The cooldowns for these settings. A user's count spans every server (it limits a person, not
 * a seat); a server's spans its members.
 */
export function createCooldowns(settings: CooldownSettings): InviteCooldowns {
	const store = settings.store ?? new MemoryCooldownStore();
	return {
		take(userId, guildId, interactionId, now = Date.now()) {
			const keys: CooldownKey[] = [];
			if (settings.perUser) keys.push({ key: `user:${userId}`, limit: settings.perUser, scope: 'user' });
			if (settings.perGuild && guildId)
				keys.push({ key: `guild:${guildId}`, limit: settings.perGuild, scope: 'guild' });
			if (keys.length === 0) return Promise.resolve({ ok: true });
			return store.take(keys, interactionId, now);
		},
	};
}

/**
 * Reads the two settings (as `COOLDOWN_PER_USER` / `COOLDOWN_PER_GUILD` or a drop-in's options
 * hold them: text, a limit, or null/0 for off), defaults for what is not given.
 */
export function cooldownLimits(
	perUser: string | CooldownLimit | null | undefined,
	perGuild: string | CooldownLimit | null | undefined,
): { perUser: CooldownLimit | null; perGuild: CooldownLimit | null } {
	const read = (value: string | CooldownLimit | null | undefined, fallback: string, name: string) => {
		const parsed = typeof value === 'string' || value === undefined ? parseCooldown(value ?? fallback) : value;
		if (parsed && 'error' in parsed) throw new TypeError(`${name} ${parsed.error}`);
		return parsed;
	};
	return {
		perUser: read(perUser, COOLDOWN_DEFAULTS.perUser, 'cooldownPerUser'),
		perGuild: read(perGuild, COOLDOWN_DEFAULTS.perGuild, 'cooldownPerGuild'),
	};
}
