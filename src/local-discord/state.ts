/**
 * The shared state every part of the local Discord works on, and the shape of its REST
 * routes. Types, and where uploaded files are served.
 */
import type { APIAttachment, APIUser } from 'discord-api-types/v10';
import type { CommandStore } from './commands.js';
import type { Reply } from './errors.js';
import type { InteractionRegistry } from './interactions.js';
import type { GuildModel } from './model.js';
import type { BucketConfig } from './rate-limits.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type { LocalDiscordOptions, RecordedRequest } from './types.js';
import type { Signal } from './waiters.js';

/** Options with every default filled in. */
export interface ResolvedOptions {
	token: string;
	applicationId: string;
	interactionDeadlineMs: number;
	interactionTokenTtlMs: number;
	host: string;
	port: number;
	inviteBucket: BucketConfig;
	defaultBucket: BucketConfig;
	heartbeatIntervalMs: number;
	privilegedIntents: number;
	maxRecordedRequests: number;
	/** `shards` in GET /gateway/bot; 0 = one per 1000 guilds, at least one. */
	shards: number;
	/** A shard that would hold more guilds is closed with 4011 (Sharding required). */
	maxGuildsPerShard: number;
	/** `session_start_limit.max_concurrency` in GET /gateway/bot. */
	maxConcurrency: number;
	targetUsersJobMs: number;
	globalLimit?: BucketConfig | undefined;
	extraGuilds?: LocalDiscordOptions['extraGuilds'];
}

/** The shared state every part of the local Discord works on. */
export interface LocalState {
	readonly options: ResolvedOptions;
	/**
	 * The guild a request is about: the one its `guild` or `channel` parameter is in (or an
	 * interaction's), else the first guild.
	 */
	readonly guild: GuildModel;
	/** Every guild the bot is in, the seed's first. */
	readonly guilds: readonly GuildModel[];
	readonly snowflakes: SnowflakeGenerator;
	readonly signal: Signal;
	readonly interactions: InteractionRegistry;
	readonly commands: CommandStore;
	readonly gatewayUrl: string;
	/** Hex Ed25519 public key of the application (its `verify_key`). */
	readonly publicKey: string;
	/** Files "uploaded" with commands, by attachment id, served under ATTACHMENTS_PATH. */
	readonly attachments: Map<string, StoredAttachment>;
	/** The bot's user object (from the guild model: the member whose id is the application id). */
	botUser(): APIUser;
	log(line: string): void;
}

/** Where uploaded files are served: `/attachments/{id}/{filename}`, like Discord's CDN. */
export const ATTACHMENTS_PATH = '/attachments';

/** An uploaded file and the attachment object interactions carry for it. */
export interface StoredAttachment {
	attachment: APIAttachment;
	data: Uint8Array;
}

/** What a route handler gets. */
export interface RouteContext {
	readonly state: LocalState;
	/** Path parameters, percent-decoded (`:channel` -> params.channel). */
	readonly params: Record<string, string>;
	readonly request: RecordedRequest;
}

/** One REST route of the local Discord. */
export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path after /api/v10 with `:name` parameters, e.g. '/channels/:channel/invites'. */
	path: string;
	/** Whether `Authorization: Bot <token>` is required (interaction callbacks and webhooks: no). */
	auth: boolean;
	/** Rate-limit bucket name; requests with different `major` values have separate windows. */
	bucket: string;
	/** The path parameter that splits the bucket (Discord's "major parameter"). */
	major?: string;
	/** Overrides the default bucket size (e.g. invites). */
	limits?: (state: LocalState) => BucketConfig;
	handle(context: RouteContext): Reply;
}
