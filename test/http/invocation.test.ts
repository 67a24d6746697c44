import { ChannelType, ApplicationCommandOptionType as O, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { autocompleteFromPayload, invocationFromPayload } from '../../src/http/invocation.js';
import { autocompletePayload, commandPayload, ids } from './payloads.js';

describe('reading a raw /invite payload', () => {
	it('reads the place, the invoker, the permissions and the languages', () => {
		const invocation = invocationFromPayload(
			commandPayload({
				permissions: P.CreateInstantInvite,
				appPermissions: P.ViewChannel,
				locale: 'de',
				guildLocale: 'fr',
			}),
		);
		expect(invocation).toEqual({
			interactionId: ids.interaction,
			locale: 'de',
			guildLocale: 'fr',
			guildId: ids.guild,
			channel: { id: ids.general, type: ChannelType.GuildText, parentId: undefined },
			invoker: { id: ids.invoker, username: 'member', permissions: P.CreateInstantInvite },
			appPermissions: P.ViewChannel,
			options: {
				channel: undefined,
				expires: undefined,
				max_uses: undefined,
				temporary: undefined,
				unique: undefined,
				stream_user: undefined,
				activity: undefined,
				role: undefined,
				reason: undefined,
			},
		});
	});

	it('reads every option, with channel, user and role from `resolved`', () => {
		const invocation = invocationFromPayload(
			commandPayload({
				options: [
					{ name: 'channel', type: O.Channel, value: ids.voice },
					{ name: 'expires', type: O.String, value: '2h' },
					{ name: 'max_uses', type: O.Integer, value: 5 },
					{ name: 'temporary', type: O.Boolean, value: true },
					{ name: 'unique', type: O.Boolean, value: false },
					{ name: 'stream_user', type: O.User, value: ids.streamer },
					{ name: 'activity', type: O.String, value: '1100000000000000500' },
					{ name: 'role', type: O.Role, value: ids.role },
					{ name: 'reason', type: O.String, value: 'raid recovery' },
				],
				resolved: {
					channels: {
						[ids.voice]: {
							id: ids.voice,
							name: 'voice',
							type: ChannelType.GuildVoice,
							permissions: String(P.Connect),
							app_permissions: String(P.Speak),
						},
					},
					users: {
						[ids.streamer]: {
							id: ids.streamer,
							username: 'streamer',
							discriminator: '0',
							global_name: null,
							avatar: null,
						},
					},
					roles: {
						[ids.role]: {
							id: ids.role,
							name: 'member',
							position: 3,
							managed: false,
							permissions: '0',
							color: 0,
							colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
							hoist: false,
							icon: null,
							unicode_emoji: null,
							mentionable: false,
							flags: 0 as never,
						},
					},
				},
			}),
		);
		expect(invocation.options).toEqual({
			channel: {
				id: ids.voice,
				type: ChannelType.GuildVoice,
				parentId: undefined,
				permissions: P.Connect,
				appPermissions: P.Speak,
			},
			expires: '2h',
			max_uses: 5,
			temporary: true,
			unique: false,
			stream_user: { id: ids.streamer, username: 'streamer' },
			activity: '1100000000000000500',
			role: { id: ids.role, name: 'member', position: 3, managed: false },
			reason: 'raid recovery',
		});
	});

	it('leaves app_permissions of a picked channel unknown when the payload lacks it (before 2026-07)', () => {
		const invocation = invocationFromPayload(
			commandPayload({
				options: [{ name: 'channel', type: O.Channel, value: ids.voice }],
				resolved: {
					channels: {
						[ids.voice]: {
							id: ids.voice,
							name: 'voice',
							type: ChannelType.GuildVoice,
							permissions: String(P.Connect),
						},
					},
				},
			}),
		);
		expect(invocation.options.channel?.appPermissions).toBeUndefined();
		expect(invocation.options.channel?.permissions).toBe(P.Connect);
	});

	it("reads a thread's parent, from the picked channel and from the channel the command ran in", () => {
		const picked = invocationFromPayload(
			commandPayload({
				options: [{ name: 'channel', type: O.Channel, value: ids.thread }],
				resolved: {
					channels: {
						[ids.thread]: {
							id: ids.thread,
							name: 'thread',
							type: ChannelType.PublicThread,
							permissions: '0',
							parent_id: ids.general,
						} as never,
					},
				},
			}),
		);
		expect(picked.options.channel).toMatchObject({
			id: ids.thread,
			type: ChannelType.PublicThread,
			parentId: ids.general,
		});
		const here = invocationFromPayload(
			commandPayload({ channel: { id: ids.thread, type: ChannelType.PublicThread, parent_id: ids.general } }),
		);
		expect(here.channel).toEqual({ id: ids.thread, type: ChannelType.PublicThread, parentId: ids.general });
	});

	it('ignores a value whose type does not match the option', () => {
		const invocation = invocationFromPayload(
			commandPayload({ options: [{ name: 'max_uses', type: O.String, value: '5' }] }),
		);
		expect(invocation.options.max_uses).toBeUndefined();
	});
});

describe('reading a raw autocomplete payload', () => {
	it('finds the focused option and what is typed', () => {
		expect(autocompleteFromPayload(autocompletePayload('90m'))).toEqual({
			focused: { name: 'expires', value: '90m' },
			locale: 'en-US',
			guildLocale: 'en-US',
		});
	});
});
