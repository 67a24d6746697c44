/**
 * `npm run start:sharded` as an operator runs it: @discordjs/ws's WorkerShardingStrategy runs
 * each shard in a worker thread of one process against the local Discord, which routes each
 * guild to shard `(guild_id >> 22) % count` as Discord does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDiscord, moreGuildSeeds, shardOf, startLocalDiscord } from '../../src/local-discord/index.js';
import { programEnvironment, startProgram, stopAll } from '../support/program.js';

let discord: LocalDiscord | undefined;

afterEach(async () => {
	await stopAll();
	await discord?.close();
	discord = undefined;
});

describe('npm run start:sharded', () => {
	it("runs the shards Discord recommends, answers /invite in a guild on each, serves every shard's health and metrics, and stops them all on SIGTERM", async () => {
		// Two guilds, one per shard; max_concurrency 2 lets both IDENTIFY at once (no 5 s gap);
		// a 1 s heartbeat so each shard has a ping soon.
		discord = await startLocalDiscord({
			guilds: moreGuildSeeds(1),
			shards: 2,
			maxConcurrency: 2,
			heartbeatIntervalMs: 1000,
		});
		const shardsOf = discord.guilds.map((guild) => shardOf(guild.id, 2));
		expect(new Set(shardsOf)).toEqual(new Set([0, 1]));

		const bot = startProgram(
			'src/gateway/sharded.ts',
			programEnvironment({
				DISCORD_TOKEN: discord.token,
				DISCORD_API_URL: discord.apiUrl,
				SHARD_COUNT: 'auto',
				HOST: '127.0.0.1',
				METRICS_PORT: '0',
			}),
		);
		const ops = `http://127.0.0.1:${((await bot.waitFor(/metrics on http:\/\/127\.0\.0\.1:(\d+)/)) as RegExpMatchArray)[1]}`;
		// Up before the shards: 503 until every one is ready.
		const starting = await fetch(`${ops}/healthz`);
		expect(starting.status).toBe(503);
		expect(await starting.json()).toMatchObject({
			status: 'unhealthy',
			problems: { 'shard 1': expect.any(String) },
		});

		await bot.waitFor('all 2 shard(s) ready', 60_000);
		const healthy = await fetch(`${ops}/healthz`);
		expect([healthy.status, await healthy.json()]).toEqual([200, { status: 'ok' }]);
		await discord.ready(20_000, 2);
		expect(discord.readyShards.sort()).toEqual([
			[0, 2],
			[1, 2],
		]);

		for (const guild of discord.guilds) {
			const handle = discord.dispatch(
				discord.interaction({ guild: guild.id, user: 'member', channel: 'general', options: { max_uses: 3 } }),
			);
			const message = await handle.message(10_000);
			expect(message.content).toMatch(/discord\.gg\/\w+/);
			expect(handle.rejected).toEqual([]);
			const general = guild.channel('general').id;
			expect(discord.requestsTo('POST', `/channels/${general}/invites`)).toMatchObject([{ status: 200 }]);
		}

		// Every shard's status (0 = Ready) and, once it has heartbeated, its ping; the counters summed over both.
		let metrics = '';
		// The shards connect together, each beating first after a random jitter: wait for both.
		const pinged = () =>
			[0, 1].every((id) => new RegExp(`discord_gateway_ping_seconds\\{shard="${id}"\\}`).test(metrics));
		for (let attempt = 0; attempt < 50 && !pinged(); attempt++) {
			if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
			metrics = await (await fetch(`${ops}/metrics`)).text();
		}
		expect(metrics).toMatch(/^discord_gateway_shard_status\{shard="0"\} 0$/m);
		expect(metrics).toMatch(/^discord_gateway_shard_status\{shard="1"\} 0$/m);
		expect(metrics).toMatch(/^discord_gateway_ping_seconds\{shard="0"\} [\d.e-]+$/m);
		expect(metrics).toMatch(/^discord_gateway_ping_seconds\{shard="1"\} [\d.e-]+$/m);
		expect(metrics).toMatch(/^invite_created_total 2$/m);
		expect(metrics).toMatch(
			/^invite_interactions_total\{command="invite",outcome="created",transport="gateway"\} 2$/m,
		);

		bot.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		expect(bot.output()).toMatch(/SIGTERM: stopping 2 shard\(s\)/);
		expect(bot.output()).toMatch(/stopped/);
		expect(bot.output()).not.toContain(discord.token);
	}, 90_000);

	it('exits 1 with a clear message when Discord refuses the token', async () => {
		discord = await startLocalDiscord();
		const bot = startProgram(
			'src/gateway/sharded.ts',
			programEnvironment({ DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: discord.apiUrl }),
		);
		expect(await bot.exited).toBe(1);
		expect(bot.output()).toMatch(/Discord rejected DISCORD_TOKEN/);
		expect(discord.sessions).toBe(0);
	}, 30_000);
});
