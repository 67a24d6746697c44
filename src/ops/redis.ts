/**
 * State shared by replicas and shards through Redis (`REDIS_URL`): the replay guard ("each
 * interaction id runs once") and the cooldown counts. Redis is never on the critical path of
 * an answer: each operation has a budget (100 ms); past it, or while Redis is unreachable, the
 * same operation runs in process memory, a `warn` line and `invite_store_fallbacks_total` say
 * so, and the next operation tries Redis again (so it is back as soon as Redis is).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { CooldownKey, CooldownStore, CooldownVerdict } from '../core/cooldown.js';
import { MemoryCooldownStore } from '../core/cooldown.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import { type Logger, silentLogger } from '../log.js';
import type { InviteMetrics } from './metrics-types.js';

/** How long one Redis operation may take before process memory answers instead. */
export const REDIS_BUDGET_MS = 100;

export interface SharedRedisOptions {
	/** `redis://[user:password@]host:port[/db]` (or `rediss://`). */
	url: string;
	logger?: Logger | undefined;
	metrics?: InviteMetrics | undefined;
	/** Per-operation budget (ms). Default 100. */
	budgetMs?: number | undefined;
	/** Prefix of every key we write. Default `invite:`. */
	keyPrefix?: string | undefined;
}

/** One Redis connection with the budget and the fallback bookkeeping. */
export interface SharedRedis {
	readonly client: Redis;
	readonly keyPrefix: string;
	/**
	 * Runs `operation` on Redis within the budget, else `fallback` in memory (and says so).
	 * Never rejects when `fallback` does not.
	 */
	run<T>(name: string, operation: (client: Redis) => Promise<T>, fallback: () => T): Promise<T>;
	/**
	 * Resolves once connected, or after `timeoutMs` either way: a program waits a moment at start
	 * so its first interactions are already shared, but never depends on Redis to start.
	 */
	ready(timeoutMs: number): Promise<boolean>;
	/** Closes the connection (no reconnect). */
	close(): Promise<void>;
}

/**
 * Connects (in the background: the first operations fall back until Redis answers). ioredis is
 * set to fail fast instead of queueing: no offline queue (a command while disconnected fails at
 * once), no retries of a command, a command timeout as a backstop, and a reconnect every
 * 0.1-2 s for as long as it takes. Each operation's own budget decides the fallback.
 */
export function connectSharedRedis(options: SharedRedisOptions): SharedRedis {
	const logger = options.logger ?? silentLogger;
	const budgetMs = options.budgetMs ?? REDIS_BUDGET_MS;
	const redisOptions: RedisOptions = {
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		// A backstop so no command ever hangs; the budget below is what decides the fallback.
		commandTimeout: Math.max(1_000, budgetMs * 10),
		connectTimeout: 1_000,
		enableReadyCheck: true,
		retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
		// An operator's Redis may hold other data: never flush or select anything else.
		lazyConnect: false,
	};
	const client = new Redis(options.url, redisOptions);
	let up: boolean | undefined;
	let fallbacks = 0;
	options.metrics?.setStoreUp(false);
	const markUp = (source: string): void => {
		if (up === true) return;
		if (up === false)
			logger.info({ fallbacks, source }, 'Redis answers again: replay guard and cooldowns are shared again');
		up = true;
		fallbacks = 0;
		options.metrics?.setStoreUp(true);
	};
	const markDown = (name: string, error: unknown): void => {
		fallbacks++;
		options.metrics?.recordStoreFallback(name);
		if (up === false) return;
		up = false;
		options.metrics?.setStoreUp(false);
		logger.warn(
			{ operation: name, err: error },
			'Redis unavailable or slow: replay guard and cooldowns fall back to process memory',
		);
	};
	// ioredis reports every failed (re)connect as an 'error' event: without a listener it would
	// print them itself. The fallback's warn line says what matters once.
	client.on('error', (error: unknown) => logger.debug({ err: error }, 'Redis connection error'));
	// Connected (again): shared from now on, without waiting for the next operation to say so.
	client.on('ready', () => markUp('connected'));
	client.on('close', () => logger.debug('Redis connection closed'));

	return {
		client,
		keyPrefix: options.keyPrefix ?? 'invite:',
		async run(name, operation, fallback) {
			let timer: NodeJS.Timeout | undefined;
			try {
				const result = await Promise.race([
					operation(client),
					new Promise<never>((_, reject) => {
						// One more turn of the event loop before giving up: after a stall (GC, a busy
						// host) the reply may already be waiting on the socket, behind this timer.
						timer = setTimeout(
							() => setImmediate(() => reject(new Error(`Redis took longer than ${budgetMs} ms`))),
							budgetMs,
						);
					}),
				]);
				markUp(name);
				return result;
			} catch (error) {
				markDown(name, error);
				return fallback();
			} finally {
				clearTimeout(timer);
			}
		},
		ready(timeoutMs) {
			if (client.status === 'ready') return Promise.resolve(true);
			return new Promise((resolve) => {
				const done = (connected: boolean) => {
					clearTimeout(timer);
					client.off('ready', onReady);
					resolve(connected);
				};
				const onReady = () => done(true);
				const timer = setTimeout(() => done(false), timeoutMs);
				client.once('ready', onReady);
			});
		},
		async close() {
			client.disconnect(false);
		},
	};
}

/**
 * The replay guard shared by every replica: one `SET key 1 NX PX ttl` per interaction id. Also
 * remembered in process memory, so a replay to this process is refused even while Redis is away.
 */
export class RedisReplayGuard implements ReplayGuard {
	readonly shared = true;
	readonly #redis: SharedRedis;
	readonly #ttlMs: number;
	readonly #memory: SeenInteractions;

	/** @param ttlMs - how long an id is remembered: twice the replay window covers clock skew both ways */
	constructor(redis: SharedRedis, ttlMs: number, memory: SeenInteractions = new SeenInteractions(ttlMs)) {
		this.#redis = redis;
		this.#ttlMs = ttlMs;
		this.#memory = memory;
	}

	async firstSeen(id: string, nowMs: number, signedAtMs?: number): Promise<boolean> {
		// Always recorded here too: a replay to this same process is caught whatever Redis says.
		const here = this.#memory.firstSeen(id, nowMs, signedAtMs);
		const everywhere = await this.#redis.run(
			'replay',
			async (client) =>
				(await client.set(`${this.#redis.keyPrefix}seen:${id}`, '1', 'PX', this.#ttlMs, 'NX')) === 'OK',
			() => true,
		);
		return here && everywhere;
	}
}

/**
 * Sliding-window counts in sorted sets (score = time of the invite), checked and taken for
 * every key in one Lua script: atomic across replicas, and nothing is taken unless all keys
 * have room.
 */
const TAKE_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local blocked = 0
local retry_at = 0
for i, key in ipairs(KEYS) do
  local count = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local used = redis.call('ZCARD', key)
  if used >= count then
    local entry = redis.call('ZRANGE', key, used - count, used - count, 'WITHSCORES')
    local at = tonumber(entry[2]) + window
    if at > retry_at then
      retry_at = at
      blocked = i
    end
  end
end
if blocked > 0 then return {blocked, retry_at} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + i * 2]))
end
return {0, 0}
`;

type TakeCommand = (keyCount: number, ...args: (string | number)[]) => Promise<[number, number]>;

/**
 * Cooldown counts in Redis, shared by replicas and shards and kept across restarts. While
 * Redis is away, this process's memory counts (it mirrors what Redis accepted, so the
 * fallback starts from this process's recent invites, not from zero).
 */
export class RedisCooldownStore implements CooldownStore {
	readonly #redis: SharedRedis;
	readonly #memory: MemoryCooldownStore;

	constructor(redis: SharedRedis, memory: MemoryCooldownStore = new MemoryCooldownStore()) {
		this.#redis = redis;
		this.#memory = memory;
		if (!('inviteCooldownTake' in redis.client))
			redis.client.defineCommand('inviteCooldownTake', { lua: TAKE_SCRIPT });
	}

	take(keys: readonly CooldownKey[], member: string, now: number): Promise<CooldownVerdict> {
		return this.#redis.run(
			'cooldown',
			async (client) => {
				const take = (client as unknown as { inviteCooldownTake: TakeCommand }).inviteCooldownTake.bind(client);
				const args = keys.flatMap((key) => [key.limit.count, key.limit.windowMs]);
				const [blocked, retryAt] = await take(
					keys.length,
					...keys.map((key) => `${this.#redis.keyPrefix}cooldown:${key.key}`),
					now,
					member,
					...args,
				);
				const hit = keys[blocked - 1];
				if (hit) return { ok: false, retryAt, scope: hit.scope } satisfies CooldownVerdict;
				this.#memory.record(keys, now);
				return { ok: true } satisfies CooldownVerdict;
			},
			() => this.#memory.takeNow(keys, member, now),
		);
	}
}
