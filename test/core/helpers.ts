/**
 * Small builders for core tests: an invocation factory, a responder that records what it was
 * asked to send, and a logger that keeps its lines. No library is mocked.
 */
import { ChannelType, PermissionFlagsBits, type Snowflake } from 'discord-api-types/v10';
import type { InteractionResponder } from '../../src/core/deadline.js';
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
 * A responder that records each call. Each method waits `delayMs` (default 0) and then
 * resolves, or rejects when told to fail.
 */
export function recordingResponder(
	options: {
		fail?: Partial<Record<ResponderCall['kind'], boolean>>;
		delayMs?: Partial<Record<ResponderCall['kind'], number>>;
	} = {},
): InteractionResponder & {
	calls: ResponderCall[];
	kinds(): ResponderCall['kind'][];
} {
	const calls: ResponderCall[] = [];
	const act = async (kind: ResponderCall['kind'], message?: ReplyMessage): Promise<void> => {
		calls.push({ kind, at: Date.now(), message });
		const delay = options.delayMs?.[kind] ?? 0;
		if (delay > 0) await sleep(delay);
		if (options.fail?.[kind]) throw new Error(`${kind} failed`);
	};
	return {
		calls,
		kinds: () => calls.map((call) => call.kind),
		reply: (message) => act('reply', message),
		defer: () => act('defer'),
		edit: (message) => act('edit', message),
	};
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
