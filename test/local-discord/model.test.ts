import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, GuildModel } from '../../src/local-discord/model.js';
import { DEFAULT_APPLICATION_ID, defaultSeed, seedIds } from '../../src/local-discord/seed.js';

const bot = DEFAULT_APPLICATION_ID;
const has = (permissions: bigint, flag: bigint): boolean => (permissions & flag) === flag;

describe('the guild model', () => {
	it('finds channels, roles, members and users by name or id', () => {
		const guild = new GuildModel(defaultSeed());
		expect(guild.channel('general').id).toBe(seedIds.channels.general);
		expect(guild.channel(seedIds.channels.voice).name).toBe('voice');
		expect(guild.role('invite bot').managed).toBe(true);
		expect(guild.member('guest').user.id).toBe(seedIds.users.guest);
		expect(guild.user('outsider').id).toBe(seedIds.users.outsider);
		expect(guild.findMember('outsider')).toBeUndefined();
		expect(() => guild.channel('nope')).toThrow(/No channel "nope"/);
	});

	it('gives the owner and administrators every permission, even where overwrites deny', () => {
		const guild = new GuildModel(defaultSeed());
		expect(guild.permissionsIn(seedIds.users.owner, seedIds.channels.staff)).toBe(ALL_PERMISSIONS);
		expect(guild.permissionsIn(seedIds.users.admin, seedIds.channels.noInvites)).toBe(ALL_PERMISSIONS);
	});

	it('lets members create invites through their role but not guests', () => {
		const guild = new GuildModel(defaultSeed());
		expect(has(guild.permissionsIn(seedIds.users.member, seedIds.channels.general), P.CreateInstantInvite)).toBe(
			true,
		);
		expect(has(guild.permissionsIn(seedIds.users.guest, seedIds.channels.general), P.CreateInstantInvite)).toBe(
			false,
		);
		expect(has(guild.permissionsIn(seedIds.users.guest, seedIds.channels.general), P.SendMessages)).toBe(true);
	});

	it('applies role overwrites: no-invites denies the member and bot roles but not helpers', () => {
		const guild = new GuildModel(defaultSeed());
		expect(has(guild.permissionsIn(seedIds.users.member, seedIds.channels.noInvites), P.CreateInstantInvite)).toBe(
			false,
		);
		expect(has(guild.permissionsIn(bot, seedIds.channels.noInvites), P.CreateInstantInvite)).toBe(false);
		expect(has(guild.permissionsIn(seedIds.users.helper, seedIds.channels.noInvites), P.CreateInstantInvite)).toBe(
			true,
		);
	});

	it('lets a role overwrite allow win over the @everyone deny, and hides staff from the bot entirely', () => {
		const guild = new GuildModel(defaultSeed());
		expect(has(guild.permissionsIn(seedIds.users.moderator, seedIds.channels.staff), P.ViewChannel)).toBe(true);
		expect(guild.permissionsIn(seedIds.users.member, seedIds.channels.staff)).toBe(0n);
		expect(guild.permissionsIn(bot, seedIds.channels.staff)).toBe(0n);
	});

	it('applies a member overwrite after the role overwrites', () => {
		const guild = new GuildModel(defaultSeed());
		guild.setOverwrite('no-invites', 'member', { allow: P.CreateInstantInvite });
		expect(has(guild.permissionsIn(seedIds.users.member, seedIds.channels.noInvites), P.CreateInstantInvite)).toBe(
			true,
		);
		guild.setOverwrite('general', 'helper', { deny: P.CreateInstantInvite });
		// 'helper' is a role name first: the role overwrite applies to the helper member too.
		expect(has(guild.permissionsIn(seedIds.users.helper, seedIds.channels.general), P.CreateInstantInvite)).toBe(
			false,
		);
	});

	it("uses the parent channel's overwrites for threads", () => {
		const guild = new GuildModel(defaultSeed());
		guild.setOverwrite('general', 'member', { deny: P.CreateInstantInvite });
		expect(has(guild.permissionsIn(seedIds.users.member, seedIds.channels.thread), P.CreateInstantInvite)).toBe(
			false,
		);
	});

	it('leaves a timed-out member only View Channel and Read Message History', () => {
		const guild = new GuildModel(defaultSeed());
		guild.updateMember('member', { communication_disabled_until: new Date(Date.now() + 60_000).toISOString() });
		expect(guild.permissionsIn(seedIds.users.member, seedIds.channels.general)).toBe(
			P.ViewChannel | P.ReadMessageHistory,
		);
	});

	it('knows role positions: the bot sits above moderators and below admins', () => {
		const guild = new GuildModel(defaultSeed());
		expect(guild.highestRolePosition(bot)).toBe(guild.role('invite bot').position);
		expect(guild.highestRolePosition(seedIds.users.guest)).toBe(0);
		expect(guild.role('admin').position).toBeGreaterThan(guild.highestRolePosition(bot));
	});

	it('knows who is streaming in voice', () => {
		const guild = new GuildModel(defaultSeed());
		expect(guild.voiceState(seedIds.users.streamer)).toMatchObject({
			channel_id: seedIds.channels.voice,
			self_stream: true,
		});
		expect(guild.voiceState(seedIds.users.listener)?.self_stream).toBe(false);
		guild.setVoiceState('listener', null);
		expect(guild.voiceState(seedIds.users.listener)).toBeUndefined();
	});

	it('can be filled up to any invite count', () => {
		const guild = new GuildModel(defaultSeed());
		guild.setInviteCount(1000);
		expect(guild.liveInvites()).toHaveLength(1000);
		guild.setInviteCount(3);
		expect(guild.liveInvites()).toHaveLength(3);
	});

	it('tells listeners what changed', () => {
		const guild = new GuildModel(defaultSeed());
		const changes: string[] = [];
		guild.onChange((change) => changes.push(change.kind));
		guild.setRolePermissions('member', 0n);
		guild.setOverwrite('general', 'guest', { allow: P.CreateInstantInvite });
		expect(changes).toEqual(['roleUpdate', 'channelUpdate']);
	});
});
