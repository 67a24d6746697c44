import { Client, GatewayIntentBits } from 'discord.js';
import { ChannelType, InteractionResponseType, MessageFlags, Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import {
	GuildModel,
	generatedId,
	generateGuild,
	type LocalDiscord,
	seedIds,
	startLocalDiscord,
} from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	client = undefined;
	await discord?.close();
	discord = undefined;
});

describe('the global rate limit', () => {
	const botRequest = (d: LocalDiscord): Promise<Response> =>
		fetch(`${d.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${d.token}` } });

	it('answers the global 429 once the window is spent, across routes', async () => {
		discord = await startLocalDiscord({ globalLimit: { limit: 3, windowMs: 5_000 } });
		const answers = [
			await botRequest(discord),
			await fetch(`${discord.apiUrl}/v10/channels/${seedIds.channels.general}`, {
				headers: { Authorization: `Bot ${discord.token}` },
			}),
			await botRequest(discord),
		];
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		expect(answers[0]!.headers.get('x-ratelimit-global')).toBeNull();
		const limited = await botRequest(discord);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-global')).toBe('true');
		expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
		expect(limited.headers.get('x-ratelimit-bucket')).toBeNull();
		expect(Number(limited.headers.get('retry-after'))).toBe(5);
		expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: true });
	});

	it('exempts interaction callbacks, as Discord does', async () => {
		discord = await startLocalDiscord({ globalLimit: { limit: 1, windowMs: 5_000 } });
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		await client.login(discord.token);
		await discord.ready();
		expect((await botRequest(discord)).status).toBe(429);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		const answered = await fetch(`${discord.apiUrl}/v10${Routes.interactionCallback(handle.id, handle.token)}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: InteractionResponseType.ChannelMessageWithSource,
				data: { content: 'hi', flags: MessageFlags.Ephemeral },
			}),
		});
		expect(answered.status).toBe(204);
		expect((await handle.message()).content).toBe('hi');
	});

	it('is off unless asked for', async () => {
		discord = await startLocalDiscord();
		const statuses = await Promise.all(
			Array.from({ length: 60 }, () => botRequest(discord!).then((r) => r.status)),
		);
		expect(statuses.every((status) => status === 200)).toBe(true);
	});
});

describe('generated guilds', () => {
	it('makes a consistent guild of the asked size that the model accepts', () => {
		const seed = generateGuild({ index: 3, channels: 12, roles: 4, members: 20 });
		const guild = new GuildModel(seed);
		expect(guild.id).toBe(generatedId(3, 0));
		expect(guild.channels.filter((channel) => channel.type !== ChannelType.GuildCategory)).toHaveLength(12);
		expect(guild.roles).toHaveLength(4 + 2);
		expect(guild.members).toHaveLength(20 + 1);
		const ids = [...guild.roles, ...guild.channels].map((item) => item.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(guild.findMember('user-0')).toBeDefined();
		expect(generateGuild({ index: 3, channels: 12, roles: 4, members: 20 })).toEqual(seed);
	});

	it('serves extra guilds over the gateway, and discord.js sees every one', async () => {
		discord = await startLocalDiscord({ extraGuilds: { count: 30, channels: 6, roles: 3, members: 5 } });
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		const ready = new Promise<void>((resolve) => client!.once('clientReady', () => resolve()));
		await client.login(discord.token);
		await ready;
		expect(client.guilds.cache.size).toBe(31);
		const generated = client.guilds.cache.get(generatedId(30, 0))!;
		expect(generated.channels.cache.filter((channel) => channel.type !== ChannelType.GuildCategory).size).toBe(6);
		expect(generated.memberCount).toBe(6);
	});
});
