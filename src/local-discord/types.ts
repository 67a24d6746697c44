import type {
	APIApplicationCommandAutocompleteInteraction,
	APIAttachment,
	APIChatInputApplicationCommandInteraction,
	APIInteraction,
	APIInteractionResponse,
	APIMessageComponentInteraction,
} from 'discord-api-types/v10';
import type { GeneratedGuildOptions } from './generate.js';
import type { GuildModel, GuildSeed } from './model.js';

/** How to start a local Discord. Every field has a default. */
export interface LocalDiscordOptions {
	/** The bot token REST (`Authorization: Bot <token>`) and IDENTIFY must carry. Default 'local-bot-token'. */
	token?: string;
	/** The application id; the bot user has the same id. Default a fixed snowflake. */
	applicationId?: string;
	/** The first interaction response must arrive within this many ms of dispatch, else 10062. Default 3000. */
	interactionDeadlineMs?: number;
	/** How long an interaction token works for edits and follow-ups, else 50027. Default 15 minutes. */
	interactionTokenTtlMs?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0 (any free port). */
	port?: number | undefined;
	/** The guild to serve. Default `defaultSeed(applicationId)`. */
	seed?: GuildSeed;
	/**
	 * More guilds the bot is in, after `seed` (e.g. `moreGuildSeeds(1)`). Each guild's
	 * GUILD_CREATE and interactions go only to the shard `(guild_id >> 22) % num_shards`.
	 */
	guilds?: GuildSeed[];
	/** `shards` (recommended) in GET /gateway/bot. Default one per 1000 guilds, at least one. */
	shards?: number;
	/** IDENTIFY for a shard that would hold more guilds is closed with 4011 (Sharding required). Default 2500, Discord's. */
	maxGuildsPerShard?: number;
	/** `session_start_limit.max_concurrency` in GET /gateway/bot. Default 1. */
	maxConcurrency?: number;
	/** Rate limit of POST /channels/{id}/invites, per channel. Default 50 per 10 s. */
	inviteBucket?: { limit: number; windowMs: number };
	/** Rate limit of every other route, per major parameter. Default 1000 per second. */
	defaultBucket?: { limit: number; windowMs: number };
	/** The gateway's heartbeat_interval in HELLO. Default 41250 (Discord's). */
	heartbeatIntervalMs?: number;
	/**
	 * Privileged intents the application may use (GatewayIntentBits.GuildMembers,
	 * GuildPresences, MessageContent). IDENTIFY asking for others is closed with 4014,
	 * like an application whose switches are off in the Developer Portal. Default none.
	 */
	privilegedIntents?: number;
	/** How long a target-users job stays "processing" before it completes (ms). Default 200. */
	targetUsersJobMs?: number;
	/**
	 * Discord's global rate limit: at most `limit` requests per `windowMs` per bot token, over
	 * every route but the interaction routes (callbacks and webhooks with an interaction
	 * token are exempt, as on Discord). Past it: 429 with `X-RateLimit-Global: true` and
	 * `X-RateLimit-Scope: global`. Discord's is 50 per second. Default off, so tests that
	 * do not test it are not slowed.
	 */
	globalLimit?: { limit: number; windowMs: number } | undefined;
	/**
	 * More guilds the bot is in, made by `generateGuild` (indexes 1..count): listed in READY
	 * and sent as GUILD_CREATE after it, for memory and load benchmarks. REST and
	 * interactions serve only the seed's guild. Default none.
	 */
	extraGuilds?: ({ count: number } & Omit<GeneratedGuildOptions, 'index' | 'applicationId'>) | undefined;
	/** Keep only the last N recorded requests (for long benchmark runs). Default: keep all. */
	maxRecordedRequests?: number;
	/** Debug log: one line per request, response and gateway event. */
	logger?: (line: string) => void;
}

/** A running local Discord: a loopback REST API, gateway and interaction sender. */
/** A file for `LocalDiscord.upload`, as a user would upload it with a command. */
export interface UploadInit {
	filename: string;
	data: string | Uint8Array;
	contentType?: string;
	size?: number;
	/** The URL the payload names instead of the local Discord's (a payload that is not what a bot expects). */
	url?: string;
}

export interface LocalDiscord {
	/** What @discordjs/rest's `api` option takes, e.g. 'http://127.0.0.1:PORT/api'. */
	readonly apiUrl: string;
	/** 'ws://127.0.0.1:PORT/gateway', as GET /gateway/bot returns it. */
	readonly gatewayUrl: string;
	readonly token: string;
	readonly applicationId: string;
	readonly botUserId: string;
	/** Hex Ed25519 public key (64 hex chars) that verifies HTTP-delivered interactions. */
	readonly publicKey: string;
	/** The embedded activity application invites may target (`target_type: 2`). */
	readonly activityApplicationId: string;
	/** The live guild model (the seed's); mutate it to set up a case. */
	readonly guild: GuildModel;
	/** Every guild: the seed's, then `guilds`. */
	readonly guilds: readonly GuildModel[];
	/** Every REST request received, in order. */
	readonly requests: RecordedRequest[];
	/** Requests by method and path (path without '/api/v10', '@original'/'@me' decoded). */
	requestsTo(method: string, path: string | RegExp): RecordedRequest[];
	/** The first request (already received or still to come) that matches. Default timeout 5000 ms. */
	waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
	/** Fails the next `times` (default 1) REST requests that match, in the way `fault` says. */
	inject(method: string, path: string | RegExp, fault: Fault, times?: number): void;
	/**
	 * Stores a file as if a user had uploaded it with a command, served from a loopback URL.
	 * Pass the returned `id` as the value of an ATTACHMENT option. `size` overrides the size
	 * the attachment reports (to stand for a large file without sending one).
	 */
	upload(file: UploadInit): APIAttachment;
	/** Drops every fault still queued (for faults injected "always", with a large `times`). */
	clearFaults(): void;
	/** A realistic slash command interaction built from the model. */
	interaction(init: InteractionInit): APIChatInputApplicationCommandInteraction;
	/** A realistic autocomplete interaction; `focused` names the option being typed. */
	autocomplete(init: InteractionInit & { focused: string }): APIApplicationCommandAutocompleteInteraction;
	/**
	 * A message-component interaction (type 3): `user` clicks the component with `customId`
	 * on a message of the bot's, as Discord sends it (`data.custom_id`, `data.component_type`,
	 * `message`). Throws when the message has no such component, or it is disabled.
	 */
	component(init: ComponentInit): APIMessageComponentInteraction;
	/** Delivers an interaction over the gateway (default) or to an HTTP endpoint. */
	dispatch(payload: APIInteraction, via?: InteractionTransport): InteractionHandle;
	/** Closes every gateway session with `code` (e.g. 4004, 4014), as Discord does at run time; returns how many. */
	closeSessions(code: number, reason?: string): number;
	/**
	 * Black-holes the ready gateway sessions (of shard `shardId`, when given), as a dead network
	 * path does: nothing sent to them, nothing read from them, heartbeats unanswered. Dispatches
	 * meanwhile count as sent and are replayed on RESUME. Returns how many.
	 */
	blackHole(shardId?: number): number;
	/**
	 * Resolves once a gateway client has IDENTIFYed and received READY + GUILD_CREATE; with
	 * `shards`, once that many shards have.
	 */
	ready(timeoutMs?: number, shards?: number): Promise<void>;
	/** `[shard_id, num_shards]` of each gateway session that is ready. */
	readonly readyShards: Array<[number, number]>;
	/** How many IDENTIFYs the gateway accepted. */
	readonly sessions: number;
	/** Closes the server, the gateway and hanging requests; leaves no timers. */
	close(): Promise<void>;
}

/** Where `dispatch` sends an interaction. */
export type InteractionTransport =
	| { via: 'gateway' }
	| {
			via: 'http';
			/** The Interactions Endpoint URL. */
			url: string;
			/** Sign with a wrong key, as Discord does on purpose to check endpoints answer 401. */
			badSignature?: boolean;
	  };

/** A failure to inject into REST. */
export type Fault =
	/** Answer this instead (nothing is applied). A string body is sent as text/plain. */
	| { status: number; body?: unknown; headers?: Record<string, string> }
	/** Answer a real-looking 429 (nothing is applied). */
	| { rateLimit: { retryAfterMs: number; global?: boolean; scope?: 'user' | 'global' | 'shared'; code?: number } }
	/** Process normally, but answer only after `delayMs`. */
	| { delayMs: number }
	/** Apply the request but never answer (until close): Discord did it, the client timed out. */
	| { hang: true }
	/** Apply the request, then reset the connection (TCP RST) without answering. */
	| { reset: true }
	/** Apply the request, then close the connection cleanly (FIN) before any response byte. */
	| { drop: true }
	/** Apply the request, then answer 200 `application/json` with a body that is not JSON. */
	| { malformed: true };

/** One REST request as the local Discord received and answered it. */
export interface RecordedRequest {
	method: string;
	/** Without '/api/v10', percent-decoded: '/webhooks/1/abc/messages/@original'. */
	path: string;
	query: URLSearchParams;
	/** Lower-case names. */
	headers: Record<string, string>;
	/** Whether `Authorization` was `Bot <token>` with the right token. */
	authorized: boolean;
	/**
	 * Parsed JSON when the content type was JSON, the parsed `payload_json` part of a multipart
	 * body, else the raw text (or undefined when empty).
	 */
	body: unknown;
	rawBody: string;
	/** A multipart/form-data body, parsed: text fields and files. */
	form?: RecordedForm;
	/** `X-Audit-Log-Reason`, URL-decoded. */
	auditLogReason?: string;
	/** The status answered; 0 while unanswered or when never answered. */
	status: number;
	/** The JSON answered (undefined for no body). */
	response: unknown;
	/** Date.now() when received. */
	at: number;
}

/** A multipart body as the local Discord read it. */
export interface RecordedForm {
	fields: Record<string, string>;
	files: RecordedFile[];
}

/** One file part of a multipart body. */
export interface RecordedFile {
	/** The form field (`target_users_file`, `files[0]`). */
	field: string;
	filename: string;
	contentType: string;
	data: Uint8Array;
	/** The bytes read as UTF-8 (replacement characters where they are not). */
	text: string;
}

/** What to put into an interaction built by `interaction()`. */
export interface InteractionInit {
	/** The guild (id) it happens in. Default the seed's guild. */
	guild?: string;
	/** A member's name in the seed (e.g. 'member') or a user id. */
	user: string;
	/** The channel (name or id) the command runs in. */
	channel: string;
	/** Default 'invite'. */
	command?: string;
	/** The subcommand (`list` of `/invites list`): `options` are then its options. */
	subcommand?: string;
	/**
	 * Option name -> value. CHANNEL/USER/ROLE values are names or ids; the payload carries
	 * ids and `data.resolved`. Types come from `optionTypes`, else the registered command,
	 * else the name ('channel' CHANNEL, 'user'/'stream_user'/'target_user' USER, 'role' ROLE)
	 * and the value (boolean BOOLEAN, integer INTEGER, other number NUMBER, string STRING).
	 */
	options?: Record<string, string | number | boolean>;
	/** Explicit ApplicationCommandOptionType per option name. */
	optionTypes?: Record<string, number>;
	/** The invoker's locale. Default 'en-US'. */
	locale?: string;
	/** Default: the guild's preferred locale ('en-US'). */
	guildLocale?: string;
}

/** A click on a message component, for `component()`. */
export interface ComponentInit {
	/** Who clicks: a member's name in the seed or a user id. */
	user: string;
	/**
	 * The message the component is on: the handle of an interaction whose reply carries it,
	 * or the id of a message the bot posted in a channel (Create Message).
	 */
	message: InteractionHandle | string;
	/** The `custom_id` the bot set on the component. */
	customId: string;
	/** For a select menu: what the user picked. */
	values?: string[];
	/** The clicker's locale. Default 'en-US'. */
	locale?: string;
}

/** The local Discord's view of one dispatched interaction. */
export interface InteractionHandle {
	readonly id: string;
	readonly token: string;
	readonly dispatchedAt: number;
	/** The first accepted response (callback body, or the HTTP endpoint's 200 body). Default timeout 5000 ms. */
	response(timeoutMs?: number): Promise<APIInteractionResponse>;
	/**
	 * The message the user would see: after a type-4 response; after a type-5 response, once
	 * @original is first edited (or the first follow-up replaces the "thinking..." message).
	 * Default timeout 5000 ms.
	 */
	message(timeoutMs?: number): Promise<MessageState>;
	/** Every accepted response. */
	readonly responses: APIInteractionResponse[];
	/** Every 10062 / 40060 / other error answered to a response attempt for this interaction. */
	readonly rejected: Array<{ code: number; at: number }>;
	/** Every PATCH body of @original. */
	readonly edits: unknown[];
	/** Every follow-up message body (POST /webhooks/{app}/{token}). */
	readonly followups: unknown[];
	/** The original response message as it stands now (undefined before any response). */
	readonly state: MessageState | undefined;
	/** Milliseconds from dispatch to the first accepted response. */
	readonly answeredInMs?: number;
	/** For HTTP delivery: the endpoint's HTTP status (undefined until it answers, 0 on network error). */
	readonly httpStatus?: number;
}

/** The original response message of an interaction, as the user sees it. */
export interface MessageState {
	content?: string;
	flags?: number;
	components?: unknown[];
	embeds?: unknown[];
	/** True while only "Bot is thinking..." shows (type 5, not edited yet). */
	deferred: boolean;
	/** True after DELETE @original. */
	deleted?: boolean;
}
