/**
 * The routes of the invite lifecycle on the local Discord, through the bot's typed wrappers
 * (src/discord/) over @discordjs/rest and a real discord.js Client on the gateway, each answer
 * held to Discord's OpenAPI spec: Delete Invite, Get Guild Invites, Get Channel Invites,
 * Create Message with embeds, message-component interactions, GUILD_DELETE.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import {
	AllowedMentionsTypes,
	type APIButtonComponent,
	ButtonStyle,
	ChannelType,
	ComponentType,
	type GatewayDispatchPayload,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	PermissionFlagsBits as P,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelInvite, deleteInvite, getChannelInvites, getGuildInvites } from '../../src/discord/invites.js';
import { createMessage } from '../../src/discord/messages.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { validateResponse } from '../support/openapi.js';

const { channels, users } = seedIds;

let discord: LocalDiscord;
let rest: REST;
let client: Client | undefined;

beforeEach(async () => {
	discord = await startLocalDiscord();
	rest = new REST({ api: discord.apiUrl, retries: 0, timeout: 2000 }).setToken(discord.token);
});
afterEach(async () => {
	await client?.destroy();
	client = undefined;
	await discord.close();
});

/** The bot's role, with exactly these permissions. */
const botCan = (...permissions: bigint[]) =>
	discord.guild.setRolePermissions(
		'invite bot',
		permissions.reduce((all, bit) => all | bit, P.ViewChannel),
	);

/** The Discord error code a call fails with. */
async function failsWith(call: Promise<unknown>): Promise<number | string> {
	const error = await call.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return (error as DiscordAPIError).code;
}

/** A discord.js Client logged in with these intents; resolves with every raw dispatch it gets. */
async function gatewayClient(intents: GatewayIntentBits[]): Promise<GatewayDispatchPayload[]> {
	const seen: GatewayDispatchPayload[] = [];
	client = new Client({ intents, rest: { api: discord.apiUrl } });
	client.on(Events.Raw, (packet: GatewayDispatchPayload) => seen.push(packet));
	const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
	await client.login(discord.token);
	await ready;
	await discord.ready();
	return seen;
}

const expectSpec = (method: string, path: string, status: number, body: unknown) =>
	expect(validateResponse(method, path, status, body).errors).toEqual([]);

describe('Delete Invite', () => {
	it('deletes with Manage Server, answers the invite as the spec says, and keeps the audit-log reason', async () => {
		const invite = await createChannelInvite(rest, channels.general, { max_age: 3600 });
		const deleted = await deleteInvite(rest, invite!.code, { reason: '/invites revoke by Ada (1): spam' });
		expect(deleted.code).toBe(invite?.code);
		expectSpec('DELETE', '/invites/{code}', 200, deleted);
		const [request] = discord.requestsTo('DELETE', `/invites/${invite?.code}`);
		expect(request?.auditLogReason).toBe('/invites revoke by Ada (1): spam');
		expect(discord.guild.invites.some((i) => i.code === invite?.code)).toBe(false);
	});

	it('answers 10006 Unknown Invite when the invite is already gone', async () => {
		const invite = await createChannelInvite(rest, channels.general, {});
		await deleteInvite(rest, invite!.code);
		expect(await failsWith(deleteInvite(rest, invite!.code))).toBe(RESTJSONErrorCodes.UnknownInvite);
		expect(await failsWith(deleteInvite(rest, 'neverexisted'))).toBe(RESTJSONErrorCodes.UnknownInvite);
	});

	it('needs Manage Channels on the invite channel or Manage Server (50013 otherwise)', async () => {
		const invite = await createChannelInvite(rest, channels.general, {});
		botCan(P.CreateInstantInvite);
		expect(await failsWith(deleteInvite(rest, invite!.code))).toBe(RESTJSONErrorCodes.MissingPermissions);
		discord.guild.setOverwrite('announcements', 'invite bot', { allow: P.ManageChannels });
		expect(await failsWith(deleteInvite(rest, invite!.code))).toBe(RESTJSONErrorCodes.MissingPermissions);
		discord.guild.setOverwrite('general', 'invite bot', { allow: P.ManageChannels });
		expect((await deleteInvite(rest, invite!.code)).code).toBe(invite?.code);
	});

	it('sends INVITE_DELETE to a bot with the GUILD_INVITES intent and Manage Channels there', async () => {
		const seen = await gatewayClient([GatewayIntentBits.Guilds, GatewayIntentBits.GuildInvites]);
		discord.guild.setOverwrite('general', 'invite bot', { allow: P.ManageChannels });
		const invite = await createChannelInvite(rest, channels.general, {});
		await deleteInvite(rest, invite!.code);
		await expect
			// discord.js adds its own objects to the raw packet it passes on: only Discord's fields are checked.
			.poll(() => seen.find((packet) => packet.t === 'INVITE_DELETE')?.d)
			.toMatchObject({ channel_id: channels.general, guild_id: seedIds.guild, code: invite?.code });
	});

	it('sends no INVITE_DELETE where the bot cannot manage the channel', async () => {
		const seen = await gatewayClient([GatewayIntentBits.Guilds, GatewayIntentBits.GuildInvites]);
		const invite = await createChannelInvite(rest, channels.general, {});
		// Deleted with Manage Server, which is not Manage Channels.
		await deleteInvite(rest, invite!.code);
		await createMessage(rest, channels.general, { content: 'marker' }).catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(seen.some((packet) => packet.t === 'INVITE_DELETE')).toBe(false);
	});
});

describe('Get Guild Invites and Get Channel Invites', () => {
	it('lists a guild’s invites with their metadata for Manage Server, as the spec says', async () => {
		await createChannelInvite(rest, channels.general, { max_uses: 5 });
		const invites = await getGuildInvites(rest, seedIds.guild);
		expect(invites).toHaveLength(1);
		expect(invites[0]).toMatchObject({ uses: 0, max_uses: 5, temporary: false, created_at: expect.any(String) });
		expectSpec('GET', '/guilds/{guild_id}/invites', 200, invites);
	});

	it('lists them without metadata for View Audit Log alone, and refuses anyone else', async () => {
		await createChannelInvite(rest, channels.general, { max_uses: 5 });
		botCan(P.ViewAuditLog, P.CreateInstantInvite);
		const invites = await getGuildInvites(rest, seedIds.guild);
		expect(invites).toHaveLength(1);
		for (const key of ['uses', 'max_uses', 'max_age', 'temporary', 'created_at'])
			expect(invites[0]).not.toHaveProperty(key);
		expect(invites[0]?.code).toBeTypeOf('string');
		expectSpec('GET', '/guilds/{guild_id}/invites', 200, invites);
		botCan(P.CreateInstantInvite);
		expect(await failsWith(getGuildInvites(rest, seedIds.guild))).toBe(RESTJSONErrorCodes.MissingPermissions);
	});

	it('lists a channel’s invites with metadata only with Manage Channels there', async () => {
		await createChannelInvite(rest, channels.general, { max_uses: 3 });
		await createChannelInvite(rest, channels.announcements, {});
		expect(await failsWith(getChannelInvites(rest, channels.general))).toBe(RESTJSONErrorCodes.MissingPermissions);
		discord.guild.setOverwrite('general', 'invite bot', { allow: P.ManageChannels });
		const invites = await getChannelInvites(rest, channels.general);
		expect(invites.map((invite) => invite.channel?.id)).toEqual([channels.general]);
		expect(invites[0]).toMatchObject({ uses: 0, max_uses: 3 });
		expectSpec('GET', '/channels/{channel_id}/invites', 200, invites);
	});
});

describe('Create Message in a channel', () => {
	const embed = { title: 'Invite created', description: 'by <@1100000000000000301>', color: 0x5865f2 };

	it('posts an embed that pings nobody with allowed_mentions parse [], as the spec says', async () => {
		botCan(P.SendMessages, P.EmbedLinks);
		const content = `<@${users.member}> made an invite`;
		const message = await createMessage(rest, channels.general, {
			content,
			embeds: [embed],
			allowed_mentions: { parse: [] },
		});
		expectSpec('POST', '/channels/{channel_id}/messages', 200, message);
		expect(message).toMatchObject({ channel_id: channels.general, content, mentions: [], mention_everyone: false });
		expect(message.embeds).toEqual([{ type: 'rich', ...embed }]);
		expect(message.author.id).toBe(discord.botUserId);
		expect(discord.guild.messages.map((posted) => posted.id)).toEqual([message.id]);
	});

	it('mentions who the content names when allowed_mentions allows it', async () => {
		const content = `<@${users.member}> and <@${users.helper}>`;
		const everyone = await createMessage(rest, channels.general, { content });
		expect(everyone.mentions.map((user) => user.id)).toEqual([users.member, users.helper]);
		const one = await createMessage(rest, channels.general, {
			content,
			allowed_mentions: { users: [users.helper] },
		});
		expect(one.mentions.map((user) => user.id)).toEqual([users.helper]);
	});

	it('refuses embeds without Embed Links, and any message without Send Messages (50013)', async () => {
		botCan(P.SendMessages);
		expect(await failsWith(createMessage(rest, channels.general, { embeds: [embed] }))).toBe(
			RESTJSONErrorCodes.MissingPermissions,
		);
		expect((await createMessage(rest, channels.general, { content: 'plain text is fine' })).content).toBe(
			'plain text is fine',
		);
		discord.guild.setOverwrite('general', 'invite bot', { deny: P.SendMessages });
		expect(await failsWith(createMessage(rest, channels.general, { content: 'x' }))).toBe(
			RESTJSONErrorCodes.MissingPermissions,
		);
	});

	it('answers Discord’s errors for an empty message, a channel without a message box, and a too-long embed', async () => {
		botCan(P.SendMessages, P.EmbedLinks);
		expect(await failsWith(createMessage(rest, channels.general, {}))).toBe(
			RESTJSONErrorCodes.CannotSendAnEmptyMessage,
		);
		const category = discord.guild.channels.find((channel) => channel.type === ChannelType.GuildCategory);
		expect(await failsWith(createMessage(rest, category!.id, { content: 'x' }))).toBe(
			RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
		);
		expect(await failsWith(createMessage(rest, channels.general, { embeds: [{ title: 'x'.repeat(257) }] }))).toBe(
			RESTJSONErrorCodes.InvalidFormBodyOrContentType,
		);
		expect(
			await failsWith(
				createMessage(rest, channels.general, {
					content: 'x',
					allowed_mentions: { parse: [AllowedMentionsTypes.User], users: [users.member] },
				}),
			),
		).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
	});

	it('sends MESSAGE_CREATE to a bot with the GUILD_MESSAGES intent', async () => {
		const seen = await gatewayClient([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
		const message = await createMessage(rest, channels.general, { content: 'logged' });
		await expect
			.poll(() => seen.find((packet) => packet.t === 'MESSAGE_CREATE')?.d)
			.toMatchObject({
				id: message.id,
				channel_id: channels.general,
				guild_id: seedIds.guild,
				content: 'logged',
			});
	});
});

describe('message-component interactions', () => {
	const button = (customId: string, disabled = false): APIButtonComponent => ({
		type: ComponentType.Button,
		style: ButtonStyle.Danger,
		label: 'Revoke',
		custom_id: customId,
		disabled,
	});

	it('comes back over the gateway with the custom_id the bot set and the message, and an update edits the reply', async () => {
		await gatewayClient([GatewayIntentBits.Guilds]);
		const clicks: { customId: string; user: string; messageId: string }[] = [];
		client?.on(Events.InteractionCreate, async (interaction) => {
			if (interaction.isChatInputCommand()) {
				await interaction.reply({
					content: 'https://discord.gg/abc',
					components: [{ type: ComponentType.ActionRow, components: [button('revoke:abc')] }],
				});
			} else if (interaction.isButton()) {
				clicks.push({
					customId: interaction.customId,
					user: interaction.user.id,
					messageId: interaction.message.id,
				});
				await interaction.update({ content: 'Revoked by Member', components: [] });
			}
		});
		const command = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		await command.message();
		const click = discord.component({ user: 'member', message: command, customId: 'revoke:abc' });
		expect(click).toMatchObject({
			type: InteractionType.MessageComponent,
			data: { custom_id: 'revoke:abc', component_type: ComponentType.Button },
			channel_id: channels.general,
			message: { content: 'https://discord.gg/abc', author: { id: discord.botUserId } },
		});
		const handle = discord.dispatch(click);
		expect((await handle.response()).type).toBe(InteractionResponseType.UpdateMessage);
		expect(clicks).toEqual([{ customId: 'revoke:abc', user: users.member, messageId: click.message.id }]);
		expect(command.state).toMatchObject({ content: 'Revoked by Member', components: [] });
	});

	it('lets a deferred update edit the clicked message through @original', async () => {
		await gatewayClient([GatewayIntentBits.Guilds]);
		client?.on(Events.InteractionCreate, async (interaction) => {
			if (interaction.isChatInputCommand())
				await interaction.reply({
					content: 'invite',
					flags: MessageFlags.Ephemeral,
					components: [{ type: ComponentType.ActionRow, components: [button('revoke:def')] }],
				});
			else if (interaction.isButton()) {
				await interaction.deferUpdate();
				await interaction.editReply({ content: 'revoked later' });
			}
		});
		const command = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		await command.message();
		discord.dispatch(discord.component({ user: 'member', message: command, customId: 'revoke:def' }));
		await expect.poll(() => command.state?.content).toBe('revoked later');
		expect(command.state?.flags).toBe(MessageFlags.Ephemeral);
	});

	it('clicks a button on a message the bot posted in a channel, and an update edits that message', async () => {
		botCan(P.SendMessages);
		const posted = await createMessage(rest, channels.general, {
			content: 'log line',
			components: [{ type: ComponentType.ActionRow, components: [button('log:revoke:xyz')] }],
		});
		await gatewayClient([GatewayIntentBits.Guilds]);
		client?.on(Events.InteractionCreate, async (interaction) => {
			if (interaction.isButton())
				await interaction.update({ content: `revoked by ${interaction.user.username}` });
		});
		const click = discord.component({ user: 'admin', message: posted.id, customId: 'log:revoke:xyz' });
		expect(click.message.id).toBe(posted.id);
		expect((await discord.dispatch(click).response()).type).toBe(InteractionResponseType.UpdateMessage);
		expect(discord.guild.messages[0]?.message).toMatchObject({ id: posted.id, content: 'revoked by admin' });
	});

	it('comes back to an Interactions Endpoint URL as a signed HTTP interaction of type 3, answered with an update', async () => {
		const bodies: { type: number; data?: { custom_id?: string } }[] = [];
		const endpoint = createServer((request, response) => {
			let raw = '';
			request.on('data', (chunk: Buffer) => {
				raw += chunk.toString('utf8');
			});
			request.on('end', () => {
				const interaction = JSON.parse(raw) as { type: number; data?: { custom_id?: string } };
				bodies.push(interaction);
				const answer =
					interaction.type === InteractionType.MessageComponent
						? { type: InteractionResponseType.UpdateMessage, data: { content: 'revoked', components: [] } }
						: {
								type: InteractionResponseType.ChannelMessageWithSource,
								data: {
									content: 'invite',
									components: [
										{ type: ComponentType.ActionRow, components: [button('revoke:http')] },
									],
								},
							};
				response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
			});
		});
		await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/interactions`;
			const command = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
				via: 'http',
				url,
			});
			await command.message();
			const click = discord.dispatch(
				discord.component({ user: 'member', message: command, customId: 'revoke:http' }),
				{
					via: 'http',
					url,
				},
			);
			expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
			expect(bodies.map((body) => [body.type, body.data?.custom_id])).toEqual([
				[InteractionType.ApplicationCommand, undefined],
				[InteractionType.MessageComponent, 'revoke:http'],
			]);
			expect(command.state).toMatchObject({ content: 'revoked', components: [] });
		} finally {
			endpoint.closeAllConnections();
			await new Promise((resolve) => endpoint.close(resolve));
		}
	});

	it('refuses a custom_id the message does not have, and a disabled button', async () => {
		botCan(P.SendMessages);
		const posted = await createMessage(rest, channels.general, {
			content: 'x',
			components: [{ type: ComponentType.ActionRow, components: [button('on'), button('off', true)] }],
		});
		expect(() => discord.component({ user: 'member', message: posted.id, customId: 'nope' })).toThrow(
			/has: on, off/,
		);
		expect(() => discord.component({ user: 'member', message: posted.id, customId: 'off' })).toThrow(/disabled/);
	});
});

describe('GUILD_DELETE', () => {
	it('tells the bot it left the guild, after which the guild is unknown to it', async () => {
		await gatewayClient([GatewayIntentBits.Guilds]);
		const left = new Promise<string>((resolve) => client?.once(Events.GuildDelete, (guild) => resolve(guild.id)));
		discord.guild.removeBot();
		expect(await left).toBe(seedIds.guild);
		expect(await failsWith(getGuildInvites(rest, seedIds.guild))).toBe(RESTJSONErrorCodes.UnknownGuild);
	});
});
