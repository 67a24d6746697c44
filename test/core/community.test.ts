/**
 * Community invites in the core: several roles (`more_roles`), chosen users (`users`,
 * `users_file`), and how the reply shows them and Discord's processing of the list.
 */

import { DiscordAPIError } from '@discordjs/rest';
import {
	InviteTargetUsersJobStatus,
	PermissionFlagsBits,
	type RESTPostAPIChannelInviteResult,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	buildRequest,
	checkPermissions,
	MAX_INVITE_ROLES,
	type Refusal,
	readInviteOptions,
	refusalText,
	TARGET_USERS_FILE_MAX_BYTES,
} from '../../src/core/checks.js';
import { pollDelaysWithin } from '../../src/core/deadline.js';
import { classifyError, failureText } from '../../src/core/errors.js';
import { isSnowflake, parseIdList, parseUsersFile } from '../../src/core/ids.js';
import { renderInvite } from '../../src/core/render.js';
import type { InviteOptions, InvocationRole, RoleStanding } from '../../src/core/types.js';
import { en, MESSAGES } from '../../src/i18n/index.js';
import { GUILD_ID, makeInvocation } from './helpers.js';

const A = '1100000000000000310';
const B = '1100000000000000311';
const LOW: InvocationRole = { id: '1100000000000000101', name: 'low', position: 1, managed: false };
const MID: InvocationRole = { id: '1100000000000000102', name: 'mid', position: 2, managed: false };
const HIGH: InvocationRole = { id: '1100000000000000103', name: 'high', position: 5, managed: false };
const ROLES = new Map([LOW, MID, HIGH].map((role) => [role.id, role]));
const MANAGER: RoleStanding = {
	invokerIsOwner: false,
	invokerHighestPosition: 4,
	botHighestPosition: 4,
	invokerPermissions: PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageGuild,
	botPermissions: PermissionFlagsBits.ManageRoles | PermissionFlagsBits.ManageGuild,
};

const refusalOf = (result: { ok: boolean; refusal?: Refusal }): Refusal => {
	if (result.ok || !result.refusal) throw new Error('expected a refusal');
	return result.refusal;
};

describe('lists of ids', () => {
	it('reads role mentions and ids separated by spaces, commas or both, dropping duplicates', () => {
		expect(parseIdList(`<@&${LOW.id}>, ${MID.id}  <@&${LOW.id}>,`, 'role')).toEqual({
			ids: [LOW.id, MID.id],
			invalid: [],
		});
	});

	it('reads user mentions in both forms and ids, and names what is neither', () => {
		expect(parseIdList(`<@${A}> <@!${B}> @carol <@&${LOW.id}> 42`, 'user')).toEqual({
			ids: [A, B],
			invalid: ['@carol', `<@&${LOW.id}>`, '42'],
		});
	});

	it('takes only snowflakes: 17 to 20 digits below 2^64', () => {
		expect(isSnowflake('1100000000000000310')).toBe(true);
		expect(isSnowflake('18446744073709551615')).toBe(true);
		expect(isSnowflake('18446744073709551616')).toBe(false);
		expect(isSnowflake('1234')).toBe(false);
		expect(isSnowflake('01100000000000000310')).toBe(false);
	});

	it('reads a users file with or without the user_id header, one a line or comma-separated, quoted, CRLF, BOM', () => {
		expect(parseUsersFile(`\uFEFFuser_id\r\n"${A}"\r\n\r\n${B}, ${A}\n`)).toEqual({ ids: [A, B], invalid: [] });
		expect(parseUsersFile(`${A}\n${B}`).ids).toEqual([A, B]);
	});

	it('names each line of a users file that is not a user id', () => {
		expect(parseUsersFile(`user_id\n${A}\nbob\n\n12`).invalid).toEqual([
			{ line: 3, text: 'bob' },
			{ line: 5, text: '12' },
		]);
	});
});

describe('more_roles, users and users_file before any lookup', () => {
	const read = (options: InviteOptions) => readInviteOptions(makeInvocation({ options }));

	it('refuses parts that are no role, an empty list, @everyone and more than Discord allows', () => {
		expect(refusalOf(read({ more_roles: 'mods, <@&1>' }))).toEqual({
			id: 'rolesUnreadable',
			args: ['`mods`, `<@&1>`'],
		});
		expect(refusalOf(read({ more_roles: ' ,, ' })).id).toBe('rolesEmpty');
		expect(refusalOf(read({ more_roles: `<@&${GUILD_ID}>` })).id).toBe('roleIsEveryone');
		const many = Array.from({ length: MAX_INVITE_ROLES + 1 }, (_, i) => String(1100000000000001000n + BigInt(i)));
		expect(refusalOf(read({ more_roles: many.join(' ') }))).toEqual({
			id: 'tooManyRoles',
			args: [MAX_INVITE_ROLES],
		});
	});

	it('drops `role` from more_roles, since Discord refuses a role twice', () => {
		const result = read({ role: LOW, more_roles: `<@&${LOW.id}> <@&${MID.id}>` });
		expect(result.ok && result.value.moreRoleIds).toEqual([MID.id]);
	});

	it('refuses users that are no user and an empty list, naming at most ten parts', () => {
		const parts = Array.from({ length: 12 }, (_, i) => `x${i}`);
		const refusal = refusalOf(read({ users: parts.join(',') }));
		expect(refusal.id).toBe('usersUnreadable');
		expect(refusalText(refusal, en)).toContain('`x9`, … (+2)');
		expect(refusalOf(read({ users: ' ' })).id).toBe('usersEmpty');
	});

	it("refuses a file over Discord's 10 MiB upload limit from its reported size", () => {
		const file = { id: '1', filename: 'big.csv', size: TARGET_USERS_FILE_MAX_BYTES + 1, url: 'http://x/' };
		expect(refusalOf(read({ users_file: file }))).toEqual({ id: 'fileTooLarge', args: ['big.csv', 10] });
	});
});

describe('permissions for several roles and chosen users', () => {
	const check = (
		options: InviteOptions,
		looked: Parameters<typeof checkPermissions>[2],
	): ReturnType<typeof checkPermissions> => {
		const invocation = makeInvocation({ options });
		const read = readInviteOptions(invocation);
		if (!read.ok) throw new Error(read.refusal.id);
		return checkPermissions(invocation, read.value, looked, en);
	};

	it('checks every role of more_roles as `role` is checked, and names the one refused', () => {
		const options = { more_roles: `<@&${LOW.id}> <@&${HIGH.id}>` };
		expect(refusalOf(check(options, { standing: MANAGER, roles: ROLES }))).toEqual({
			id: 'roleNotBelowInvoker',
			args: [`<@&${HIGH.id}>`],
		});
		expect(
			refusalOf(
				check(options, { standing: { ...MANAGER, invokerIsOwner: true, botHighestPosition: 3 }, roles: ROLES }),
			),
		).toEqual({ id: 'roleNotBelowBot', args: [`<@&${HIGH.id}>`] });
		expect(check({ more_roles: `<@&${LOW.id}> <@&${MID.id}>` }, { standing: MANAGER, roles: ROLES }).ok).toBe(true);
	});

	it('refuses roles that are not in the server, managed roles, and fails closed without the lookups', () => {
		const options = { more_roles: `<@&${LOW.id}> 1100000000000000999` };
		expect(refusalOf(check(options, { standing: MANAGER, roles: ROLES }))).toEqual({
			id: 'rolesNotInServer',
			args: ['<@&1100000000000000999>'],
		});
		const managed = new Map([[LOW.id, { ...LOW, managed: true }]]);
		expect(refusalOf(check({ more_roles: LOW.id }, { standing: MANAGER, roles: managed })).id).toBe(
			'roleIsManaged',
		);
		expect(refusalOf(check({ more_roles: LOW.id }, { standing: MANAGER })).id).toBe('cannotVerify');
		expect(refusalOf(check({ more_roles: LOW.id }, { roles: ROLES })).id).toBe('cannotVerify');
	});

	it('needs Manage Server for the invoker (unless owner) and the bot when users are chosen, failing closed', () => {
		const users = { users: `<@${A}>` };
		const without = PermissionFlagsBits.ManageRoles;
		expect(refusalOf(check(users, { standing: { ...MANAGER, invokerPermissions: without } })).id).toBe(
			'usersNeedManageGuild',
		);
		expect(check(users, { standing: { ...MANAGER, invokerIsOwner: true, invokerPermissions: without } }).ok).toBe(
			true,
		);
		expect(refusalOf(check(users, { standing: { ...MANAGER, botPermissions: without } })).id).toBe(
			'botNeedsManageGuild',
		);
		expect(refusalOf(check(users, {})).id).toBe('cannotVerify');
		expect(check(users, { standing: MANAGER }).ok).toBe(true);
	});
});

describe('the request', () => {
	it('carries every role id and the union of users, once each', () => {
		const invocation = makeInvocation({ options: { role: LOW, more_roles: `${MID.id}`, users: `<@${A}>` } });
		const read = readInviteOptions(invocation);
		if (!read.ok) throw new Error(read.refusal.id);
		const request = buildRequest(invocation, read.value, [A, B, A]);
		expect(request.body.role_ids).toEqual([LOW.id, MID.id]);
		expect(request.targetUsers).toEqual([A, B]);
		expect(buildRequest(makeInvocation(), { ...read.value, limitsUsers: false, moreRoleIds: [] }).targetUsers).toBe(
			undefined,
		);
	});
});

describe('the reply', () => {
	const invite = {
		type: 0,
		code: 'abc',
		channel: { id: '1', type: 0, name: 'general' },
		max_age: 0,
		max_uses: 0,
		uses: 0,
		temporary: true,
		created_at: new Date().toISOString(),
		expires_at: null,
		roles: [{ id: LOW.id }, { id: MID.id }],
	} as unknown as RESTPostAPIChannelInviteResult;
	const context = { requestedAt: Date.now(), channelId: '1', targetUsers: 2 };
	const job = (status: InviteTargetUsersJobStatus, errorMessage: string | null = null) => ({
		status,
		totalUsers: 2,
		processedUsers: status === InviteTargetUsersJobStatus.Completed ? 2 : 0,
		errorMessage,
	});

	it('names every role granted, who alone can accept it, and that Discord is processing the list', () => {
		const { content } = renderInvite(invite, context, en);
		expect(content).toContain(`Roles on joining: <@&${LOW.id}> and <@&${MID.id}>`);
		expect(content).toContain('Only these 2 people can accept it');
		expect(content).toContain(en.reply.targetUsersProcessing);
	});

	it('says what Discord reported: completed with the count, failed with what to do', () => {
		expect(
			renderInvite(invite, { ...context, job: job(InviteTargetUsersJobStatus.Completed) }, en).content,
		).toContain('Discord has processed the list: 2 people can accept this invite.');
		const failed = renderInvite(invite, { ...context, job: job(InviteTargetUsersJobStatus.Failed, 'bad') }, en);
		expect(failed.content).toContain('could not process the list of people (bad)');
		expect(failed.content).not.toContain(en.reply.targetUsersProcessing);
	});

	it('warns that temporary membership may not be enforced when roles are given', () => {
		expect(renderInvite(invite, context, en).content).toContain(en.reply.temporaryWithRoles);
		expect(renderInvite({ ...invite, temporary: false }, context, en).content).not.toContain(
			en.reply.temporaryWithRoles,
		);
	});

	it('stays within a message when the invite gives 250 roles', () => {
		const roles = Array.from({ length: 250 }, (_, i) => ({ id: String(1100000000000001000n + BigInt(i)) }));
		for (const messages of Object.values(MESSAGES)) {
			const { content } = renderInvite({ ...invite, roles } as RESTPostAPIChannelInviteResult, context, messages);
			expect(content.length).toBeLessThanOrEqual(2000);
			expect(content).toMatch(/… \(\+\d+\)/);
		}
	});
});

describe('Discord refusing the list of users', () => {
	it("names the field of Discord's documented 400 for invalid user ids", () => {
		const error = new DiscordAPIError(
			{ target_users_file: ['Line 5: invalid user ID - must be a valid Discord snowflake'] } as never,
			undefined as never,
			400,
			'POST',
			'/channels/1/invites',
			{},
		);
		const failure = classifyError(error);
		expect(failure.id).toBe('invalidForm');
		expect(failureText(failure, en)).toContain('`target_users_file`');
	});
});

describe('polling within the token', () => {
	it('keeps only the polls that fall inside the answer window', () => {
		const now = 1_000_000;
		expect(pollDelaysWithin([1_000, 2_000], now, now)).toEqual([1_000, 2_000]);
		expect(pollDelaysWithin([60_000, 60_000], now - 13 * 60_000 - 30_000, now)).toEqual([]);
		expect(pollDelaysWithin([10_000, 60_000], now - 13 * 60_000, now)).toEqual([10_000]);
	});
});
