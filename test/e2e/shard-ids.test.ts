/**
 * SHARD_IDS: one bot's shards split over several processes (or machines), each running the
 * shards it is given of SHARD_COUNT, each answering in the guilds Discord routes to them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseShardIds } from '../../src/config.js';
import { type LocalDiscord, moreGuildSeeds, shardOf, startLocalDiscord } from '../../src/local-discord/index.js';
import { programEnvironment, startProgram, stopAll } from '../support/program.js';

let discord: LocalDiscord | undefined;

afterEach(async () => {
	await stopAll();
	await discord?.close();
	discord = undefined;
});

describe('SHARD_IDS in the configuration', () => {
	const env = (extra: Record<string, string>) => ({ DISCORD_TOKEN: 'token', ...extra });

	it('reads ranges and lists, in order, without repeats', () => {
		expect(parseShardIds('0-3', 8)).toEqual([0, 1, 2, 3]);
		expect(parseShardIds('4,5', 8)).toEqual([4, 5]);
		expect(parseShardIds(' 6 , 0-1,1 ', 8)).toEqual([0, 1, 6]);
		expect(loadConfig(['token'], env({ SHARD_COUNT: '4', SHARD_IDS: '2-3' })).shardIds).toEqual([2, 3]);
		expect(loadConfig(['token'], env({})).shardIds).toBeUndefined();
	});

	it.each([
		['a-b', '4', /SHARD_IDS must list shard ids and ranges/],
		['3-1', '4', /SHARD_IDS must list shard ids and ranges/],
		['0-', '4', /SHARD_IDS must list shard ids and ranges/],
		['2,4', '4', /SHARD_IDS names shard 4, but SHARD_COUNT is 4: shard ids run from 0 to 3/],
		['0-1', 'auto', /SHARD_IDS needs SHARD_COUNT set to the total number of shards/],
	])('refuses SHARD_IDS=%s with SHARD_COUNT=%s, saying why', (ids, count, problem) => {
		expect(() => loadConfig(['token'], env({ SHARD_IDS: ids, SHARD_COUNT: count }))).toThrow(problem);
	});
});

describe('npm start with SHARD_IDS', () => {
	it('runs shards 0-1 of 4 in one process and 2-3 in another, and each answers /invite in its guilds', async () => {
		// Four guilds, one per shard of four; four may IDENTIFY at once.
		discord = await startLocalDiscord({ guilds: moreGuildSeeds(3), shards: 4, maxConcurrency: 4 });
		expect(discord.guilds.map((guild) => shardOf(guild.id, 4)).sort()).toEqual([0, 1, 2, 3]);
		const start = (ids: string) =>
			startProgram(
				'src/gateway/main.ts',
				programEnvironment({
					DISCORD_TOKEN: discord!.token,
					DISCORD_API_URL: discord!.apiUrl,
					SHARD_COUNT: '4',
					SHARD_IDS: ids,
				}),
			);
		const low = start('0-1');
		const high = start('2,3');
		await low.waitFor(/ready as .* in 2 server\(s\)/, 30_000);
		await high.waitFor(/ready as .* in 2 server\(s\)/, 30_000);
		await discord.ready(10_000, 4);
		expect(discord.readyShards.sort()).toEqual([
			[0, 4],
			[1, 4],
			[2, 4],
			[3, 4],
		]);
		// The URL that adds the bot is printed once, by the process that runs shard 0 (right after
		// its ready line, which may reach the pipe in a chunk of its own).
		await low.waitFor(/add the bot to a server:/, 10_000);
		expect(high.output()).not.toContain('add the bot to a server:');

		for (const guild of discord.guilds) {
			const handle = discord.dispatch(
				discord.interaction({ guild: guild.id, user: 'member', channel: 'general' }),
			);
			expect((await handle.message(10_000)).content).toMatch(/discord\.gg\/\w+/);
			expect(handle.responses).toHaveLength(1);
		}
		const answeredBy = (output: string) =>
			output
				.split('\n')
				.filter((line) => line.includes('"msg":"interaction"'))
				.map((line) => (JSON.parse(line) as { guild: string }).guild)
				.sort();
		const guildsOn = (shards: number[]) =>
			discord!.guilds
				.filter((guild) => shards.includes(shardOf(guild.id, 4)))
				.map((guild) => guild.id)
				.sort();
		// The log line follows the answer.
		await expect.poll(() => answeredBy(low.output())).toEqual(guildsOn([0, 1]));
		await expect.poll(() => answeredBy(high.output())).toEqual(guildsOn([2, 3]));

		low.kill('SIGTERM');
		high.kill('SIGTERM');
		expect([await low.exited, await high.exited]).toEqual([0, 0]);
	}, 60_000);
});
