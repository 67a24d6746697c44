/**
 * The `gateway` suite: dispatch → callback latency of three gateway bots, each alone in a
 * process under plain node (bench/gateway/contenders.ts) and logged into its own local
 * Discord in this process, sequential (paced) and at 20 in flight:
 *
 * - floor: a discord.js bot that only replies (no invite), default caches
 * - typical: discord.js default caches, `channel.createInvite()`, `interaction.reply`
 * - ours: `npm start`'s program (dist/bundle/gateway/main.mjs, built as `prestart` builds it)
 *
 * Latency is from `dispatch()` (the INTERACTION_CREATE leaving the local Discord) to the
 * callback accepted there, timed with performance.now(). Rounds are interleaved: every bot
 * once, in a rotating order, then again; figures are medians over rounds. Every bot keeps
 * @discordjs/rest's own 50 requests/s, as shipped: the sequential run is paced under it.
 */
import type { APIInteraction } from 'discord-api-types/v10';
import { type InteractionInit, type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import type { Child } from '../children.js';
import { BENCH_DISCORD } from '../discord.js';
import { type BenchResult, fig, median, now, percentile, pool } from '../lib.js';
import { TARGETS } from '../targets.js';
import { startContender } from './contenders.js';

export interface GatewaySettings {
	rounds: number;
	warmup: number;
	sequential: number;
	/** The sequential run starts interactions at least this far apart (ms). */
	paceMs: number;
	concurrent: number;
	concurrency: number;
}

export const GATEWAY_SETTINGS: GatewaySettings = {
	rounds: 3,
	warmup: 30,
	sequential: 60,
	paceMs: 25,
	concurrent: 100,
	concurrency: 20,
};

type Kind = 'floor' | 'typical' | 'ours';
const TITLES: Record<Kind, string> = {
	floor: 'floor (discord.js, reply only)',
	typical: 'typical bot (default caches, createInvite)',
	ours: 'ours (as `npm start` runs it: dist/bundle/gateway/main.mjs)',
};

/** What users send, in turn (options every bot understands). */
const MIX: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'member', channel: 'general', options: { max_uses: 10 } },
	{ user: 'helper', channel: 'general', options: { reason: 'benchmark' } },
	{ user: 'member', channel: 'general', options: { unique: true }, locale: 'de' },
];

interface Bot {
	kind: Kind;
	discord: LocalDiscord;
	child: Child;
}

async function startBot(kind: Kind): Promise<Bot> {
	const discord = await startLocalDiscord(BENCH_DISCORD);
	try {
		const child = await startContender(kind, discord, { name: `${kind} bot` });
		return { kind, discord, child };
	} catch (error) {
		await discord.close();
		throw error;
	}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One interaction: ms from dispatch to the accepted callback; throws when there was none in time. */
async function one(bot: Bot, index: number): Promise<number> {
	const payload: APIInteraction = bot.discord.interaction({ ...MIX[index % MIX.length]!, command: 'invite' });
	const started = now();
	const handle = bot.discord.dispatch(payload, { via: 'gateway' });
	await handle.response(5_000);
	const elapsed = now() - started;
	if (handle.rejected.length > 0) throw new Error(`rejected: ${handle.rejected.map((r) => r.code).join(', ')}`);
	return elapsed;
}

async function run(
	bot: Bot,
	count: number,
	concurrency: number,
	paceMs = 0,
): Promise<{ latencies: number[]; errors: string[] }> {
	const latencies: number[] = [];
	const errors: string[] = [];
	await pool(count, concurrency, async (index) => {
		const begin = now();
		try {
			latencies.push(await one(bot, index));
		} catch (error) {
			errors.push(error instanceof Error ? error.message : String(error));
		}
		const rest = paceMs - (now() - begin);
		if (rest > 0) await sleep(rest);
	});
	return { latencies, errors };
}

export async function benchGatewaySideBySide(
	settings: GatewaySettings = GATEWAY_SETTINGS,
	log: (line: string) => void = () => {},
): Promise<BenchResult[]> {
	const bots: Bot[] = [];
	try {
		for (const kind of ['floor', 'typical', 'ours'] as const) {
			try {
				bots.push(await startBot(kind));
			} catch (error) {
				throw new Error(`the ${kind} bot cannot serve the benchmark: ${(error as Error).message}`);
			}
		}
		for (const bot of bots) await run(bot, settings.warmup, 1, settings.paceMs);
		const seq = new Map<Kind, { p50: number[]; p99: number[]; errors: string[] }>();
		const par = new Map<Kind, { p50: number[]; p99: number[]; rate: number[]; errors: string[] }>();
		for (let r = 0; r < settings.rounds; r++) {
			const order = [...bots.slice(r % bots.length), ...bots.slice(0, r % bots.length)];
			for (const bot of order) {
				const s = await run(bot, settings.sequential, 1, settings.paceMs);
				const entry = seq.get(bot.kind) ?? { p50: [], p99: [], errors: [] };
				entry.p50.push(percentile(s.latencies, 50));
				entry.p99.push(percentile(s.latencies, 99));
				entry.errors.push(...s.errors);
				seq.set(bot.kind, entry);
				// Let the clients' one-second global windows reset before the load.
				await sleep(1_000);
				const started = now();
				const c = await run(bot, settings.concurrent, settings.concurrency);
				const seconds = (now() - started) / 1000;
				const loaded = par.get(bot.kind) ?? { p50: [], p99: [], rate: [], errors: [] };
				loaded.p50.push(percentile(c.latencies, 50));
				loaded.p99.push(percentile(c.latencies, 99));
				loaded.rate.push(c.latencies.length / seconds);
				loaded.errors.push(...c.errors);
				par.set(bot.kind, loaded);
				log(
					`gateway: round ${r + 1} ${bot.kind}: sequential p50 ${percentile(s.latencies, 50).toFixed(2)} ms, 20 in flight p99 ${percentile(c.latencies, 99).toFixed(0)} ms`,
				);
				await sleep(1_000);
			}
		}
		const results: BenchResult[] = [];
		for (const bot of bots) {
			const s = seq.get(bot.kind)!;
			const c = par.get(bot.kind)!;
			const errors = s.errors.length + c.errors.length;
			results.push({
				id: `gateway.${bot.kind}`,
				title: `gateway: ${TITLES[bot.kind]}`,
				figures: {
					'seq p50': fig(median(s.p50), 'ms'),
					'seq p99': fig(median(s.p99), 'ms'),
					[`${settings.concurrency} in flight p50`]: fig(median(c.p50), 'ms'),
					p99: fig(median(c.p99), 'ms'),
					rate: fig(median(c.rate), '/s'),
					errors: fig(errors, ''),
				},
				target: bot.kind === 'ours' ? '0 errors' : '(baseline)',
				pass: bot.kind === 'ours' ? errors === 0 : undefined,
				note: errors > 0 ? `first error: ${[...s.errors, ...c.errors][0]}` : undefined,
			});
		}
		const of = (kind: Kind) => ({ s: seq.get(kind)!, c: par.get(kind)! });
		const ours = of('ours');
		const floor = of('floor');
		const typical = of('typical');
		const p50Gap = median(ours.s.p50) - median(floor.s.p50);
		const target = TARGETS.gatewaySideBySide;
		results.push({
			id: 'gateway.ratios',
			title: 'gateway: ours vs floor, typical',
			figures: {
				'seq p50 − floor': fig(p50Gap, 'ms'),
				// The floor makes no invite: the typical bot's gap is what the Create Channel Invite
				// round trip costs plain discord.js here, which every /invite bot must make.
				'typical seq p50 − floor': fig(median(typical.s.p50) - median(floor.s.p50), 'ms'),
				'seq p50 − typical': fig(median(ours.s.p50) - median(typical.s.p50), 'ms'),
				'seq p99 ×typical': fig(median(ours.s.p99) / median(typical.s.p99), '×'),
				'loaded p99 ×typical': fig(median(ours.c.p99) / median(typical.c.p99), '×'),
			},
			target: `p50 ≤ floor + ${target.maxP50OverFloorMs} ms, p99 ≤ typical's`,
			pass:
				p50Gap <= target.maxP50OverFloorMs &&
				median(ours.s.p99) <= median(typical.s.p99) &&
				median(ours.c.p99) <= median(typical.c.p99),
		});
		// Issue 20's target: below the typical bot per interaction, both making the same two
		// REST calls (Create Channel Invite, then the callback).
		const p50Ratio = median(ours.s.p50) / median(typical.s.p50);
		results.push({
			id: 'gateway.target.p50',
			title: 'gateway target: sequential p50, ours vs the typical bot',
			figures: {
				ours: fig(median(ours.s.p50), 'ms'),
				typical: fig(median(typical.s.p50), 'ms'),
				ratio: fig(p50Ratio, '×'),
			},
			target: `< ${TARGETS.gatewayVsTypical.maxSeqP50Ratio}× typical`,
			pass: p50Ratio < TARGETS.gatewayVsTypical.maxSeqP50Ratio,
		});
		return results;
	} finally {
		await Promise.all(
			bots.map(async (bot) => {
				await bot.child.stop();
				await bot.discord.close();
			}),
		);
	}
}
