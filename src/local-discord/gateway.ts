import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createDeflate, type Deflate, constants as zlibConstants } from 'node:zlib';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { generatedId, generateGuild } from './generate.js';
import { GuildModel, isThreadType, type ModelChange } from './model.js';
import { applicationFlagsFor } from './resources.js';
import { serializeChannel, serializeGuildCreate, serializeMember, serializeUser } from './serialize.js';
import type { LocalState } from './state.js';

/** The gateway's path on the local Discord's port. */
export const GATEWAY_PATH = '/gateway';

const PRIVILEGED_INTENTS =
	GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** Dispatches a session keeps for a RESUME to replay (Discord keeps a bounded buffer too). */
const REPLAY_LIMIT = 1_000;

/** The gateway API version the local Discord speaks (`v` in the gateway URL). */
const GATEWAY_VERSION = '10';

interface Session {
	ws: WebSocket;
	/** The connection's socket, paused when the session is black-holed. */
	socket: Duplex;
	/** Set at IDENTIFY (or RESUME). */
	id?: string;
	seq: number;
	intents: number;
	/** READY and GUILD_CREATE were sent: dispatches may flow. */
	ready: boolean;
	/** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when it sent none. */
	shard: [number, number];
	/** Dispatches sent since READY (the latest `REPLAY_LIMIT`), as sent: a RESUME replays those after its `seq`. */
	replay: Array<{ s: number; frame: string }>;
	/** Black-holed (`blackHole`): nothing is sent or read any more, as on a dead network path. */
	blackHoled: boolean;
	/** Taken over by a RESUME on another connection: its close does not make it resumable again. */
	replaced: boolean;
	/** `compress=zlib-stream`: one zlib context for the whole connection, each frame flushed. */
	zlib?: { deflate: Deflate; out: Buffer[] };
}

/** What a closed (or taken over) session leaves for a RESUME. */
interface Resumable {
	seq: number;
	intents: number;
	shard: [number, number];
	replay: Session['replay'];
}

/** The shard Discord routes a guild's events to: `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

const onShard = (session: Session, guildId: string): boolean => shardOf(guildId, session.shard[1]) === session.shard[0];

/** The indexes (1..count) of the generated `extraGuilds` that land on the session's shard. */
const extraGuildsOn = (session: Session, count: number): number[] =>
	Array.from({ length: count }, (_, i) => i + 1).filter((index) => onShard(session, generatedId(index, 0)));

/**
 * The gateway half of the local Discord: HELLO, heartbeat ACKs, IDENTIFY -> READY +
 * GUILD_CREATE, RESUME -> RESUMED, and dispatches (INTERACTION_CREATE, and the guild
 * events that model changes cause) with increasing sequence numbers. Speaks JSON: text
 * frames, or zlib-stream binary frames when the gateway URL asks for them.
 */
export class Gateway {
	readonly #state: LocalState;
	readonly #wss = new WebSocketServer({ noServer: true });
	readonly #sessions = new Set<Session>();
	/** Sequence numbers of closed sessions, so a RESUME can continue them. */
	readonly #resumable = new Map<string, Resumable>();
	readonly #unsubscribe: Array<() => void>;
	#identifies = 0;

	constructor(state: LocalState) {
		this.#state = state;
		this.#unsubscribe = state.guilds.map((guild) => guild.onChange((change) => this.#onModelChange(guild, change)));
	}

	/** How many IDENTIFYs were accepted. */
	get identifies(): number {
		return this.#identifies;
	}

	/** Whether some open session has received READY and GUILD_CREATE (for `guildId`'s shard, when given). */
	hasReadySession(guildId?: string): boolean {
		return [...this.#sessions].some((s) => s.ready && (guildId === undefined || onShard(s, guildId)));
	}

	/** The `[shard_id, num_shards]` of every ready session. */
	get readyShards(): Array<[number, number]> {
		return [...this.#sessions].filter((s) => s.ready).map((s) => [...s.shard]);
	}

	/** Takes over an HTTP upgrade request for the gateway path; refuses others. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const { pathname } = new URL(request.url ?? '/', 'http://local-discord');
		if (pathname !== GATEWAY_PATH) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}
		const query = new URL(request.url ?? '/', 'http://local-discord').searchParams;
		this.#wss.handleUpgrade(request, socket, head, (ws) => this.#open(ws, socket, query));
	}

	/**
	 * Black-holes the ready sessions (of shard `shardId`, when given): from now on nothing is
	 * sent to them and nothing they send is read, heartbeats included, as when a network path
	 * dies without a FIN or RST. Dispatches still count as sent (their sequence numbers are
	 * used, and a RESUME replays them), as Discord cannot tell either. Returns how many.
	 */
	blackHole(shardId?: number): number {
		let count = 0;
		for (const session of this.#sessions) {
			if (!session.ready || session.blackHoled || (shardId !== undefined && session.shard[0] !== shardId))
				continue;
			session.blackHoled = true;
			session.socket.pause();
			this.#state.log(`gateway: session ${session.id} black-holed`);
			count++;
		}
		return count;
	}

	/**
	 * Sends a dispatch of `guildId`'s to every ready session of that guild's shard that has
	 * `intent` (0 = no intent needed). Returns how many sessions got it.
	 */
	dispatch(event: GatewayDispatchEvents, data: unknown, guildId: string, intent = 0): number {
		let sent = 0;
		for (const session of this.#sessions) {
			if (!session.ready || (intent && !(session.intents & intent)) || !onShard(session, guildId)) continue;
			const s = ++session.seq;
			const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s, d: data });
			session.replay.push({ s, frame });
			if (session.replay.length > REPLAY_LIMIT) session.replay.shift();
			this.#sendFrame(session, frame);
			sent++;
		}
		return sent;
	}

	/**
	 * Closes every open session with `code`, as Discord does at run time (4004 after a token
	 * reset, 4014 when an intent is switched off, 4000 to make clients resume...).
	 */
	closeSessions(code: number, reason = 'Closed by the local Discord.'): number {
		const sessions = [...this.#sessions];
		for (const session of sessions) this.#close(session, code as GatewayCloseCodes, reason);
		return sessions.length;
	}

	/** Closes every connection and stops listening to the model. */
	close(): void {
		for (const unsubscribe of this.#unsubscribe) unsubscribe();
		for (const session of this.#sessions) session.ws.terminate();
		this.#sessions.clear();
		this.#wss.close();
	}

	#open(ws: WebSocket, socket: Duplex, query: URLSearchParams): void {
		const session: Session = {
			ws,
			socket,
			seq: 0,
			intents: 0,
			ready: false,
			shard: [0, 1],
			replay: [],
			blackHoled: false,
			replaced: false,
		};
		this.#sessions.add(session);
		this.#state.log(`gateway: connection opened (${query.toString() || 'no query'})`);
		ws.on('message', (data, isBinary) => this.#onMessage(session, data, isBinary));
		ws.on('close', (code) => {
			this.#sessions.delete(session);
			session.zlib?.deflate.destroy();
			if (session.id && !session.replaced)
				this.#resumable.set(session.id, {
					seq: session.seq,
					intents: session.intents,
					shard: session.shard,
					replay: session.replay,
				});
			this.#state.log(`gateway: connection closed (${code})`);
			this.#state.signal.notify();
		});
		ws.on('error', () => ws.terminate());
		if (!this.#acceptsQuery(session, query)) return;
		this.#send(session, {
			op: GatewayOpcodes.Hello,
			d: { heartbeat_interval: this.#state.options.heartbeatIntervalMs },
		});
	}

	/**
	 * Checks the gateway URL's query as Discord documents it: `v` the API version (10 here;
	 * another is closed with 4012), `encoding` json (etf is Discord's too, but the local Discord
	 * speaks JSON only), and transport `compress`ion: zlib-stream as Discord sends it (one zlib
	 * stream per connection, each message ending with a Z_SYNC_FLUSH), zstd-stream not
	 * implemented here. What it does not speak is refused with a clear reason, rather than
	 * answered in a format the client did not ask for.
	 */
	#acceptsQuery(session: Session, query: URLSearchParams): boolean {
		const version = query.get('v');
		if (version !== null && version !== GATEWAY_VERSION) {
			this.#close(session, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version.');
			return false;
		}
		const encoding = query.get('encoding') ?? 'json';
		const compress = query.get('compress');
		if (compress === 'zlib-stream') {
			const deflate = createDeflate({ flush: zlibConstants.Z_NO_FLUSH });
			const out: Buffer[] = [];
			deflate.on('data', (chunk: Buffer) => out.push(chunk));
			session.zlib = { deflate, out };
		}
		if (encoding !== 'json' || (compress !== null && compress !== 'zlib-stream')) {
			const what = encoding !== 'json' ? `encoding=${encoding}` : `compress=${compress}`;
			// 1003: the endpoint cannot take this kind of data (RFC 6455).
			this.#close(session, 1003 as GatewayCloseCodes, `The local Discord does not support ${what}: use JSON.`);
			return false;
		}
		return true;
	}

	#send(session: Session, payload: unknown): void {
		this.#sendFrame(session, JSON.stringify(payload));
	}

	#sendFrame(session: Session, frame: string): void {
		if (session.blackHoled || session.ws.readyState !== session.ws.OPEN) return;
		const zlib = session.zlib;
		if (!zlib) {
			session.ws.send(frame);
			return;
		}
		// zlib keeps the order; each flush sends what the stream produced so far, so a message
		// always goes out whole and in order (the client inflates until the flush's 00 00 ff ff).
		zlib.deflate.write(frame);
		zlib.deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
			const data = Buffer.concat(zlib.out.splice(0));
			if (data.length > 0 && session.ws.readyState === session.ws.OPEN) session.ws.send(data, { binary: true });
		});
	}

	#close(session: Session, code: GatewayCloseCodes, reason: string): void {
		this.#state.log(`gateway: closing with ${code} ${reason}`);
		session.ready = false;
		session.ws.close(code, reason);
	}

	#tokenOk(token: unknown): boolean {
		const expected = this.#state.options.token;
		return token === expected || token === `Bot ${expected}`;
	}

	#onMessage(session: Session, data: RawData, isBinary: boolean): void {
		// Frames read before the pause took effect are lost on the dead path too.
		if (session.blackHoled) return;
		let payload: { op?: unknown; d?: unknown };
		try {
			if (isBinary) throw new Error('binary frames (ETF or zlib) are not supported');
			payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
		} catch {
			this.#close(session, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
			return;
		}
		const d = (payload.d ?? {}) as Record<string, unknown>;
		switch (payload.op) {
			case GatewayOpcodes.Heartbeat:
				this.#send(session, { op: GatewayOpcodes.HeartbeatAck });
				return;
			case GatewayOpcodes.Identify:
				this.#identify(session, d);
				return;
			case GatewayOpcodes.Resume:
				this.#resume(session, d);
				return;
			case GatewayOpcodes.PresenceUpdate:
			case GatewayOpcodes.VoiceStateUpdate:
			case GatewayOpcodes.RequestGuildMembers:
			case GatewayOpcodes.RequestSoundboardSounds:
				if (!session.id) this.#close(session, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
				// Accepted and ignored: the /invite bot has no use for them.
				return;
			default:
				this.#close(session, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
		}
	}

	#identify(session: Session, d: Record<string, unknown>): void {
		if (session.id) {
			this.#close(session, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
			return;
		}
		if (!this.#tokenOk(d.token)) {
			this.#close(session, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
			return;
		}
		const intents = d.intents;
		if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
			this.#close(session, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
			return;
		}
		if (intents & PRIVILEGED_INTENTS & ~this.#state.options.privilegedIntents) {
			this.#close(session, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
			return;
		}
		const shard = d.shard ?? [0, 1];
		const validShard =
			Array.isArray(shard) &&
			shard.length === 2 &&
			shard.every((n) => Number.isInteger(n)) &&
			shard[1] >= 1 &&
			shard[0] >= 0 &&
			shard[0] < shard[1];
		if (!validShard) {
			this.#close(session, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
			return;
		}
		session.shard = [shard[0], shard[1]];
		const state = this.#state;
		const guilds = state.guilds.filter((guild) => onShard(session, guild.id));
		const extra = extraGuildsOn(session, state.options.extraGuilds?.count ?? 0);
		if (guilds.length + extra.length > state.options.maxGuildsPerShard) {
			this.#close(session, GatewayCloseCodes.ShardingRequired, 'Sharding required.');
			return;
		}
		this.#identifies++;
		session.id = randomBytes(16).toString('hex');
		session.intents = intents;
		this.#send(session, {
			op: GatewayOpcodes.Dispatch,
			t: GatewayDispatchEvents.Ready,
			s: ++session.seq,
			d: {
				v: 10,
				user: { ...serializeUser(state.botUser()), verified: true, mfa_enabled: false, email: null },
				guilds: [...guilds.map((guild) => guild.id), ...extra.map((index) => generatedId(index, 0))].map(
					(id) => ({ id, unavailable: true }),
				),
				session_id: session.id,
				session_type: 'normal',
				resume_gateway_url: state.gatewayUrl,
				shard: session.shard,
				application: {
					id: state.options.applicationId,
					flags: applicationFlagsFor(state.options.privilegedIntents),
				},
				private_channels: [],
				presences: [],
				relationships: [],
				guild_join_requests: [],
				user_settings: {},
				geo_ordered_rtc_regions: [],
				auth: {},
				_trace: ['["local-discord",{"micros":0}]'],
			},
		});
		for (const guild of guilds) {
			this.#send(session, {
				op: GatewayOpcodes.Dispatch,
				t: GatewayDispatchEvents.GuildCreate,
				s: ++session.seq,
				d: serializeGuildCreate(guild, state.options.applicationId, intents),
			});
		}
		if (extra.length === 0) {
			this.#ready(session, intents);
			return;
		}
		void this.#sendExtraGuilds(session, intents, extra).then(
			() => this.#ready(session, intents),
			(error: unknown) => state.log(`gateway: generated guilds not sent: ${String(error)}`),
		);
	}

	#ready(session: Session, intents: number): void {
		session.ready = true;
		this.#state.log(
			`gateway: session ${session.id} identified (intents ${intents}, shard [${session.shard.join(', ')}]), READY + GUILD_CREATE sent`,
		);
		this.#state.signal.notify();
	}

	/**
	 * GUILD_CREATE for each generated guild, built one at a time (none is kept), pausing while
	 * the socket's buffer is full so 10,000 guilds never sit in memory at once.
	 */
	async #sendExtraGuilds(session: Session, intents: number, indexes: readonly number[]): Promise<void> {
		const { extraGuilds, applicationId } = this.#state.options;
		const { count: _count, ...sizes } = extraGuilds ?? { count: 0 };
		for (const [sent, index] of indexes.entries()) {
			while (session.ws.bufferedAmount > 1024 * 1024 && session.ws.readyState === session.ws.OPEN)
				await new Promise((resolve) => setTimeout(resolve, 5));
			if (session.ws.readyState !== session.ws.OPEN) return;
			const guild = new GuildModel(generateGuild({ ...sizes, index, applicationId }));
			this.#send(session, {
				op: GatewayOpcodes.Dispatch,
				t: GatewayDispatchEvents.GuildCreate,
				s: ++session.seq,
				d: serializeGuildCreate(guild, applicationId, intents),
			});
			if ((sent + 1) % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
	}

	#resume(session: Session, d: Record<string, unknown>): void {
		if (!this.#tokenOk(d.token)) {
			this.#close(session, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
			return;
		}
		const id = typeof d.session_id === 'string' ? d.session_id : undefined;
		const previous = id === undefined ? undefined : (this.#resumable.get(id) ?? this.#takeOver(session, id));
		if (id === undefined || !previous) {
			// Not resumable: the client must IDENTIFY again (op 9, d false).
			this.#send(session, { op: GatewayOpcodes.InvalidSession, d: false });
			return;
		}
		this.#resumable.delete(id);
		session.id = id;
		session.seq = previous.seq;
		session.intents = previous.intents;
		session.shard = previous.shard;
		session.replay = previous.replay;
		// Discord replays what the client missed, in order, then says RESUMED.
		const after = typeof d.seq === 'number' ? d.seq : 0;
		const missed = previous.replay.filter((entry) => entry.s > after);
		for (const entry of missed) this.#sendFrame(session, entry.frame);
		this.#send(session, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: ++session.seq, d: {} });
		session.ready = true;
		this.#state.log(`gateway: session ${session.id} resumed, ${missed.length} dispatch(es) replayed`);
		this.#state.signal.notify();
	}

	/**
	 * A RESUME of a session whose connection is still open here (a client that gave up on a
	 * zombied connection Discord has not noticed yet): the new connection takes the session
	 * over and the old one is dropped.
	 */
	#takeOver(session: Session, id: string): Resumable | undefined {
		const live = [...this.#sessions].find((other) => other !== session && other.id === id);
		if (!live) return undefined;
		live.replaced = true;
		live.ready = false;
		this.#sessions.delete(live);
		live.ws.terminate();
		return { seq: live.seq, intents: live.intents, shard: live.shard, replay: live.replay };
	}

	/** Tells connected clients about a model change, like Discord's guild events. */
	#onModelChange(guild: GuildModel, change: ModelChange): void {
		const guildId = guild.id;
		const send = (event: GatewayDispatchEvents, data: unknown, intent = 0) =>
			this.dispatch(event, data, guildId, intent);
		const botId = this.#state.options.applicationId;
		const { Guilds, GuildMembers, GuildVoiceStates } = GatewayIntentBits;
		switch (change.kind) {
			case 'channelCreate':
			case 'channelUpdate':
			case 'channelDelete': {
				const thread = isThreadType(change.channel.type);
				const event = {
					channelCreate: thread ? GatewayDispatchEvents.ThreadCreate : GatewayDispatchEvents.ChannelCreate,
					channelUpdate: thread ? GatewayDispatchEvents.ThreadUpdate : GatewayDispatchEvents.ChannelUpdate,
					channelDelete: thread ? GatewayDispatchEvents.ThreadDelete : GatewayDispatchEvents.ChannelDelete,
				}[change.kind];
				send(event, serializeChannel(change.channel, guildId), Guilds);
				return;
			}
			case 'roleCreate':
			case 'roleUpdate':
				send(
					change.kind === 'roleCreate'
						? GatewayDispatchEvents.GuildRoleCreate
						: GatewayDispatchEvents.GuildRoleUpdate,
					{ guild_id: guildId, role: { ...change.role } },
					Guilds,
				);
				return;
			case 'roleDelete':
				send(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: change.role.id }, Guilds);
				return;
			case 'memberAdd':
				send(
					GatewayDispatchEvents.GuildMemberAdd,
					{ ...serializeMember(change.member), guild_id: guildId },
					GuildMembers,
				);
				return;
			case 'memberUpdate': {
				const data = { ...serializeMember(change.member), guild_id: guildId };
				// Discord tells a bot about its own member without GUILD_MEMBERS.
				if (change.member.user.id === botId) send(GatewayDispatchEvents.GuildMemberUpdate, data);
				else send(GatewayDispatchEvents.GuildMemberUpdate, data, GuildMembers);
				return;
			}
			case 'memberRemove':
				send(
					GatewayDispatchEvents.GuildMemberRemove,
					{ guild_id: guildId, user: serializeUser(change.member.user) },
					GuildMembers,
				);
				return;
			case 'inviteDelete': {
				// Discord sends it only where the bot may manage the channel (and with GUILD_INVITES).
				const { invite } = change;
				if (!guild.canManageChannel(botId, invite.channel_id)) return;
				const data = { channel_id: invite.channel_id, guild_id: guildId, code: invite.code };
				send(GatewayDispatchEvents.InviteDelete, data, GatewayIntentBits.GuildInvites);
				return;
			}
			case 'messageCreate':
				send(
					GatewayDispatchEvents.MessageCreate,
					{ ...change.message.message, guild_id: guildId },
					GatewayIntentBits.GuildMessages,
				);
				return;
			case 'guildDelete':
				send(GatewayDispatchEvents.GuildDelete, { id: guildId }, Guilds);
				return;
			case 'voiceStateUpdate': {
				const member = guild.findMember(change.voiceState.user_id);
				send(
					GatewayDispatchEvents.VoiceStateUpdate,
					{ ...change.voiceState, ...(member ? { member: serializeMember(member) } : {}) },
					GuildVoiceStates,
				);
				return;
			}
		}
	}
}
