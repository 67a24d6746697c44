import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	type LocalDiscord,
	moreGuildSeeds,
	seedIds,
	shardOf,
	startLocalDiscord,
} from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await discord?.close();
	client = undefined;
	discord = undefined;
});

interface Frame {
	op: number;
	t?: string;
	d?: Record<string, unknown>;
}

/** IDENTIFYs over a raw WebSocket with `shard`; resolves with the frames and how it closed (or the frames once READY's guilds are in). */
function identify(
	local: LocalDiscord,
	shard: unknown,
): Promise<{ frames: Frame[]; close?: { code: number; reason: string } }> {
	const ws = new WebSocket(`${local.gatewayUrl}?v=10&encoding=json`);
	const frames: Frame[] = [];
	return new Promise((resolve) => {
		let guildCreates = 0;
		ws.on('close', (code, reason) => resolve({ frames, close: { code, reason: reason.toString() } }));
		ws.on('message', (data) => {
			const frame = JSON.parse(data.toString()) as Frame;
			frames.push(frame);
			if (frame.op === GatewayOpcodes.Hello)
				ws.send(
					JSON.stringify({
						op: GatewayOpcodes.Identify,
						d: { token: local.token, intents: GatewayIntentBits.Guilds, properties: {}, shard },
					}),
				);
			if (frame.t === GatewayDispatchEvents.GuildCreate) guildCreates++;
			const ready = frames.find((f) => f.t === GatewayDispatchEvents.Ready);
			if (ready && guildCreates === ((ready.d?.guilds ?? []) as unknown[]).length) {
				ws.removeAllListeners('close');
				ws.terminate();
				resolve({ frames });
			}
		});
	});
}

describe('shards on the local Discord', () => {
	it('places the extra guilds on consecutive shards', () => {
		const [second, third] = moreGuildSeeds(2);
		expect(shardOf(second!.guild.id, 2)).toBe((shardOf(seedIds.guild, 2) + 1) % 2);
		expect(shardOf(third!.guild.id, 3)).toBe((shardOf(seedIds.guild, 3) + 2) % 3);
		expect(second!.guild.name).toBe('Local Guild 2');
		expect(second!.channels.map((c) => c.name)).toContain('general');
	});

	it('recommends shards in GET /gateway/bot and says the identify concurrency', async () => {
		discord = await startLocalDiscord({ guilds: moreGuildSeeds(1), shards: 2, maxConcurrency: 16 });
		const response = await fetch(`${discord.apiUrl}/v10/gateway/bot`, {
			headers: { Authorization: `Bot ${discord.token}` },
		});
		expect(await response.json()).toMatchObject({
			url: discord.gatewayUrl,
			shards: 2,
			session_start_limit: { max_concurrency: 16 },
		});
	});

	it("lists in READY and sends GUILD_CREATE for only the shard's own guilds", async () => {
		discord = await startLocalDiscord({ guilds: moreGuildSeeds(1) });
		const [first, second] = discord.guilds.map((guild) => guild.id);
		for (const id of [0, 1]) {
			const { frames, close } = await identify(discord, [id, 2]);
			expect(close).toBeUndefined();
			const ready = frames.find((f) => f.t === GatewayDispatchEvents.Ready)!;
			const mine = [first, second].filter((guild) => shardOf(guild!, 2) === id);
			expect(ready.d).toMatchObject({
				shard: [id, 2],
				guilds: mine.map((guild) => ({ id: guild, unavailable: true })),
			});
			expect(frames.filter((f) => f.t === GatewayDispatchEvents.GuildCreate).map((f) => f.d?.id)).toEqual(mine);
		}
	});

	it('closes with 4010 Invalid shard on a shard id outside the count', async () => {
		discord = await startLocalDiscord();
		for (const shard of [
			[2, 2],
			[0, 0],
			[-1, 2],
			['0', '1'],
		]) {
			const { close } = await identify(discord, shard);
			expect(close).toEqual({ code: GatewayCloseCodes.InvalidShard, reason: 'Invalid shard.' });
		}
	});

	it('closes with 4011 Sharding required when one session would hold too many guilds', async () => {
		discord = await startLocalDiscord({ guilds: moreGuildSeeds(1), maxGuildsPerShard: 1 });
		expect((await identify(discord, [0, 1])).close).toEqual({
			code: GatewayCloseCodes.ShardingRequired,
			reason: 'Sharding required.',
		});
		expect((await identify(discord, [1, 2])).close).toBeUndefined();
	});

	it("delivers each guild's interactions on its own shard of a discord.js Client", async () => {
		// Two identifies at once (max_concurrency 2): no 5 s wait between the shards.
		discord = await startLocalDiscord({ guilds: moreGuildSeeds(1), shards: 2, maxConcurrency: 2 });
		client = new Client({
			intents: [GatewayIntentBits.Guilds],
			rest: { api: discord.apiUrl },
			shards: 'auto',
		});
		const seen: Array<{ guild: string | null; shard: number | undefined }> = [];
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			seen.push({ guild: interaction.guildId, shard: interaction.guild?.shardId });
			await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
		});
		const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
		await client.login(discord.token);
		await ready;
		await discord.ready(10_000, 2);
		expect(discord.readyShards.sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		for (const guild of discord.guilds) {
			const handle = discord.dispatch(
				discord.interaction({ guild: guild.id, user: 'member', channel: 'general' }),
			);
			expect((await handle.message()).content).toBe('ok');
		}
		expect(seen).toEqual(discord.guilds.map((guild) => ({ guild: guild.id, shard: shardOf(guild.id, 2) })));
	});
});
