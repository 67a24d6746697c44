/**
 * The discord.js adapter: `/invite` in the discord.js guide's command shape
 * (`{ data, execute, autocomplete }`), translating a discord.js interaction into the core's
 * invocation and answering through discord.js.
 */
import type { REST } from '@discordjs/rest';
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type Client,
	GuildMember,
	MessageFlags,
	PermissionsBitField,
} from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { autocompleteChoices } from '../core/autocomplete.js';
import { COMMAND_NAME, inviteCommand } from '../core/command.js';
import {
	type CooldownLimit,
	type CooldownStore,
	cooldownLimits,
	createCooldowns,
	type InviteCooldowns,
} from '../core/cooldown.js';
import { type InteractionResponder, receivedAtFromCreation } from '../core/deadline.js';
import { type InviteLookups, type InviteOutcome, runInvite } from '../core/invite.js';
import { checkInvocation, type Parsed } from '../core/payload.js';
import { readPermissionBits } from '../core/permissions.js';
import { messageBody, type ReplyMessage } from '../core/render.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type {
	AttachmentLimits,
	InviteInvocation,
	InvocationAttachment,
	InvocationChannel,
	InvocationRole,
} from '../core/types.js';
import { fetchAttachment } from '../discord/attachments.js';
import { createInviteRest } from '../discord/invites.js';
import { globalRpsOf } from '../discord/rest.js';
import { defaultLogger, type Logger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics.js';

/** The command's data: the API JSON, plus `toJSON()` for loaders written for builders. */
export type CommandData = Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> & {
	toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
};

/**
 * What the bot running a command may lend it on each call (our gateway bot does). A guide
 * dispatcher passes nothing, and the command's own options or defaults apply.
 */
export interface CommandContext {
	logger?: Logger | undefined;
	metrics?: InviteMetrics | undefined;
	/** The bot's cooldowns (shared through Redis when it has one). */
	cooldowns?: InviteCooldowns | undefined;
	/** The bot's replay guard: an interaction a shard sees again (resume, reconnect) runs once. */
	replayGuard?: ReplayGuard | undefined;
}

/** A command in the discord.js guide's shape. */
export interface GuideCommand {
	data: CommandData;
	execute(interaction: ChatInputCommandInteraction, context?: CommandContext): Promise<void>;
	autocomplete(interaction: AutocompleteInteraction, context?: CommandContext): Promise<void>;
}

export interface InviteCommandOptions {
	/** Any pino logger (or one with pino's methods and argument order). Default: JSON on stderr at `LOG_LEVEL`. */
	logger?: Logger | undefined;
	/** Record into these metrics (see `createMetrics`); serving them is the host's. */
	metrics?: InviteMetrics | undefined;
	/** Abort the invite request after this long (ms). Default 10 s. */
	requestTimeoutMs?: number | undefined;
	/** Budget before deferring (ms). Default 1.5 s. */
	deferAfterMs?: number | undefined;
	/** Longest rate-limit wait before giving up (ms). Default 30 s. */
	maxRateLimitWaitMs?: number | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Called with each outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/**
	 * Invites one user may create per window, as `COOLDOWN_PER_USER` takes it: `'5/60'` (the
	 * default), a `{ count, windowMs }`, or `0`/`null` for no limit.
	 */
	cooldownPerUser?: string | CooldownLimit | 0 | null | undefined;
	/** Invites one server may create per window, as `COOLDOWN_PER_GUILD`: default `'60/60'`. */
	cooldownPerGuild?: string | CooldownLimit | 0 | null | undefined;
	/** Where cooldown counts live (e.g. `RedisCooldownStore`). Default: process memory. */
	cooldownStore?: CooldownStore | undefined;
	/** Where seen interaction ids live. Default: process memory. */
	replayGuard?: ReplayGuard | undefined;
}

/** How long the drop-in's own guard remembers an id: an interaction token's life. */
const GATEWAY_REPLAY_TTL_MS = 15 * 60_000;

/**
 * Builds the command. The invite request goes through a REST client of its own (one per
 * discord.js Client, same API base and token) configured never to repeat the POST; the host
 * bot's `client.rest` keeps its own settings.
 */
export function createInviteCommand(options: InviteCommandOptions = {}): GuideCommand {
	// The default logger masks the token of the client it logs for (known only at run time).
	const fallbackLoggers = new WeakMap<Client, Logger>();
	const fallbackFor = (client: Client): Logger => {
		let logger = fallbackLoggers.get(client);
		if (!logger) {
			logger = defaultLogger(client.token ? [client.token] : []);
			if (client.token) fallbackLoggers.set(client, logger);
		}
		return logger;
	};
	const loggerFor = (context: CommandContext | undefined, client: Client): Logger =>
		options.logger ?? context?.logger ?? fallbackFor(client);
	// The host's context lends cooldowns and a guard unless the options set them.
	const ownsCooldowns =
		options.cooldownPerUser !== undefined ||
		options.cooldownPerGuild !== undefined ||
		options.cooldownStore !== undefined;
	const limits = cooldownLimits(
		options.cooldownPerUser === 0 ? null : options.cooldownPerUser,
		options.cooldownPerGuild === 0 ? null : options.cooldownPerGuild,
	);
	let ownCooldowns: InviteCooldowns | undefined;
	const cooldownsFor = (context: CommandContext | undefined): InviteCooldowns =>
		(ownsCooldowns ? undefined : context?.cooldowns) ??
		(ownCooldowns ??= createCooldowns({ ...limits, store: options.cooldownStore }));
	let ownGuard: ReplayGuard | undefined;
	const guardFor = (context: CommandContext | undefined): ReplayGuard =>
		options.replayGuard ?? context?.replayGuard ?? (ownGuard ??= new SeenInteractions(GATEWAY_REPLAY_TTL_MS));
	const rests = new WeakMap<Client, REST>();
	const restFor = (client: Client): REST => {
		let rest = rests.get(client);
		if (!rest) {
			if (!client.token) throw new Error('the client has no token (not logged in)');
			rest = createInviteRest({
				api: client.rest.options.api,
				// The host bot's cap (DISCORD_REST_GLOBAL_RPS for ours): off behind a proxy, off here too;
				// on, both clients share one pacer for the bot token.
				globalRequestsPerSecond: globalRpsOf(client.rest),
				token: client.token,
				timeoutMs: options.requestTimeoutMs,
				maxRateLimitWaitMs: options.maxRateLimitWaitMs,
			});
			rests.set(client, rest);
		}
		return rest;
	};

	const json = inviteCommand;
	const data: CommandData = Object.freeze({
		...json,
		toJSON: () => structuredClone(json) as RESTPostAPIChatInputApplicationCommandsJSONBody,
	});

	return {
		data,
		async execute(interaction, context) {
			const logger = loggerFor(context, interaction.client);
			// A shard that resumes may be sent an interaction again: the first run answers it.
			if (!(await guardFor(context).firstSeen(interaction.id, Date.now()))) {
				logger.warn(
					{ interaction: interaction.id },
					'interaction seen before (a resumed shard?): not run twice',
				);
				return;
			}
			const metrics = options.metrics ?? context?.metrics;
			const rest = restFor(interaction.client);
			metrics?.instrumentRest(rest);
			// Discord's clock starts at creation: time the host bot spent before calling us counts.
			const receivedAt = receivedAtFromCreation(interaction.createdTimestamp);
			// The same validating reader as the HTTP endpoint's: a malformed interaction is dropped
			// with a log line, never answered with a guess nor sent on to Discord.
			const read = readInvocation(interaction);
			if (!read.ok) {
				logger.warn({ interaction: interaction.id, problem: read.problem }, 'malformed interaction dropped');
				return;
			}
			const outcome = await runInvite(read.value, {
				rest,
				responder: responderFor(interaction),
				lookups: lookupsFor(interaction),
				botUserId: interaction.client.user.id,
				logger,
				receivedAt,
				deferAfterMs: options.deferAfterMs,
				cooldowns: cooldownsFor(context),
				attachmentTimeoutMs: options.attachmentTimeoutMs,
				jobPollDelaysMs: options.jobPollDelaysMs,
			});
			metrics?.recordOutcome(outcome, 'gateway');
			options.onOutcome?.(outcome);
		},
		async autocomplete(interaction, context) {
			const logger = loggerFor(context, interaction.client);
			const focused = interaction.options.getFocused(true);
			const choices = autocompleteChoices({
				focused: { name: focused.name, value: String(focused.value) },
				locale: interaction.locale,
				guildLocale: interaction.guildLocale ?? undefined,
			});
			await interaction
				.respond(choices)
				.catch((error: unknown) => logger.warn({ err: error }, 'could not answer autocomplete'));
		},
	};
}

/** The invocation of a discord.js interaction, checked by the core's payload rules. */
function readInvocation(interaction: ChatInputCommandInteraction): Parsed<InviteInvocation> {
	try {
		return checkInvocation(invocationFrom(interaction));
	} catch (error) {
		return { ok: false, problem: `unreadable interaction (${(error as Error).name})` };
	}
}

/** Reads a discord.js interaction into the core's invocation. */
export function invocationFrom(interaction: ChatInputCommandInteraction): InviteInvocation {
	const { options } = interaction;
	const member = interaction.member;
	const channel = options.getChannel('channel');
	const role = options.getRole('role');
	const streamUser = options.getUser('stream_user');
	const usersFile = options.getAttachment('users_file');
	return {
		interactionId: interaction.id,
		locale: interaction.locale,
		guildLocale: interaction.guildLocale ?? undefined,
		guildId: interaction.guildId,
		channel: {
			id: interaction.channelId,
			type: interaction.channel?.type,
			parentId:
				interaction.channel && 'parentId' in interaction.channel ? interaction.channel.parentId : undefined,
		},
		invoker: {
			id: interaction.user.id,
			username: interaction.user.username,
			permissions: interaction.memberPermissions?.bitfield ?? null,
			guildPermissions: member instanceof GuildMember ? member.permissions.bitfield : undefined,
		},
		appPermissions: interaction.appPermissions?.bitfield ?? null,
		options: {
			channel: channel ? channelFrom(channel) : undefined,
			expires: options.getString('expires') ?? undefined,
			max_uses: options.getInteger('max_uses') ?? undefined,
			temporary: options.getBoolean('temporary') ?? undefined,
			unique: options.getBoolean('unique') ?? undefined,
			stream_user: streamUser ? { id: streamUser.id, username: streamUser.username } : undefined,
			activity: options.getString('activity') ?? undefined,
			role: role ? { id: role.id, name: role.name, position: role.position, managed: role.managed } : undefined,
			more_roles: options.getString('more_roles') ?? undefined,
			users: options.getString('users') ?? undefined,
			users_file: usersFile
				? {
						id: usersFile.id,
						filename: usersFile.name,
						size: usersFile.size,
						url: usersFile.url,
						contentType: usersFile.contentType ?? undefined,
					}
				: undefined,
			reason: options.getString('reason') ?? undefined,
		},
	};
}

type OptionChannel = NonNullable<ReturnType<ChatInputCommandInteraction['options']['getChannel']>>;

/**
 * The resolved channel with the permissions Discord computed for it: discord.js keeps them as
 * `permissions`/`appPermissions` bit fields on its copy, or leaves the raw strings when the
 * channel is not cached.
 */
function channelFrom(channel: OptionChannel): InvocationChannel {
	const raw = channel as {
		parentId?: string | null;
		parent_id?: string | null;
		permissions?: unknown;
		appPermissions?: unknown;
		app_permissions?: unknown;
	};
	return {
		id: channel.id,
		type: channel.type,
		parentId: raw.parentId ?? raw.parent_id ?? undefined,
		permissions: bits(raw.permissions),
		appPermissions: bits(raw.appPermissions ?? raw.app_permissions),
	};
}

const bits = (value: unknown): bigint | undefined =>
	value instanceof PermissionsBitField ? value.bitfield : readPermissionBits(value);

/** The core's message as discord.js takes it (camelCase `allowedMentions`; no mention pings). */
export function discordJsBody(message: ReplyMessage) {
	const body = messageBody(message);
	return { content: body.content, components: body.components, allowedMentions: body.allowed_mentions };
}

/**
 * Answers through discord.js. A host bot may have deferred before calling `execute` (many
 * guide-style dispatchers do): then the first answer is an edit, and there is nothing to defer.
 */
function responderFor(interaction: ChatInputCommandInteraction): InteractionResponder {
	const answered = () => interaction.deferred || interaction.replied;
	// The host's own reply, if it made one before calling us, is never overwritten.
	const hostReplied = interaction.replied;
	return {
		async reply(message) {
			const body = discordJsBody(message);
			// Deferred by the host: fill in its "thinking…". Already replied to by the host: never
			// overwrite its message, add ours as an ephemeral follow-up.
			if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
			else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
		},
		async defer() {
			if (!answered()) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		},
		async edit(message) {
			const body = discordJsBody(message);
			if (hostReplied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.editReply(body);
		},
	};
}

/** Answers the core's lookups from discord.js's cache, fetching only what is missing. */
function lookupsFor(interaction: ChatInputCommandInteraction): InviteLookups {
	const guild = interaction.guild;
	// A fetch that fails throws: the core logs it and counts the answer as unknown.
	const memberOf = async (): Promise<GuildMember | undefined> =>
		interaction.member instanceof GuildMember ? interaction.member : guild?.members.fetch(interaction.user.id);
	const me = async (): Promise<GuildMember | undefined> => guild?.members.me ?? guild?.members.fetchMe();
	return {
		async roleStanding() {
			const [member, bot] = await Promise.all([memberOf(), me()]);
			if (!guild || !member || !bot) return undefined;
			return {
				invokerIsOwner: guild.ownerId === member.id,
				invokerHighestPosition: member.roles.highest.position,
				botHighestPosition: bot.roles.highest.position,
				invokerPermissions: member.permissions.bitfield,
				botPermissions: bot.permissions.bitfield,
			};
		},
		async roles(ids: readonly string[]) {
			if (!guild) return undefined;
			const found = new Map<string, InvocationRole>();
			for (const id of ids) {
				const role = guild.roles.cache.get(id);
				if (role) found.set(id, { id, name: role.name, position: role.position, managed: role.managed });
			}
			return found;
		},
		attachment: (attachment: InvocationAttachment, limits: AttachmentLimits) =>
			fetchAttachment(attachment.url, limits),
		async channelPermissions(channelId: string) {
			const channel = guild?.channels.cache.get(channelId);
			if (!channel) return undefined;
			const [member, bot] = await Promise.all([memberOf(), me()]);
			return {
				channel: { type: channel.type, guildId: channel.guildId, parentId: channel.parentId },
				invoker: member ? channel.permissionsFor(member).bitfield : undefined,
				bot: bot ? channel.permissionsFor(bot).bitfield : undefined,
			};
		},
	};
}

export { COMMAND_NAME };
