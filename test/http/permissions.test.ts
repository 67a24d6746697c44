/**
 * Discord's permission computation in src/core/permissions.ts, which the HTTP endpoint uses
 * when a payload lacks `app_permissions` for a picked channel. (It lives here because the
 * HTTP path is its only user.)
 */
import { OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	ALL_PERMISSION_FLAGS,
	computeBasePermissions,
	computeChannelPermissions,
	type PermissionSources,
} from '../../src/core/permissions.js';
import { GuildModel, isThreadType } from '../../src/local-discord/model.js';
import { defaultSeed, seedIds } from '../../src/local-discord/seed.js';

const GUILD = '1';
const base = (overrides: Partial<PermissionSources> = {}): PermissionSources => ({
	guildOwnerId: '9',
	everyoneRoleId: GUILD,
	roles: [
		{ id: GUILD, permissions: String(P.ViewChannel | P.SendMessages) },
		{ id: '10', permissions: String(P.CreateInstantInvite) },
		{ id: '11', permissions: String(P.ManageRoles) },
		{ id: '12', permissions: String(P.Administrator) },
	],
	memberId: '5',
	memberRoleIds: ['10'],
	overwrites: [],
	...overrides,
});

describe("Discord's permission computation", () => {
	it('ORs @everyone with the member roles', () => {
		expect(computeBasePermissions(base())).toBe(P.ViewChannel | P.SendMessages | P.CreateInstantInvite);
		expect(computeChannelPermissions(base({ memberRoleIds: ['10', '11'] }))).toBe(
			P.ViewChannel | P.SendMessages | P.CreateInstantInvite | P.ManageRoles,
		);
	});

	it('gives the owner and Administrator everything, whatever the overwrites', () => {
		const denyAll = [{ id: GUILD, type: OverwriteType.Role, allow: '0', deny: String(ALL_PERMISSION_FLAGS) }];
		expect(computeChannelPermissions(base({ memberId: '9', memberRoleIds: [], overwrites: denyAll }))).toBe(
			ALL_PERMISSION_FLAGS,
		);
		expect(computeChannelPermissions(base({ memberRoleIds: ['12'], overwrites: denyAll }))).toBe(
			ALL_PERMISSION_FLAGS,
		);
	});

	it('applies @everyone, then the roles together (an allow beats a deny of another role), then the member', () => {
		const overwrites = [
			{ id: GUILD, type: OverwriteType.Role, allow: '0', deny: String(P.CreateInstantInvite) },
			{ id: '10', type: OverwriteType.Role, allow: '0', deny: String(P.CreateInstantInvite) },
			{ id: '11', type: OverwriteType.Role, allow: String(P.CreateInstantInvite), deny: '0' },
		];
		expect(computeChannelPermissions(base({ overwrites })) & P.CreateInstantInvite).toBe(0n);
		expect(
			computeChannelPermissions(base({ memberRoleIds: ['10', '11'], overwrites })) & P.CreateInstantInvite,
		).toBe(P.CreateInstantInvite);
		const own = { id: '5', type: OverwriteType.Member, allow: '0', deny: String(P.CreateInstantInvite) };
		expect(
			computeChannelPermissions(base({ memberRoleIds: ['10', '11'], overwrites: [...overwrites, own] })) &
				P.CreateInstantInvite,
		).toBe(0n);
	});

	it('takes nothing else from a channel the member cannot view', () => {
		const hidden = [{ id: GUILD, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) }];
		expect(computeChannelPermissions(base({ overwrites: hidden }))).toBe(0n);
	});

	it('agrees with the local Discord for every member in every channel of the default seed', () => {
		const guild = new GuildModel(defaultSeed());
		for (const member of guild.members) {
			for (const channel of guild.channels) {
				const source =
					isThreadType(channel.type) && channel.parent_id ? guild.channel(channel.parent_id) : channel;
				const computed = computeChannelPermissions({
					guildOwnerId: guild.info.owner_id,
					everyoneRoleId: guild.id,
					roles: guild.roles,
					memberId: member.user.id,
					memberRoleIds: member.roles,
					overwrites: source.permission_overwrites,
				});
				expect(computed, `${member.user.username} in #${channel.name}`).toBe(
					guild.permissionsIn(member.user.id, channel.id),
				);
			}
		}
		expect(seedIds.guild).toBe(guild.id);
	});
});
