import { REST } from '@discordjs/rest';
import {
	type APIApplicationCommand,
	type APIChannel,
	type APIGuild,
	type APIGuildMember,
	type APIRole,
	type APIUser,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ChannelType,
	InteractionType,
	PermissionFlagsBits,
	type RESTGetAPIGatewayBotResult,
	RESTJSONErrorCodes,
	Routes,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';

const { channels, users, roles } = seedIds;
let discord: LocalDiscord;
let rest: REST;

beforeEach(async () => {
	discord = await startLocalDiscord();
	rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token);
});
afterEach(() => discord.close());

describe('resource routes', () => {
	it('serves GET /gateway/bot with the gateway URL and a session start limit', async () => {
		const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
		expect(gateway).toMatchObject({
			url: discord.gatewayUrl,
			shards: 1,
			session_start_limit: { total: 1000, remaining: 999, max_concurrency: 1 },
		});
	});

	it('serves the bot user and the application', async () => {
		expect(await rest.get(Routes.user('@me'))).toMatchObject({
			id: discord.botUserId,
			username: 'invite-bot',
			bot: true,
		});
		expect(await rest.get(Routes.currentApplication())).toMatchObject({
			id: discord.applicationId,
			verify_key: discord.publicKey,
			bot: { id: discord.botUserId },
		});
		expect(discord.requestsTo('GET', '/users/@me')).toHaveLength(1);
	});

	it('serves the guild with its roles, and channels the bot can see', async () => {
		const guild = (await rest.get(Routes.guild(seedIds.guild))) as APIGuild;
		expect(guild).toMatchObject({ id: seedIds.guild, owner_id: users.owner, preferred_locale: 'en-US' });
		expect(guild.roles.map((r) => r.name)).toEqual([
			'@everyone',
			'member',
			'helper',
			'moderator',
			'invite bot',
			'admin',
		]);
		expect(((await rest.get(Routes.guildRoles(seedIds.guild))) as APIRole[]).length).toBe(6);
		expect(await rest.get(Routes.channel(channels.voice))).toMatchObject({
			id: channels.voice,
			type: ChannelType.GuildVoice,
			guild_id: seedIds.guild,
		});
		await expect(rest.get(Routes.channel(channels.staff))).rejects.toMatchObject({
			code: RESTJSONErrorCodes.MissingAccess,
		});
		const visible = ((await rest.get(Routes.guildChannels(seedIds.guild))) as APIChannel[]).map((c) => c.name);
		expect(visible).toContain('general');
		expect(visible).not.toContain('staff');
	});

	it('serves members, and 10007 for users who are not members', async () => {
		expect(((await rest.get(Routes.guildMember(seedIds.guild, users.member))) as APIGuildMember).roles).toEqual([
			roles.member,
		]);
		await expect(rest.get(Routes.guildMember(seedIds.guild, users.outsider))).rejects.toMatchObject({
			status: 404,
			code: RESTJSONErrorCodes.UnknownMember,
		});
		expect(((await rest.get(Routes.user(users.outsider))) as APIUser).username).toBe('outsider');
	});

	it('serves voice states: the streamer streams in voice; 10065 for someone not in voice', async () => {
		expect(await rest.get(`/guilds/${seedIds.guild}/voice-states/${users.streamer}`)).toMatchObject({
			channel_id: channels.voice,
			self_stream: true,
			member: { user: { id: users.streamer } },
		});
		await expect(rest.get(`/guilds/${seedIds.guild}/voice-states/${users.member}`)).rejects.toMatchObject({
			status: 404,
			code: RESTJSONErrorCodes.UnknownVoiceState,
		});
	});

	it('keeps only the last maxRecordedRequests requests when asked to', async () => {
		await discord.close();
		discord = await startLocalDiscord({ maxRecordedRequests: 2 });
		rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token);
		for (const route of [Routes.user('@me'), Routes.gatewayBot(), Routes.guild(seedIds.guild)])
			await rest.get(route);
		expect(discord.requests.map((r) => r.path)).toEqual(['/gateway/bot', `/guilds/${seedIds.guild}`]);
	});

	it('answers unknown routes with 404 {message, code: 0}', async () => {
		await expect(rest.get('/nothing/here' as `/${string}`)).rejects.toMatchObject({
			status: 404,
			code: 0,
			message: '404: Not Found',
		});
	});
});

describe('application commands', () => {
	const invite = {
		name: 'invite',
		description: 'Create an invite',
		options: [
			{ type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where' },
			{ type: ApplicationCommandOptionType.String, name: 'expires', description: 'When', autocomplete: true },
			{
				type: ApplicationCommandOptionType.Integer,
				name: 'max_uses',
				description: 'How often',
				min_value: 0,
				max_value: 100,
			},
		],
	};

	it('overwrites guild commands in bulk, keeps ids across overwrites and lists them', async () => {
		const [created] = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, seedIds.guild), {
			body: [invite],
		})) as APIApplicationCommand[];
		expect(created).toMatchObject({
			name: 'invite',
			application_id: discord.applicationId,
			guild_id: seedIds.guild,
			type: ApplicationCommandType.ChatInput,
			default_member_permissions: null,
		});
		const [again] = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, seedIds.guild), {
			body: [{ ...invite, description: 'Changed' }],
		})) as APIApplicationCommand[];
		expect(again?.id).toBe(created?.id);
		expect(again?.version).not.toBe(created?.version);
		expect(
			await rest.get(Routes.applicationGuildCommands(discord.applicationId, seedIds.guild), {
				query: new URLSearchParams({ with_localizations: 'true' }),
			}),
		).toEqual([again]);
		// Without with_localizations, Discord leaves the localization maps out.
		const [listed] = (await rest.get(
			Routes.applicationGuildCommands(discord.applicationId, seedIds.guild),
		)) as Record<string, unknown>[];
		expect(listed).not.toHaveProperty('name_localizations');
		expect(listed).not.toHaveProperty('description_localizations');
		expect(await rest.get(Routes.applicationCommands(discord.applicationId))).toEqual([]);
	});

	it('validates commands like Discord: names, descriptions, option count, duplicates', async () => {
		const bad = [
			{ name: 'Invite', description: 'upper case' },
			{ name: 'ok', description: '' },
			{
				name: 'many',
				description: 'too many options',
				options: Array.from({ length: 26 }, (_, i) => ({
					type: ApplicationCommandOptionType.String,
					name: `o${i}`,
					description: 'x',
				})),
			},
			{ name: 'ok', description: 'duplicate' },
		];
		const error = await rest
			.put(Routes.applicationCommands(discord.applicationId), { body: bad })
			.catch((e: unknown) => e);
		expect(error).toMatchObject({
			code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
			rawError: {
				errors: {
					'0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } },
					'1': { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } },
					'2': { options: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
					'3': { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } },
				},
			},
		});
		expect(await rest.get(Routes.applicationCommands(discord.applicationId))).toEqual([]);
	});

	it("refuses another application's commands and another guild", async () => {
		await expect(rest.get(Routes.applicationCommands('1100000000000008888'))).rejects.toMatchObject({
			status: 403,
			code: RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication,
		});
		await expect(
			rest.get(Routes.applicationGuildCommands(discord.applicationId, '1100000000000008888')),
		).rejects.toMatchObject({ status: 403, code: RESTJSONErrorCodes.MissingAccess });
	});

	it('gives interactions the registered command id and option types', async () => {
		const [created] = (await rest.put(Routes.applicationGuildCommands(discord.applicationId, seedIds.guild), {
			body: [invite],
		})) as APIApplicationCommand[];
		const payload = discord.interaction({
			user: 'member',
			channel: 'general',
			options: { expires: '1h', max_uses: 5 },
		});
		expect(payload.data).toMatchObject({
			id: created?.id,
			guild_id: seedIds.guild,
			options: [
				{ name: 'expires', type: ApplicationCommandOptionType.String, value: '1h' },
				{ name: 'max_uses', type: ApplicationCommandOptionType.Integer, value: 5 },
			],
		});
	});
});

describe('interaction payloads built from the model', () => {
	it("carries the invoker's and the bot's permissions where the command runs", () => {
		const payload = discord.interaction({ user: 'guest', channel: 'general' });
		expect(payload).toMatchObject({
			type: InteractionType.ApplicationCommand,
			application_id: discord.applicationId,
			guild_id: seedIds.guild,
			channel_id: channels.general,
			channel: { id: channels.general, type: ChannelType.GuildText, name: 'general' },
			member: { user: { id: users.guest, username: 'guest' }, roles: [] },
			locale: 'en-US',
			guild_locale: 'en-US',
			entitlements: [],
			authorizing_integration_owners: { '0': seedIds.guild },
			context: 0,
			version: 1,
			data: { name: 'invite', type: ApplicationCommandType.ChatInput },
		});
		expect(BigInt(payload.member!.permissions) & PermissionFlagsBits.CreateInstantInvite).toBe(0n);
		expect(BigInt(payload.app_permissions) & PermissionFlagsBits.CreateInstantInvite).toBe(
			PermissionFlagsBits.CreateInstantInvite,
		);
		expect(discord.interaction({ user: 'owner', channel: 'general' }).member?.permissions).toBe(
			ALL_PERMISSIONS.toString(),
		);
	});

	it('resolves channel, user and role options by name, with per-channel permissions', () => {
		const payload = discord.interaction({
			user: 'moderator',
			channel: 'general',
			options: {
				channel: 'staff',
				stream_user: 'streamer',
				role: 'helper',
				unique: true,
				max_uses: 3,
				expires: '1h',
			},
		});
		expect(payload.data.options).toEqual([
			{ name: 'channel', type: ApplicationCommandOptionType.Channel, value: channels.staff },
			{ name: 'stream_user', type: ApplicationCommandOptionType.User, value: users.streamer },
			{ name: 'role', type: ApplicationCommandOptionType.Role, value: roles.helper },
			{ name: 'unique', type: ApplicationCommandOptionType.Boolean, value: true },
			{ name: 'max_uses', type: ApplicationCommandOptionType.Integer, value: 3 },
			{ name: 'expires', type: ApplicationCommandOptionType.String, value: '1h' },
		]);
		const resolved = payload.data.resolved!;
		expect(resolved.channels?.[channels.staff]).toMatchObject({
			name: 'staff',
			type: ChannelType.GuildText,
			app_permissions: '0',
		});
		expect(BigInt(resolved.channels![channels.staff]!.permissions) & PermissionFlagsBits.ViewChannel).toBe(
			PermissionFlagsBits.ViewChannel,
		);
		expect(resolved.users?.[users.streamer]).toMatchObject({ username: 'streamer' });
		expect(resolved.members?.[users.streamer]).toMatchObject({ roles: [roles.member] });
		expect(resolved.roles?.[roles.helper]).toMatchObject({ name: 'helper' });
	});

	it('resolves a user who is not a member without a member entry', () => {
		const payload = discord.interaction({ user: 'member', channel: 'voice', options: { stream_user: 'outsider' } });
		expect(payload.data.resolved?.users?.[users.outsider]).toMatchObject({
			id: users.outsider,
			username: 'outsider',
		});
		expect(payload.data.resolved?.members).toBeUndefined();
	});

	it('builds autocomplete with the focused option as typed and no resolved data', () => {
		const payload = discord.autocomplete({
			user: 'member',
			channel: 'general',
			options: { channel: 'voice', expires: '2' },
			focused: 'expires',
		});
		expect(payload.type).toBe(InteractionType.ApplicationCommandAutocomplete);
		expect(payload.data.options).toEqual([
			{ name: 'channel', type: ApplicationCommandOptionType.Channel, value: channels.voice },
			{ name: 'expires', type: ApplicationCommandOptionType.String, value: '2', focused: true },
		]);
		expect('resolved' in payload.data).toBe(false);
	});

	it('throws a clear error for unknown names', () => {
		expect(() => discord.interaction({ user: 'nobody', channel: 'general' })).toThrow(
			/"nobody" is not a member.*members: owner, admin/,
		);
		expect(() => discord.interaction({ user: 'member', channel: 'nowhere' })).toThrow(/No channel "nowhere"/);
		expect(() => discord.interaction({ user: 'member', channel: 'forum' })).toThrow(
			/commands cannot run in #forum \(GuildForum\)/,
		);
	});
});
