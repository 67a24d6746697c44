import { DiscordAPIError, REST } from '@discordjs/rest';
import {
	ChannelType,
	InviteTargetType,
	InviteType,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	type RESTPostAPIChannelInviteJSONBody,
	type RESTPostAPIChannelInviteResult,
	Routes,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	type LocalDiscord,
	type LocalDiscordOptions,
	seedIds,
	startLocalDiscord,
} from '../../src/local-discord/index.js';
import { validateCreateInviteResponse } from '../support/openapi.js';

const { channels, users, roles } = seedIds;

let discord: LocalDiscord;
let rest: REST;

async function start(options: LocalDiscordOptions = {}): Promise<void> {
	await discord?.close();
	discord = await startLocalDiscord(options);
	rest = new REST({ api: discord.apiUrl, retries: 1, timeout: 2000 }).setToken(discord.token);
}

beforeEach(() => start());
afterEach(() => discord.close());

const createInvite = (
	channelId: string,
	body: RESTPostAPIChannelInviteJSONBody = {},
	reason?: string,
): Promise<RESTPostAPIChannelInviteResult> =>
	rest.post(Routes.channelInvites(channelId), {
		body,
		...(reason ? { reason } : {}),
	}) as Promise<RESTPostAPIChannelInviteResult>;

/** The Discord error a create-invite call fails with. */
async function failure(channelId: string, body: RESTPostAPIChannelInviteJSONBody = {}): Promise<DiscordAPIError> {
	const error = await createInvite(channelId, body).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return error as DiscordAPIError;
}

describe('POST /channels/{id}/invites with @discordjs/rest', () => {
	it('creates an invite shaped like the spec says, and records the decoded audit log reason', async () => {
		const invite = await createInvite(channels.general, { max_age: 3600 }, 'x y');
		expect(invite).toMatchObject({
			type: InviteType.Guild,
			max_age: 3600,
			max_uses: 0,
			uses: 0,
			temporary: false,
			channel: { id: channels.general, type: ChannelType.GuildText, name: 'general' },
			guild: { id: seedIds.guild, name: 'Local Guild' },
			inviter: { id: discord.botUserId, bot: true },
		});
		expect(invite.code).toMatch(/^[A-Za-z0-9]{8,10}$/);
		expect(Date.parse(invite.expires_at!) - Date.parse(invite.created_at)).toBe(3_600_000);
		expect(validateCreateInviteResponse(200, invite)).toEqual({ valid: true, errors: [] });
		expect(discord.guild.invites.map((i) => i.code)).toEqual([invite.code]);

		const [request] = discord.requestsTo('POST', `/channels/${channels.general}/invites`);
		expect(request).toMatchObject({
			auditLogReason: 'x y',
			body: { max_age: 3600 },
			status: 200,
			authorized: true,
		});
		expect(request?.headers['x-audit-log-reason']).toBe('x%20y');
	});

	it('uses Discord defaults: one day, unlimited uses, expires_at null only for max_age 0', async () => {
		const byDefault = await createInvite(channels.general, {});
		expect(byDefault).toMatchObject({ max_age: 86_400, max_uses: 0, temporary: false });
		const forever = await createInvite(channels.general, { max_age: 0, unique: true });
		expect(forever.expires_at).toBeNull();
	});

	it('hands back the same invite when unique is false and a matching one exists, a new one when unique', async () => {
		const first = await createInvite(channels.general, { max_age: 600, max_uses: 5 });
		const again = await createInvite(channels.general, { max_age: 600, max_uses: 5 });
		const other = await createInvite(channels.general, { max_age: 600, max_uses: 6 });
		const unique = await createInvite(channels.general, { max_age: 600, max_uses: 5, unique: true });
		expect(again.code).toBe(first.code);
		expect(again.created_at).toBe(first.created_at);
		expect(other.code).not.toBe(first.code);
		expect(unique.code).not.toBe(first.code);
		expect(discord.guild.invites).toHaveLength(3);
	});

	it('creates stream and embedded activity invites in voice and stage channels', async () => {
		const stream = await createInvite(channels.voice, {
			target_type: InviteTargetType.Stream,
			target_user_id: users.streamer,
		});
		expect(stream).toMatchObject({
			target_type: InviteTargetType.Stream,
			target_user: { id: users.streamer, username: 'streamer' },
		});
		const activity = await createInvite(channels.stage, {
			target_type: InviteTargetType.EmbeddedApplication,
			target_application_id: discord.activityApplicationId,
		});
		expect(activity).toMatchObject({
			target_type: InviteTargetType.EmbeddedApplication,
			target_application: { id: seedIds.activityApplication },
		});
		expect(validateCreateInviteResponse(200, stream).errors).toEqual([]);
		expect(validateCreateInviteResponse(200, activity).errors).toEqual([]);
	});

	it('grants roles below the bot, listed under `roles`', async () => {
		const invite = await createInvite(channels.general, { role_ids: [roles.member, roles.helper] });
		expect(invite.roles?.map((r) => r.name)).toEqual(['member', 'helper']);
		expect(validateCreateInviteResponse(200, invite).errors).toEqual([]);
	});
});

describe('create-invite errors, as Discord answers them', () => {
	it.each([
		['an unknown channel', '1100000000000009999', {}, 404, RESTJSONErrorCodes.UnknownChannel],
		['a channel the bot cannot see', channels.staff, {}, 403, RESTJSONErrorCodes.MissingAccess],
		[
			'a channel where the bot lacks Create Instant Invite',
			channels.noInvites,
			{},
			403,
			RESTJSONErrorCodes.MissingPermissions,
		],
		['a category', channels.textChannels, {}, 400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType],
		['a thread', channels.thread, {}, 400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType],
		[
			'a stream target who is not a user',
			channels.voice,
			{ target_type: InviteTargetType.Stream, target_user_id: '1100000000000009998' },
			404,
			RESTJSONErrorCodes.UnknownUser,
		],
		[
			'an unknown role',
			channels.general,
			{ role_ids: ['1100000000000009997'] },
			404,
			RESTJSONErrorCodes.UnknownRole,
		],
		[
			'a role at or above the bot',
			channels.general,
			{ role_ids: [roles.admin] },
			403,
			RESTJSONErrorCodes.MissingPermissions,
		],
		[
			"the bot's managed role",
			channels.general,
			{ role_ids: [roles.inviteBot] },
			400,
			RESTJSONErrorCodes.InvalidRole,
		],
		['@everyone as a role', channels.general, { role_ids: [roles.everyone] }, 400, RESTJSONErrorCodes.InvalidRole],
	] as const)('refuses %s', async (_case, channelId, body, status, code) => {
		const error = await failure(channelId, body as RESTPostAPIChannelInviteJSONBody);
		expect({ status: error.status, code: error.code }).toEqual({ status, code });
		expect(validateCreateInviteResponse(status, error.rawError).errors).toEqual([]);
		expect(discord.guild.invites).toHaveLength(0);
	});

	it('refuses roles when the bot lacks Manage Roles (50013)', async () => {
		discord.guild.setRolePermissions(
			'invite bot',
			PermissionFlagsBits.CreateInstantInvite | PermissionFlagsBits.ViewChannel,
		);
		const error = await failure(channels.general, { role_ids: [roles.member] });
		expect(error.code).toBe(RESTJSONErrorCodes.MissingPermissions);
	});

	it('reports invalid fields as 50035 with errors mirroring the body', async () => {
		const error = await failure(channels.general, {
			max_age: 604_801,
			max_uses: 101,
			temporary: 'yes' as never,
			// 3 (ROLE_SUBSCRIPTIONS_PURCHASE): bots cannot create it; discord-api-types has no name for it.
			target_type: 3 as never,
		});
		expect(error.status).toBe(400);
		expect(error.rawError).toEqual({
			code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
			message: 'Invalid Form Body',
			errors: {
				max_age: {
					_errors: [
						{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 604800.' },
					],
				},
				max_uses: {
					_errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }],
				},
				temporary: { _errors: [{ code: 'BASE_TYPE_BOOLEAN', message: 'Must be either true or false.' }] },
				target_type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 2}.' }] },
			},
		});
		// @discordjs/rest flattens the field errors into its message.
		expect(error.message).toContain('max_age[NUMBER_TYPE_MAX]');
	});

	it.each([
		['a negative max_age', { max_age: -1 }, 'max_age', 'NUMBER_TYPE_MIN'],
		['a fractional max_uses', { max_uses: 1.5 }, 'max_uses', 'NUMBER_TYPE_COERCE'],
		[
			'a stream target without a user',
			{ target_type: InviteTargetType.Stream },
			'target_user_id',
			'BASE_TYPE_REQUIRED',
		],
		[
			'an activity target without an application',
			{ target_type: InviteTargetType.EmbeddedApplication },
			'target_application_id',
			'BASE_TYPE_REQUIRED',
		],
		[
			'more than 250 roles',
			{ role_ids: Array.from({ length: 251 }, (_, i) => String(1_000_000 + i)) },
			'role_ids',
			'BASE_TYPE_MAX_LENGTH',
		],
	] as const)('refuses %s with 50035', async (_case, body, field, code) => {
		const error = await failure(channels.voice, body as RESTPostAPIChannelInviteJSONBody);
		expect(error.code).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
		expect(
			(error.rawError as { errors: Record<string, { _errors: { code: string }[] }> }).errors[field]?._errors[0]
				?.code,
		).toBe(code);
	});

	it.each([
		[
			'a stream target in a text channel',
			channels.general,
			{ target_type: InviteTargetType.Stream, target_user_id: users.streamer },
			'target_type',
		],
		[
			'a stream target who is not streaming',
			channels.voice,
			{ target_type: InviteTargetType.Stream, target_user_id: users.listener },
			'target_user_id',
		],
		[
			'a stream target streaming elsewhere',
			channels.stage,
			{ target_type: InviteTargetType.Stream, target_user_id: users.streamer },
			'target_user_id',
		],
		[
			'an application that is not an embedded activity',
			channels.voice,
			{ target_type: InviteTargetType.EmbeddedApplication, target_application_id: '1100000000000009996' },
			'target_application_id',
		],
	] as const)('refuses %s with 50035', async (_case, channelId, body, field) => {
		const error = await failure(channelId, body as RESTPostAPIChannelInviteJSONBody);
		expect(error.code).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
		expect(Object.keys((error.rawError as { errors: object }).errors)).toEqual([field]);
	});

	it('refuses a body that is not JSON', async () => {
		const response = await fetch(`${discord.apiUrl}/v10/channels/${channels.general}/invites`, {
			method: 'POST',
			headers: { Authorization: `Bot ${discord.token}` },
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toMatchObject({
			code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
			errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID' }] },
		});
	});

	it('refuses a new invite when the guild holds 1000 (30016)', async () => {
		discord.guild.setInviteCount(1000);
		const error = await failure(channels.general, { unique: true });
		expect({ status: error.status, code: error.code, message: error.message }).toEqual({
			status: 400,
			code: RESTJSONErrorCodes.MaximumNumberOfInvitesReached,
			message: 'Maximum number of invites reached (1000)',
		});
	});

	it('answers 401 without the right bot token', async () => {
		const wrong = new REST({ api: discord.apiUrl, retries: 0 }).setToken('not-the-token');
		await expect(wrong.post(Routes.channelInvites(channels.general), { body: {} })).rejects.toMatchObject({
			status: 401,
			code: 0,
			message: '401: Unauthorized',
		});
		const missing = await fetch(`${discord.apiUrl}/v10/channels/${channels.general}/invites`, {
			method: 'POST',
			body: '{}',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(missing.status).toBe(401);
		expect(missing.headers.get('content-type')).toBe('application/json');
		expect(missing.headers.get('x-ratelimit-limit')).toBe('50');
		expect(discord.requests.every((r) => !r.authorized)).toBe(true);
		expect(discord.guild.invites).toHaveLength(0);
	});
});

describe('listing invites', () => {
	it('needs Manage Channels on the channel', async () => {
		await createInvite(channels.general, {});
		await expect(rest.get(Routes.channelInvites(channels.general))).rejects.toMatchObject({
			code: RESTJSONErrorCodes.MissingPermissions,
		});
		discord.guild.setRolePermissions(
			'invite bot',
			BigInt(discord.guild.role('invite bot').permissions) | PermissionFlagsBits.ManageChannels,
		);
		const invites = (await rest.get(Routes.channelInvites(channels.general))) as RESTPostAPIChannelInviteResult[];
		expect(invites.map((i) => i.channel?.id)).toEqual([channels.general]);
	});
});
