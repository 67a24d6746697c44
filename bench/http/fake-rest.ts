/**
 * A fast stand-in for Discord's REST API, for the HTTP benchmark only: the few routes an
 * `/invite` endpoint calls, answered with spec-shaped JSON and the real rate-limit headers
 * (per-route buckets split by major parameter, from src/local-discord/rate-limits.ts), and
 * nothing else. The full local Discord models a guild and records every request, which
 * would cost more CPU than the endpoints under test; this does not.
 *
 * Run as a child: `PORT=<free port> node --import tsx bench/http/fake-rest.ts`. Routes
 * (under /api/v10): POST /channels/:id/invites, POST /interactions/:id/:token/callback (204,
 * or with `?with_response=true` the interaction callback response with the message),
 * PATCH and POST /webhooks/:app/:token[/messages/@original], GET /users/@me. It counts what
 * it answered, for the parent (`{ type: 'bench:counts' }` over IPC).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
	type APIMessage,
	ChannelType,
	InteractionResponseType,
	InteractionType,
	InviteType,
	MessageFlags,
	type RESTPostAPIChannelInviteResult,
	type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { type BucketConfig, RateLimiter, tooManyRequests } from '../../src/local-discord/rate-limits.js';

const port = Number(process.env.PORT);
const applicationId = process.env.BENCH_APPLICATION_ID ?? '1100000000000000400';
const guildId = process.env.BENCH_GUILD_ID ?? '1100000000000000000';
/** Generous, so the benchmark measures the endpoints, not waiting; the headers stay real. */
const BUCKET: BucketConfig = { limit: 100_000, windowMs: 1_000 };

const limiter = new RateLimiter();
const counts: Record<string, number> = {};
const count = (key: string): void => void (counts[key] = (counts[key] ?? 0) + 1);

const botUser = {
	id: applicationId,
	username: 'invite-bot',
	discriminator: '0',
	global_name: null,
	avatar: null,
	bot: true,
};

function invite(channelId: string, body: Record<string, unknown>): RESTPostAPIChannelInviteResult {
	const maxAge = typeof body.max_age === 'number' ? body.max_age : 86_400;
	const createdAt = new Date();
	return {
		type: InviteType.Guild,
		code: randomBytes(6).toString('base64url'),
		guild: {
			id: guildId,
			name: 'Local Guild',
			splash: null,
			banner: null,
			icon: null,
			description: null,
			features: [],
			verification_level: 0,
			vanity_url_code: null,
			nsfw_level: 0,
			premium_subscription_count: 0,
		},
		channel: { id: channelId, name: 'general', type: ChannelType.GuildText },
		inviter: botUser,
		uses: 0,
		max_uses: typeof body.max_uses === 'number' ? body.max_uses : 0,
		max_age: maxAge,
		temporary: body.temporary === true,
		created_at: createdAt.toISOString(),
		expires_at: maxAge === 0 ? null : new Date(createdAt.getTime() + maxAge * 1000).toISOString(),
	};
}

function message(body: Record<string, unknown>): Record<string, unknown> {
	return {
		id: BigInt(Date.now() - 1_420_070_400_000).toString(),
		type: 20,
		channel_id: '1100000000000000202',
		author: botUser,
		content: typeof body.content === 'string' ? body.content : '',
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		tts: false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		attachments: [],
		embeds: [],
		components: body.components ?? [],
		pinned: false,
		flags: 64,
		webhook_id: applicationId,
		application_id: applicationId,
	};
}

/** The `with_response=true` answer of a type 4 callback: the interaction and the message it created. */
function callbackResponse(
	interactionId: string,
	body: Record<string, unknown>,
): RESTPostAPIInteractionCallbackWithResponseResult {
	const data = (body.data ?? {}) as Record<string, unknown>;
	const created = message(data);
	return {
		interaction: {
			id: interactionId,
			type: InteractionType.ApplicationCommand,
			response_message_id: created.id as string,
			response_message_loading: false,
			response_message_ephemeral: ((Number(data.flags) || 0) & MessageFlags.Ephemeral) !== 0,
		},
		...(body.type === InteractionResponseType.ChannelMessageWithSource
			? {
					resource: {
						type: InteractionResponseType.ChannelMessageWithSource,
						message: created as unknown as APIMessage,
					},
				}
			: {}),
	};
}

function write(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): undefined {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		...(text ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) } : {}),
	});
	res.end(text);
}

function route(req: IncomingMessage, raw: string, res: ServerResponse): undefined {
	const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
	const parts = path.split('/');
	// ['', 'api', 'v10', ...]
	if (parts[1] !== 'api' || parts[2] !== 'v10') return write(res, 404, { message: '404: Not Found', code: 0 });
	const [, , , resource, id, sub, third, fourth] = parts;
	const method = req.method ?? 'GET';
	let body: Record<string, unknown> = {};
	if (raw) {
		try {
			body = JSON.parse(raw) as Record<string, unknown>;
		} catch {
			return write(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
		}
	}
	const take = (bucket: string, major: string): Record<string, string> | undefined => {
		const taken = limiter.take(bucket, major, BUCKET);
		if (taken.allowed) return taken.headers;
		const reply = tooManyRequests({ retryAfterMs: taken.retryAfterMs, limit: BUCKET.limit });
		count('429');
		write(res, 429, reply.body, reply.headers);
		return undefined;
	};
	if (resource === 'channels' && sub === 'invites' && method === 'POST' && id) {
		const headers = take('channel-invites', id);
		if (!headers) return;
		if (req.headers.authorization !== `Bot ${process.env.BENCH_TOKEN ?? 'local-bot-token'}`)
			return write(res, 401, { message: '401: Unauthorized', code: 0 }, headers);
		count('invite');
		return write(res, 200, invite(id, body), headers);
	}
	if (resource === 'interactions' && third === 'callback' && method === 'POST') {
		const headers = take('interaction-callback', id ?? '');
		if (!headers) return;
		count('callback');
		// Peers that answer with this callback instead of the HTTP answer (Carbon) carry the link here.
		const data = body.data as { content?: unknown } | undefined;
		if (typeof data?.content === 'string' && data.content.includes('discord.gg/')) count('callback-invite');
		if (!(req.url ?? '').includes('with_response=true')) return write(res, 204, undefined, headers);
		return write(res, 200, callbackResponse(id ?? '', body), headers);
	}
	if (resource === 'webhooks' && (method === 'PATCH' || method === 'POST')) {
		const headers = take('webhook', id ?? '');
		if (!headers) return;
		count(method === 'PATCH' && third === 'messages' && fourth === '@original' ? 'edit' : 'followup');
		return write(res, 200, message(body), headers);
	}
	if (resource === 'users' && id === '@me' && method === 'GET') {
		count('me');
		return write(res, 200, botUser, limiter.take('users-me', '', BUCKET).headers);
	}
	count('unknown');
	return write(res, 404, { message: '404: Not Found', code: 0 });
}

const server = createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => route(req, Buffer.concat(chunks).toString('utf8'), res));
});
server.keepAliveTimeout = 10_000;
server.listen(port, '127.0.0.1');

process.on('message', (m: { type?: string }) => {
	if (m?.type === 'bench:counts') process.send?.({ type: 'bench:counts', counts: { ...counts } });
});
process.once('SIGTERM', () => {
	server.close();
	server.closeAllConnections();
	process.exit(0);
});
