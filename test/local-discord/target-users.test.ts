/**
 * The local Discord's Community Invites: multipart Create Channel Invite with `payload_json`
 * and `target_users_file`, validation as Discord documents it, Manage Server, the
 * target-users routes and the job that processes the list. Driven with @discordjs/rest.
 */
import { DiscordAPIError, REST } from '@discordjs/rest';
import {
	InviteTargetUsersJobStatus,
	PermissionFlagsBits,
	type RESTGetAPIInviteTargetUsersJobStatusResult,
	RESTJSONErrorCodes,
	type RESTPostAPIChannelInviteResult,
	Routes,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchAttachment } from '../../src/discord/attachments.js';
import {
	createChannelInvite,
	getInviteTargetUsers,
	getInviteTargetUsersJobStatus,
	targetUsersFile,
	updateInviteTargetUsers,
} from '../../src/discord/invites.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { specAvailable, validateResponse, validateSchema } from '../support/openapi.js';

const { channels, users, roles } = seedIds;

let discord: LocalDiscord;
let rest: REST;

beforeEach(async () => {
	discord = await startLocalDiscord({ targetUsersJobMs: 150 });
	rest = new REST({ api: discord.apiUrl, retries: 0, timeout: 2000 }).setToken(discord.token);
});
afterEach(() => discord.close());

const create = (file = targetUsersFile([users.alice, users.bob]), body = {}) =>
	createChannelInvite(rest, channels.general, body, file, {
		reason: 'community',
	}) as Promise<RESTPostAPIChannelInviteResult>;

const failure = async (promise: Promise<unknown>): Promise<DiscordAPIError> => {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return error as DiscordAPIError;
};

describe('POST /channels/{id}/invites with target_users_file', () => {
	it('reads payload_json and the CSV of one multipart request, and records both', async () => {
		const invite = await create(targetUsersFile([users.alice, users.bob]), {
			max_age: 3600,
			role_ids: [roles.member, roles.helper],
		});
		const [post] = discord.requestsTo('POST', `/channels/${channels.general}/invites`);
		expect(post?.headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(post?.body).toEqual({ max_age: 3600, role_ids: [roles.member, roles.helper] });
		expect(post?.form?.files).toEqual([
			expect.objectContaining({
				field: 'target_users_file',
				filename: 'target_users.csv',
				contentType: 'text/csv',
				text: `user_id\n${users.alice}\n${users.bob}\n`,
			}),
		]);
		expect(post?.auditLogReason).toBe('community');
		expect(invite.max_age).toBe(3600);
		expect(invite.flags).toBe(0);
		expect(invite.roles?.map((role) => role.id)).toEqual([roles.member, roles.helper]);
	});

	it('returns partial roles: id, name, position, color, colors, icon and unicode_emoji only', async () => {
		const invite = await create(undefined, { role_ids: [roles.member] });
		expect(Object.keys(invite.roles?.[0] ?? {}).sort()).toEqual(
			['color', 'colors', 'icon', 'id', 'name', 'position', 'unicode_emoji'].sort(),
		);
	});

	it('answers a 400 naming each line that is not a user id, as Discord documents, and makes nothing', async () => {
		const before = discord.guild.invites.length;
		const error = await failure(
			create({ name: 'bad.csv', data: `user_id\n${users.alice}\nbob\n123456789012345678901\n` }),
		);
		expect(error.status).toBe(400);
		expect(error.rawError).toEqual({
			target_users_file: [
				'Line 3: invalid user ID format',
				'Line 4: invalid user ID - must be a valid Discord snowflake',
			],
		});
		expect(discord.guild.invites.length).toBe(before);
	});

	it('needs Manage Server for the bot (50013)', async () => {
		const permissions = discord.guild.role('invite bot').permissions;
		discord.guild.setRolePermissions('invite bot', BigInt(permissions) & ~PermissionFlagsBits.ManageGuild);
		const error = await failure(create());
		expect(error.code).toBe(RESTJSONErrorCodes.MissingPermissions);
	});

	it('processes the list: processing, then completed with the count', async () => {
		const invite = await create(targetUsersFile([users.alice, users.bob, users.alice]));
		const first = await getInviteTargetUsersJobStatus(rest, invite.code);
		expect(first).toMatchObject({
			status: InviteTargetUsersJobStatus.Processing,
			total_users: 2,
			completed_at: null,
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		const done = await getInviteTargetUsersJobStatus(rest, invite.code);
		expect(done).toMatchObject({
			status: InviteTargetUsersJobStatus.Completed,
			total_users: 2,
			processed_users: 2,
			error_message: null,
		});
		expect(done.completed_at).not.toBeNull();
	});

	it('fails the job of a file it cannot read', async () => {
		const invite = (await rest.post(Routes.channelInvites(channels.general), {
			body: {},
			files: [{ key: 'target_users_file', name: 'list.bin', data: Buffer.from([0xff, 0xfe, 0x00, 0x41]) }],
		})) as RESTPostAPIChannelInviteResult;
		await new Promise((resolve) => setTimeout(resolve, 200));
		const status = await getInviteTargetUsersJobStatus(rest, invite.code);
		expect(status).toMatchObject({
			status: InviteTargetUsersJobStatus.Failed,
			error_message: 'Failed to parse CSV file',
		});
	});
});

describe('the target-users routes', () => {
	it('GET answers the list as a CSV with the user_id header; PUT replaces it and starts a new job', async () => {
		const invite = await create(targetUsersFile([users.alice]));
		expect(await getInviteTargetUsers(rest, invite.code)).toEqual([users.alice]);
		const [get] = discord.requestsTo('GET', `/invites/${invite.code}/target-users`);
		expect(get?.response).toBe(`user_id\n${users.alice}\n`);
		await updateInviteTargetUsers(rest, invite.code, targetUsersFile([users.bob, users.outsider]));
		expect(await getInviteTargetUsers(rest, invite.code)).toEqual([users.bob, users.outsider]);
		expect((await getInviteTargetUsersJobStatus(rest, invite.code)).total_users).toBe(2);
	});

	it('answers 10129 / 10124 for an invite without a list, and 10006 for no invite', async () => {
		const invite = (await createChannelInvite(rest, channels.general, {})) as RESTPostAPIChannelInviteResult;
		expect((await failure(getInviteTargetUsers(rest, invite.code))).code).toBe(
			RESTJSONErrorCodes.UnknownInviteTargetUsers,
		);
		expect((await failure(getInviteTargetUsersJobStatus(rest, invite.code))).code).toBe(
			RESTJSONErrorCodes.UnknownInviteTargetUsersJob,
		);
		expect((await failure(getInviteTargetUsersJobStatus(rest, 'nope'))).code).toBe(
			RESTJSONErrorCodes.UnknownInvite,
		);
	});

	it('lets only the inviter, Manage Server or View Audit Log read them', async () => {
		const code = 'someoneelse';
		discord.guild.addInvite({
			code,
			channel_id: channels.general,
			inviter_id: users.owner,
			target_user_ids: [users.alice],
		});
		expect(await getInviteTargetUsers(rest, code)).toEqual([users.alice]);
		const permissions = discord.guild.role('invite bot').permissions;
		discord.guild.setRolePermissions('invite bot', BigInt(permissions) & ~PermissionFlagsBits.ManageGuild);
		expect((await failure(getInviteTargetUsers(rest, code))).code).toBe(RESTJSONErrorCodes.MissingPermissions);
	});
});

describe.skipIf(!specAvailable)("against Discord's OpenAPI spec", () => {
	it('answers job statuses and invites with metadata the spec documents', async () => {
		const invite = await create(targetUsersFile([users.alice]), { role_ids: [roles.member] });
		expect(validateSchema('GuildInviteResponse', invite).errors).toEqual([]);
		const status: RESTGetAPIInviteTargetUsersJobStatusResult = await getInviteTargetUsersJobStatus(
			rest,
			invite.code,
		);
		expect(validateResponse('GET', '/invites/{code}/target-users/job-status', 200, status).errors).toEqual([]);
	});

	it("lags the docs for a bad user id: the spec's 4XX is ErrorResponse, the docs show { target_users_file: [...] }", async () => {
		const error = await failure(create({ name: 'bad.csv', data: 'user_id\nbob\n' }));
		expect(validateResponse('POST', '/channels/{channel_id}/invites', 400, error.rawError).valid).toBe(false);
	});
});

describe('fetchAttachment', () => {
	it('downloads an uploaded file from its loopback URL', async () => {
		const file = discord.upload({ filename: 'list.csv', data: 'user_id\n1\n' });
		const content = await fetchAttachment(
			file.url,
			{ maxBytes: 1024, timeoutMs: 2000 },
			{ apiUrl: discord.apiUrl },
		);
		expect(content.ok && new TextDecoder().decode(content.data)).toBe('user_id\n1\n');
	});

	it('stops at the size cap whatever the file claims, and at the timeout when the server hangs', async () => {
		const big = discord.upload({ filename: 'big.csv', data: 'x'.repeat(5000), size: 10 });
		expect(await fetchAttachment(big.url, { maxBytes: 1000, timeoutMs: 2000 }, { apiUrl: discord.apiUrl })).toEqual(
			{
				ok: false,
				problem: 'too-large',
			},
		);
		const slow = discord.upload({ filename: 'slow.csv', data: 'x' });
		discord.inject('GET', `/attachments/${slow.id}/slow.csv`, { hang: true });
		expect(await fetchAttachment(slow.url, { maxBytes: 1000, timeoutMs: 200 }, { apiUrl: discord.apiUrl })).toEqual(
			{
				ok: false,
				problem: 'timeout',
			},
		);
		expect(
			await fetchAttachment(
				`${discord.apiUrl}/../attachments/0/none`,
				{ maxBytes: 1000, timeoutMs: 2000 },
				{ apiUrl: discord.apiUrl },
			),
		).toEqual({
			ok: false,
			problem: 'unreadable',
		});
	});
});
