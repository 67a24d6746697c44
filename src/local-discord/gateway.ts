import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
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

interface Session {
	ws: WebSocket;
	/** Set at IDENTIFY (or RESUME). */
	id?: string;
	seq: number;
	intents: number;
	/** READY and GUILD_CREATE were sent: dispatches may flow. */
	ready: boolean;
	/** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when it sent none. */
	shard: [number, number];
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
 * events that model changes cause) with increasing sequence numbers. Speaks JSON text
 * frames, which is what discord.js sends without zlib-sync.
 */
export class Gateway {
	readonly #state: LocalState;
	readonly #wss = new WebSocketServer({ noServer: true });
	readonly #sessions = new Set<Session>();
	/** Sequence numbers of closed sessions, so a RESUME can continue them. */
	readonly #resumable = new Map<string, { seq: number; intents: number; shard: [number, number] }>();
	readonly #unsubscribe: Array<() => void>;
	#identifies = 0;

	constructor(state: LocalState) {
		this.#state = state;
		this.#wss.on('connection', (ws) => this.#open(ws));
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
		this.#wss.handleUpgrade(request, socket, head, (ws) => this.#wss.emit('connection', ws, request));
	}

	/**
	 * Sends a dispatch of `guildId`'s to every ready session of that guild's shard that has
	 * `intent` (0 = no intent needed). Returns how many sessions got it.
	 */
	dispatch(event: GatewayDispatchEvents, data: unknown, guildId: string, intent = 0): number {
		let sent = 0;
		for (const session of this.#sessions) {
			if (!session.ready || (intent && !(session.intents & intent)) || !onShard(session, guildId)) continue;
			this.#send(session, { op: GatewayOpcodes.Dispatch, t: event, s: ++session.seq, d: data });
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

	#open(ws: WebSocket): void {
		const session: Session = { ws, seq: 0, intents: 0, ready: false, shard: [0, 1] };
		this.#sessions.add(session);
		this.#state.log('gateway: connection opened');
		ws.on('message', (data, isBinary) => this.#onMessage(session, data, isBinary));
		ws.on('close', (code) => {
			this.#sessions.delete(session);
			if (session.id)
				this.#resumable.set(session.id, { seq: session.seq, intents: session.intents, shard: session.shard });
			this.#state.log(`gateway: connection closed (${code})`);
			this.#state.signal.notify();
		});
		ws.on('error', () => ws.terminate());
		this.#send(session, {
			op: GatewayOpcodes.Hello,
			d: { heartbeat_interval: this.#state.options.heartbeatIntervalMs },
		});
	}

	#send(session: Session, payload: unknown): void {
		if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(payload));
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
		const previous = typeof d.session_id === 'string' ? this.#resumable.get(d.session_id) : undefined;
		if (!previous) {
			// Not resumable: the client must IDENTIFY again (op 9, d false).
			this.#send(session, { op: GatewayOpcodes.InvalidSession, d: false });
			return;
		}
		this.#resumable.delete(d.session_id as string);
		session.id = d.session_id as string;
		session.seq = previous.seq;
		session.intents = previous.intents;
		session.shard = previous.shard;
		this.#send(session, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: ++session.seq, d: {} });
		session.ready = true;
		this.#state.log(`gateway: session ${session.id} resumed`);
		this.#state.signal.notify();
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
