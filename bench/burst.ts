/**
 * The `burst` suite: 1000 `/invite` over 100 channels inside one second, against a local
 * Discord that enforces the per-route buckets with real headers AND Discord's global 50
 * requests/s (interaction callbacks exempt). Ours runs in its own process, over each
 * transport: the gateway bot (`bench/gateway/bot-child.ts ours`) and the HTTP endpoint
 * (`src/http/main.ts`). Every interaction comes from a different member (a cooldown per
 * user must not decide the outcome) and asks for a unique invite whose audit-log reason
 * names it, so an invite created twice shows.
 *
 * Reports: the share answered (first response) within Discord's 3 s, the 429s Discord had
 * to send, invites created twice, interactions never answered, and the time from the first
 * dispatch until every reply is final (not "thinking…"). Also the bot's CPU per interaction
 * over the whole burst and the local Discord's own event-loop delay (p99), which say
 * whether the bot or the instrument ran out of machine.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ChannelType } from 'discord-api-types/v10';
import {
	generateGuild,
	type InteractionHandle,
	type LocalDiscord,
	startLocalDiscord,
} from '../src/local-discord/index.js';
import { type Child, cpuMs, freePort, startChild, waitForPort } from './children.js';
import { type BenchResult, fig, now } from './lib.js';
import { TARGETS } from './targets.js';

export interface BurstSettings {
	interactions: number;
	channels: number;
	/** The dispatches spread evenly over this long. */
	withinMs: number;
	/** Discord's global limit. */
	globalPerSecond: number;
	/** Give up waiting for final replies after this long. */
	settleMs: number;
	transports: readonly ('gateway' | 'http')[];
}

export const BURST_SETTINGS: BurstSettings = {
	interactions: 1000,
	channels: 100,
	withinMs: 1000,
	globalPerSecond: 50,
	settleMs: 45_000,
	transports: ['gateway', 'http'],
};

/**
 * The cooldowns a big server would set (off): the suite measures rate-limit handling, not
 * the default 60 invites a minute per server. The gateway child sets the same
 * (`bench/gateway/bot-child.ts ours`).
 */
const BURST_COOLDOWNS = { COOLDOWN_PER_USER: '0', COOLDOWN_PER_GUILD: '0' } as const;

const INVITABLE = new Set([
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildStageVoice,
	ChannelType.GuildForum,
]);

async function startDiscord(settings: BurstSettings): Promise<LocalDiscord> {
	// Enough channels that `settings.channels` are invitable, one member per interaction.
	const seed = generateGuild({
		channels: Math.ceil(settings.channels * 1.15) + 2,
		members: settings.interactions,
		roles: 10,
	});
	return startLocalDiscord({
		host: '127.0.0.1',
		seed,
		globalLimit: { limit: settings.globalPerSecond, windowMs: 1_000 },
		maxRecordedRequests: settings.interactions * 10,
	});
}

interface Transport {
	name: 'gateway' | 'http';
	child: Child;
	deliver(discord: LocalDiscord, payload: ReturnType<LocalDiscord['interaction']>): InteractionHandle;
}

async function startTransport(name: 'gateway' | 'http', discord: LocalDiscord): Promise<Transport> {
	if (name === 'gateway') {
		const child = startChild({
			name: 'ours (gateway)',
			script: 'bench/gateway/bot-child.ts',
			args: ['ours'],
			env: { BENCH_API_URL: discord.apiUrl, BENCH_TOKEN: discord.token },
		});
		await child.message('ready', 30_000);
		await discord.ready();
		return { name, child, deliver: (d, payload) => d.dispatch(payload, { via: 'gateway' }) };
	}
	const port = await freePort();
	const child = startChild({
		name: 'ours (http)',
		script: 'src/http/main.ts',
		env: {
			DISCORD_TOKEN: discord.token,
			DISCORD_APPLICATION_ID: discord.applicationId,
			DISCORD_PUBLIC_KEY: discord.publicKey,
			DISCORD_API_URL: discord.apiUrl,
			HOST: '127.0.0.1',
			PORT: String(port),
			...BURST_COOLDOWNS,
		},
	});
	await waitForPort(port, child);
	const url = `http://127.0.0.1:${port}/interactions`;
	return { name, child, deliver: (d, payload) => d.dispatch(payload, { via: 'http', url }) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function burst(name: 'gateway' | 'http', settings: BurstSettings): Promise<BenchResult> {
	const discord = await startDiscord(settings);
	let transport: Transport | undefined;
	try {
		transport = await startTransport(name, discord);
		const channels = discord.guild.channels
			.filter((channel) => INVITABLE.has(channel.type))
			.slice(0, settings.channels);
		const here = channels.find((channel) => channel.type === ChannelType.GuildText);
		if (channels.length < settings.channels || !here) throw new Error('the generated guild has too few channels');
		// Built at dispatch: the id's timestamp is when Discord made the interaction, and bots
		// count the 3 s from it.
		const payload = (i: number) =>
			discord.interaction({
				user: `user-${i}`,
				channel: here.id,
				options: { channel: channels[i % channels.length]!.id, unique: true, reason: `burst ${i}` },
			});
		const handles: InteractionHandle[] = [];
		const finalAt: (number | undefined)[] = [];
		const outcomes: Promise<void>[] = [];
		const lag = monitorEventLoopDelay({ resolution: 10 });
		lag.enable();
		const before = await transport.child.usage();
		const started = now();
		const batch = 20;
		for (let i = 0; i < settings.interactions; i += batch) {
			const due = started + (i / settings.interactions) * settings.withinMs;
			if (due > now()) await sleep(due - now());
			for (let k = i; k < Math.min(i + batch, settings.interactions); k++) {
				const index = handles.length;
				const handle = transport.deliver(discord, payload(k));
				handles.push(handle);
				outcomes.push(
					handle.message(settings.settleMs).then(
						() => void (finalAt[index] = now() - started),
						() => undefined,
					),
				);
			}
		}
		const dispatchedInMs = now() - started;
		await Promise.all(outcomes);
		const after = await transport.child.usage();
		lag.disable();
		const inTime = handles.filter(
			(handle) =>
				handle.answeredInMs !== undefined &&
				handle.answeredInMs <= 3_000 &&
				!handle.rejected.some((r) => r.code === 10062),
		).length;
		const unanswered = handles.filter((_, i) => finalAt[i] === undefined).length;
		const withInvite = handles.filter((handle) => handle.state?.content?.includes('discord.gg/')).length;
		const tooMany = discord.requests.filter((request) => request.status === 429).length;
		// What went wrong, when something did: 429s by scope, callbacks Discord refused as too late.
		const globalTooMany = discord.requests.filter(
			(request) => request.status === 429 && (request.response as { global?: boolean } | undefined)?.global,
		).length;
		const tooLate = handles.filter((handle) => handle.rejected.some((r) => r.code === 10062)).length;
		const created = new Map<string, number>();
		for (const request of discord.requestsTo('POST', /^\/channels\/\d+\/invites$/)) {
			if (request.status !== 200 || !request.auditLogReason) continue;
			created.set(request.auditLogReason, (created.get(request.auditLogReason) ?? 0) + 1);
		}
		const duplicates = [...created.values()].filter((n) => n > 1).length;
		const finals = finalAt.filter((value): value is number => value !== undefined);
		const allFinalMs = unanswered === 0 ? Math.max(...finals) : Number.NaN;
		const budgetMs = (settings.interactions / settings.globalPerSecond) * 1000 + TARGETS.burst.slackMs;
		const share = inTime / settings.interactions;
		return {
			id: `burst.${name}`,
			title: `burst over ${name}: ${settings.interactions} /invite, ${settings.channels} channels, ${Math.round(dispatchedInMs)} ms, cooldowns off`,
			figures: {
				'answered ≤ 3 s': fig(share * 100, '%'),
				'429s': fig(tooMany, ''),
				duplicates: fig(duplicates, ''),
				unanswered: fig(unanswered, ''),
				'with invite': fig(withInvite, ''),
				'all final': fig(allFinalMs / 1000, 's'),
				'bot CPU/interaction': fig(cpuMs(before, after) / settings.interactions, 'ms'),
				'local Discord lag p99': fig(lag.percentile(99) / 1e6, 'ms'),
			},
			target: `100% ≤ 3 s, 0 429s, 0 duplicates, 0 unanswered, all final ≤ ${(budgetMs / 1000).toFixed(0)} s`,
			pass: share === 1 && tooMany === 0 && duplicates === 0 && unanswered === 0 && allFinalMs <= budgetMs,
			note:
				[
					withInvite < settings.interactions
						? `replies without an invite: ${settings.interactions - withInvite}, e.g. "${handles.find((h) => !h.state?.content?.includes('discord.gg/'))?.state?.content?.slice(0, 120) ?? '(no reply at all)'}"`
						: '',
					tooMany > 0 ? `429s: ${globalTooMany} global, ${tooMany - globalTooMany} per route` : '',
					tooLate > 0 ? `first responses after Discord's 3 s (10062): ${tooLate}` : '',
				]
					.filter(Boolean)
					.join('; ') || undefined,
		};
	} finally {
		await transport?.child.stop();
		await discord.close();
	}
}

export async function benchBurst(
	settings: BurstSettings = BURST_SETTINGS,
	log: (line: string) => void = () => {},
): Promise<BenchResult[]> {
	const results: BenchResult[] = [];
	for (const name of settings.transports) {
		log(`burst: ${name}`);
		results.push(await burst(name, settings));
	}
	return results;
}
