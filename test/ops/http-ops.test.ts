/**
 * The HTTP endpoint's operations surface end to end: `/metrics` and `/healthz` on its own
 * port, and the one JSON log line per interaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../../src/local-discord/seed.js';
import { createLogger } from '../../src/log.js';
import { createHealth } from '../../src/ops/health.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { type HttpHarness, startHttpHarness } from '../http/harness.js';

describe('the HTTP endpoint for operators', () => {
	let harness: HttpHarness;
	const lines: string[] = [];
	const health = createHealth();
	beforeAll(async () => {
		harness = await startHttpHarness({
			metrics: createMetrics(),
			health,
			logger: createLogger('info', { write: (line) => lines.push(line) }),
		});
	});
	afterAll(() => harness.close());
	const url = (path: string) => new URL(path, harness.url).toString();
	const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

	it('logs one info line per interaction with who, where, what came of it, how and how fast', async () => {
		const handle = harness.invite({ user: 'member', channel: 'general' });
		await handle.message();
		const refused = harness.invite({ user: 'guest', channel: 'general' });
		await refused.message();
		const entries = logged().filter((entry) => entry.msg === 'interaction');
		expect(entries).toHaveLength(2);
		expect(entries[0]).toMatchObject({
			level: 'info',
			interaction: handle.id,
			guild: harness.discord.guild.id,
			user: expect.any(String),
			channel: expect.any(String),
			command: 'invite',
			outcome: 'created',
			delivery: 'inline',
			latencyMs: expect.any(Number),
			rateLimitWaitMs: 0,
		});
		expect(entries[1]).toMatchObject({ outcome: expect.stringMatching(/^refused:/), delivery: 'inline' });
		expect(lines.join('\n')).not.toContain(handle.token);
	});

	it('serves Prometheus metrics on its own port, with process metrics and what it counted', async () => {
		const response = await fetch(url('/metrics'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await response.text();
		expect(text).toContain('invite_interactions_total{command="invite",outcome="created",transport="http"} 1');
		expect(text).toMatch(
			/invite_interactions_total\{command="invite",outcome="refused:[^"]+",transport="http"\} 1/,
		);
		expect(text).toContain('invite_created_total 1');
		expect(text).toContain('invite_latency_seconds_count{transport="http"} 2');
		expect(text).toContain('discord_rest_requests_total{route="POST /channels/:id/invites",status="200"} 1');
		expect(text).toContain('process_cpu_seconds_total');
		// Ids never become labels.
		expect(text).not.toContain(seedIds.channels.general);
		expect(text).not.toContain(seedIds.guild);
	});

	it('answers /healthz 503 with the reason while a check fails, 200 once it clears', async () => {
		expect((await fetch(url('/healthz'))).status).toBe(200);
		health.fail('discord-token', 'Discord answered 401 to the bot token');
		const down = await fetch(url('/healthz'));
		expect(down.status).toBe(503);
		expect(await down.json()).toEqual({
			status: 'unhealthy',
			problems: { 'discord-token': 'Discord answered 401 to the bot token' },
		});
		health.clear('discord-token');
		expect((await fetch(url('/healthz'))).status).toBe(200);
	});
});
