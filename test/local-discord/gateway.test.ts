import { Client, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits, Routes } from 'discord.js';
import {
	GatewayCloseCodes,
	GatewayOpcodes,
	InteractionResponseType,
	InteractionType,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	type LocalDiscord,
	type LocalDiscordOptions,
	seedIds,
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

/** A local Discord with a real discord.js Client logged in (Guilds intent only). */
async function loggedIn(options: LocalDiscordOptions = {}): Promise<{ discord: LocalDiscord; client: Client }> {
	discord = await startLocalDiscord(options);
	client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
	const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
	await client.login(discord.token);
	await ready;
	await discord.ready();
	return { discord, client };
}

describe('a discord.js Client against the local Discord', () => {
	it('logs in, becomes ready and caches the guild, its channels, roles and its own member', async () => {
		const { discord, client } = await loggedIn();
		expect(client.user?.id).toBe(discord.botUserId);
		const guild = client.guilds.cache.get(seedIds.guild);
		expect(guild?.name).toBe('Local Guild');
		expect(guild?.channels.cache.get(seedIds.channels.general)?.name).toBe('general');
		expect(guild?.channels.cache.get(seedIds.channels.thread)?.isThread()).toBe(true);
		expect(guild?.roles.cache.get(seedIds.roles.inviteBot)?.managed).toBe(true);
		expect(guild?.members.me?.roles.cache.has(seedIds.roles.inviteBot)).toBe(true);
		expect(discord.sessions).toBe(1);
		expect(discord.requestsTo('GET', '/gateway/bot')).toHaveLength(1);
	});
});

describe('interactions over the gateway', () => {
	it('delivers a dispatched /invite to interactionCreate, and an ephemeral reply becomes the message', async () => {
		const { discord, client } = await loggedIn();
		const seen: { command: string; channel: string | null; user: string; appPermissions: bigint }[] = [];
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			seen.push({
				command: interaction.commandName,
				channel: interaction.channelId,
				user: interaction.user.username,
				appPermissions: interaction.appPermissions.bitfield,
			});
			await interaction.reply({ content: 'https://discord.gg/abc', flags: MessageFlags.Ephemeral });
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		const message = await handle.message();
		expect(message).toEqual({ content: 'https://discord.gg/abc', flags: MessageFlags.Ephemeral, deferred: false });
		expect(seen).toEqual([
			{
				command: 'invite',
				channel: seedIds.channels.general,
				user: 'member',
				appPermissions: discord.guild.permissionsIn(discord.botUserId, seedIds.channels.general),
			},
		]);
		expect(handle.responses).toHaveLength(1);
		// Answered within the local Discord's 3 s deadline: nothing was rejected.
		expect(handle.rejected).toEqual([]);
		expect(handle.answeredInMs).toBeLessThan(3_000);
		const [callback] = discord.requestsTo('POST', `/interactions/${handle.id}/${handle.token}/callback`);
		expect(callback?.query.get('with_response')).toBe('false');
		expect(callback?.status).toBe(204);
	});

	it('answers a reply with withResponse with the interaction callback response', async () => {
		const { discord, client } = await loggedIn();
		const result = new Promise<unknown>((resolve) => {
			client.on(Events.InteractionCreate, async (interaction) => {
				if (!interaction.isChatInputCommand()) return;
				const response = await interaction.reply({ content: 'with response', withResponse: true });
				resolve({ type: response.interaction.type, content: response.resource?.message?.content });
			});
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		expect(await result).toEqual({ type: InteractionType.ApplicationCommand, content: 'with response' });
		expect(discord.requestsTo('POST', `/interactions/${handle.id}/${handle.token}/callback`)[0]).toMatchObject({
			status: 200,
		});
	});

	it('shows "thinking" after deferReply, and the message once editReply lands', async () => {
		const { discord, client } = await loggedIn();
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			await interaction.editReply({ content: 'done' });
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		const message = await handle.message();
		expect(message).toEqual({ content: 'done', flags: MessageFlags.Ephemeral, deferred: false });
		expect(handle.responses[0]).toEqual({
			type: InteractionResponseType.DeferredChannelMessageWithSource,
			data: { flags: MessageFlags.Ephemeral },
		});
		expect(handle.edits).toEqual([expect.objectContaining({ content: 'done' })]);
		expect(
			discord.requestsTo('PATCH', `/webhooks/${discord.applicationId}/${handle.token}/messages/@original`),
		).toHaveLength(1);
	});

	it('lets the first follow-up after a deferral replace the "thinking" message', async () => {
		const { discord, client } = await loggedIn();
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			await interaction.followUp({ content: 'followed up' });
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		expect(await handle.message()).toEqual({
			content: 'followed up',
			flags: MessageFlags.Ephemeral,
			deferred: false,
		});
		expect(handle.followups).toHaveLength(1);
	});

	it('answers 10062 Unknown interaction to a first response after the deadline', async () => {
		const { discord, client } = await loggedIn({ interactionDeadlineMs: 100 });
		const outcome = new Promise<unknown>((resolve) => {
			client.on(Events.InteractionCreate, async (interaction) => {
				if (!interaction.isChatInputCommand()) return;
				await new Promise((wait) => setTimeout(wait, 200));
				await interaction.reply({ content: 'too late' }).then(resolve, resolve);
			});
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		expect(await outcome).toMatchObject({ code: RESTJSONErrorCodes.UnknownInteraction, status: 404 });
		expect(handle.rejected.map((r) => r.code)).toEqual([RESTJSONErrorCodes.UnknownInteraction]);
		await expect(handle.message(100)).rejects.toThrow(
			/No message for \/invite by member in #general.*got no response; rejected: 10062/,
		);
	});

	it('answers 40060 to a second response', async () => {
		const { discord, client } = await loggedIn();
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.reply({ content: 'first' });
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		await handle.message();
		const again = client!.rest.post(Routes.interactionCallback(handle.id, handle.token), {
			body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'second' } },
			auth: false,
		});
		await expect(again).rejects.toMatchObject({
			code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
			status: 400,
			message: 'Interaction has already been acknowledged.',
		});
		expect(handle.rejected.map((r) => r.code)).toEqual([RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]);
		expect(handle.state?.content).toBe('first');
	});

	it('delivers autocomplete with the focused option and takes the choices', async () => {
		const { discord, client } = await loggedIn();
		client.on(Events.InteractionCreate, async (interaction) => {
			if (!interaction.isAutocomplete()) return;
			const focused = interaction.options.getFocused(true);
			await interaction.respond([{ name: `typed ${focused.name}=${focused.value}`, value: '1h' }]);
		});
		const handle = discord.dispatch(
			discord.autocomplete({ user: 'member', channel: 'general', options: { expires: '1' }, focused: 'expires' }),
		);
		expect(await handle.response()).toEqual({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [{ name: 'typed expires=1', value: '1h' }] },
		});
	});

	it('refuses to dispatch over the gateway before a client is ready', async () => {
		discord = await startLocalDiscord();
		expect(() => discord!.dispatch(discord!.interaction({ user: 'member', channel: 'general' }))).toThrow(
			/no gateway session is ready/,
		);
	});

	it('tells the client about model changes, so its cache follows', async () => {
		const { discord, client } = await loggedIn();
		const updated = new Promise<void>((resolve) => client.once(Events.ChannelUpdate, () => resolve()));
		discord.guild.setOverwrite('general', 'guest', { allow: PermissionFlagsBits.CreateInstantInvite });
		await updated;
		const general = client.guilds.cache.get(seedIds.guild)!.channels.cache.get(seedIds.channels.general)!;
		expect(
			'permissionOverwrites' in general &&
				general.permissionOverwrites.cache.get(seedIds.users.guest)?.allow.has('CreateInstantInvite'),
		).toBe(true);
	});
});

describe('gateway authentication', () => {
	it('answers 401 to GET /gateway/bot with a wrong token, so login fails', async () => {
		discord = await startLocalDiscord();
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		await expect(client.login('wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
		expect(discord.requestsTo('GET', '/gateway/bot')[0]).toMatchObject({
			status: 401,
			authorized: false,
			response: { message: '401: Unauthorized', code: 0 },
		});
		expect(discord.sessions).toBe(0);
	});

	it('says HELLO, ACKs heartbeats and closes with 4004 on an IDENTIFY with a wrong token', async () => {
		discord = await startLocalDiscord({ heartbeatIntervalMs: 1000 });
		const ws = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
		const frames: Array<{ op: number; d?: unknown }> = [];
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
		);
		ws.on('message', (data) => {
			const frame = JSON.parse(data.toString()) as { op: number; d?: unknown };
			frames.push(frame);
			if (frame.op === GatewayOpcodes.Hello) ws.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: null }));
			if (frame.op === GatewayOpcodes.HeartbeatAck) {
				ws.send(
					JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'wrong', intents: 1, properties: {} } }),
				);
			}
		});
		expect(await closed).toEqual({
			code: GatewayCloseCodes.AuthenticationFailed,
			reason: 'Authentication failed.',
		});
		expect(frames).toEqual([
			{ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 1000 } },
			{ op: GatewayOpcodes.HeartbeatAck },
		]);
	});

	it('resumes a closed session where it left off (RESUMED, sequence continues)', async () => {
		discord = await startLocalDiscord();
		const frames = (
			ws: WebSocket,
		): AsyncIterator<{ op: number; t?: string; s?: number; d?: { session_id?: string } }> => {
			const queue: unknown[] = [];
			const waiting: Array<(v: IteratorResult<never>) => void> = [];
			ws.on('message', (data) => {
				const frame = JSON.parse(data.toString()) as never;
				const next = waiting.shift();
				if (next) next({ value: frame, done: false });
				else queue.push(frame);
			});
			return {
				next: () =>
					queue.length
						? Promise.resolve({ value: queue.shift() as never, done: false })
						: new Promise((resolve) => waiting.push(resolve)),
			};
		};
		const first = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
		const firstFrames = frames(first);
		await firstFrames.next(); // HELLO
		first.send(
			JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: discord.token, intents: 1, properties: {} } }),
		);
		const ready = (await firstFrames.next()).value;
		const guildCreate = (await firstFrames.next()).value;
		expect([ready.t, ready.s, guildCreate.t, guildCreate.s]).toEqual(['READY', 1, 'GUILD_CREATE', 2]);
		first.close(4000);
		await new Promise((resolve) => first.once('close', resolve));

		const second = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
		const secondFrames = frames(second);
		await secondFrames.next(); // HELLO
		second.send(
			JSON.stringify({
				op: GatewayOpcodes.Resume,
				d: { token: discord.token, session_id: ready.d!.session_id, seq: 2 },
			}),
		);
		const resumed = (await secondFrames.next()).value;
		expect([resumed.t, resumed.s]).toEqual(['RESUMED', 3]);
		await discord.ready();
		expect(discord.sessions).toBe(1);
		second.close();
	});

	it('refuses privileged intents the application does not have (4014), and allows them when enabled', async () => {
		discord = await startLocalDiscord();
		client = new Client({
			intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
			rest: { api: discord.apiUrl },
		});
		await expect(client.login(discord.token)).rejects.toThrow(/disallowed intents/i);
		await client.destroy();
		await discord.close();

		discord = await startLocalDiscord({ privilegedIntents: GatewayIntentBits.GuildMembers });
		client = new Client({
			intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
			rest: { api: discord.apiUrl },
		});
		await client.login(discord.token);
		await discord.ready();
		expect(discord.sessions).toBe(1);
	});
});
