/**
 * The state `/invite` keeps between interactions, as a program sets it up from its
 * configuration: the replay guard and the cooldowns, in process memory, or in Redis (shared by
 * every replica and shard, kept across restarts) when `REDIS_URL` is set.
 */
import { type CooldownLimit, createCooldowns, type InviteCooldowns } from '../core/cooldown.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type { Logger } from '../log.js';
import type { InviteMetrics } from './metrics-types.js';
import { connectSharedRedis, RedisCooldownStore, RedisReplayGuard, type SharedRedis } from './redis.js';

export interface InviteStateOptions {
	redisUrl?: string | undefined;
	cooldownPerUser: CooldownLimit | null;
	cooldownPerGuild: CooldownLimit | null;
	/** How long interaction ids are remembered (twice the replay window). */
	replayTtlMs: number;
	logger: Logger;
	metrics?: InviteMetrics | undefined;
}

export interface InviteState {
	replayGuard: ReplayGuard;
	cooldowns: InviteCooldowns;
	/** The Redis connection, when there is one. */
	redis?: SharedRedis | undefined;
	/** Waits (at most `timeoutMs`) for Redis at start; logs when it is not there yet. */
	ready(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export function createInviteState(options: InviteStateOptions): InviteState {
	const limits = { perUser: options.cooldownPerUser, perGuild: options.cooldownPerGuild };
	if (!options.redisUrl)
		return {
			replayGuard: new SeenInteractions(options.replayTtlMs),
			cooldowns: createCooldowns(limits),
			ready: async () => undefined,
			close: async () => undefined,
		};
	const redis = connectSharedRedis({ url: options.redisUrl, logger: options.logger, metrics: options.metrics });
	return {
		replayGuard: new RedisReplayGuard(redis, options.replayTtlMs),
		cooldowns: createCooldowns({ ...limits, store: new RedisCooldownStore(redis) }),
		redis,
		async ready(timeoutMs = 2_000) {
			if (!(await redis.ready(timeoutMs)))
				options.logger.warn(
					{ waitedMs: timeoutMs },
					'Redis not reachable at start: starting anyway on process memory, shared again once it answers',
				);
		},
		close: () => redis.close(),
	};
}

/** A Redis URL's password, to mask in logs like the token. */
export function redisSecret(url: string | undefined): string[] {
	if (!url) return [];
	try {
		const password = decodeURIComponent(new URL(url).password);
		return password ? [password] : [];
	} catch {
		return [];
	}
}
