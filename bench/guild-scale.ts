/**
 * The `guild-scale` suite: memory of a gateway bot after READY with 1, 1,000 and 10,000
 * guilds, each a realistic generated guild (`generateGuild`: 24 channels under categories,
 * 10 roles plus the bot's, 50 members, overwrites on every third channel), beside a
 * discord.js client with default caching. Both run the shards Discord recommends (one per
 * 1,000 guilds; over 2,500 on a shard Discord closes it with 4011). Each bot runs alone in a child process
 * under plain node, with --expose-gc (bench/gateway/contenders.ts: ours as `npm start` runs it,
 * the discord.js client as bench/gateway/discordjs-bot.mjs) logged into its own local Discord,
 * which serves the extra guilds over the gateway (`extraGuilds`). Memory is read after full GCs
 * once the client is ready (every GUILD_CREATE in): RSS and the JS heap. With one guild, that
 * is issue 20's idle RSS target (ours at most 0.7× the discord.js client's).
 */
import { GENERATED_GUILD_DEFAULTS, startLocalDiscord } from '../src/local-discord/index.js';
import type { Usage } from './children.js';
import { startContender } from './gateway/contenders.js';
import { type BenchResult, fig, MiB } from './lib.js';
import { TARGETS } from './targets.js';

export interface GuildScaleSettings {
	guilds: readonly number[];
}

export const GUILD_SCALE_SETTINGS: GuildScaleSettings = { guilds: [1, 1_000, 10_000] };

type Kind = 'ours' | 'typical';

async function measure(kind: Kind, guilds: number): Promise<{ usage: Usage; readyMs: number }> {
	// Over 2,500 guilds a session is closed with 4011 (Sharding required): both bots run the
	// shards GET /gateway/bot recommends (one per 1,000 guilds), in one process. Identify
	// concurrency 16 (what Discord grants large bots) so ten shards do not take 50 s to connect.
	const discord = await startLocalDiscord({
		host: '127.0.0.1',
		extraGuilds: { count: guilds - 1 },
		maxConcurrency: 16,
	});
	const started = Date.now();
	const child = await startContender(kind, discord, {
		name: `${kind} bot, ${guilds} guilds`,
		execArgv: ['--expose-gc'],
		// Ours runs the shard count Discord recommends by default (SHARD_COUNT=auto).
		env: { BENCH_SHARDS: 'auto' },
		timeoutMs: 240_000,
	}).catch(async (error: unknown) => {
		await discord.close();
		throw error;
	});
	try {
		const readyMs = Date.now() - started;
		child.process.send({ type: 'bench:settle' });
		await child.message('settled', 30_000);
		return { usage: await child.usage(), readyMs };
	} finally {
		await child.stop();
		await discord.close();
	}
}

export async function benchGuildScale(
	settings: GuildScaleSettings = GUILD_SCALE_SETTINGS,
	log: (line: string) => void = () => {},
): Promise<BenchResult[]> {
	const results: BenchResult[] = [];
	const rss = new Map<string, number>();
	const heap = new Map<string, number>();
	for (const guilds of settings.guilds) {
		for (const kind of ['typical', 'ours'] as const) {
			log(`guild-scale: ${kind} with ${guilds} guilds`);
			const { usage, readyMs } = await measure(kind, guilds);
			rss.set(`${kind}:${guilds}`, usage.memory.rss);
			heap.set(`${kind}:${guilds}`, usage.memory.heapUsed);
			results.push({
				id: `guildScale.${kind}.${guilds}`,
				title: `guild-scale: ${kind === 'ours' ? 'ours' : 'discord.js default caches'}, ${guilds.toLocaleString('en-US')} guilds`,
				figures: {
					RSS: fig(usage.memory.rss / MiB, 'MiB'),
					heap: fig(usage.memory.heapUsed / MiB, 'MiB'),
					'READY after': fig(readyMs / 1000, 's'),
				},
				target: '-',
				pass: undefined,
			});
		}
	}
	const smallest = Math.min(...settings.guilds);
	const oursIdle = rss.get(`ours:${smallest}`);
	const typicalIdle = rss.get(`typical:${smallest}`);
	const max = TARGETS.gatewayVsTypical.maxIdleRssRatio;
	if (oursIdle === undefined || typicalIdle === undefined)
		// A side that did not run fails the target; it never just drops out of the report.
		results.push({
			id: 'guildScale.target.idleRss',
			title: `gateway target: idle RSS with ${smallest} guild, ours vs the typical bot`,
			figures: {},
			target: `≤ ${max}× typical`,
			pass: false,
			note: `${oursIdle === undefined ? 'ours' : 'the typical bot'} was not measured`,
		});
	else {
		const ratio = oursIdle / typicalIdle;
		results.push({
			id: 'guildScale.target.idleRss',
			title: `gateway target: idle RSS with ${smallest} guild, ours vs the typical bot`,
			figures: {
				ours: fig(oursIdle / MiB, 'MiB'),
				typical: fig(typicalIdle / MiB, 'MiB'),
				ratio: fig(ratio, '×'),
			},
			target: `≤ ${max}× typical`,
			pass: ratio <= max,
		});
	}
	const largest = Math.max(...settings.guilds);
	if (largest > smallest) {
		const per1000 = (figures: Map<string, number>, kind: Kind): number =>
			((figures.get(`${kind}:${largest}`)! - figures.get(`${kind}:${smallest}`)!) / MiB / (largest - smallest)) *
			1000;
		const ours = per1000(rss, 'ours');
		const typical = per1000(rss, 'typical');
		const ratio = ours / typical;
		results.push({
			id: 'guildScale.per1000',
			title: `guild-scale: RSS per 1,000 guilds (${smallest} → ${largest.toLocaleString('en-US')})`,
			figures: {
				ours: fig(ours, 'MiB'),
				'discord.js default': fig(typical, 'MiB'),
				ratio: fig(ratio, '×'),
				'heap ours': fig(per1000(heap, 'ours'), 'MiB'),
				'heap discord.js default': fig(per1000(heap, 'typical'), 'MiB'),
			},
			target: `≤ ${TARGETS.guildScale.maxRatioToDefaultCache.toFixed(2)}× discord.js default`,
			// RSS moves by ±15 MiB between runs: without growth of the baseline there is no verdict.
			// Ours may come out flat or below zero (it keeps nothing per guild): that passes.
			pass: typical > 0 && ratio <= TARGETS.guildScale.maxRatioToDefaultCache,
			note: `each guild: ${GENERATED_GUILD_DEFAULTS.channels} channels, ${GENERATED_GUILD_DEFAULTS.roles} roles, ${GENERATED_GUILD_DEFAULTS.members} members`,
		});
	}
	return results;
}
