/**
 * A zombied gateway connection (issue 24): the network path dies without a FIN, so nothing
 * arrives, heartbeats included. Discord's rule: a heartbeat not acknowledged before the next
 * one is due means a zombie; terminate the connection and resume. The bot does that within one
 * interval on every shard, logs it, counts it, and answers the interaction Discord replays.
 */
import { WebSocketShardEvents } from '@discordjs/ws';
import { afterEach, describe, expect, it } from 'vitest';
import { invite } from '../../src/commands/invite.js';
import { type Bot, startBot } from '../../src/gateway/bot.js';
import { type LocalDiscord, moreGuildSeeds, startLocalDiscord } from '../../src/local-discord/index.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { programEnvironment, startProgram, stopAll } from '../support/program.js';

/**
 * Short enough for a test, long enough that the interaction sent during the outage is still
 * within Discord's 3 s when it is replayed (@discordjs/ws waits 500 ms before reconnecting).
 */
const INTERVAL_MS = 800;

let discord: LocalDiscord | undefined;
let bot: Bot | undefined;

afterEach(async () => {
	await bot?.stop();
	await stopAll();
	await discord?.close();
	bot = undefined;
	discord = undefined;
});

describe('a zombied gateway connection', () => {
	it('is cut and resumed within two heartbeat intervals of the unanswered heartbeat, logged and counted, and the interaction sent meanwhile is answered once', async () => {
		discord = await startLocalDiscord({ heartbeatIntervalMs: INTERVAL_MS });
		const lines: string[] = [];
		const metrics = createMetrics({ processMetrics: false });
		bot = await startBot(discord.token, {
			apiUrl: discord.apiUrl,
			commands: new Map([[invite.data.name, invite]]),
			logger: createLogger('info', { write: (line) => lines.push(line) }),
			metrics,
		});
		await discord.ready();
		const { manager } = bot;
		// Right after an acknowledged heartbeat, the path dies: the next heartbeat goes unanswered.
		const acked = await new Promise<{ heartbeatAt: number }>((resolve) =>
			manager.once(WebSocketShardEvents.HeartbeatComplete, (stats) => resolve(stats)),
		);
		const resumed = new Promise<number>((resolve) =>
			manager.once(WebSocketShardEvents.Resumed, () => resolve(Date.now())),
		);
		expect(discord.blackHole()).toBe(1);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));

		const resumedAt = await resumed;
		const unansweredAt = acked.heartbeatAt + INTERVAL_MS;
		expect(resumedAt - unansweredAt).toBeLessThanOrEqual(2 * INTERVAL_MS);

		const message = await handle.message();
		expect(message.content).toContain('https://discord.gg/');
		expect(handle.responses).toHaveLength(1);
		expect(handle.rejected).toEqual([]);
		// Resumed, not identified again.
		expect(discord.sessions).toBe(1);
		const logged = lines.map((line) => JSON.parse(line) as { level: string; shard?: number; msg: string });
		expect(logged).toContainEqual(
			expect.objectContaining({ level: 'warn', shard: 0, msg: expect.stringMatching(/zombied/) }),
		);
		expect(await metrics.registry.metrics()).toMatch(/^discord_gateway_zombie_connections_total\{shard="0"\} 1$/m);
	}, 20_000);

	it('is replaced on every shard of npm run start:sharded, each logged and counted, and interactions sent meanwhile are answered', async () => {
		discord = await startLocalDiscord({
			guilds: moreGuildSeeds(1),
			shards: 2,
			maxConcurrency: 2,
			heartbeatIntervalMs: INTERVAL_MS,
		});
		const program = startProgram(
			'src/gateway/sharded.ts',
			programEnvironment({
				DISCORD_TOKEN: discord.token,
				DISCORD_API_URL: discord.apiUrl,
				SHARD_COUNT: '2',
				HOST: '127.0.0.1',
				METRICS_PORT: '0',
			}),
		);
		const ops = `http://127.0.0.1:${((await program.waitFor(/metrics on http:\/\/127\.0\.0\.1:(\d+)/)) as RegExpMatchArray)[1]}`;
		await program.waitFor('all 2 shard(s) ready', 30_000);
		await discord.ready(10_000, 2);
		// Let each shard have a heartbeat acknowledged first.
		await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));

		expect(discord.blackHole()).toBe(2);
		const handles = discord.guilds.map((guild) =>
			discord!.dispatch(discord!.interaction({ guild: guild.id, user: 'member', channel: 'general' })),
		);
		for (const shard of [0, 1]) {
			await program.waitFor(new RegExp(`"shard":${shard},[^\\n]*zombied`), 10_000);
			await program.waitFor(new RegExp(`"shard":${shard},[^\\n]*"msg":"shard resumed"`), 10_000);
		}
		for (const handle of handles) {
			expect((await handle.message(10_000)).content).toContain('https://discord.gg/');
			expect(handle.responses).toHaveLength(1);
		}
		const metrics = await (await fetch(`${ops}/metrics`)).text();
		expect(metrics).toMatch(/^discord_gateway_zombie_connections_total\{shard="0"\} 1$/m);
		expect(metrics).toMatch(/^discord_gateway_zombie_connections_total\{shard="1"\} 1$/m);
		expect(discord.sessions).toBe(2);

		program.kill('SIGTERM');
		expect(await program.exited).toBe(0);
	}, 60_000);
});
