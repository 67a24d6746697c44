/**
 * The gateway bot: a discord.js Client with only the Guilds intent and caches cut to what
 * `/invite` reads, and a dispatcher that routes chat-input and autocomplete interactions to
 * the commands in `commands/`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	type AutocompleteInteraction,
	type CacheWithLimitsOptions,
	type ChatInputCommandInteraction,
	Client,
	type ClientOptions,
	Events,
	GatewayIntentBits,
	type Interaction,
	MessageFlags,
	Options,
	Status,
} from 'discord.js';
import {
	type APIChatInputApplicationCommandInteraction,
	type APIInteraction,
	ApplicationCommandType,
	GatewayCloseCodes,
	GatewayDispatchEvents,
	type GatewayReadyDispatchData,
	InteractionResponseType,
	InteractionType,
	OAuth2Routes,
	OAuth2Scopes,
	PermissionFlagsBits,
	Routes,
} from 'discord-api-types/v10';
import { failureText, newReference } from '../core/errors.js';
import { type ReplyMessage, textReply, unknownCommandReply } from '../core/render.js';
import { poolRequest } from '../discord/pool.js';
import { restOptions } from '../discord/rest.js';
import { messagesFor } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log.js';
import type { HealthProblems } from '../ops/health.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import { type CommandContext, discordJsBody, type GuideCommand } from './command.js';

/** The folder the bot loads commands from (`commands/` at the project root). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A command module as the loader accepts it: the guide shape, autocomplete optional. */
export type LoadedCommand = Pick<GuideCommand, 'data' | 'execute'> &
	Partial<Pick<GuideCommand, 'autocomplete' | 'executePayload'>>;

/** Imports every command module in `dir` (default export `{ data, execute }`), keyed by name. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, LoadedCommand>> {
	const commands = new Map<string, LoadedCommand>();
	const files = (await readdir(dir))
		.filter((file) => /\.(?:ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'))
		.sort();
	for (const file of files) {
		const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: Partial<LoadedCommand> };
		const command = module.default;
		if (!command?.data?.name || typeof command.execute !== 'function')
			throw new Error(`${file} does not export default { data, execute }`);
		commands.set(command.data.name, command as LoadedCommand);
	}
	return commands;
}

/** Permissions `/invite` needs: Create Invite and View Channel; Manage Roles for `role`. */
export const BOT_PERMISSIONS = PermissionFlagsBits.CreateInstantInvite | PermissionFlagsBits.ViewChannel;
export const BOT_PERMISSIONS_WITH_ROLES = BOT_PERMISSIONS | PermissionFlagsBits.ManageRoles;

/** The URL that adds the bot to a server, with its slash commands. */
export function addToServerUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
	const url = new URL(OAuth2Routes.authorizationURL);
	url.searchParams.set('client_id', applicationId);
	url.searchParams.set('scope', [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '));
	url.searchParams.set('permissions', permissions.toString());
	url.searchParams.set('integration_type', '0');
	return url.toString();
}

export interface BotOptions {
	/** @discordjs/rest's `api` (base URL without the version). */
	apiUrl?: string | undefined;
	/** Global REST cap, requests per second (`DISCORD_REST_GLOBAL_RPS`); 0 = off. Default 50. */
	restGlobalRps?: number | undefined;
	/**
	 * Shards this process runs, all of them (`SHARD_COUNT`: a number, or `auto` for Discord's
	 * recommendation). Default one. Ignored under discord.js's ShardingManager, which tells
	 * each process its shards.
	 */
	shardCount?: number | 'auto' | undefined;
	commands: Map<string, LoadedCommand>;
	logger?: Logger | undefined;
	/** Record into these: REST responses, shard status and ping, and what commands report. */
	metrics?: InviteMetrics | undefined;
	/** Lent to commands: cooldowns and the replay guard (shared through Redis when configured). */
	cooldowns?: CommandContext['cooldowns'];
	replayGuard?: CommandContext['replayGuard'];
	/** Lent to commands (`DEFER_AT_ONCE`): defer every `/invite` at once, then edit in the answer. */
	deferAtOnce?: boolean | undefined;
	/** Called with the client before login (e.g. to serve its shards' health while it connects). */
	onClient?: ((client: Client) => void) | undefined;
}

/**
 * A Client that caches nothing. `/invite` runs from the raw INTERACTION_CREATE payload
 * (`executePayload`: the payload carries the permissions, resolved channels and roles, and
 * REST lookups fill in the rest), so guild, channel, role and member objects would be kept
 * for nobody: with default caches they cost ~40 MiB per 1,000 guilds (`npm run bench --
 * --only=guild-scale`). discord.js warns that limiting GuildManager, ChannelManager,
 * GuildChannelManager, RoleManager and PermissionOverwriteManager breaks functionality: what
 * breaks is reading them (`client.guilds.cache`, `interaction.guild`, `interaction.channel`,
 * `channel.permissionsFor`), which this bot does not do. READY and guild availability are
 * tracked by the shards (`expectedGuilds`), not by the cache, so `clientReady` still waits
 * for every GUILD_CREATE. A command added to `commands/` gets interactions without cached
 * guilds or channels: it should read the interaction's own fields or fetch.
 */
export function createClient(options: Pick<BotOptions, 'apiUrl' | 'restGlobalRps' | 'shardCount'> = {}): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: restOptions({
			api: options.apiUrl,
			globalRequestsPerSecond: options.restGlobalRps,
			makeRequest: poolRequest(options.apiUrl),
		}),
		...shardOptions(options.shardCount),
		makeCache: Options.cacheWithLimits(NO_CACHES),
		// Nothing is cached, so there is nothing to sweep.
		sweepers: {},
	});
}

/**
 * Every manager discord.js makes a cache for, limited to nothing. (Its types leave out the
 * managers it warns about; `cacheWithLimits` reads them by name all the same.)
 */
const NO_CACHES: CacheWithLimitsOptions = Object.fromEntries(
	[
		'ApplicationCommandManager',
		'ApplicationEmojiManager',
		'AutoModerationRuleManager',
		'BaseGuildEmojiManager',
		'ChannelManager',
		'DMMessageManager',
		'EntitlementManager',
		'GuildBanManager',
		'GuildChannelManager',
		'GuildEmojiManager',
		'GuildForumThreadManager',
		'GuildInviteManager',
		'GuildManager',
		'GuildMemberManager',
		'GuildMessageManager',
		'GuildScheduledEventManager',
		'GuildSoundboardSoundManager',
		'GuildStickerManager',
		'GuildTextThreadManager',
		'MessageManager',
		'PermissionOverwriteManager',
		'PresenceManager',
		'ReactionManager',
		'ReactionUserManager',
		'RoleManager',
		'StageInstanceManager',
		'ThreadManager',
		'ThreadMemberManager',
		'UserManager',
		'VoiceStateManager',
	].map((manager) => [manager, 0]),
);

/**
 * discord.js's `shards`/`shardCount`. Always explicit outside a ShardingManager: the Client
 * otherwise reads `SHARD_COUNT` from the environment itself, where ours may say `auto`.
 */
function shardOptions(count: BotOptions['shardCount']): Pick<ClientOptions, 'shards' | 'shardCount'> {
	if (process.env.SHARDING_MANAGER) return {};
	if (count === 'auto') return { shards: 'auto' };
	const total = count ?? 1;
	return { shards: Array.from({ length: total }, (_, id) => id), shardCount: total };
}

/**
 * Routes interactions to commands; every chat-input interaction gets an answer. With
 * `fromPayload`, commands that take the raw payload (`executePayload`) are left to
 * `routePayloads`, which runs them first.
 */
export function createDispatcher(
	commands: Map<string, LoadedCommand>,
	logger: Logger = silentLogger,
	context: CommandContext = { logger },
	fromPayload = false,
): (interaction: Interaction) => Promise<void> {
	return async (interaction) => {
		if (interaction.isAutocomplete()) return dispatchAutocomplete(interaction, commands, logger, context);
		if (!interaction.isChatInputCommand()) return;
		const command = commands.get(interaction.commandName);
		if (fromPayload && command?.executePayload) return;
		if (!command) {
			logger.warn({ name: interaction.commandName, interaction: interaction.id }, 'unknown command');
			const reply = unknownCommandReply(interaction.commandName, interaction.locale, interaction.guildLocale);
			await answer(interaction, reply, logger);
			return;
		}
		try {
			await command.execute(interaction, context);
		} catch (error) {
			const reference = newReference();
			logger.error({ name: interaction.commandName, reference, err: error }, 'command failed');
			const messages = messagesFor(interaction.locale, interaction.guildLocale);
			const text = failureText({ id: 'unknown', args: [reference], log: true }, messages);
			await answer(interaction, textReply(text), logger);
		}
	};
}

/**
 * Runs the commands that take the raw INTERACTION_CREATE payload from it, before discord.js
 * builds its interaction (`client.ws` emits each dispatch first): nothing they need comes
 * from the cache. A command that throws still gets the interaction answered.
 * @returns a function that stops routing
 */
export function routePayloads(
	client: Client,
	commands: Map<string, LoadedCommand>,
	logger: Logger = silentLogger,
	context: CommandContext = { logger },
): () => void {
	const onInteraction = (payload: APIInteraction): void => {
		if (
			payload.type !== InteractionType.ApplicationCommand ||
			payload.data.type !== ApplicationCommandType.ChatInput
		)
			return;
		const command = commands.get(payload.data.name);
		if (!command?.executePayload) return;
		const chatInput = payload as APIChatInputApplicationCommandInteraction;
		command.executePayload(chatInput, client, context).catch(async (error: unknown) => {
			const reference = newReference();
			logger.error({ name: chatInput.data.name, reference, err: error }, 'command failed');
			const messages = messagesFor(chatInput.locale, chatInput.guild_locale);
			const text = failureText({ id: 'unknown', args: [reference], log: true }, messages);
			// Answered already, this is refused: the interaction has its answer then.
			await client.rest
				.post(Routes.interactionCallback(chatInput.id, chatInput.token), {
					body: { type: InteractionResponseType.ChannelMessageWithSource, data: textReply(text) },
					auth: false,
				})
				.catch((failure: unknown) => logger.warn({ err: failure }, 'could not answer the interaction'));
		});
	};
	client.ws.on(GatewayDispatchEvents.InteractionCreate, onInteraction);
	return () => void client.ws.off(GatewayDispatchEvents.InteractionCreate, onInteraction);
}

async function dispatchAutocomplete(
	interaction: AutocompleteInteraction,
	commands: Map<string, LoadedCommand>,
	logger: Logger,
	context: CommandContext,
): Promise<void> {
	const command = commands.get(interaction.commandName);
	try {
		if (command?.autocomplete) await command.autocomplete(interaction, context);
		else await interaction.respond([]);
	} catch (error) {
		logger.warn({ name: interaction.commandName, err: error }, 'autocomplete failed');
	}
}

/** A last-resort ephemeral answer, whatever state the interaction is in. */
async function answer(interaction: ChatInputCommandInteraction, message: ReplyMessage, logger: Logger): Promise<void> {
	const body = discordJsBody(message);
	try {
		if (interaction.deferred) await interaction.editReply(body);
		else if (!interaction.replied) await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
	} catch (error) {
		logger.warn({ err: error }, 'could not answer the interaction');
	}
}

/**
 * What keeps the bot from being healthy right now: every shard must be ready (none yet means
 * not connected). For `/healthz`.
 */
export function gatewayProblems(client: Client): HealthProblems {
	const problems: Record<string, string> = {};
	if (client.ws.shards.size === 0) problems.gateway = 'not connected';
	for (const shard of client.ws.shards.values())
		if (shard.status !== Status.Ready) problems[`shard ${shard.id}`] = Status[shard.status] ?? String(shard.status);
	return problems;
}

/**
 * What each gateway close code that ends the session for good means, and what to do. discord.js
 * does not reconnect after these; without a word from us the process would just end.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export const FATAL_CLOSE_ADVICE: Readonly<Partial<Record<number, string>>> = {
	[GatewayCloseCodes.AuthenticationFailed]:
		'Discord refused the bot token (4004 Authentication failed). Reset the token in the Developer Portal (Bot → Reset Token), put the new one in DISCORD_TOKEN and start again.',
	[GatewayCloseCodes.InvalidShard]:
		'Discord refused the shard (4010 Invalid shard): check the shard ids and count, then start again.',
	[GatewayCloseCodes.ShardingRequired]:
		'Discord requires sharding for this bot (4011 Sharding required): run it sharded, with the shard count GET /gateway/bot recommends (see docs/operating.md).',
	[GatewayCloseCodes.InvalidAPIVersion]:
		'Discord refused the gateway API version (4012 Invalid API version): update discord.js and start again.',
	[GatewayCloseCodes.InvalidIntents]:
		'Discord refused the intents (4013 Invalid intent(s)): the bot asks for an intent value Discord does not know; drop it and start again.',
	[GatewayCloseCodes.DisallowedIntents]:
		'Discord refused a privileged intent (4014 Disallowed intent(s)): enable it in the Developer Portal (Bot → Privileged Gateway Intents) or drop it from the bot, then start again.',
};

/**
 * Calls `listener` with the close code and the advice when a shard is closed for good (a
 * fatal close code discord.js will not reconnect after).
 * @returns a function that stops listening
 */
export function onFatalClose(client: Client, listener: (code: number, advice: string) => void): () => void {
	const onDisconnect = (event: { code: number }) => {
		listener(
			event.code,
			FATAL_CLOSE_ADVICE[event.code] ??
				`Discord closed the gateway for good (close code ${event.code}); see Discord's gateway close event codes, then start again.`,
		);
	};
	client.on(Events.ShardDisconnect, onDisconnect);
	return () => client.off(Events.ShardDisconnect, onDisconnect);
}

/** A running bot: the client, and a stop that closes the gateway. */
export interface Bot {
	client: Client;
	/** How many servers this process's shards were given in READY. */
	guildCount(): number;
	stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready. Rejects when the token is refused. */
export async function startBot(token: string, options: BotOptions): Promise<Bot> {
	const logger = options.logger ?? silentLogger;
	const client = createClient(options);
	if (options.metrics) {
		options.metrics.instrumentRest(client.rest);
		options.metrics.watchGateway(client);
	}
	options.onClient?.(client);
	const context: CommandContext = {
		logger,
		metrics: options.metrics,
		cooldowns: options.cooldowns,
		replayGuard: options.replayGuard,
		deferAtOnce: options.deferAtOnce,
		// Our bot's commands send as its client does: through the API origin's pool.
		makeRequest: poolRequest(options.apiUrl),
	};
	routePayloads(client, options.commands, logger, context);
	client.on(Events.InteractionCreate, createDispatcher(options.commands, logger, context, true));
	// The servers each shard was given in READY (the cache keeps none to count).
	const guilds = new Map<number, number>();
	client.ws.on(GatewayDispatchEvents.Ready, (data: GatewayReadyDispatchData, shard: number) =>
		guilds.set(shard, data.guilds.length),
	);
	client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
	client.on(Events.ShardReady, (shard) => logger.info({ shard }, 'shard ready'));
	client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'shard disconnected'));
	client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'shard reconnecting'));
	client.on(Events.Warn, (message) => logger.warn(message));
	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	try {
		await client.login(token);
		await ready;
	} catch (error) {
		await client.destroy();
		throw error;
	}
	return {
		client,
		guildCount: () => [...guilds.values()].reduce((sum, count) => sum + count, 0),
		stop: () => client.destroy(),
	};
}
