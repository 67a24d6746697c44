/**
 * Where the payload and a lookup (REST or discord.js's cache) disagree about permission data,
 * the stricter reading wins: one test per pair the checks read, as a pure merge and as the
 * check's verdict.
 */
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { checkPermissions, lookupsNeeded, readInviteOptions } from '../../src/core/checks.js';
import { stricterPermissions, stricterRole } from '../../src/core/permission-sources.js';
import type { ChannelPermissions, InvocationRole, RoleStanding } from '../../src/core/types.js';
import { en } from '../../src/i18n/index.js';
import {
	BOT_PERMISSIONS,
	INVITER_PERMISSIONS,
	type InvocationOverrides,
	makeInvocation,
	voiceChannel,
} from './helpers.js';

const ROLE_ID = '1100000000000000300';
const role = (overrides: Partial<InvocationRole> = {}): InvocationRole => ({
	id: ROLE_ID,
	name: 'vip',
	position: 1,
	managed: false,
	...overrides,
});

/** A moderator whose highest role is at position 3, with a bot above at 5. */
const STANDING: RoleStanding = {
	invokerIsOwner: false,
	invokerHighestPosition: 3,
	botHighestPosition: 5,
	invokerPermissions: INVITER_PERMISSIONS | P.ManageRoles,
	botPermissions: BOT_PERMISSIONS | P.ManageRoles,
};

function check(overrides: InvocationOverrides, looked: Parameters<typeof checkPermissions>[2]) {
	const invocation = makeInvocation(overrides);
	const read = readInviteOptions(invocation);
	if (!read.ok) throw new Error(read.refusal.id);
	return checkPermissions(invocation, read.value, looked, en);
}
const refusalId = (result: ReturnType<typeof check>) => (result.ok ? 'allowed' : result.refusal.id);

describe('stricterRole: the payload’s resolved role vs the server’s role list', () => {
	it('takes the higher position and managed when either says so', () => {
		expect(stricterRole(role({ position: 1 }), role({ position: 4 }))?.position).toBe(4);
		expect(stricterRole(role({ position: 6 }), role({ position: 4 }))?.position).toBe(6);
		expect(stricterRole(role({ managed: false }), role({ managed: true }))?.managed).toBe(true);
		expect(stricterRole(role({ managed: true }), role({ managed: false }))?.managed).toBe(true);
	});

	it('fills what one lacks from the other, and leaves unknown only what both lack', () => {
		expect(stricterRole(role({ position: undefined }), role({ position: 2 }))?.position).toBe(2);
		expect(stricterRole(role({ position: undefined }), role({ position: undefined }))?.position).toBeUndefined();
		expect(stricterRole(role(), undefined)).toEqual(role());
		expect(stricterRole(undefined, role())).toEqual(role());
	});
});

describe('stricterPermissions: payload permissions vs computed ones', () => {
	it('keeps only what both grant', () => {
		expect(stricterPermissions(P.ViewChannel | P.CreateInstantInvite, P.ViewChannel)).toBe(P.ViewChannel);
		expect(stricterPermissions(P.Administrator, P.ViewChannel)).toBe(0n);
	});

	it('takes the one reading there is', () => {
		expect(stricterPermissions(undefined, P.ViewChannel)).toBe(P.ViewChannel);
		expect(stricterPermissions(null, P.ViewChannel)).toBe(P.ViewChannel);
		expect(stricterPermissions(P.ViewChannel, undefined)).toBe(P.ViewChannel);
		expect(stricterPermissions(undefined, undefined)).toBeUndefined();
	});
});

describe('checkPermissions: the stricter reading decides', () => {
	it('looks up the picked role even when the payload carries all of it', () => {
		expect(lookupsNeeded(makeInvocation({ options: { role: role() } })).roles).toEqual([ROLE_ID]);
	});

	it('role position: refuses a role the payload puts at 1 when Get Guild says 4, above the member', () => {
		const overrides = { options: { role: role({ position: 1 }) } };
		expect(refusalId(check(overrides, { standing: STANDING }))).toBe('allowed');
		const looked = { standing: STANDING, roles: new Map([[ROLE_ID, role({ position: 4 })]]) };
		expect(refusalId(check(overrides, looked))).toBe('roleNotBelowInvoker');
		// And the other way round: the payload's higher position wins over the list's.
		const reversed = { options: { role: role({ position: 4 }) } };
		expect(refusalId(check(reversed, { standing: STANDING, roles: new Map([[ROLE_ID, role()]]) }))).toBe(
			'roleNotBelowInvoker',
		);
	});

	it('role: refuses a role managed by an integration per the list, or absent from it', () => {
		const overrides = { options: { role: role() } };
		const managed = { standing: STANDING, roles: new Map([[ROLE_ID, role({ managed: true })]]) };
		expect(refusalId(check(overrides, managed))).toBe('roleIsManaged');
		expect(refusalId(check(overrides, { standing: STANDING, roles: new Map() }))).toBe('rolesNotInServer');
	});

	it("member permissions: refuses when the payload grants Create Invite and Get Guild Member's roles do not", () => {
		const looked: ChannelPermissions = { invoker: P.ViewChannel | P.SendMessages, bot: BOT_PERMISSIONS };
		expect(refusalId(check({ appPermissions: null }, {}))).toBe('allowed');
		expect(refusalId(check({ appPermissions: null }, { channel: looked }))).toBe('invokerMissing');
		// The other way round: the lookup grants it, the payload does not.
		expect(
			refusalId(
				check(
					{ appPermissions: null, invoker: { permissions: P.ViewChannel } },
					{ channel: { invoker: INVITER_PERMISSIONS, bot: BOT_PERMISSIONS } },
				),
			),
		).toBe('invokerMissing');
	});

	it("channel overwrites: refuses when the resolved channel allows what Get Channel's overwrites deny", () => {
		const channel = voiceChannel();
		// The bot: the payload's app_permissions say yes, the overwrites say no.
		const denied: ChannelPermissions = { invoker: INVITER_PERMISSIONS, bot: P.ViewChannel };
		expect(refusalId(check({ options: { channel } }, { channel: { ...denied, bot: BOT_PERMISSIONS } }))).toBe(
			'allowed',
		);
		expect(refusalId(check({ options: { channel } }, { channel: denied }))).toBe('botMissing');
		// The member: the resolved channel's permissions say yes, the overwrites say no.
		const hidden: ChannelPermissions = { invoker: P.SendMessages, bot: BOT_PERMISSIONS };
		expect(refusalId(check({ options: { channel } }, { channel: hidden }))).toBe('invokerMissing');
	});
});
