/**
 * The shared state against a real redis-server (started per file on a free loopback port):
 * the replay guard and cooldowns shared by two connections (two replicas), atomic counting,
 * expiry, and the fallback to process memory when Redis dies or is slow, and back.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/core/cooldown.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { connectSharedRedis, RedisCooldownStore, RedisReplayGuard, type SharedRedis } from '../../src/ops/redis.js';
import { recordingLogger } from '../core/helpers.js';
import { type RedisServer, startRedis, stopAllRedis } from '../support/redis-server.js';

let redis: RedisServer;
const connections: SharedRedis[] = [];
const connect = (options: Partial<Parameters<typeof connectSharedRedis>[0]> = {}) => {
	const shared = connectSharedRedis({ url: redis.url, ...options });
	connections.push(shared);
	return shared;
};
/** Resolves once the connection answers (ioredis connects in the background). */
const ready = (shared: SharedRedis) =>
	expect.poll(() => shared.client.status, { timeout: 5_000, interval: 20 }).toBe('ready');

beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	await Promise.all(connections.map((shared) => shared.close()));
	await redis.stop();
	await stopAllRedis();
});

describe('the replay guard in Redis', () => {
	it('runs each interaction id once across replicas: the second replica sees it as seen', async () => {
		const a = connect();
		const b = connect();
		await Promise.all([ready(a), ready(b)]);
		const guardA = new RedisReplayGuard(a, 600_000);
		const guardB = new RedisReplayGuard(b, 600_000);
		expect(await guardA.firstSeen('1100000000000070001', Date.now())).toBe(true);
		expect(await guardB.firstSeen('1100000000000070001', Date.now())).toBe(false);
		expect(await guardA.firstSeen('1100000000000070001', Date.now())).toBe(false);
		expect(await guardB.firstSeen('1100000000000070002', Date.now())).toBe(true);
		// One SET NX PX: the key expires with the window.
		const ttl = await a.client.pttl('invite:seen:1100000000000070001');
		expect(ttl).toBeGreaterThan(500_000);
		expect(ttl).toBeLessThanOrEqual(600_000);
	});
});

describe('cooldowns in Redis', () => {
	it('counts atomically across replicas: of 12 concurrent attempts for one user, exactly COUNT pass', async () => {
		const a = connect();
		const b = connect();
		await Promise.all([ready(a), ready(b)]);
		const limits = { perUser: { count: 3, windowMs: 60_000 }, perGuild: null };
		const replicas = [a, b].map((shared) => createCooldowns({ ...limits, store: new RedisCooldownStore(shared) }));
		const now = Date.now();
		const verdicts = await Promise.all(
			Array.from({ length: 12 }, (_, i) => replicas[i % 2]!.take('atomic-user', 'g', `atomic-${i}`, now)),
		);
		expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(3);
		expect(verdicts.filter((verdict) => !verdict.ok)).toHaveLength(9);
		for (const verdict of verdicts)
			if (!verdict.ok) expect(verdict).toMatchObject({ scope: 'user', retryAt: now + 60_000 });
	});

	it('keeps counts across a restart of the process (a new connection sees them)', async () => {
		const limits = { perUser: { count: 1, windowMs: 60_000 }, perGuild: null };
		const before = connect();
		await ready(before);
		const first = createCooldowns({ ...limits, store: new RedisCooldownStore(before) });
		expect((await first.take('restart-user', 'g', 'r1')).ok).toBe(true);
		await before.close();
		const after = connect();
		await ready(after);
		const second = createCooldowns({ ...limits, store: new RedisCooldownStore(after) });
		expect((await second.take('restart-user', 'g', 'r2')).ok).toBe(false);
	});

	it('lets the user make invites again once the window has passed', async () => {
		const shared = connect();
		await ready(shared);
		const cooldowns = createCooldowns({
			perUser: { count: 2, windowMs: 1_000 },
			perGuild: { count: 100, windowMs: 60_000 },
			store: new RedisCooldownStore(shared),
		});
		const start = Date.now();
		expect((await cooldowns.take('expiry-user', 'expiry-guild', 'e1', start)).ok).toBe(true);
		expect((await cooldowns.take('expiry-user', 'expiry-guild', 'e2', start)).ok).toBe(true);
		const held = await cooldowns.take('expiry-user', 'expiry-guild', 'e3', start + 10);
		expect(held).toEqual({ ok: false, retryAt: start + 1_000, scope: 'user' });
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect((await cooldowns.take('expiry-user', 'expiry-guild', 'e4')).ok).toBe(true);
		// The refused attempt was not counted for the server either: 3 of 100 taken.
		expect(await shared.client.zcard('invite:cooldown:guild:expiry-guild')).toBe(3);
	});
});

describe('when Redis dies or is slow', () => {
	it('answers from process memory within the budget, says so once, and is back on Redis after a restart', async () => {
		const own = await startRedis();
		const logger = recordingLogger();
		const metrics = createMetrics({ processMetrics: false });
		const shared = connectSharedRedis({ url: own.url, logger, metrics });
		connections.push(shared);
		try {
			await ready(shared);
			const guard = new RedisReplayGuard(shared, 600_000);
			const cooldowns = createCooldowns({
				perUser: { count: 2, windowMs: 60_000 },
				perGuild: null,
				store: new RedisCooldownStore(shared),
			});
			expect(await guard.firstSeen('1100000000000080001', Date.now())).toBe(true);
			expect((await cooldowns.take('down-user', null, 'd1')).ok).toBe(true);

			await own.kill();
			const timings: number[] = [];
			for (let i = 0; i < 5; i++) {
				const started = performance.now();
				expect(await guard.firstSeen(`11000000000000801${i}0`, Date.now())).toBe(true);
				timings.push(performance.now() - started);
			}
			// Replays to this process are still refused, from memory.
			expect(await guard.firstSeen('1100000000000080001', Date.now())).toBe(false);
			// The memory mirrors what Redis took: one more for this user, then the limit.
			expect((await cooldowns.take('down-user', null, 'd2')).ok).toBe(true);
			expect((await cooldowns.take('down-user', null, 'd3')).ok).toBe(false);
			for (const ms of timings) expect(ms).toBeLessThan(1_000);
			const warnings = logger.lines.filter((line) => line.level === 'warn');
			expect(warnings).toHaveLength(1);
			expect(warnings[0]!.message).toMatch(/fall back to process memory/);
			let text = await metrics.registry.metrics();
			expect(text).toMatch(/^invite_store_redis_up 0$/m);
			expect(text).toMatch(/invite_store_fallbacks_total\{operation="replay"\} [1-9]/);

			await own.restart();
			await ready(shared);
			expect(await guard.firstSeen('1100000000000080099', Date.now())).toBe(true);
			expect(logger.lines.some((line) => line.level === 'info' && /answers again/.test(line.message))).toBe(true);
			text = await metrics.registry.metrics();
			expect(text).toMatch(/^invite_store_redis_up 1$/m);
			// Back on Redis: a second replica sees what this one recorded after the restart.
			const other = connect({ url: own.url });
			await ready(other);
			expect(await new RedisReplayGuard(other, 600_000).firstSeen('1100000000000080099', Date.now())).toBe(false);
		} finally {
			await shared.close();
			await own.stop();
		}
	});

	it('falls back after the 100 ms budget when Redis is slow, without waiting for it', async () => {
		const logger = recordingLogger();
		const shared = connect({ logger });
		const blocker = new Redis(redis.url);
		await ready(shared);
		try {
			const guard = new RedisReplayGuard(shared, 600_000);
			// DEBUG SLEEP blocks the whole server for 0.6 s: every command waits behind it.
			const sleeping = blocker.call('DEBUG', 'SLEEP', '0.6');
			await new Promise((resolve) => setTimeout(resolve, 20));
			const started = performance.now();
			expect(await guard.firstSeen('1100000000000090001', Date.now())).toBe(true);
			const elapsed = performance.now() - started;
			expect(elapsed).toBeGreaterThanOrEqual(90);
			expect(elapsed).toBeLessThan(500);
			expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
			await sleeping;
		} finally {
			blocker.disconnect();
		}
	});
});
