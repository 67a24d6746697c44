/**
 * The local Discord's gateway as @discordjs/ws meets it (what the gateway bot runs on): GET
 * /gateway/bot first, the URL's query, IDENTIFY for each shard, heartbeats, RESUME with the
 * dispatches missed replayed, fatal close codes, and a black-holed connection.
 */
import { REST } from '@discordjs/rest';
import { CompressionMethod, WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import {
	GatewayCloseCodes,
	GatewayDispatchEvents,
	type GatewayDispatchPayload,
	GatewayIntentBits,
	GatewayOpcodes,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	type LocalDiscord,
	type LocalDiscordOptions,
	moreGuildSeeds,
	shardOf,
	startLocalDiscord,
} from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let manager: WebSocketManager | undefined;

afterEach(async () => {
	await manager?.destroy();
	await discord?.close();
	manager = undefined;
	discord = undefined;
});

/** A WebSocketManager for the local Discord, with a session store of its own. */
function managerFor(
	local: LocalDiscord,
	options: { token?: string; intents?: number; shardCount?: number; compression?: CompressionMethod } = {},
) {
	const sessions = new Map<number, unknown>();
	const created = new WebSocketManager({
		token: options.token ?? local.token,
		intents: options.intents ?? GatewayIntentBits.Guilds,
		rest: new REST({ api: local.apiUrl }).setToken(options.token ?? local.token),
		shardCount: options.shardCount ?? null,
		compression: options.compression ?? null,
		retrieveSessionInfo: (id) => (sessions.get(id) as never) ?? null,
		updateSessionInfo: (id, info) => void (info ? sessions.set(id, info) : sessions.delete(id)),
	});
	created.on(WebSocketShardEvents.Error, () => undefined);
	manager = created;
	return created;
}

async function connected(options: LocalDiscordOptions = {}, shardCount?: number) {
	discord = await startLocalDiscord(options);
	const ws = managerFor(discord, shardCount ? { shardCount } : {});
	const dispatches: Array<{ payload: GatewayDispatchPayload; shard: number }> = [];
	ws.on(WebSocketShardEvents.Dispatch, (payload, shard) => dispatches.push({ payload, shard }));
	await ws.connect();
	await discord.ready(10_000, shardCount ?? 1);
	return { discord, ws, dispatches };
}

describe('@discordjs/ws against the local Discord', () => {
	it('asks GET /gateway/bot, connects with v=10 and JSON, gets READY and GUILD_CREATE, and has heartbeats ACKed', async () => {
		const { discord, ws, dispatches } = await connected({ heartbeatIntervalMs: 200 });
		expect(discord.requestsTo('GET', '/gateway/bot')).toMatchObject([{ status: 200 }]);
		expect(discord.sessions).toBe(1);
		await expect.poll(() => dispatches.map((d) => d.payload.t)).toEqual(['READY', 'GUILD_CREATE']);
		const beat = await new Promise<{ latency: number }>((resolve) =>
			ws.once(WebSocketShardEvents.HeartbeatComplete, (stats) => resolve(stats)),
		);
		expect(beat.latency).toBeGreaterThanOrEqual(0);
	});

	it('identifies every shard and routes each guild to its own', async () => {
		const { discord, dispatches } = await connected({ guilds: moreGuildSeeds(1), maxConcurrency: 2 }, 2);
		expect(discord.readyShards.sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		await expect.poll(() => dispatches.filter((d) => d.payload.t === 'GUILD_CREATE').length).toBe(2);
		for (const { payload, shard } of dispatches)
			if (payload.t === GatewayDispatchEvents.GuildCreate) expect(shardOf(payload.d.id, 2)).toBe(shard);
	});

	it('resumes after the gateway closes with 4000, without a second IDENTIFY', async () => {
		const { discord, ws } = await connected();
		const resumed = new Promise<void>((resolve) => ws.once(WebSocketShardEvents.Resumed, () => resolve()));
		discord.closeSessions(GatewayCloseCodes.UnknownError);
		await resumed;
		expect(discord.sessions).toBe(1);
		expect(discord.readyShards).toEqual([[0, 1]]);
	});

	it.each([
		[GatewayCloseCodes.AuthenticationFailed, 'Authentication failed'],
		[GatewayCloseCodes.DisallowedIntents, 'Used disallowed intents'],
	])('stops for good on close code %i (%s), without reconnecting', async (code, message) => {
		const { discord, ws } = await connected();
		const closed: number[] = [];
		ws.on(WebSocketShardEvents.Closed, (closeCode) => closed.push(closeCode));
		const error = new Promise<Error>((resolve) => ws.on(WebSocketShardEvents.Error, (e) => resolve(e)));
		discord.closeSessions(code);
		expect((await error).message).toBe(message);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(closed).toEqual([code]);
		expect(discord.sessions).toBe(1);
		expect(discord.readyShards).toEqual([]);
	});

	it('refuses privileged intents the application lacks at IDENTIFY (4014)', async () => {
		discord = await startLocalDiscord();
		const ws = managerFor(discord, { intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers });
		await expect(ws.connect()).rejects.toThrow('Used disallowed intents');
		expect(discord.sessions).toBe(0);
	});
});

describe('the gateway URL query, as Discord documents it', () => {
	const closeOf = async (query: string) => {
		discord ??= await startLocalDiscord();
		const ws = new WebSocket(`${discord.gatewayUrl}?${query}`);
		const frames: unknown[] = [];
		ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
		const [code, reason] = await new Promise<[number, string]>((resolve) =>
			ws.on('close', (closeCode, why) => resolve([closeCode, why.toString()])),
		);
		return { code, reason, frames };
	};

	it('closes with 4012 on an API version other than 10', async () => {
		expect(await closeOf('v=9&encoding=json')).toEqual({
			code: GatewayCloseCodes.InvalidAPIVersion,
			reason: 'Invalid API version.',
			frames: [],
		});
	});

	it('refuses ETF and zstd-stream, which it does not speak, rather than answer in plain JSON', async () => {
		expect(await closeOf('v=10&encoding=etf')).toMatchObject({
			code: 1003,
			reason: expect.stringContaining('etf'),
		});
		expect(await closeOf('v=10&encoding=json&compress=zstd-stream')).toMatchObject({
			code: 1003,
			reason: expect.stringContaining('zstd-stream'),
		});
	});

	it('speaks zlib-stream to a client that asks for it: READY, heartbeats, dispatches and a RESUME all inflate', async () => {
		discord = await startLocalDiscord({ heartbeatIntervalMs: 200 });
		const ws = managerFor(discord, { compression: CompressionMethod.ZlibNative });
		const events: string[] = [];
		ws.on(WebSocketShardEvents.Dispatch, (payload) => events.push(payload.t));
		await ws.connect();
		await discord.ready();
		await new Promise<void>((resolve) => ws.once(WebSocketShardEvents.HeartbeatComplete, () => resolve()));
		const resumed = new Promise<void>((resolve) => ws.once(WebSocketShardEvents.Resumed, () => resolve()));
		discord.closeSessions(GatewayCloseCodes.UnknownError);
		await resumed;
		discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		await expect.poll(() => events).toEqual(['READY', 'GUILD_CREATE', 'RESUMED', 'INTERACTION_CREATE']);
		expect(discord.sessions).toBe(1);
	});
});

describe('a black-holed connection', () => {
	/** A raw client: every frame it gets, and a way to wait for one. */
	const rawClient = (local: LocalDiscord) => {
		const ws = new WebSocket(`${local.gatewayUrl}?v=10&encoding=json`);
		const frames: Array<{ op: number; t?: string; s?: number; d?: Record<string, unknown> }> = [];
		const waiters = new Set<() => void>();
		ws.on('message', (data) => {
			frames.push(JSON.parse(data.toString()));
			for (const waiter of waiters) waiter();
		});
		const waitFor = (test: (frame: (typeof frames)[number]) => boolean) =>
			new Promise<(typeof frames)[number]>((resolve) => {
				const check = () => {
					const found = frames.find(test);
					if (found) {
						waiters.delete(check);
						resolve(found);
					}
				};
				waiters.add(check);
				check();
			});
		return { ws, frames, waitFor, send: (payload: unknown) => ws.send(JSON.stringify(payload)) };
	};

	it('answers nothing, and a RESUME elsewhere takes the session over with what it missed replayed, then RESUMED', async () => {
		discord = await startLocalDiscord({ heartbeatIntervalMs: 60_000 });
		const first = rawClient(discord);
		await first.waitFor((f) => f.op === GatewayOpcodes.Hello);
		first.send({ op: GatewayOpcodes.Identify, d: { token: discord.token, intents: 1, properties: {} } });
		const ready = await first.waitFor((f) => f.t === 'READY');
		await discord.ready();
		const seq = Math.max(...first.frames.map((f) => f.s ?? 0));

		expect(discord.blackHole()).toBe(1);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		first.send({ op: GatewayOpcodes.Heartbeat, d: seq });
		await new Promise((resolve) => setTimeout(resolve, 300));
		// No ACK, no INTERACTION_CREATE.
		expect(first.frames.map((f) => f.op)).not.toContain(GatewayOpcodes.HeartbeatAck);
		expect(first.frames.some((f) => f.t === 'INTERACTION_CREATE')).toBe(false);

		const second = rawClient(discord);
		await second.waitFor((f) => f.op === GatewayOpcodes.Hello);
		second.send({
			op: GatewayOpcodes.Resume,
			d: { token: discord.token, session_id: ready.d?.session_id, seq },
		});
		await second.waitFor((f) => f.t === 'RESUMED');
		const dispatched = second.frames.filter((f) => f.op === GatewayOpcodes.Dispatch);
		expect(dispatched.map((f) => [f.t, f.s])).toEqual([
			['INTERACTION_CREATE', seq + 1],
			['RESUMED', seq + 2],
		]);
		expect(dispatched[0]?.d?.id).toBe(handle.id);
		await new Promise<void>((resolve) =>
			first.ws.readyState === WebSocket.CLOSED ? resolve() : first.ws.once('close', () => resolve()),
		);
		expect(discord.sessions).toBe(1);
		second.ws.close();
	});
});
