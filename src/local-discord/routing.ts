import { type APIUser, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { CommandStore } from './commands.js';
import { discordError, FormErrors, type Reply } from './errors.js';
import type { InteractionRegistry } from './interactions.js';
import type { GuildModel } from './model.js';
import type { BucketConfig } from './rate-limits.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type { RecordedRequest } from './types.js';
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
	/** The bot's user object (from the guild model: the member whose id is the application id). */
	botUser(): APIUser;
	log(line: string): void;
}

/**
 * The state as seen from one guild: `guild` is the guild with id `guildId`, or the one that
 * holds channel `channelId`; the first guild when neither matches.
 */
export function stateForGuild(
	state: LocalState,
	ids: { guildId?: string | undefined; channelId?: string | undefined },
): LocalState {
	const { guildId, channelId } = ids;
	const guild =
		(guildId !== undefined ? state.guilds.find((g) => g.id === guildId) : undefined) ??
		(channelId !== undefined ? state.guilds.find((g) => g.findChannel(channelId)) : undefined);
	return guild === undefined || guild === state.guild ? state : { ...state, guild };
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

/** Matches a decoded path against a route pattern; returns the parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const have = path.split('/');
	if (want.length !== have.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		const w = want[i] ?? '';
		const h = have[i] ?? '';
		if (w.startsWith(':')) {
			if (h === '') return undefined;
			params[w.slice(1)] = h;
		} else if (w !== h) {
			return undefined;
		}
	}
	return params;
}

/** The `payload_json` part of a multipart body (what discord.js sends with files). */
function multipartPayloadJson(raw: string, contentType: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	if (!boundary) return undefined;
	for (const part of raw.split(`--${boundary}`)) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		if (/name="payload_json"/i.test(part.slice(0, split))) return part.slice(split + 4).replace(/\r\n$/, '');
	}
	return undefined;
}

/**
 * The JSON body of a request, or the error Discord gives: 50035 when the content type is
 * not JSON (Discord lists the types it takes), 50109 when the JSON does not parse, 50035
 * when it is not an object (or, with `kind: 'array'`, not an array). With `multipart`,
 * a multipart body's `payload_json` part counts (files themselves are ignored).
 */
export function jsonBody<T = Record<string, unknown>>(
	request: RecordedRequest,
	kind: 'object' | 'array' = 'object',
	options: { multipart?: boolean } = {},
): { ok: true; value: T } | { ok: false; reply: Reply } {
	const contentType = request.headers['content-type'] ?? '';
	const type = contentType.toLowerCase();
	let text: string | undefined;
	if (type.startsWith('application/json')) text = request.rawBody;
	else if (options.multipart && type.startsWith('multipart/form-data'))
		text = multipartPayloadJson(request.rawBody, contentType);
	if (text === undefined) {
		return {
			ok: false,
			reply: new FormErrors()
				.add(
					[],
					'CONTENT_TYPE_INVALID',
					`Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`,
				)
				.reply(),
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, reply: discordError(RESTJSONErrorCodes.RequestBodyContainsInvalidJSON) };
	}
	const isArray = Array.isArray(value);
	if (kind === 'array' ? !isArray : typeof value !== 'object' || value === null || isArray) {
		return {
			ok: false,
			reply: new FormErrors()
				.add(
					[],
					kind === 'array' ? 'BASE_TYPE_ARRAY' : 'DICT_TYPE_CONVERT',
					kind === 'array' ? 'Must be an array.' : 'Only dictionaries may be used in a DictType',
				)
				.reply(),
		};
	}
	return { ok: true, value: value as T };
}

/** A 200 JSON reply. */
export function ok(body: unknown, status = 200): Reply {
	return { status, body };
}

/** A 204 reply. */
export function noContent(): Reply {
	return { status: 204 };
}
