/**
 * The gateway bot on @discordjs/ws: no discord.js Client, no caches. Its shards hand over
 * the raw INTERACTION_CREATE payload, the command runs from it (what it lacks is looked up
 * over REST) and every answer goes out as a REST interaction callback.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIApplicationCommandInteractionDataBasicOption,
	type APIApplicationCommandOptionChoice,
	type APIChatInputApplicationCommandInteraction,
	type APIInteraction,
	type APIUser,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	GatewayCloseCodes,
	GatewayDispatchEvents,
	type GatewayDispatchPayload,
	GatewayIntentBits,
	type GatewayReadyDispatchData,
	InteractionResponseType,
	InteractionType,
	OAuth2Routes,
	OAuth2Scopes,
	PermissionFlagsBits,
	type RESTGetAPIGatewayBotResult,
	Routes,
} from 'discord-api-types/v10';
import { autocompleteChoices } from '../core/autocomplete.js';
import { failureText, newReference } from '../core/errors.js';
import { type ReplyMessage, textReply, unknownCommandReply } from '../core/render.js';
import { poolRequest } from '../discord/pool.js';
import { createRest, restOptions } from '../discord/rest.js';
import { messagesFor } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import type { InviteStore } from '../store/repository.js';
import type { CommandContext, GuideCommand } from './command.js';
import { ShardStates } from './shard-metrics.js';
import { sessionStore, shardingStrategy } from './shards.js';

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
	 * The bot's shards, all processes together (`SHARD_COUNT`: a number, or `auto` for the
	 * count GET /gateway/bot recommends). Default one.
	 */
	shardCount?: number | 'auto' | undefined;
	/** The shards this process runs (`SHARD_IDS`), each below the count. Default all of them. */
	shardIds?: readonly number[] | undefined;
	/** Run each shard in a worker thread of its own (`npm run start:sharded`). Default: in this thread. */
	workers?: boolean | undefined;
	commands: Map<string, LoadedCommand>;
	logger?: Logger | undefined;
	/** Record into these: REST responses, shard status, ping and zombies, and what commands report. */
	metrics?: InviteMetrics | undefined;
	/** Lent to commands: cooldowns and the replay guard (shared through Redis when configured). */
	cooldowns?: CommandContext['cooldowns'];
	replayGuard?: CommandContext['replayGuard'];
	/** Lent to commands: defer every `/invite` at once, then edit in the answer. */
	deferAtOnce?: boolean | undefined;
	/**
	 * Lent to commands: the invite ledger. The bot also keeps it true to the gateway: a server
	 * that removed the bot (GUILD_DELETE) is forgotten, an invite deleted anywhere (INVITE_DELETE) is marked.
	 */
	store?: InviteStore | undefined;
}

/**
 * What each gateway close code that ends the session for good means, and what to do.
 * @discordjs/ws does not reconnect after these; without a word from us the bot would sit idle.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export const FATAL_CLOSE_ADVICE: Readonly<Partial<Record<number, string>>> = {
	[GatewayCloseCodes.AuthenticationFailed]:
		'Discord refused the bot token (4004 Authentication failed). Reset the token in the Developer Portal (Bot → Reset Token), put the new one in DISCORD_TOKEN and start again.',
	[GatewayCloseCodes.InvalidShard]:
		'Discord refused the shard (4010 Invalid shard): check SHARD_COUNT and SHARD_IDS, then start again.',
	[GatewayCloseCodes.ShardingRequired]:
		'Discord requires sharding for this bot (4011 Sharding required): run it sharded, with the shard count GET /gateway/bot recommends (see docs/operating.md).',
	[GatewayCloseCodes.InvalidAPIVersion]:
		'Discord refused the gateway API version (4012 Invalid API version): update @discordjs/ws and start again.',
	[GatewayCloseCodes.InvalidIntents]:
		'Discord refused the intents (4013 Invalid intent(s)): the bot asks for an intent value Discord does not know; drop it and start again.',
	[GatewayCloseCodes.DisallowedIntents]:
		'Discord refused a privileged intent (4014 Disallowed intent(s)): enable it in the Developer Portal (Bot → Privileged Gateway Intents) or drop it from the bot, then start again.',
};

/** A shard closed with a code @discordjs/ws does not come back from (`FATAL_CLOSE_ADVICE`). */
export class GatewayClosedError extends Error {
	constructor(
		readonly code: number,
		readonly shard: number,
		readonly advice: string,
	) {
		super(advice);
		this.name = 'GatewayClosedError';
	}
}

/** A bot whose shards are known but not connected yet (see {@link prepareBot}). */
export interface PreparedBot {
	/** The @discordjs/ws manager running the shards (its events: every dispatch, close, heartbeat). */
	manager: WebSocketManager;
	/** The REST client the bot answers through (token, API base, global cap). */
	rest: REST;
	/** Every shard this process runs, and its status and ping. */
	shards: ShardStates;
	shardIds: readonly number[];
	/** All the bot's shards, every process together. */
	shardCount: number;
	/** GET /gateway/bot as Discord answered it. */
	gateway: RESTGetAPIGatewayBotResult;
	/** Calls `listener` when a shard is closed for good. @returns a function that stops listening */
	onFatalClose(listener: (error: GatewayClosedError) => void): () => void;
	/** Connects every shard; resolves once each is ready, rejects (and stops) on a fatal close. */
	connect(): Promise<Bot>;
	stop(): Promise<void>;
}

/** A running bot. */
export interface Bot extends Omit<PreparedBot, 'connect'> {
	/** The bot's user, from READY. */
	user: APIUser;
	/** The application id, from READY. */
	applicationId: string;
	/** How many servers this process's shards were given in READY. */
	guildCount(): number;
}

/**
 * Asks Discord for the gateway (GET /gateway/bot, which also checks the token: a 401 rejects
 * with @discordjs/rest's DiscordAPIError) and sets up the shards without connecting them, so
 * a caller can serve their health while they connect.
 */
export async function prepareBot(token: string, options: BotOptions): Promise<PreparedBot> {
	const logger = options.logger ?? silentLogger;
	const rest = createRest({
		...restOptions({
			api: options.apiUrl,
			globalRequestsPerSecond: options.restGlobalRps,
			makeRequest: poolRequest(options.apiUrl),
		}),
		token,
	});
	options.metrics?.instrumentRest(rest);
	let stopping = false;
	const onZombie = (shard: number) => {
		if (stopping) return;
		logger.warn(
			{ shard },
			'gateway connection zombied (heartbeat not acknowledged before the next was due): cutting it and resuming',
		);
		options.metrics?.recordZombie(shard);
	};
	const count = options.shardCount === undefined ? 1 : options.shardCount === 'auto' ? null : options.shardCount;
	const manager = new WebSocketManager({
		token,
		rest,
		// INVITE_DELETE (GUILD_INVITES, not privileged) only matters to a bot that keeps a ledger.
		intents: options.store ? GatewayIntentBits.Guilds | GatewayIntentBits.GuildInvites : GatewayIntentBits.Guilds,
		shardCount: count,
		shardIds: options.shardIds ? [...options.shardIds] : null,
		buildStrategy: shardingStrategy(options.workers ?? false, onZombie),
		...sessionStore(),
	});
	// An 'error' nobody listens to would be thrown; the shard's close code says what it was.
	manager.on(WebSocketShardEvents.Error, (error, shard) => logger.debug({ shard, err: error }, 'shard error'));
	const sweep = () => {
		rest.clearHashSweeper();
		rest.clearHandlerSweeper();
	};
	let gateway: RESTGetAPIGatewayBotResult;
	let shardIds: number[];
	let shardCount: number;
	try {
		gateway = await manager.fetchGatewayInformation();
		shardIds = await manager.getShardIds();
		shardCount = await manager.getShardCount();
	} catch (error) {
		sweep();
		throw error;
	}
	const shards = new ShardStates(shardIds);
	shards.follow(manager);
	options.metrics?.watchGateway(shards);

	const fatalListeners = new Set<(error: GatewayClosedError) => void>();
	manager.on(WebSocketShardEvents.Closed, (code, shard) => {
		const advice = FATAL_CLOSE_ADVICE[code];
		if (stopping) return;
		if (!advice) {
			logger.warn({ shard, code }, 'shard disconnected: resuming');
			return;
		}
		shards.set(shard, 'Disconnected');
		for (const listener of fatalListeners) listener(new GatewayClosedError(code, shard, advice));
	});
	manager.on(WebSocketShardEvents.Resumed, (shard) => logger.info({ shard }, 'shard resumed'));
	manager.on(WebSocketShardEvents.SocketError, (error, shard) =>
		logger.warn({ shard, err: error }, 'gateway connection error'),
	);

	// The servers each shard was given in READY, and who we are.
	const guilds = new Map<number, number>();
	let ready: GatewayReadyDispatchData | undefined;
	manager.on(WebSocketShardEvents.Ready, (data, shard) => {
		ready ??= data;
		guilds.set(shard, data.guilds.length);
		logger.info({ shard }, 'shard ready');
	});

	const host: BotHost = { rest, token, user: null };
	const context: CommandContext = {
		logger,
		metrics: options.metrics,
		cooldowns: options.cooldowns,
		replayGuard: options.replayGuard,
		deferAtOnce: options.deferAtOnce,
		store: options.store,
		// Our bot's commands send as the bot does: through the API origin's pool.
		makeRequest: poolRequest(options.apiUrl),
	};
	const store = options.store;
	manager.on(WebSocketShardEvents.Dispatch, (payload: GatewayDispatchPayload) => {
		if (store) keepLedger(payload, store);
		if (payload.t !== GatewayDispatchEvents.InteractionCreate) return;
		void routeInteraction(payload.d, { commands: options.commands, host, context, logger });
	});

	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await manager.destroy({ reason: 'The bot is stopping.' });
		shards.disconnectAll();
		sweep();
	};
	const onFatalClose = (listener: (error: GatewayClosedError) => void) => {
		fatalListeners.add(listener);
		return () => void fatalListeners.delete(listener);
	};
	const prepared: PreparedBot = {
		manager,
		rest,
		shards,
		shardIds,
		shardCount,
		gateway,
		onFatalClose,
		stop,
		async connect() {
			let stopListening = () => {};
			const fatal = new Promise<never>((_, reject) => {
				stopListening = onFatalClose(reject);
			});
			try {
				await Promise.race([manager.connect(), fatal]);
			} catch (error) {
				await stop();
				throw error;
			} finally {
				stopListening();
			}
			if (!ready) throw new Error('the shards connected without READY');
			host.user = { id: ready.user.id };
			const { shardCount: _count, connect: _connect, ...rest } = prepared;
			return {
				...rest,
				shardCount,
				user: ready.user,
				applicationId: ready.application.id,
				guildCount: () => [...guilds.values()].reduce((sum, n) => sum + n, 0),
			};
		},
	};
	return prepared;
}

/**
 * Keeps the ledger true to what the gateway says: the bot removed from a server (GUILD_DELETE
 * without `unavailable`: an outage is not a goodbye) forgets it; INVITE_DELETE marks the invite
 * gone. The store's writes retry by themselves and never reject.
 */
function keepLedger(payload: GatewayDispatchPayload, store: InviteStore): void {
	if (payload.t === GatewayDispatchEvents.GuildDelete && payload.d.unavailable !== true)
		void store.deleteGuild(payload.d.id);
	else if (payload.t === GatewayDispatchEvents.InviteDelete) void store.markDeleted(payload.d.code);
}

/** Prepares the bot and connects it: resolves once every shard is ready. */
export async function startBot(token: string, options: BotOptions): Promise<Bot> {
	return (await prepareBot(token, options)).connect();
}

/** Who the bot is: its REST client (made by `createRest`, so the command knows its token), token and user once READY. */
interface BotHost {
	readonly rest: REST;
	readonly token: string;
	user: { readonly id: string } | null;
}

interface Routing {
	commands: Map<string, LoadedCommand>;
	host: BotHost;
	context: CommandContext;
	logger: Logger;
}

/**
 * Routes one interaction: a chat-input command to its command (every one gets an answer,
 * an unknown one too), autocomplete to the suggestions. Other types are not ours.
 */
async function routeInteraction(interaction: APIInteraction, routing: Routing): Promise<void> {
	if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
		// A pipeline command answers its own suggestions (from the ledger, for `/invites revoke code:`).
		const owner = routing.commands.get(interaction.data.name);
		if (owner?.executePayload) return owner.executePayload(interaction, routing.host.rest, routing.context);
		return answerAutocomplete(interaction, routing);
	}
	if (interaction.type === InteractionType.MessageComponent) {
		// The pipeline finds a button's command by its `custom_id` prefix: any pipeline command routes it.
		const any = [...routing.commands.values()].find((command) => command.executePayload);
		if (any?.executePayload) await any.executePayload(interaction, routing.host.rest, routing.context);
		return;
	}
	if (
		interaction.type !== InteractionType.ApplicationCommand ||
		interaction.data.type !== ApplicationCommandType.ChatInput
	)
		return;
	const payload = interaction as APIChatInputApplicationCommandInteraction;
	const { commands, logger } = routing;
	const command = commands.get(payload.data.name);
	if (!command) {
		logger.warn({ name: payload.data.name, interaction: payload.id }, 'unknown command');
		await respond(routing, payload, unknownCommandReply(payload.data.name, payload.locale, payload.guild_locale));
		return;
	}
	try {
		await runCommand(command, payload, routing);
	} catch (error) {
		const reference = newReference();
		logger.error({ name: payload.data.name, reference, err: error }, 'command failed');
		const messages = messagesFor(payload.locale, payload.guild_locale);
		// Answered already, this is refused: the interaction has its answer then.
		await respond(
			routing,
			payload,
			textReply(failureText({ id: 'unknown', args: [reference], log: true }, messages)),
		);
	}
}

/** The one call into a command. */
function runCommand(
	command: LoadedCommand,
	payload: APIChatInputApplicationCommandInteraction,
	{ host, context }: Routing,
): Promise<void> {
	if (!command.executePayload) throw new Error(`/${payload.data.name} cannot run from a gateway payload`);
	return command.executePayload(payload, host.rest, context);
}

/** A last-resort ephemeral answer (a callback: an interaction answered already refuses it). */
async function respond(routing: Routing, interaction: APIInteraction, message: ReplyMessage): Promise<void> {
	await routing.host.rest
		.post(Routes.interactionCallback(interaction.id, interaction.token), {
			body: { type: InteractionResponseType.ChannelMessageWithSource, data: message },
			auth: false,
		})
		.catch((error: unknown) => routing.logger.warn({ err: error }, 'could not answer the interaction'));
}

/** The suggestions for the option being typed; none for a command without autocomplete. */
async function answerAutocomplete(
	interaction: APIApplicationCommandAutocompleteInteraction,
	routing: Routing,
): Promise<void> {
	const command = routing.commands.get(interaction.data.name);
	let choices: APIApplicationCommandOptionChoice<string>[] = [];
	const focused = command?.autocomplete ? focusedOption(interaction.data.options ?? []) : undefined;
	if (focused)
		choices = autocompleteChoices({
			focused: { name: focused.name, value: String(focused.value) },
			locale: interaction.locale,
			guildLocale: interaction.guild_locale ?? undefined,
		});
	await routing.host.rest
		.post(Routes.interactionCallback(interaction.id, interaction.token), {
			body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
			auth: false,
		})
		.catch((error: unknown) =>
			routing.logger.warn({ name: interaction.data.name, err: error }, 'autocomplete failed'),
		);
}

type AutocompleteOption = NonNullable<APIApplicationCommandAutocompleteInteraction['data']['options']>[number];

/** The option being typed, in a subcommand (group) too. */
function focusedOption(
	options: readonly AutocompleteOption[],
): (APIApplicationCommandInteractionDataBasicOption & { focused?: boolean }) | undefined {
	for (const option of options) {
		if (
			option.type === ApplicationCommandOptionType.Subcommand ||
			option.type === ApplicationCommandOptionType.SubcommandGroup
		) {
			const inner = focusedOption((option.options ?? []) as readonly AutocompleteOption[]);
			if (inner) return inner;
		} else if ('focused' in option && option.focused) return option;
	}
	return undefined;
}
