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
}

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
	readonly #resumable = new Map<string, { seq: number; intents: number }>();
	readonly #unsubscribe: () => void;
	#identifies = 0;

	constructor(state: LocalState) {
		this.#state = state;
		this.#wss.on('connection', (ws) => this.#open(ws));
		this.#unsubscribe = state.guild.onChange((change) => this.#onModelChange(change));
	}

	/** How many IDENTIFYs were accepted. */
	get identifies(): number {
		return this.#identifies;
	}

	/** Whether some open session has received READY and GUILD_CREATE. */
	get hasReadySession(): boolean {
		return [...this.#sessions].some((s) => s.ready);
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
	 * Sends a dispatch to every ready session that has `intent` (0 = no intent needed).
	 * Returns how many sessions got it.
	 */
	dispatch(event: GatewayDispatchEvents, data: unknown, intent = 0, only?: (session: Session) => boolean): number {
		let sent = 0;
		for (const session of this.#sessions) {
			if (!session.ready || (intent && !(session.intents & intent)) || (only && !only(session))) continue;
			this.#send(session, { op: GatewayOpcodes.Dispatch, t: event, s: ++session.seq, d: data });
			sent++;
		}
		return sent;
	}

	/** Closes every connection and stops listening to the model. */
	close(): void {
		this.#unsubscribe();
		for (const session of this.#sessions) session.ws.terminate();
		this.#sessions.clear();
		this.#wss.close();
	}

	#open(ws: WebSocket): void {
		const session: Session = { ws, seq: 0, intents: 0, ready: false };
		this.#sessions.add(session);
		this.#state.log('gateway: connection opened');
		ws.on('message', (data, isBinary) => this.#onMessage(session, data, isBinary));
		ws.on('close', (code) => {
			this.#sessions.delete(session);
			if (session.id) this.#resumable.set(session.id, { seq: session.seq, intents: session.intents });
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
		const shard = d.shard;
		if (shard !== undefined && !(Array.isArray(shard) && shard[0] === 0 && shard[1] === 1)) {
			this.#close(session, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
			return;
		}
		this.#identifies++;
		session.id = randomBytes(16).toString('hex');
		session.intents = intents;
		const state = this.#state;
		const extra = state.options.extraGuilds?.count ?? 0;
		this.#send(session, {
			op: GatewayOpcodes.Dispatch,
			t: GatewayDispatchEvents.Ready,
			s: ++session.seq,
			d: {
				v: 10,
				user: { ...serializeUser(state.botUser()), verified: true, mfa_enabled: false, email: null },
				guilds: [
					{ id: state.guild.id, unavailable: true },
					...Array.from({ length: extra }, (_, i) => ({ id: generatedId(i + 1, 0), unavailable: true })),
				],
				session_id: session.id,
				session_type: 'normal',
				resume_gateway_url: state.gatewayUrl,
				shard: [0, 1],
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
		this.#send(session, {
			op: GatewayOpcodes.Dispatch,
			t: GatewayDispatchEvents.GuildCreate,
			s: ++session.seq,
			d: serializeGuildCreate(state.guild, state.options.applicationId, intents),
		});
		if (extra === 0) {
			this.#ready(session, intents);
			return;
		}
		void this.#sendExtraGuilds(session, intents).then(
			() => this.#ready(session, intents),
			(error: unknown) => state.log(`gateway: generated guilds not sent: ${String(error)}`),
		);
	}

	#ready(session: Session, intents: number): void {
		session.ready = true;
		this.#state.log(`gateway: session ${session.id} identified (intents ${intents}), READY + GUILD_CREATE sent`);
		this.#state.signal.notify();
	}

	/**
	 * GUILD_CREATE for each generated guild, built one at a time (none is kept), pausing while
	 * the socket's buffer is full so 10,000 guilds never sit in memory at once.
	 */
	async #sendExtraGuilds(session: Session, intents: number): Promise<void> {
		const { extraGuilds, applicationId } = this.#state.options;
		const { count, ...sizes } = extraGuilds ?? { count: 0 };
		for (let index = 1; index <= count; index++) {
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
			if (index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
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
		this.#send(session, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: ++session.seq, d: {} });
		session.ready = true;
		this.#state.log(`gateway: session ${session.id} resumed`);
		this.#state.signal.notify();
	}

	/** Tells connected clients about a model change, like Discord's guild events. */
	#onModelChange(change: ModelChange): void {
		const guildId = this.#state.guild.id;
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
				this.dispatch(event, serializeChannel(change.channel, guildId), Guilds);
				return;
			}
			case 'roleCreate':
			case 'roleUpdate':
				this.dispatch(
					change.kind === 'roleCreate'
						? GatewayDispatchEvents.GuildRoleCreate
						: GatewayDispatchEvents.GuildRoleUpdate,
					{ guild_id: guildId, role: { ...change.role } },
					Guilds,
				);
				return;
			case 'roleDelete':
				this.dispatch(
					GatewayDispatchEvents.GuildRoleDelete,
					{ guild_id: guildId, role_id: change.role.id },
					Guilds,
				);
				return;
			case 'memberAdd':
				this.dispatch(
					GatewayDispatchEvents.GuildMemberAdd,
					{ ...serializeMember(change.member), guild_id: guildId },
					GuildMembers,
				);
				return;
			case 'memberUpdate': {
				const data = { ...serializeMember(change.member), guild_id: guildId };
				// Discord tells a bot about its own member without GUILD_MEMBERS.
				if (change.member.user.id === botId) this.dispatch(GatewayDispatchEvents.GuildMemberUpdate, data);
				else this.dispatch(GatewayDispatchEvents.GuildMemberUpdate, data, GuildMembers);
				return;
			}
			case 'memberRemove':
				this.dispatch(
					GatewayDispatchEvents.GuildMemberRemove,
					{ guild_id: guildId, user: serializeUser(change.member.user) },
					GuildMembers,
				);
				return;
			case 'voiceStateUpdate': {
				const member = this.#state.guild.findMember(change.voiceState.user_id);
				this.dispatch(
					GatewayDispatchEvents.VoiceStateUpdate,
					{ ...change.voiceState, ...(member ? { member: serializeMember(member) } : {}) },
					GuildVoiceStates,
				);
				return;
			}
		}
	}
}
