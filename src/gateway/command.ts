/**
 * The discord.js adapter: `/invite` in the discord.js guide's command shape
 * (`{ data, execute, autocomplete }`). It translates a discord.js interaction into the
 * pipeline's input (src/pipeline/), with lookups from the host bot's caches where they hold
 * everything a check reads (over REST otherwise), and answers through discord.js. Everything
 * else (the replay guard, the deadline, cooldowns, logs, metrics) is the pipeline's, as on
 * every other host.
 *
 * `executePayload` is the same command for a bot that hands it the raw INTERACTION_CREATE
 * payload and a REST client (ours does, and keeps no discord.js caches): the payload goes to
 * the pipeline as it is, answered with REST interaction callbacks.
 */
import type { REST, RESTOptions } from '@discordjs/rest';
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type Client,
	GuildMember,
	type InteractionEditReplyOptions,
	type InteractionReplyOptions,
	MessageFlags,
	PermissionsBitField,
} from 'discord.js';
import {
	type APIChatInputApplicationCommandInteraction,
	type APIInteraction,
	InteractionResponseType,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMANDS } from '../commands/invite.js';
import { COMMAND_NAME, inviteCommand } from '../core/command.js';
import {
	type CooldownLimit,
	type CooldownStore,
	cooldownLimits,
	createCooldowns,
	type InviteCooldowns,
} from '../core/cooldown.js';
import { type Clock, receivedAtFromCreation, systemClock } from '../core/deadline.js';
import type { InviteLookups, InviteOutcome } from '../core/invite.js';
import { checkInvocation, type Parsed } from '../core/payload.js';
import { readPermissionBits } from '../core/permissions.js';
import { messageBody, type ReplyMessage } from '../core/render.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import { inviteSettingsCommand, type SettingsInvocation } from '../core/settings.js';
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
import { createRest, type GlobalPacer, globalPacerOf, globalRpsOf, restOptions, tokenOf } from '../discord/rest.js';
import { defaultLogger, type Logger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import { restLookups } from '../pipeline/lookups.js';
import { createPipeline, type Delivery, type Pipeline, REPLAY_TTL_MS } from '../pipeline/pipeline.js';
import { type Responder, restResponder } from '../pipeline/responder.js';
import type { InviteStore } from '../store/repository.js';

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
	/** The bot's choice: see `InviteCommandOptions.deferAtOnce`. */
	deferAtOnce?: boolean | undefined;
	/**
	 * How the command's REST clients put requests on the wire (@discordjs/rest's `makeRequest`).
	 * Unset, @discordjs/rest's own strategy, which goes through undici's global dispatcher: a
	 * proxy the host bot set there (`setGlobalDispatcher`) is kept.
	 */
	makeRequest?: RESTOptions['makeRequest'] | undefined;
	/** The bot's invite ledger (`DATABASE_URL`), unless the command's options name one. */
	store?: InviteStore | undefined;
}

/** A command in the discord.js guide's shape. */
export interface GuideCommand {
	data: CommandData;
	execute(interaction: ChatInputCommandInteraction, context?: CommandContext): Promise<void>;
	autocomplete(interaction: AutocompleteInteraction, context?: CommandContext): Promise<void>;
	/**
	 * Runs the command from the raw INTERACTION_CREATE payload (a chat-input command or its
	 * autocomplete), needing nothing from discord.js's caches: what the payload lacks is looked
	 * up over REST and the answers go out as REST interaction callbacks. `rest` is the bot's
	 * REST client (one made by `createRest`, so its token is known) or a logged-in discord.js
	 * Client. A bot that calls this must not also call `execute` for the same interaction.
	 */
	executePayload(
		payload: APIChatInputApplicationCommandInteraction | APIInteraction,
		rest: REST | Client,
		context?: CommandContext,
	): Promise<void>;
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
	 * (exempt from Discord's global limit) and a brief "thinking…". Default: the bot's
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
	/** The clock every timing rule runs on. Default: the system's. */
	clock?: Clock | undefined;
	/**
	 * The invite ledger and each server's settings: your own database through `openStore`
	 * (SQLite or Postgres) or `createInviteStore` (any Kysely). Default: the bot's
	 * (`CommandContext.store`), else none (invites are not recorded, `/invites` says so).
	 */
	store?: InviteStore | undefined;
}

/** Where a command's requests go: the bot's token and API, and the host's cap. */
interface Origin {
	token: string;
	pacer: GlobalPacer | undefined;
	api: string;
	globalRequestsPerSecond: number;
}

/**
 * Whether the bot lent its discord.js Client rather than a REST client. Told by shape, not
 * `instanceof`: discord.js may carry its own copy of @discordjs/rest.
 */
const isClient = (source: REST | Client): source is Client => 'ws' in source && 'rest' in source;

/** The origin of a discord.js Client (logged in) or of a REST client made by `createRest`. */
function originOf(source: REST | Client): Origin {
	if (!isClient(source)) {
		const token = tokenOf(source);
		if (!token) throw new Error('executePayload needs a REST client made by createRest (its token is not known)');
		return {
			token,
			api: source.options.api,
			globalRequestsPerSecond: globalRpsOf(source),
			pacer: globalPacerOf(source),
		};
	}
	if (!source.token) throw new Error('the client has no token (not logged in)');
	// The host bot's cap (DISCORD_REST_GLOBAL_RPS for ours): off behind a proxy, off here too;
	// on, every client of the bot shares one pacer for the token.
	return {
		token: source.token,
		api: source.rest.options.api,
		globalRequestsPerSecond: globalRpsOf(source.rest),
		pacer: globalPacerOf(source.rest),
	};
}

/**
 * Builds the command. The invite request goes through a REST client of its own (one per
 * discord.js Client or REST client, same API base and token) configured never to repeat the
 * POST; the host bot's own client keeps its settings.
 */
export function createInviteCommand(
	options: InviteCommandOptions = {},
	served: ServedCommand = INVITE_COMMAND,
): GuideCommand {
	// The default logger masks the token it logs for (known only at run time).
	const fallbackLoggers = new Map<string, Logger>();
	const loggerFor = (context: CommandContext | undefined, token: string | null | undefined): Logger => {
		const given = options.logger ?? context?.logger;
		if (given) return given;
		let logger = fallbackLoggers.get(token ?? '');
		if (!logger) {
			logger = defaultLogger(token ? [token] : []);
			fallbackLoggers.set(token ?? '', logger);
		}
		return logger;
	};
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
		options.replayGuard ?? context?.replayGuard ?? (ownGuard ??= new SeenInteractions(REPLAY_TTL_MS));

	/** One pipeline per bot (its REST clients): the invite client, and one for lookups and callbacks. */
	const pipelines = new WeakMap<object, { pipeline: Pipeline<InviteOutcome>; api: REST; create: REST }>();
	const pipelineFor = (source: REST | Client, context: CommandContext | undefined) => {
		let found = pipelines.get(source);
		if (!found) {
			const origin = originOf(source);
			const shared = {
				api: origin.api,
				globalRequestsPerSecond: origin.globalRequestsPerSecond,
				makeRequest: context?.makeRequest,
				// The host bot's own pacer, when its client has one: one global limit per bot.
				pacer: origin.pacer,
			};
			// Lookups and callbacks: a client that keeps its token after a 401, unlike discord.js's
			// own, with the host's cap (interaction routes carry no bot token: never paced).
			const api = createRest({ ...restOptions(shared), token: origin.token });
			const create = createInviteRest({
				...shared,
				token: origin.token,
				timeoutMs: options.requestTimeoutMs,
				maxRateLimitWaitMs: options.maxRateLimitWaitMs,
			});
			const pipeline = createPipeline<InviteOutcome>({
				commands: COMMANDS,
				rest: { api, create },
				transport: 'gateway',
				// Gateway bots run on Node: `users_file` is fetched with the address check.
				attachmentFetch: nodeAttachmentFetch,
				clock: options.clock,
				deferAfterMs: options.deferAfterMs,
				settings: {
					attachmentTimeoutMs: options.attachmentTimeoutMs,
					jobPollDelaysMs: options.jobPollDelaysMs,
				},
				onOutcome: options.onOutcome,
				store: options.store ?? context?.store,
			});
			found = { pipeline, api, create };
			pipelines.set(source, found);
		}
		return found;
	};
	/** What the host lends for one call, as the pipeline takes it. */
	const lent = (context: CommandContext | undefined, logger: Logger, rests: readonly REST[]): Delivery => {
		const metrics = options.metrics ?? context?.metrics;
		for (const rest of rests) metrics?.instrumentRest(rest);
		return {
			logger,
			metrics,
			cooldowns: cooldownsFor(context),
			replayGuard: guardFor(context),
			deferAtOnce: options.deferAtOnce ?? context?.deferAtOnce ?? false,
		};
	};

	const json = served.data;
	const data: CommandData = Object.freeze({
		...json,
		toJSON: () => structuredClone(json) as RESTPostAPIChatInputApplicationCommandsJSONBody,
	});

	return {
		data,
		async execute(interaction, context) {
			const { client } = interaction;
			const logger = loggerFor(context, client.token);
			// The same validating reader as the payload's: a malformed interaction is dropped
			// with a log line, never answered with a guess nor sent on to Discord.
			const read = served.read(interaction);
			if (!read.ok) {
				logger.warn({ interaction: interaction.id, problem: read.problem }, 'malformed interaction dropped');
				return;
			}
			const { pipeline, api, create } = pipelineFor(client, context);
			await pipeline.run(
				{
					id: interaction.id,
					name: json.name,
					input: read.value,
					locale: interaction.locale,
					guildLocale: interaction.guildLocale ?? undefined,
				},
				discordJsResponder(interaction),
				{
					...lent(context, logger, [api, create]),
					// Discord's clock starts at creation: time the host bot spent before calling us counts.
					receivedAt: receivedAtFromCreation(
						interaction.createdTimestamp,
						(options.clock ?? systemClock).now(),
					),
					lookups: lookupsFor(interaction, () => api),
					botUserId: client.user.id,
				},
			);
		},
		async executePayload(payload, source, context) {
			const logger = loggerFor(context, isClient(source) ? source.token : tokenOf(source));
			const { pipeline, api, create } = pipelineFor(source, context);
			const responder = restResponder(api, payload as APIChatInputApplicationCommandInteraction, {
				clock: options.clock,
			});
			const handled = await pipeline.handle(payload, responder, {
				...lent(context, logger, [api, create]),
				botUserId: isClient(source) ? (source.user?.id ?? undefined) : undefined,
			});
			if (handled.status === 'malformed')
				logger.warn({ interaction: payload.id, problem: handled.problem }, 'malformed interaction dropped');
		},
		async autocomplete(interaction, context) {
			const logger = loggerFor(context, interaction.client.token);
			const focused = interaction.options.getFocused(true);
			const { pipeline } = pipelineFor(interaction.client, context);
			await pipeline
				.autocomplete(interaction.commandName, {
					focused: { name: focused.name, value: String(focused.value) },
					locale: interaction.locale,
					guildLocale: interaction.guildLocale ?? undefined,
				})
				.then((choices) => interaction.respond(choices))
				.catch((error: unknown) => logger.warn({ err: error }, 'could not answer autocomplete'));
		},
	};
}

/** Which command a guide-shaped command serves: its registration and its discord.js reader. */
interface ServedCommand {
	data: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;
	read(interaction: ChatInputCommandInteraction): Parsed<unknown>;
}

const INVITE_COMMAND: ServedCommand = { data: inviteCommand, read: readInvocation };

/**
 * `/invite-settings` in the discord.js guide's shape, on the same pipeline as `/invite` (its
 * own instance): registered for Manage Server, checked again at run time. It keeps settings
 * only where the pipeline has a store; without one it says so.
 */
export function createInviteSettingsCommand(options: InviteCommandOptions = {}): GuideCommand {
	return createInviteCommand(options, { data: inviteSettingsCommand, read: readSettingsInvocation });
}

/** A discord.js `/invite-settings` interaction, as the core's reader would make it of the payload. */
function readSettingsInvocation(interaction: ChatInputCommandInteraction): Parsed<SettingsInvocation> {
	try {
		const { options } = interaction;
		const channel = options.getChannel('log_channel');
		return {
			ok: true,
			value: {
				interactionId: interaction.id,
				locale: interaction.locale,
				guildLocale: interaction.guildLocale ?? undefined,
				guildId: interaction.guildId,
				invoker: {
					id: interaction.user.id,
					username: interaction.user.username,
					permissions: interaction.memberPermissions?.bitfield ?? null,
				},
				options: {
					log_channel: channel ? channelFrom(channel) : undefined,
					max_expires: options.getString('max_expires') ?? undefined,
					allow_permanent: options.getBoolean('allow_permanent') ?? undefined,
					max_uses_limit: options.getInteger('max_uses_limit') ?? undefined,
					allow_roles: options.getBoolean('allow_roles') ?? undefined,
					require_reason: options.getBoolean('require_reason') ?? undefined,
					reset: options.getBoolean('reset') ?? undefined,
				},
			},
		};
	} catch (error) {
		return { ok: false, problem: `unreadable interaction (${(error as Error).name})` };
	}
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
 * The pipeline's responder on a discord.js interaction. A host bot may have deferred before
 * calling `execute` (many guide-style dispatchers do): then the first answer is an edit, and
 * there is nothing to defer; a reply the host made itself is never overwritten (ours goes out
 * as an ephemeral follow-up).
 */
function discordJsResponder(interaction: ChatInputCommandInteraction): Responder {
	const answered = () => interaction.deferred || interaction.replied;
	const hostReplied = interaction.replied;
	// The API's body as discord.js takes it (camelCase `allowedMentions`); the core's messages carry nothing else.
	const asDiscordJs = (body: {
		content?: string | null | undefined;
		components?: unknown;
		allowed_mentions?: unknown;
	}): InteractionReplyOptions & InteractionEditReplyOptions =>
		({
			content: body.content ?? undefined,
			components: body.components,
			allowedMentions: body.allowed_mentions,
		}) as InteractionReplyOptions & InteractionEditReplyOptions;
	return {
		async callback(response) {
			if (response.type === InteractionResponseType.DeferredChannelMessageWithSource) {
				if (!answered()) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
				return;
			}
			if (response.type !== InteractionResponseType.ChannelMessageWithSource)
				throw new Error(`a chat-input command answers with a message, not callback type ${response.type}`);
			const body = asDiscordJs(response.data);
			// Deferred by the host: fill in its "thinking…". Already replied to by the host: never
			// overwrite its message, add ours as an ephemeral follow-up.
			if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
			else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
		},
		async editOriginal(body) {
			const message = asDiscordJs(body);
			if (hostReplied) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
			else await interaction.editReply(message);
		},
		async followUp(body) {
			await interaction.followUp({ ...asDiscordJs(body), flags: MessageFlags.Ephemeral });
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

export { COMMAND_NAME };
