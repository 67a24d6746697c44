/**
 * Small builders for core tests: an invocation factory, a responder that records what it was
 * asked to send, and a logger that keeps its lines. No library is mocked.
 */
import { ChannelType, PermissionFlagsBits, type Snowflake } from 'discord-api-types/v10';
import type { DeadlineClock, InteractionResponder } from '../../src/core/deadline.js';
import type { ReplyMessage } from '../../src/core/render.js';
import type { InviteInvocation, InviteOptions, InvocationChannel } from '../../src/core/types.js';
import type { Logger } from '../../src/log.js';

export const GUILD_ID: Snowflake = '1100000000000000001';
export const TEXT_CHANNEL_ID: Snowflake = '1100000000000000010';
export const VOICE_CHANNEL_ID: Snowflake = '1100000000000000020';
export const INVOKER_ID: Snowflake = '1100000000000000100';
export const INTERACTION_ID: Snowflake = '1100000000000000999';

/** What a member needs to make an invite, and what the bot needs to make one. */
export const INVITER_PERMISSIONS =
	PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreateInstantInvite;
export const BOT_PERMISSIONS =
	PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreateInstantInvite;

export interface InvocationOverrides {
	guildId?: Snowflake | null;
	locale?: string;
	channel?: Partial<InvocationChannel>;
	invoker?: Partial<InviteInvocation['invoker']>;
	appPermissions?: bigint | null;
	options?: InviteOptions;
}

/**
 * `/invite` run by a member who may create invites, in a text channel where the bot may too,
 * with no options. Override any part.
 */
export function makeInvocation(overrides: InvocationOverrides = {}): InviteInvocation {
	return {
		interactionId: INTERACTION_ID,
		locale: overrides.locale ?? 'en-US',
		guildLocale: 'en-US',
		guildId: overrides.guildId === undefined ? GUILD_ID : overrides.guildId,
		channel: { id: TEXT_CHANNEL_ID, type: ChannelType.GuildText, ...overrides.channel },
		invoker: { id: INVOKER_ID, username: 'ada', permissions: INVITER_PERMISSIONS, ...overrides.invoker },
		appPermissions: overrides.appPermissions === undefined ? BOT_PERMISSIONS : overrides.appPermissions,
		options: overrides.options ?? {},
	};
}

/** A resolved voice channel as the `channel` option carries it. */
export function voiceChannel(overrides: Partial<InvocationChannel> = {}): InvocationChannel {
	return {
		id: VOICE_CHANNEL_ID,
		type: ChannelType.GuildVoice,
		permissions: INVITER_PERMISSIONS,
		appPermissions: BOT_PERMISSIONS,
		...overrides,
	};
}

/** A logger that keeps what it is told, for assertions and to keep test output quiet. */
export function recordingLogger(): Logger & {
	lines: { level: string; message: string; fields?: Record<string, unknown> | undefined }[];
} {
	const lines: { level: string; message: string; fields?: Record<string, unknown> | undefined }[] = [];
	// pino's argument order: (fields, message) or (message).
	const at =
		(level: string) =>
		(first: object | string, message?: string): void => {
			if (typeof first === 'string') lines.push({ level, message: first });
			else lines.push({ level, message: message ?? '', fields: first as Record<string, unknown> });
		};
	return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export type ResponderCall = { kind: 'reply' | 'defer' | 'edit'; at: number; message?: ReplyMessage | undefined };

/**
 * A responder that records each call (with the time on `clock`, default the system's). Each
 * method resolves at once, rejects when told to fail, or waits for `hold(kind)` to be released.
 */
export function recordingResponder(
	options: {
		fail?: Partial<Record<ResponderCall['kind'], boolean>>;
		/** Calls of these kinds wait until `release(kind)`. */
		hold?: readonly ResponderCall['kind'][];
		clock?: Pick<DeadlineClock, 'now'>;
	} = {},
): InteractionResponder & {
	calls: ResponderCall[];
	kinds(): ResponderCall['kind'][];
	/** Lets the held calls of `kind` finish. */
	release(kind: ResponderCall['kind']): void;
} {
	const calls: ResponderCall[] = [];
	const gates = new Map<ResponderCall['kind'], { promise: Promise<void>; open: () => void }>();
	for (const kind of options.hold ?? []) {
		let open = () => {};
		const promise = new Promise<void>((resolve) => {
			open = resolve;
		});
		gates.set(kind, { promise, open });
	}
	const now = options.clock?.now ?? Date.now;
	const act = async (kind: ResponderCall['kind'], message?: ReplyMessage): Promise<void> => {
		calls.push({ kind, at: now(), message });
		await gates.get(kind)?.promise;
		if (options.fail?.[kind]) throw new Error(`${kind} failed`);
	};
	return {
		calls,
		kinds: () => calls.map((call) => call.kind),
		release: (kind) => gates.get(kind)?.open(),
		reply: (message) => act('reply', message),
		defer: () => act('defer'),
		edit: (message) => act('edit', message),
	};
}

/**
 * A clock that moves only when told: `advance(ms)` runs the timers that fall due, in order.
 * What DeadlineReply's budget needs, without sleeping.
 */
export function manualClock(start = 1_000_000): DeadlineClock & {
	advance(ms: number): void;
	/** Timers not yet run or cleared. */
	pending(): number;
} {
	let now = start;
	let nextId = 0;
	const timers = new Map<number, { at: number; callback: () => void }>();
	return {
		now: () => now,
		setTimer(callback, ms) {
			const id = nextId++;
			timers.set(id, { at: now + ms, callback });
			return id;
		},
		clearTimer(handle) {
			timers.delete(handle as number);
		},
		advance(ms) {
			const until = now + ms;
			for (;;) {
				const due = [...timers].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
				if (!due) break;
				const [id, timer] = due;
				timers.delete(id);
				now = Math.max(now, timer.at);
				timer.callback();
			}
			now = until;
		},
		pending: () => timers.size,
	};
}

/** Lets pending promise callbacks run (no timers involved). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
