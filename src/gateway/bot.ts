/**
 * The gateway bot as a thin adapter: @discordjs/ws shards in, the one interaction pipeline
 * (src/pipeline/) behind them. Each raw INTERACTION_CREATE goes to the pipeline as it is,
 * answered with REST interaction callbacks; routing, unknown commands, autocomplete and
 * components are the pipeline's. What the bot owns: its shards, what a fatal close means,
 * the ledger's upkeep from GUILD_DELETE and INVITE_DELETE, who it is (READY), and stopping.
 * No discord.js Client, no caches.
 */
import type { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import {
	type APIInteraction,
	type APIUser,
	GatewayDispatchEvents,
	type GatewayDispatchPayload,
	GatewayIntentBits,
	type GatewayReadyDispatchData,
	type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import type { InviteCooldowns } from '../core/cooldown.js';
import { type Clock, systemClock } from '../core/deadline.js';
import type { InviteOutcome } from '../core/invite.js';
import type { ReplayGuard } from '../core/replay.js';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { createInviteRest } from '../discord/invites.js';
import { poolRequest } from '../discord/pool.js';
import { createRest, globalPacerOf, restOptions } from '../discord/rest.js';
import { type Logger, silentLogger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import type { SlashCommand } from '../pipeline/command.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { restResponder } from '../pipeline/responder.js';
import type { InviteStore } from '../store/repository.js';
import { FATAL_CLOSE_ADVICE, GatewayClosedError } from './close-codes.js';
import type { LoadedCommand } from './command-loader.js';
import { ShardStates } from './shard-metrics.js';
import { sessionStore, shardingStrategy } from './shards.js';

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
	/** The commands served (`loadCommands()`), by name; any other gets the "unknown command" answer. */
	commands: ReadonlyMap<string, LoadedCommand>;
	logger?: Logger | undefined;
	/** Record into these: REST responses, shard status, ping and zombies, and what commands report. */
	metrics?: InviteMetrics | undefined;
	/** Per-user and per-server limits (shared through Redis when configured). Default: none. */
	cooldowns?: InviteCooldowns | undefined;
	/** Each interaction runs once, a resumed shard's too. Default: process memory. */
	replayGuard?: ReplayGuard | undefined;
	/** Defer every command at once, then edit in the answer. Default off. */
	deferAtOnce?: boolean | undefined;
	/** Budget before deferring (ms from receipt). Default: the pipeline's 1.5 s. */
	deferAfterMs?: number | undefined;
	/** Abort the invite request after this long (ms). Default 10 s. */
	requestTimeoutMs?: number | undefined;
	/** Longest rate-limit wait of the invite request before giving up (ms). Default 30 s. */
	maxRateLimitWaitMs?: number | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of a target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Called with each `/invite` outcome (tests, the sandbox). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/** The one clock of every timing rule. Default: the system's. */
	clock?: Clock | undefined;
	/**
	 * The invite ledger, lent to the commands. The bot also keeps it true to the gateway: a server
	 * that removed the bot (GUILD_DELETE) is forgotten, an invite deleted anywhere (INVITE_DELETE) is marked.
	 */
	store?: InviteStore | undefined;
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
	const clock = options.clock ?? systemClock;
	// One keep-alive pool and one global pacer for every request of the bot (Discord counts the limit per bot).
	const makeRequest = poolRequest(options.apiUrl);
	const rest = createRest({
		...restOptions({ api: options.apiUrl, globalRequestsPerSecond: options.restGlobalRps, makeRequest }),
		token,
	});
	const create = createInviteRest({
		api: options.apiUrl,
		token,
		globalRequestsPerSecond: options.restGlobalRps,
		makeRequest,
		pacer: globalPacerOf(rest),
		timeoutMs: options.requestTimeoutMs,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs,
	});
	for (const client of [rest, create]) options.metrics?.instrumentRest(client);
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
		for (const client of [rest, create]) {
			client.clearHashSweeper();
			client.clearHandlerSweeper();
		}
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

	// The one pipeline: every interaction of every shard, whatever its type, goes through it.
	const pipeline = createPipeline<InviteOutcome>({
		// Only /invite reports an outcome (the others report none): the pipeline's Outcome is its.
		commands: [...options.commands.values()] as SlashCommand<unknown, InviteOutcome>[],
		rest: { api: rest, create },
		transport: 'gateway',
		// Node: `users_file` is downloaded with the address check.
		attachmentFetch: nodeAttachmentFetch,
		logger,
		metrics: options.metrics,
		clock,
		replayGuard: options.replayGuard,
		cooldowns: options.cooldowns,
		deferAfterMs: options.deferAfterMs,
		deferAtOnce: options.deferAtOnce,
		settings: { attachmentTimeoutMs: options.attachmentTimeoutMs, jobPollDelaysMs: options.jobPollDelaysMs },
		store: options.store,
		onOutcome: options.onOutcome,
	});
	const handle = (payload: APIInteraction) =>
		pipeline
			.handle(payload, restResponder(rest, payload, { clock }), { botUserId: ready?.user.id })
			.then((handled) => {
				if (handled.status === 'malformed')
					logger.debug(
						{ interaction: payload.id, problem: handled.problem },
						'malformed interaction dropped',
					);
			})
			.catch((error: unknown) => logger.error({ interaction: payload.id, err: error }, 'interaction failed'));
	const store = options.store;
	manager.on(WebSocketShardEvents.Dispatch, (payload: GatewayDispatchPayload) => {
		if (store) keepLedger(payload, store);
		if (payload.t === GatewayDispatchEvents.InteractionCreate) void handle(payload.d);
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
