/**
 * The discord.js adapter: `/invite` in the discord.js guide's command shape
 * (`{ data, execute, autocomplete }`), translating a discord.js interaction into the core's
 * invocation and answering through discord.js. A host bot's caches answer what they hold;
 * anything they lack is looked up over REST, as the HTTP endpoint does (a check never passes
 * for want of data).
 *
 * `executePayload` is the same command for a bot that hands it the raw INTERACTION_CREATE
 * payload (ours does, and keeps no discord.js caches): the HTTP endpoint's path, with the
 * payload reader, REST lookups and REST interaction callbacks.
 */
import type { REST, RESTOptions } from '@discordjs/rest';
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	GuildMember,
	MessageFlags,
	PermissionsBitField,
} from 'discord.js';
import {
	type APIChatInputApplicationCommandInteraction,
	type APIInteractionResponse,
	MessageFlags as ApiMessageFlags,
	InteractionResponseType,
	type RESTPatchAPIInteractionOriginalResponseJSONBody,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	Routes,
} from 'discord-api-types/v10';
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
import { checkInvocation, type Parsed, readCommandPayload } from '../core/payload.js';
import { readPermissionBits } from '../core/permissions.js';
import { messageBody, type ReplyMessage, snowflakeTimestamp } from '../core/render.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type {
	AttachmentLimits,
	InviteInvocation,
	InvocationAttachment,
	InvocationChannel,
	InvocationRole,
} from '../core/types.js';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { fetchAttachment } from '../discord/attachments.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest, globalRpsOf, restOptions } from '../discord/rest.js';
import { restLookups } from '../http/lookups.js';
import { defaultLogger, type Logger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';

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
	/** The bot's choice (`DEFER_AT_ONCE`): see `InviteCommandOptions.deferAtOnce`. */
	deferAtOnce?: boolean | undefined;
	/**
	 * How the command's REST clients put requests on the wire (@discordjs/rest's `makeRequest`):
	 * this project's bot lends `poolRequest` (src/discord/pool.ts). Unset, @discordjs/rest's own
	 * strategy, which goes through undici's global dispatcher: a proxy the host bot set there
	 * (`setGlobalDispatcher`) is kept.
	 */
	makeRequest?: RESTOptions['makeRequest'] | undefined;
}

/** A command in the discord.js guide's shape. */
export interface GuideCommand {
	data: CommandData;
	execute(interaction: ChatInputCommandInteraction, context?: CommandContext): Promise<void>;
	autocomplete(interaction: AutocompleteInteraction, context?: CommandContext): Promise<void>;
	/**
	 * Runs the command from the raw INTERACTION_CREATE payload (`client.ws.on('INTERACTION_CREATE')`),
	 * needing nothing from discord.js's caches: what the payload lacks is looked up over REST
	 * and the answers go out as REST interaction callbacks. A bot that calls this must not also
	 * call `execute` for the same interaction.
	 */
	executePayload(
		payload: APIChatInputApplicationCommandInteraction,
		host: PayloadHost,
		context?: CommandContext,
	): Promise<void>;
}

/**
 * What `executePayload` needs of the bot that runs it: its REST client (API base, global cap),
 * its token and, once known, its user. A discord.js Client is one; a bot on @discordjs/ws
 * passes one object of its own, the same one every time (the command keeps its REST clients
 * per host).
 */
export interface PayloadHost {
	readonly rest: REST;
	readonly token: string | null;
	readonly user?: { readonly id: string } | null;
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
	/**
	 * Defer (ephemeral "thinking…") as soon as the interaction arrives, then edit in the answer:
	 * the 3-second window can never be missed, at the cost of one more interaction request
	 * (exempt from Discord's global limit) and a brief "thinking…". Answers ready before any
	 * request (a refusal from the payload alone) still go out inline. Default: the bot's
	 * choice (`CommandContext.deferAtOnce`), else off.
	 */
	deferAtOnce?: boolean | undefined;
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
	const fallbackLoggers = new WeakMap<PayloadHost, Logger>();
	const fallbackFor = (client: PayloadHost): Logger => {
		let logger = fallbackLoggers.get(client);
		if (!logger) {
			logger = defaultLogger(client.token ? [client.token] : []);
			if (client.token) fallbackLoggers.set(client, logger);
		}
		return logger;
	};
	const loggerFor = (context: CommandContext | undefined, client: PayloadHost): Logger =>
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
	const rests = new WeakMap<PayloadHost, REST>();
	const restFor = (client: PayloadHost, context: CommandContext | undefined): REST => {
		let rest = rests.get(client);
		if (!rest) {
			if (!client.token) throw new Error('the client has no token (not logged in)');
			rest = createInviteRest({
				api: client.rest.options.api,
				makeRequest: context?.makeRequest,
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

	// Interaction callbacks and edits of the raw path: Discord exempts interaction routes from
	// its global limit, so they never queue behind the client-side cap (per-route limits stay).
	const callbackRests = new WeakMap<PayloadHost, REST>();
	const callbackRestFor = (client: PayloadHost, context: CommandContext | undefined): REST => {
		let rest = callbackRests.get(client);
		if (!rest) {
			rest = createRest({
				...restOptions({
					api: client.rest.options.api,
					globalRequestsPerSecond: 0,
					makeRequest: context?.makeRequest,
				}),
				token: client.token ?? '',
			});
			callbackRests.set(client, rest);
		}
		return rest;
	};
	// Lookups over REST (what a cache lacks, or everything on the raw path): a client that keeps
	// its token after a 401, unlike discord.js's own, with the host's cap.
	const lookupRests = new WeakMap<PayloadHost, REST>();
	const lookupRestFor = (client: PayloadHost, context: CommandContext | undefined): REST => {
		let rest = lookupRests.get(client);
		if (!rest) {
			if (!client.token) throw new Error('the client has no token (not logged in)');
			rest = createRest({
				// The host's cap, in the same pacer as the invite client's.
				...restOptions({
					api: client.rest.options.api,
					globalRequestsPerSecond: globalRpsOf(client.rest),
					makeRequest: context?.makeRequest,
				}),
				token: client.token,
			});
			lookupRests.set(client, rest);
		}
		return rest;
	};
	const deferAtOnceFor = (context: CommandContext | undefined): boolean =>
		options.deferAtOnce ?? context?.deferAtOnce ?? false;

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
			const rest = restFor(interaction.client, context);
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
			const deferAtOnce = deferAtOnceFor(context);
			if (deferAtOnce && !interaction.deferred && !interaction.replied)
				await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			const outcome = await runInvite(read.value, {
				rest,
				responder: responderFor(interaction),
				lookups: lookupsFor(interaction, () => lookupRestFor(interaction.client, context)),
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
		async executePayload(payload, client, context) {
			const logger = loggerFor(context, client);
			if (!(await guardFor(context).firstSeen(payload.id, Date.now()))) {
				logger.warn({ interaction: payload.id }, 'interaction seen before (a resumed shard?): not run twice');
				return;
			}
			const metrics = options.metrics ?? context?.metrics;
			const rest = restFor(client, context);
			metrics?.instrumentRest(rest);
			const receivedAt = receivedAtFromCreation(snowflakeTimestamp(payload.id) ?? Date.now());
			const read = readCommandPayload(payload);
			if (!read.ok) {
				logger.warn({ interaction: payload.id, problem: read.problem }, 'malformed interaction dropped');
				return;
			}
			const deferAtOnce = deferAtOnceFor(context);
			const callbacks = callbackRestFor(client, context);
			const lookupRest = lookupRestFor(client, context);
			for (const client of [callbacks, lookupRest]) metrics?.instrumentRest(client);
			const outcome = await runInvite(read.value, {
				rest,
				responder: payloadResponder(callbacks, payload, deferAtOnce),
				lookups: restLookups(payload, { rest: lookupRest, applicationId: payload.application_id }),
				botUserId: client.user?.id ?? payload.application_id,
				logger,
				receivedAt,
				// Deferred already: the deadline's timer then only marks the answer as an edit.
				deferAfterMs: deferAtOnce ? 0 : options.deferAfterMs,
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
			guildPermissions: member instanceof GuildMember ? serverPermissions(member) : undefined,
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
			role: role
				? { id: role.id, name: role.name, position: rawPosition(role), managed: role.managed }
				: undefined,
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

/**
 * Discord's own position of a role, as the payload and REST give it (what the HTTP endpoint
 * compares). discord.js's `position` is the role's rank among the roles it has cached.
 */
const rawPosition = (role: { position: number; rawPosition?: number }): number => role.rawPosition ?? role.position;

/**
 * A member's server-wide permissions, when the cache holds every role they have (discord.js
 * computes them from the role cache, and throws without @everyone there).
 */
function serverPermissions(member: GuildMember): bigint | undefined {
	const ids = roleIdsOf(member);
	const roles = member.guild.roles.cache;
	if (!ids || !roles.has(member.guild.id) || !ids.every((id) => roles.has(id))) return undefined;
	return member.permissions.bitfield;
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

/**
 * Answers the core's lookups from discord.js's cache where it holds everything a check reads,
 * and over REST otherwise (the HTTP endpoint's lookups): a host bot with limited caches gets
 * the same answers as one caching everything, never a guess from a partial cache.
 */
function lookupsFor(interaction: ChatInputCommandInteraction, lookupRest: () => REST): InviteLookups {
	const guild = interaction.guild;
	const memberRoleIds = roleIdsOf(interaction.member);
	let remote: InviteLookups | undefined;
	const overRest = (): InviteLookups =>
		(remote ??= restLookups(payloadOf(interaction, memberRoleIds), {
			rest: lookupRest(),
			applicationId: interaction.applicationId,
		}));
	// The cache answers only when it holds the server, and every role of the invoker and the bot.
	const rolesCached = (ids: readonly string[] | undefined): boolean =>
		(guild?.roles.cache.has(guild.id) ?? false) && (ids?.every((id) => guild?.roles.cache.has(id)) ?? false);
	// A fetch that fails throws: the core logs it and counts the answer as unknown.
	const memberOf = async (): Promise<GuildMember | undefined> =>
		interaction.member instanceof GuildMember ? interaction.member : guild?.members.fetch(interaction.user.id);
	const me = async (): Promise<GuildMember | undefined> => guild?.members.me ?? guild?.members.fetchMe();
	const cachedPair = async (): Promise<[GuildMember, GuildMember] | undefined> => {
		if (!guild || !rolesCached(memberRoleIds)) return undefined;
		const [member, bot] = await Promise.all([memberOf(), me()]);
		return member && bot && rolesCached(roleIdsOf(bot)) ? [member, bot] : undefined;
	};
	return {
		async roleStanding() {
			const pair = await cachedPair();
			if (!guild || !pair) return overRest().roleStanding?.();
			const [member, bot] = pair;
			return {
				invokerIsOwner: guild.ownerId === member.id,
				invokerHighestPosition: member.roles.highest.rawPosition,
				botHighestPosition: bot.roles.highest.rawPosition,
				invokerPermissions: member.permissions.bitfield,
				botPermissions: bot.permissions.bitfield,
			};
		},
		async roles(ids: readonly string[]) {
			if (!guild || !ids.every((id) => guild.roles.cache.has(id))) return overRest().roles?.(ids);
			const found = new Map<string, InvocationRole>();
			for (const id of ids) {
				const role = guild.roles.cache.get(id);
				if (role) found.set(id, { id, name: role.name, position: role.rawPosition, managed: role.managed });
			}
			return found;
		},
		attachment: (attachment: InvocationAttachment, limits: AttachmentLimits) =>
			fetchAttachment(attachment.url, limits, {
				apiUrl: interaction.client.rest.options.api,
				fetch: nodeAttachmentFetch,
				expectedBytes: attachment.size,
			}),
		async channelPermissions(channelId: string) {
			const channel = guild?.channels.cache.get(channelId);
			// A thread takes its parent's overwrites: the parent must be cached too.
			const source = channel?.isThread() ? channel.parent : channel;
			const pair = channel && source ? await cachedPair() : undefined;
			if (!channel || !pair) return overRest().channelPermissions?.(channelId);
			const [member, bot] = pair;
			return {
				channel: { type: channel.type, guildId: channel.guildId, parentId: channel.parentId },
				invoker: channel.permissionsFor(member).bitfield,
				bot: channel.permissionsFor(bot).bitfield,
			};
		},
	};
}

/**
 * The role ids of a member, cached or raw. discord.js keeps a GuildMember's ids in `_roles`
 * (its `roles.cache` is only the ones the role cache holds); a raw member lists them.
 */
function roleIdsOf(member: ChatInputCommandInteraction['member'] | GuildMember | undefined): string[] | undefined {
	if (!member) return undefined;
	const ids = member instanceof GuildMember ? (member as unknown as { _roles?: unknown })._roles : member.roles;
	return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
}

/** What the REST lookups read of the interaction payload: the server, and who invoked with which roles. */
function payloadOf(
	interaction: ChatInputCommandInteraction,
	roleIds: string[] | undefined,
): APIChatInputApplicationCommandInteraction {
	return {
		guild_id: interaction.guildId ?? undefined,
		// Without the invoker's roles, nothing about them can be computed: the checks refuse.
		member: roleIds ? { user: { id: interaction.user.id }, roles: roleIds } : undefined,
	} as unknown as APIChatInputApplicationCommandInteraction;
}

/**
 * Answers a raw interaction with REST interaction callbacks (no bot auth: the token is the
 * key). Deferring at once sends the deferred response before anything else, and every answer
 * is then an edit of it.
 */
function payloadResponder(
	rest: REST,
	payload: APIChatInputApplicationCommandInteraction,
	deferAtOnce: boolean,
): InteractionResponder {
	const callback = async (body: APIInteractionResponse): Promise<void> => {
		await rest.post(Routes.interactionCallback(payload.id, payload.token), { body, auth: false });
	};
	const edit = async (message: ReplyMessage): Promise<void> => {
		const body: RESTPatchAPIInteractionOriginalResponseJSONBody = messageBody(message);
		await rest.patch(Routes.webhookMessage(payload.application_id, payload.token), { body, auth: false });
	};
	const defer = (): Promise<void> =>
		callback({
			type: InteractionResponseType.DeferredChannelMessageWithSource,
			data: { flags: ApiMessageFlags.Ephemeral },
		});
	const early = deferAtOnce ? defer() : undefined;
	// Its failure is the answer's: the reply that waits on it reports the interaction lost.
	early?.catch(() => undefined);
	return {
		reply: early
			? async (message) => {
					await early;
					await edit(message);
				}
			: (message) => callback({ type: InteractionResponseType.ChannelMessageWithSource, data: message }),
		defer: () => early ?? defer(),
		edit,
	};
}

export { COMMAND_NAME };
