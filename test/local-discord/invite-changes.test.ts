/**
 * The local Discord follows what Discord changed since we built it (discord-api-docs
 * "Community Invites Update", 2026-02-05, and the spec): `expires_at` on every invite, partial
 * `roles` on Get Channel Invites and Get Guild Invites, and the error codes 10124, 10129 and
 * 50020 worded and paired with their status as Discord does. Driven with @discordjs/rest and
 * held to Discord's OpenAPI spec.
 */
import { DiscordAPIError, REST } from '@discordjs/rest';
import {
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	type RESTPostAPIChannelInviteResult,
	Routes,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getInviteTargetUsers, getInviteTargetUsersJobStatus } from '../../src/discord/invites.js';
import { discordError } from '../../src/local-discord/errors.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { specAvailable, validateCreateInviteResponse, validateResponse } from '../support/openapi.js';

const { channels, roles, guild } = seedIds;

let discord: LocalDiscord;
let rest: REST;

beforeEach(async () => {
	discord = await startLocalDiscord();
	rest = new REST({ api: discord.apiUrl, retries: 0, timeout: 2000 }).setToken(discord.token);
	// Get Channel Invites needs Manage Channels there.
	discord.guild.setRolePermissions(
		'invite bot',
		BigInt(discord.guild.role('invite bot').permissions) | PermissionFlagsBits.ManageChannels,
	);
});
afterEach(() => discord.close());

const create = (body: Record<string, unknown>) =>
	rest.post(Routes.channelInvites(channels.general), { body }) as Promise<RESTPostAPIChannelInviteResult>;

const failure = async (promise: Promise<unknown>): Promise<DiscordAPIError> => {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return error as DiscordAPIError;
};

/** The keys of Discord's partial invite role (the spec's InviteGuildRoleResponse). */
const PARTIAL_ROLE_KEYS = ['color', 'colors', 'icon', 'id', 'name', 'position', 'unicode_emoji'];

describe('invites as Discord sends them now', () => {
	it('carries expires_at on every invite from every route, null only for one that never expires', async () => {
		const hour = await create({ max_age: 3600, unique: true });
		const never = await create({ max_age: 0, unique: true });
		expect(Date.parse(hour.expires_at ?? '') - Date.parse(hour.created_at)).toBe(3_600_000);
		expect(never).toHaveProperty('expires_at', null);
		const listed = [
			...((await rest.get(Routes.channelInvites(channels.general))) as RESTPostAPIChannelInviteResult[]),
			...((await rest.get(Routes.guildInvites(guild))) as RESTPostAPIChannelInviteResult[]),
			(await rest.get(Routes.invite(hour.code))) as RESTPostAPIChannelInviteResult,
			(await rest.get(Routes.invite(never.code))) as RESTPostAPIChannelInviteResult,
		];
		expect(listed).toHaveLength(6);
		for (const invite of listed) {
			expect(invite).toHaveProperty('expires_at');
			expect(invite.expires_at).toBe(invite.code === never.code ? null : hour.expires_at);
		}
	});

	it('answers Get Channel Invites and Get Guild Invites with partial roles, not whole role objects', async () => {
		await create({ role_ids: [roles.member, roles.helper] });
		for (const route of [Routes.channelInvites(channels.general), Routes.guildInvites(guild)]) {
			const [invite] = (await rest.get(route)) as RESTPostAPIChannelInviteResult[];
			expect(invite?.roles?.map((role) => role.id)).toEqual([roles.member, roles.helper]);
			for (const role of invite?.roles ?? []) expect(Object.keys(role).sort()).toEqual(PARTIAL_ROLE_KEYS);
		}
	});

	it('answers 10124 and 10129 with 404 and Discord’s words, and words 50020 as Discord does', async () => {
		const invite = await create({});
		const users = await failure(getInviteTargetUsers(rest, invite.code));
		expect([users.code, users.status, users.message]).toEqual([
			RESTJSONErrorCodes.UnknownInviteTargetUsers,
			404,
			'Unknown invite target users',
		]);
		const job = await failure(getInviteTargetUsersJobStatus(rest, invite.code));
		expect([job.code, job.status, job.message]).toEqual([
			RESTJSONErrorCodes.UnknownInviteTargetUsersJob,
			404,
			'Unknown invite target users job',
		]);
		expect(discordError(RESTJSONErrorCodes.InviteCodeInvalidOrTaken)).toEqual({
			status: 400,
			body: { code: 50_020, message: 'Invite code is either invalid or taken.' },
		});
	});
});

describe.skipIf(!specAvailable)("against Discord's OpenAPI spec", () => {
	it('holds expires_at required on an invite, as the spec now does: one without it is refused', async () => {
		const invite = await create({ max_age: 0 });
		expect(validateCreateInviteResponse(200, invite).errors).toEqual([]);
		const { expires_at: _dropped, ...without } = invite;
		expect(validateCreateInviteResponse(200, without).errors).toContainEqual(
			expect.stringContaining("must have required property 'expires_at'"),
		);
	});

	it('answers Get Channel Invites and Get Guild Invites as the spec documents them', async () => {
		await create({ role_ids: [roles.member], max_age: 3600 });
		await create({ max_age: 0, unique: true });
		const channel = await rest.get(Routes.channelInvites(channels.general));
		expect(validateResponse('GET', '/channels/{channel_id}/invites', 200, channel).errors).toEqual([]);
		const all = await rest.get(Routes.guildInvites(guild));
		expect(validateResponse('GET', '/guilds/{guild_id}/invites', 200, all).errors).toEqual([]);
	});
});
