import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIAttachment,
	type APIChatInputApplicationCommandInteraction,
	type APIInteraction,
	type APIMessage,
	type APIMessageComponentInteraction,
	type APIUser,
	GatewayDispatchEvents,
} from 'discord-api-types/v10';
import { commandRoutes } from './command-routes.js';
import { CommandStore } from './commands.js';
import { GATEWAY_PATH, Gateway } from './gateway.js';
import { createSigningKeys, HttpDelivery } from './http-delivery.js';
import { interactionRoutes } from './interaction-routes.js';
import { InteractionRecord, InteractionRegistry } from './interactions.js';
import { inviteRoutes } from './invites.js';
import { messageRoutes } from './messages.js';
import { GuildModel } from './model.js';
import { buildAutocompleteInteraction, buildCommandInteraction, buildComponentInteraction } from './payloads.js';
import { resourceRoutes } from './resources.js';
import { API_PREFIX, RestServer } from './rest-server.js';
import { stateForGuild } from './routing.js';
import { DEFAULT_APPLICATION_ID, DEFAULT_TOKEN, defaultSeed } from './seed.js';
import { SnowflakeGenerator } from './snowflake.js';
import { ATTACHMENTS_PATH, type LocalState, type ResolvedOptions, type StoredAttachment } from './state.js';
import type {
	ComponentInit,
	Fault,
	InteractionHandle,
	InteractionInit,
	InteractionTransport,
	LocalDiscord,
	LocalDiscordOptions,
	RecordedRequest,
	UploadInit,
} from './types.js';
import { Signal } from './waiters.js';

/** `dispatch()` over the gateway before any client has logged in (IDENTIFY, READY). */
export class NoGatewaySessionError extends Error {
	constructor(guildId: string) {
		super(
			`dispatch(): no gateway session is ready for guild ${guildId}'s shard; log a client in and await discord.ready() first`,
		);
		this.name = 'NoGatewaySessionError';
	}
}

/**
 * How long the local Discord keeps an idle connection open (ms): Node's default, beyond undici's
 * 2 s threshold, so its clients reuse connections between requests as they do against Discord.
 */
const LOCAL_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** The defaults of every option (spread under the caller's). */
export const LOCAL_DISCORD_DEFAULTS = {
	token: DEFAULT_TOKEN,
	applicationId: DEFAULT_APPLICATION_ID,
	interactionDeadlineMs: 3000,
	interactionTokenTtlMs: 15 * 60 * 1000,
	host: '127.0.0.1',
	port: 0,
	inviteBucket: { limit: 50, windowMs: 10_000 },
	defaultBucket: { limit: 1000, windowMs: 1000 },
	heartbeatIntervalMs: 41_250,
	privilegedIntents: 0,
	maxRecordedRequests: Number.POSITIVE_INFINITY,
	shards: 0,
	maxGuildsPerShard: 2500,
	maxConcurrency: 1,
	targetUsersJobMs: 200,
} as const satisfies ResolvedOptions;

function resolveOptions(options: LocalDiscordOptions): ResolvedOptions {
	const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
	const {
		seed: _seed,
		guilds: _guilds,
		logger: _logger,
		...rest
	} = defined as LocalDiscordOptions & { port?: number };
	return { ...LOCAL_DISCORD_DEFAULTS, ...rest };
}

class LocalDiscordServer implements LocalDiscord {
	readonly apiUrl: string;
	readonly gatewayUrl: string;
	readonly publicKey: string;
	readonly guild: GuildModel;
	readonly guilds: readonly GuildModel[];
	readonly #options: ResolvedOptions;
	readonly #http: Server;
	readonly #state: LocalState;
	readonly #rest: RestServer;
	readonly #gateway: Gateway;
	readonly #delivery: HttpDelivery;
	readonly #signal = new Signal();
	readonly #attachments = new Map<string, StoredAttachment>();
	#closing: Promise<void> | undefined;

	constructor(
		http: Server,
		options: ResolvedOptions,
		[guild, ...more]: [GuildModel, ...GuildModel[]],
		logger: (line: string) => void,
	) {
		const guilds = [guild, ...more];
		const { address, port } = http.address() as AddressInfo;
		const host = address.includes(':') ? `[${address}]` : address;
		this.#http = http;
		this.#options = options;
		this.guild = guild;
		this.guilds = guilds;
		this.apiUrl = `http://${host}:${port}/api`;
		this.gatewayUrl = `ws://${host}:${port}${GATEWAY_PATH}`;
		const keys = createSigningKeys();
		this.publicKey = keys.publicKeyHex;
		const snowflakes = new SnowflakeGenerator();
		const botId = options.applicationId;
		this.#state = {
			options,
			guild,
			guilds,
			snowflakes,
			signal: this.#signal,
			interactions: new InteractionRegistry(),
			commands: new CommandStore(options.applicationId, snowflakes),
			gatewayUrl: this.gatewayUrl,
			publicKey: this.publicKey,
			attachments: this.#attachments,
			botUser: (): APIUser => guild.user(botId),
			log: logger,
		};
		this.#rest = new RestServer(this.#state, [
			...resourceRoutes(),
			...inviteRoutes(),
			...interactionRoutes(),
			...commandRoutes(),
			...messageRoutes(),
		]);
		this.#gateway = new Gateway(this.#state);
		this.#delivery = new HttpDelivery(this.#state, keys);
		http.on('request', (request, response) => this.#rest.handle(request, response));
		http.on('upgrade', (request, socket, head: Buffer) => this.#gateway.handleUpgrade(request, socket, head));
	}

	get token(): string {
		return this.#options.token;
	}

	get applicationId(): string {
		return this.#options.applicationId;
	}

	get botUserId(): string {
		return this.#options.applicationId;
	}

	get activityApplicationId(): string {
		return this.guild.activityApplicationId;
	}

	get requests(): RecordedRequest[] {
		return this.#rest.requests;
	}

	get sessions(): number {
		return this.#gateway.identifies;
	}

	requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
		return this.#rest.requestsTo(method, path);
	}

	waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
		return this.#signal.wait(
			() => this.#rest.requests.find(predicate),
			timeoutMs,
			() =>
				`No matching request (received: ${this.#rest.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'})`,
		);
	}

	inject(method: string, path: string | RegExp, fault: Fault, times = 1): void {
		this.#rest.inject(method, path, fault, times);
	}

	closeSessions(code: number, reason?: string): number {
		return this.#gateway.closeSessions(code, reason);
	}

	blackHole(shardId?: number): number {
		return this.#gateway.blackHole(shardId);
	}

	upload(file: UploadInit): APIAttachment {
		const data = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
		const id = this.#state.snowflakes.next();
		const url =
			file.url ??
			`${this.apiUrl.replace(/\/api$/, '')}${ATTACHMENTS_PATH}/${id}/${encodeURIComponent(file.filename)}`;
		const attachment: APIAttachment = {
			id,
			filename: file.filename,
			size: file.size ?? data.byteLength,
			url,
			proxy_url: url,
			content_type: file.contentType ?? 'text/csv; charset=utf-8',
			// Discord's uploads expire; these live as long as the local Discord.
			ephemeral: true,
		};
		this.#attachments.set(id, { attachment, data });
		return attachment;
	}

	clearFaults(): void {
		this.#rest.clearFaults();
	}

	interaction(init: InteractionInit): APIChatInputApplicationCommandInteraction {
		return buildCommandInteraction(this.#stateFor(init.guild), init);
	}

	autocomplete(init: InteractionInit & { focused: string }): APIApplicationCommandAutocompleteInteraction {
		return buildAutocompleteInteraction(this.#stateFor(init.guild), init);
	}

	component(init: ComponentInit): APIMessageComponentInteraction {
		let message: APIMessage | undefined;
		if (typeof init.message === 'string') {
			const id = init.message;
			const guild = this.guilds.find((g) => g.messages.some((posted) => posted.id === id));
			message = guild?.messages.find((posted) => posted.id === id)?.message;
			if (guild && message) {
				return buildComponentInteraction(
					stateForGuild(this.#state, { guildId: guild.id }),
					init,
					structuredClone(message),
				);
			}
			throw new Error(`component(): the bot posted no message ${id} in a channel`);
		}
		const record = this.#state.interactions.byId(init.message.id);
		const original = record?.findMessage('@original');
		if (!record || !original) throw new Error('component(): that interaction has no reply message yet');
		const guildId = record.payload.guild_id;
		return buildComponentInteraction(this.#stateFor(guildId), init, record.toMessage(original));
	}

	#stateFor(guildId: string | undefined): LocalState {
		if (guildId !== undefined && !this.guilds.some((guild) => guild.id === guildId))
			throw new Error(
				`interaction(): the bot is in no guild ${guildId} (guilds: ${this.guilds.map((g) => g.id).join(', ')})`,
			);
		return stateForGuild(this.#state, { guildId });
	}

	dispatch(payload: APIInteraction, via: InteractionTransport = { via: 'gateway' }): InteractionHandle {
		if (this.#closing) throw new Error('dispatch(): the local Discord is closed');
		const guildId = payload.guild_id ?? this.guild.id;
		if (via.via === 'gateway' && !this.#gateway.hasReadySession(guildId)) {
			throw new NoGatewaySessionError(guildId);
		}
		const record = this.#state.interactions.register(new InteractionRecord(payload, Date.now(), this.#state));
		if (via.via === 'gateway') {
			this.#gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, guildId);
			this.#state.log(`gateway: INTERACTION_CREATE ${record.describe()}`);
		} else {
			this.#delivery.deliver(record, via.url, via.badSignature ? { badSignature: true } : {});
		}
		return record;
	}

	get readyShards(): Array<[number, number]> {
		return this.#gateway.readyShards;
	}

	ready(timeoutMs = 10_000, shards = 1): Promise<void> {
		return this.#signal
			.wait(
				() => (this.#gateway.readyShards.length >= shards ? true : undefined),
				timeoutMs,
				() =>
					`No gateway client became ready (IDENTIFYs so far: ${this.#gateway.identifies}, ready shards: ${JSON.stringify(this.#gateway.readyShards)})`,
			)
			.then(() => undefined);
	}

	close(): Promise<void> {
		this.#closing ??= (async () => {
			this.#signal.close(new Error('The local Discord was closed'));
			this.#rest.close();
			this.#delivery.close();
			this.#gateway.close();
			const closed = new Promise<void>((resolve) => this.#http.close(() => resolve()));
			// Keep-alive sockets (undici pools them) would hold close() open otherwise.
			this.#http.closeAllConnections();
			await closed;
		})();
		return this.#closing;
	}
}

/**
 * Starts a local Discord on a loopback port: REST under `/api/v10`, the gateway at
 * `/gateway`, one guild from the seed. Point discord.js at it with
 * `new Client({ intents, rest: { api: discord.apiUrl } })` and log in with `discord.token`.
 */
export async function startLocalDiscord(options: LocalDiscordOptions = {}): Promise<LocalDiscord> {
	const resolved = resolveOptions(options);
	const guilds: [GuildModel, ...GuildModel[]] = [
		new GuildModel(options.seed ?? defaultSeed(resolved.applicationId)),
		...(options.guilds ?? []).map((seed) => new GuildModel(seed)),
	];
	for (const guild of guilds) {
		const bot = guild.findMember(resolved.applicationId);
		if (!bot || bot.user.id !== resolved.applicationId || !bot.user.bot) {
			throw new Error(
				`startLocalDiscord: guild ${guild.id} needs the bot as a member with user id ${resolved.applicationId} and bot: true`,
			);
		}
	}
	if (new Set(guilds.map((guild) => guild.id)).size !== guilds.length)
		throw new Error('startLocalDiscord: two guilds have the same id');
	const http = createServer();
	// Discord keeps connections open, and undici (behind @discordjs/rest) reuses them. undici counts
	// a socket as expired 2 s before the keep-alive the server announces (its keepAliveTimeoutThreshold):
	// at 1 s every request opened a connection and tore it down after, a cost no client pays against
	// Discord (about 0.8 ms a request here, measured). close() ends the idle ones.
	http.keepAliveTimeout = LOCAL_KEEP_ALIVE_TIMEOUT_MS;
	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(resolved.port, resolved.host, () => {
			http.off('error', reject);
			resolve();
		});
	});
	const logger = options.logger ?? ((): void => {});
	const discord = new LocalDiscordServer(http, resolved, guilds, logger);
	logger(`local Discord listening: ${discord.apiUrl}${API_PREFIX.slice('/api'.length)} and ${discord.gatewayUrl}`);
	return discord;
}
