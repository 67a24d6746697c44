/**
 * Benchmarks 2 and 3: /invite end to end on loopback, through the real gateway bot
 * (discord.js Client logged into the local Discord) and through the HTTP endpoint (the local
 * Discord signs and POSTs each interaction). Bot and local Discord share this process, as in
 * test/support/gateway-harness.ts and test/http/harness.ts: latency includes both sides.
 *
 * The local Discord's rate limits are raised: Discord's 50 invites per 10 s per channel would
 * make this a benchmark of waiting. Without `unique`, Discord (and the local one) hands back
 * the existing invite, so the guild never nears its 1000-invite limit.
 *
 * The client side keeps its limit: every @discordjs/rest client allows itself 50 requests per
 * second (`globalRequestsPerSecond`, Discord's global limit per bot), and each /invite costs
 * one request on the invite client (plus, over the gateway, the callback on `client.rest`).
 * Unpaced, every 50th sequential interaction waited 450-750 ms for that limit to reset, which
 * says nothing about latency; so the sequential run starts at most one interaction every
 * `paceMs` (40/s), and the concurrent run shows the bot reaching that cap. How much CPU
 * headroom lies beyond the cap is the HTTP "capacity" row, whose REST clients lift the limit.
 */
import { REST } from '@discordjs/rest';
import type { APIInteraction } from 'discord-api-types/v10';
import { createInviteRest } from '../src/discord/invites.js';
import { startBot } from '../src/gateway/bot.js';
import { createInviteCommand } from '../src/gateway/command.js';
import { createInteractionServer } from '../src/http/server.js';
import {
	type InteractionHandle,
	type InteractionInit,
	type LocalDiscord,
	type LocalDiscordOptions,
	startLocalDiscord,
} from '../src/local-discord/index.js';
import { silentLogger } from '../src/log.js';
import { type BenchResult, fig, now, percentile, pool } from './lib.js';
import { TARGETS } from './targets.js';

/** The local Discord as every end-to-end benchmark starts it: loopback, generous limits, bounded records. */
export const BENCH_DISCORD: LocalDiscordOptions = {
	host: '127.0.0.1',
	inviteBucket: { limit: 1_000_000, windowMs: 1_000 },
	defaultBucket: { limit: 1_000_000, windowMs: 1_000 },
	maxRecordedRequests: 200,
};

/** What users send, in turn: members and moderators, with and without options, two channels. */
export const MIX: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'member', channel: 'general', options: { expires: '2h', max_uses: 10 } },
	{ user: 'helper', channel: 'general', options: { expires: '1 week', reason: 'benchmark' } },
	{ user: 'moderator', channel: 'general', options: { channel: 'voice', expires: '30m' } },
	{ user: 'member', channel: 'general', options: { unique: true, expires: 'never' }, locale: 'de' },
];

export interface Transport {
	name: 'gateway' | 'http';
	discord: LocalDiscord;
	deliver(payload: APIInteraction): InteractionHandle;
	close(): Promise<void>;
}

export async function startGatewayTransport(): Promise<Transport> {
	const discord = await startLocalDiscord(BENCH_DISCORD);
	try {
		const command = createInviteCommand({ logger: silentLogger, cooldownPerUser: 0, cooldownPerGuild: 0 });
		const bot = await startBot(discord.token, {
			apiUrl: discord.apiUrl,
			commands: new Map([[command.data.name, command]]),
		});
		await discord.ready();
		return {
			name: 'gateway',
			discord,
			deliver: (payload) => discord.dispatch(payload, { via: 'gateway' }),
			async close() {
				await bot.stop();
				await discord.close();
			},
		};
	} catch (error) {
		await discord.close();
		throw error;
	}
}

/**
 * The endpoint as `npm run serve` builds it. `unthrottled` lifts @discordjs/rest's own
 * 50 requests/s on both REST clients (otherwise as createInviteRest configures them), to
 * measure what the process could do without Discord's global limit.
 */
export async function startHttpTransport(options: { unthrottled?: boolean } = {}): Promise<Transport> {
	const discord = await startLocalDiscord(BENCH_DISCORD);
	const lift = options.unthrottled ? { globalRequestsPerSecond: 1_000_000 } : {};
	const rest = new REST({ api: discord.apiUrl, ...lift }).setToken(discord.token);
	const inviteRest = options.unthrottled
		? new REST({ api: discord.apiUrl, retries: 0, timeout: 10_000, ...lift }).setToken(discord.token)
		: createInviteRest({ api: discord.apiUrl, token: discord.token });
	const endpoint = createInteractionServer({
		publicKey: discord.publicKey,
		rest,
		inviteRest,
		applicationId: discord.applicationId,
		logger: silentLogger,
	});
	try {
		const { port } = await endpoint.listen(0, '127.0.0.1');
		const url = `http://127.0.0.1:${port}/interactions`;
		return {
			name: 'http',
			discord,
			deliver: (payload) => discord.dispatch(payload, { via: 'http', url }),
			async close() {
				await endpoint.close();
				for (const client of [rest, inviteRest]) {
					client.clearHashSweeper();
					client.clearHandlerSweeper();
				}
				await discord.close();
			},
		};
	} catch (error) {
		await discord.close();
		throw error;
	}
}

/** One /invite: resolves with ms to the first response, or throws when the user saw no invite. */
export async function oneInvite(transport: Transport, index: number): Promise<number> {
	const init = MIX[index % MIX.length]!;
	const handle = transport.deliver(transport.discord.interaction({ ...init, command: 'invite' }));
	const message = await handle.message(5_000);
	if (handle.rejected.length > 0)
		throw new Error(`Discord rejected the answer: ${handle.rejected.map((entry) => entry.code).join(', ')}`);
	if (!message.content?.includes('discord.gg/'))
		throw new Error(`no invite in the reply: ${message.content ?? '(empty)'}`);
	if (handle.answeredInMs === undefined) throw new Error('no first response recorded');
	return handle.answeredInMs;
}

export interface E2eSettings {
	warmup: number;
	sequential: number;
	/** The sequential run starts interactions at least this far apart (ms). */
	paceMs: number;
	concurrent: number;
	concurrency: number;
}

export const E2E_SETTINGS: E2eSettings = { warmup: 40, sequential: 200, paceMs: 25, concurrent: 300, concurrency: 20 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `count` interactions `concurrency` at a time; latencies of the successes, errors counted. */
async function run(
	transport: Transport,
	count: number,
	concurrency: number,
	paceMs = 0,
): Promise<{ latencies: number[]; errors: string[]; seconds: number }> {
	const latencies: number[] = [];
	const errors: string[] = [];
	const started = now();
	await pool(count, concurrency, async (index) => {
		const begin = now();
		try {
			latencies.push(await oneInvite(transport, index));
		} catch (error) {
			errors.push(error instanceof Error ? error.message : String(error));
		}
		const rest = paceMs - (now() - begin);
		if (rest > 0) await sleep(rest);
	});
	return { latencies, errors, seconds: (now() - started) / 1000 };
}

const errorNote = (errors: readonly string[]): string | undefined =>
	errors.length > 0 ? `first error: ${errors[0]}` : undefined;

/** Latency (sequential, paced) and throughput (concurrent) through one transport. */
export async function benchTransport(
	transport: Transport,
	settings: E2eSettings = E2E_SETTINGS,
): Promise<BenchResult[]> {
	const target = TARGETS[transport.name];
	const label = transport.name === 'gateway' ? 'gateway bot' : 'HTTP endpoint';

	await run(transport, settings.warmup, 1, settings.paceMs);
	const sequential = await run(transport, settings.sequential, 1, settings.paceMs);
	// Let the clients' one-second global windows reset before the load.
	await sleep(1_000);
	const concurrent = await run(transport, settings.concurrent, settings.concurrency);
	const throughput = concurrent.latencies.length / concurrent.seconds;

	const p99 = percentile(sequential.latencies, 99);
	const loadedP99 = percentile(concurrent.latencies, 99);
	return [
		{
			id: `${transport.name}.latency`,
			title: `${label}: ${settings.sequential} sequential, 1st response`,
			figures: {
				p50: fig(percentile(sequential.latencies, 50), 'ms'),
				p95: fig(percentile(sequential.latencies, 95), 'ms'),
				p99: fig(p99, 'ms'),
				max: fig(Math.max(...sequential.latencies), 'ms'),
				errors: fig(sequential.errors.length, ''),
			},
			target: `p99 < ${target.p99Ms} ms, 0 errors`,
			pass: sequential.errors.length === 0 && p99 < target.p99Ms,
			note: errorNote(sequential.errors),
		},
		{
			id: `${transport.name}.throughput`,
			title: `${label}: ${settings.concurrent}, ${settings.concurrency} in flight`,
			figures: {
				rate: fig(throughput, '/s'),
				p50: fig(percentile(concurrent.latencies, 50), 'ms'),
				p99: fig(loadedP99, 'ms'),
				errors: fig(concurrent.errors.length, ''),
			},
			target: `≥ ${target.minPerSecond}/s, p99 < ${target.loadedP99Ms} ms, 0 errors`,
			pass: concurrent.errors.length === 0 && throughput >= target.minPerSecond && loadedP99 < target.loadedP99Ms,
			note: errorNote(concurrent.errors),
		},
	];
}

/** Throughput of the HTTP endpoint with the REST clients' own 50/s lifted: the CPU's limit. */
export async function benchHttpCapacity(
	transport: Transport,
	settings: E2eSettings = E2E_SETTINGS,
): Promise<BenchResult> {
	const target = TARGETS.httpCapacity;
	await run(transport, settings.warmup, settings.concurrency);
	const result = await run(transport, settings.concurrent, settings.concurrency);
	const rate = result.latencies.length / result.seconds;
	return {
		id: 'http.capacity',
		title: `HTTP endpoint, REST 50/s lifted: ${settings.concurrency} in flight`,
		figures: {
			rate: fig(rate, '/s'),
			p50: fig(percentile(result.latencies, 50), 'ms'),
			p99: fig(percentile(result.latencies, 99), 'ms'),
			errors: fig(result.errors.length, ''),
		},
		target: `≥ ${target.minPerSecond}/s, 0 errors`,
		pass: result.errors.length === 0 && rate >= target.minPerSecond,
		note: errorNote(result.errors),
	};
}
