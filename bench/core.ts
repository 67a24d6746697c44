/**
 * Benchmark 1: the transport-free core, pure. options → checked request → rendered reply
 * (readInviteOptions + checkPermissions + buildRequest + renderInvite, as runInvite calls them),
 * plus parseDuration and suggestExpires (autocomplete) alone. No I/O: ops per CPU second after warm-up.
 */
import { type APIExtendedInvite, ChannelType, InviteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { suggestExpires } from '../src/core/autocomplete.js';
import { buildRequest, checkPermissions, lookupsNeeded, readInviteOptions } from '../src/core/checks.js';
import { type DurationVocabulary, parseDuration } from '../src/core/duration.js';
import { renderInvite } from '../src/core/render.js';
import type { InviteInvocation } from '../src/core/types.js';
import { type Messages, messagesFor, vocabularyOf } from '../src/i18n/index.js';
import { type BenchResult, fig, median } from './lib.js';
import { TARGETS } from './targets.js';

const P = PermissionFlagsBits;
const GUILD = '1100000000000000000';
const GENERAL = '1100000000000000202';
const VOICE = '1100000000000000204';
const MEMBER_PERMISSIONS = P.ViewChannel | P.SendMessages | P.UseApplicationCommands | P.CreateInstantInvite;
const BOT_PERMISSIONS = P.ViewChannel | P.CreateInstantInvite | P.ManageRoles;

const base = (overrides: Partial<InviteInvocation> & Pick<InviteInvocation, 'options'>): InviteInvocation => ({
	interactionId: '1300000000000000001',
	locale: 'en-US',
	guildLocale: 'en-US',
	guildId: GUILD,
	channel: { id: GENERAL, type: ChannelType.GuildText, parentId: '1100000000000000201' },
	invoker: {
		id: '1100000000000000304',
		username: 'member',
		permissions: MEMBER_PERMISSIONS,
		guildPermissions: MEMBER_PERMISSIONS,
	},
	appPermissions: BOT_PERMISSIONS,
	...overrides,
});

/** A mix of what people send: no options, a lifetime, limits and a reason, a voice channel with a German lifetime, a role. */
const INVOCATIONS: InviteInvocation[] = [
	base({ options: {} }),
	base({ options: { expires: '2h30m', max_uses: 10 } }),
	base({ options: { expires: '1 week', temporary: true, unique: true, reason: 'Welcome the new study group' } }),
	base({
		locale: 'de',
		options: {
			channel: {
				id: VOICE,
				type: ChannelType.GuildVoice,
				parentId: '1100000000000000201',
				permissions: MEMBER_PERMISSIONS | P.Connect,
				appPermissions: BOT_PERMISSIONS,
			},
			expires: '2 Stunden und 30 Minuten',
			max_uses: 5,
		},
	}),
	base({
		invoker: {
			id: '1100000000000000303',
			username: 'moderator',
			permissions: MEMBER_PERMISSIONS | P.ManageRoles,
			guildPermissions: MEMBER_PERMISSIONS | P.ManageRoles,
		},
		options: { role: { id: '1100000000000000101', name: 'member', position: 1, managed: false }, expires: 'never' },
	}),
];

const createdAt = new Date('2025-06-01T12:00:00.000Z');
/** What Create Channel Invite answers (an extended invite). */
const INVITE: APIExtendedInvite = {
	type: InviteType.Guild,
	code: 'bench42x',
	guild: {
		id: GUILD,
		name: 'Local Guild',
		splash: null,
		banner: null,
		icon: null,
		features: [],
		verification_level: 0,
		vanity_url_code: null,
		description: null,
		nsfw_level: 0,
		premium_subscription_count: 0,
	},
	channel: { id: GENERAL, name: 'general', type: ChannelType.GuildText },
	inviter: {
		id: '1100000000000000400',
		username: 'invite-bot',
		discriminator: '0',
		global_name: null,
		avatar: null,
		bot: true,
	},
	uses: 0,
	max_uses: 10,
	max_age: 86_400,
	temporary: false,
	created_at: createdAt.toISOString(),
	expires_at: new Date(createdAt.getTime() + 86_400_000).toISOString(),
};

/**
 * What the role lookup answers for the moderator. A variable, not a literal at the call: it
 * also carries the server-wide permissions that newer versions of RoleStanding ask for.
 */
const STANDING = {
	invokerIsOwner: false,
	invokerHighestPosition: 3,
	botHighestPosition: 4,
	invokerPermissions: MEMBER_PERMISSIONS | P.ManageRoles,
	botPermissions: BOT_PERMISSIONS,
};

/** One /invite through the pure core, as runInvite does it (lookups answered from the payload). */
function pipeline(invocation: InviteInvocation, messages: Messages, vocabulary: readonly DurationVocabulary[]): number {
	const read = readInviteOptions(invocation, vocabulary);
	if (!read.ok) throw new Error(`refused: ${read.refusal.id}`);
	const needs = lookupsNeeded(invocation);
	const standing = needs.roleStanding ? STANDING : undefined;
	const allowed = checkPermissions(invocation, read.value, { standing }, messages);
	if (!allowed.ok) throw new Error(`refused: ${allowed.refusal.id}`);
	const request = buildRequest(invocation, read.value);
	const reply = renderInvite(
		INVITE,
		{ requestedAt: createdAt.getTime(), unique: request.body.unique, channelId: request.channelId },
		messages,
	);
	return reply.content.length + request.reason.length;
}

/**
 * Calls `op(i)` in batches: `warmupMs` first (JIT), then `samples` timed windows of
 * `sampleMs`; ops/s is the median window. Bounded by wall time, whatever the speed, but
 * counted per second of this process's CPU time (`process.cpuUsage`): on a machine shared
 * with other work, time spent waiting for a core is not ours, and wall-clock ops/s moved
 * 2-3x with the load while CPU ops/s stays put. The wall-clock rate is reported beside it.
 */
function measure(
	op: (i: number) => number,
	{ warmupMs = 300, sampleMs = 300, samples = 5 } = {},
): { opsPerSecond: number; microsPerOp: number; wallOpsPerSecond: number; checksum: number } {
	let checksum = 0;
	let i = 0;
	const run = (ms: number): { cpu: number; wall: number } => {
		const begin = performance.now();
		const until = begin + ms;
		const cpuBefore = process.cpuUsage();
		let count = 0;
		let at = begin;
		do {
			for (let k = 0; k < 64; k++) checksum += op(i++);
			count += 64;
			at = performance.now();
		} while (at < until);
		const cpu = process.cpuUsage(cpuBefore);
		return { cpu: count / ((cpu.user + cpu.system) / 1e6), wall: count / ((at - begin) / 1000) };
	};
	run(warmupMs);
	const windows = Array.from({ length: samples }, () => run(sampleMs));
	const opsPerSecond = median(windows.map((window) => window.cpu));
	return {
		opsPerSecond,
		microsPerOp: 1e6 / opsPerSecond,
		wallOpsPerSecond: median(windows.map((window) => window.wall)),
		checksum,
	};
}

export function benchCore(): BenchResult[] {
	const prepared = INVOCATIONS.map((invocation) => {
		const messages = messagesFor(invocation.locale, invocation.guildLocale);
		return { invocation, messages, vocabulary: vocabularyOf(messages) };
	});
	// Every invocation must go all the way to a reply: a refusal would measure a shorter path.
	for (const { invocation, messages, vocabulary } of prepared) pipeline(invocation, messages, vocabulary);

	const core = measure((i) => {
		const { invocation, messages, vocabulary } = prepared[i % prepared.length]!;
		return pipeline(invocation, messages, vocabulary);
	});

	const durations = ['90m', '2h30m', '1 hour and 30 minutes', '7d', 'never', '3600', '1,5 h', '8 days', 'soon'];
	const german = vocabularyOf(messagesFor('de'));
	const parse = measure((i) => {
		const result = parseDuration(durations[i % durations.length]!, i % 2 === 0 ? [] : german);
		return result.ok ? result.seconds : 1;
	});

	const typed = ['', '1', '2h', '90 min', '3 days', 'xyz'];
	const locales = ['en-US', 'de', 'fr', 'ja'] as const;
	const suggestContexts = locales.map((locale) => {
		const messages = messagesFor(locale);
		return { locale, messages, vocabulary: vocabularyOf(messages) };
	});
	const suggest = measure(
		(i) => {
			const { locale, messages, vocabulary } = suggestContexts[i % suggestContexts.length]!;
			return suggestExpires(typed[i % typed.length]!, locale, messages, vocabulary).length;
		},
		{ warmupMs: 300, sampleMs: 300, samples: 3 },
	);

	// The same-run floor of autocomplete: fixed English choices filtered by prefix, what a bot
	// with a static `choices` list does. Ours reads, localizes and describes what is typed.
	const staticChoices = suggestExpires('', 'en-US', messagesFor('en-US'));
	const floor = measure(
		(i) => {
			const typedNow = typed[i % typed.length]!.trim().toLowerCase();
			return staticChoices.filter((choice) => choice.name.toLowerCase().startsWith(typedNow)).length;
		},
		{ warmupMs: 200, sampleMs: 300, samples: 3 },
	);

	const row = (
		id: string,
		title: string,
		m: ReturnType<typeof measure>,
		target: { minOpsPerSecond: number },
	): BenchResult => ({
		id,
		title,
		figures: {
			'rate (CPU)': fig(m.opsPerSecond, 'ops/s'),
			'each (CPU)': fig(m.microsPerOp, 'µs'),
			'rate (wall)': fig(m.wallOpsPerSecond, 'ops/s'),
		},
		target: `≥ ${target.minOpsPerSecond.toLocaleString('en-US')} ops/s`,
		pass: m.opsPerSecond >= target.minOpsPerSecond,
	});
	return [
		row('core.pipeline', 'core: check + build + render (5 cases)', core, TARGETS.core.pipeline),
		row('core.parseDuration', 'core: parseDuration (9 inputs)', parse, TARGETS.core.parseDuration),
		{
			...row('core.suggestExpires', 'core: suggestExpires (4 locales × 6)', suggest, TARGETS.core.suggestExpires),
			figures: {
				...row('', '', suggest, TARGETS.core.suggestExpires).figures,
				'CPU per op × floor': fig(floor.opsPerSecond / suggest.opsPerSecond, '×'),
			},
		},
		{
			id: 'core.suggestFloor',
			title: '  floor: static choices filtered by prefix (6)',
			figures: { 'rate (CPU)': fig(floor.opsPerSecond, 'ops/s'), 'each (CPU)': fig(floor.microsPerOp, 'µs') },
			target: '(baseline)',
			pass: undefined,
		},
	];
}
