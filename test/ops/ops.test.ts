import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { register as globalRegistry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { InviteOutcome } from '../../src/core/invite.js';
import { gatewayProblems, ShardStates } from '../../src/gateway/shard-metrics.js';
import { startLocalDiscord } from '../../src/local-discord/index.js';
import { seedIds } from '../../src/local-discord/seed.js';

import { createHealth, healthResponse } from '../../src/ops/health.js';
import { createMetrics, routeLabel } from '../../src/ops/metrics.js';
import { createOpsServer, type OpsServer } from '../../src/ops/server.js';
import { openStartup, unservedMetrics } from '../../src/ops/startup.js';

const outcome = (overrides: Partial<InviteOutcome>): InviteOutcome => ({
	interactionId: '1100000000000000999',
	status: 'created',
	reply: { content: '', components: [], flags: 64, allowed_mentions: { parse: [] } },
	delivery: 'inline',
	latencyMs: 120,
	rateLimitWaitMs: 0,
	...overrides,
});

describe('health state', () => {
	it('is healthy until a check fails, and again once it clears', () => {
		const health = createHealth();
		expect(healthResponse(health)).toEqual({ status: 200, body: { status: 'ok' } });
		health.fail('discord-token', 'Discord answered 401');
		health.fail('discord-token', 'Discord answered 401 again');
		expect(health.ok).toBe(false);
		expect(healthResponse(health)).toEqual({
			status: 503,
			body: { status: 'unhealthy', problems: { 'discord-token': 'Discord answered 401 again' } },
		});
		health.clear('discord-token');
		health.clear('never-failed');
		expect(health.ok).toBe(true);
		expect(healthResponse(health, { 'shard 0': 'Connecting' }).status).toBe(503);
	});
});

describe('metrics', () => {
	it('counts outcomes by command, outcome label and transport, in a registry of its own', async () => {
		const metrics = createMetrics({ processMetrics: false });
		metrics.recordOutcome(outcome({}), 'http');
		metrics.recordOutcome(outcome({ delivery: 'deferred', latencyMs: 2_000 }), 'gateway');
		metrics.recordOutcome(
			outcome({ status: 'refused', refusal: { id: 'invokerCannotCreate', args: ['#general'] } as never }),
			'http',
		);
		metrics.recordOutcome(outcome({ status: 'failed', failure: { id: 'timeout', args: [] } }), 'http');
		const text = await metrics.registry.metrics();
		expect(text).toContain('invite_interactions_total{command="invite",outcome="created",transport="http"} 1');
		expect(text).toContain('invite_interactions_total{command="invite",outcome="created",transport="gateway"} 1');
		expect(text).toContain('outcome="refused:invokerCannotCreate",transport="http"} 1');
		expect(text).toContain('outcome="failed:timeout",transport="http"} 1');
		expect(text).toContain('invite_created_total 2');
		expect(text).toContain('invite_deferred_total 1');
		expect(text).toContain('invite_latency_seconds_bucket{le="2.5",transport="gateway"} 1');
		expect(text).toContain('invite_latency_seconds_count{transport="http"} 3');
		// The host's (global) registry is left alone.
		expect(await globalRegistry.metrics()).not.toContain('invite_');
	});

	it('counts every record exactly, whether made before the first scrape, past the queue bound or after', async () => {
		const metrics = createMetrics({ processMetrics: false });
		for (let i = 0; i < 1_500; i++) metrics.recordOutcome(outcome({ latencyMs: i }), 'http');
		metrics.setStoreUp(false);
		metrics.setStoreUp(true);
		let text = await metrics.registry.metrics();
		expect(text).toContain('invite_created_total 1500');
		expect(text).toContain('invite_latency_seconds_sum{transport="http"} 1124.25');
		expect(text).toContain('invite_store_redis_up 1');
		metrics.recordOutcome(outcome({ status: 'failed', failure: { id: 'timeout', args: [] } }), 'http');
		text = await metrics.registry.metrics();
		expect(text).toContain('invite_latency_seconds_count{transport="http"} 1501');
		expect(text).toContain('outcome="failed:timeout",transport="http"} 1');
	});

	it('includes process metrics by default', async () => {
		expect(await createMetrics().registry.metrics()).toContain('process_resident_memory_bytes');
	});

	it('names REST routes by template, never by id or token', () => {
		expect(routeLabel('post', '/channels/:id/invites')).toBe('POST /channels/:id/invites');
		expect(routeLabel('patch', '/webhooks/12345678901234567890/aW50ZXJhY3Rpb24/messages/@original')).toBe(
			'PATCH /webhooks/:id/:token/messages/@original',
		);
		expect(routeLabel('get', '/guilds/1100000000000000001/members/1100000000000000500?limit=1')).toBe(
			'GET /guilds/:id/members/:id',
		);
	});

	it("counts a real @discordjs/rest client's responses by route template and status, and its rate limits by scope", async () => {
		// One invite per 300 ms: the second POST waits, and @discordjs/rest announces that wait.
		const discord = await startLocalDiscord({ inviteBucket: { limit: 1, windowMs: 300 } });
		try {
			const metrics = createMetrics({ processMetrics: false });
			const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
			metrics.instrumentRest(rest);
			metrics.instrumentRest(rest); // twice is once
			const channel = seedIds.channels.general;
			await rest.post(Routes.channelInvites(channel), { body: {} });
			await rest.post(Routes.channelInvites(channel), { body: {} });
			await rest.get(Routes.channel('1100000000000009999')).catch(() => undefined);
			const text = await metrics.registry.metrics();
			expect(text).toContain('discord_rest_requests_total{route="POST /channels/:id/invites",status="200"} 2');
			expect(text).toContain('discord_rest_requests_total{route="GET /channels/:id",status="404"} 1');
			expect(text).toMatch(/discord_rest_rate_limited_total\{scope="user"\} [1-9]/);
			expect(text).not.toContain(channel);
		} finally {
			await discord.close();
		}
	});
});

describe('metrics nobody serves (the gateway bot without METRICS_PORT)', () => {
	it('take every record without building a registry, and refuse to be read', () => {
		const metrics = unservedMetrics();
		for (let i = 0; i < 1_500; i++) metrics.recordOutcome(outcome({}), 'gateway');
		metrics.recordLedger?.('failed', 'recordInvite');
		expect(() => metrics.registry).toThrow(/METRICS_PORT/);
	});

	it('are what the startup opens when told nothing will serve them', async () => {
		const env = { DATABASE_URL: 'sqlite::memory:' };
		const config = { logLevel: 'silent' as const, token: 'x', redisUrl: undefined };
		const unserved = await openStartup(config, env, { served: false });
		const served = await openStartup(config, env);
		try {
			expect(() => unserved?.metrics.registry).toThrow(/METRICS_PORT/);
			expect(served?.metrics.registry.contentType).toContain('text/plain');
		} finally {
			await unserved?.closeStore();
			await served?.closeStore();
		}
	});
});

describe('the operations server (METRICS_PORT)', () => {
	let server: OpsServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('answers /healthz 503 with the reason while the gateway is not connected, and 200 when all is well', async () => {
		const shards = new ShardStates();
		const health = createHealth();
		let connected = false;
		server = createOpsServer({
			metrics: createMetrics({ processMetrics: false }),
			health,
			liveProblems: () => (connected ? {} : gatewayProblems(shards)),
		});
		const { port } = await server.listen(0, '127.0.0.1');
		const base = `http://127.0.0.1:${port}`;
		const down = await fetch(`${base}/healthz`);
		expect(down.status).toBe(503);
		expect(await down.json()).toEqual({ status: 'unhealthy', problems: { gateway: 'not connected' } });
		connected = true;
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
		health.fail('discord-token', 'Discord answered 401');
		expect((await fetch(`${base}/healthz`)).status).toBe(503);
		expect((await fetch(`${base}/metrics`)).status).toBe(200);
		expect((await fetch(`${base}/other`)).status).toBe(404);
		expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
	});
});
