import {
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	InteractionContextType,
	type LocalizationMap,
	PermissionFlagsBits,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { REASON_OPTION_MAX_LENGTH } from '../../src/core/checks.js';
import { buildInviteCommand, inviteCommand } from '../../src/core/command.js';

/** Discord's pattern for command and option names (DISCORD_NOTES.md). */
const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const options = inviteCommand.options ?? [];
const optionNamed = (name: string): APIApplicationCommandOption & Record<string, unknown> => {
	const found = options.find((option) => option.name === name);
	if (!found) throw new Error(`no option ${name}`);
	return found as APIApplicationCommandOption & Record<string, unknown>;
};

function expectValidName(name: string): void {
	expect(name).toMatch(DISCORD_NAME);
	expect(name).toBe(name.toLowerCase());
}

function expectValidDescription(description: string): void {
	expect(description.length).toBeGreaterThanOrEqual(1);
	expect(description.length).toBeLessThanOrEqual(100);
}

const localizations = (
	map: { [K in keyof LocalizationMap]?: LocalizationMap[K] | undefined } | null | undefined,
): string[] => Object.values(map ?? {}).filter((value): value is string => typeof value === 'string');

describe('the registered /invite command', () => {
	it('is a guild-only chat-input command named invite', () => {
		expect(inviteCommand.name).toBe('invite');
		expect(inviteCommand.type).toBe(ApplicationCommandType.ChatInput);
		expect(inviteCommand.contexts).toEqual([InteractionContextType.Guild]);
		expect(inviteCommand.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
		expect(inviteCommand.contexts).toEqual([0]);
		expect(inviteCommand.integration_types).toEqual([0]);
	});

	it('is shown by default only to members with Create Invite, sent as the string "1"', () => {
		expect(inviteCommand.default_member_permissions).toBe(PermissionFlagsBits.CreateInstantInvite.toString());
		expect(inviteCommand.default_member_permissions).toBe('1');
	});

	it('does not use the deprecated dm_permission', () => {
		expect(inviteCommand).not.toHaveProperty('dm_permission');
	});

	it('has exactly the options channel, expires, max_uses, temporary, unique, stream_user, activity, role, more_roles, users, users_file, reason', () => {
		expect(options.map((option) => option.name)).toEqual([
			'channel',
			'expires',
			'max_uses',
			'temporary',
			'unique',
			'stream_user',
			'activity',
			'role',
			'more_roles',
			'users',
			'users_file',
			'reason',
		]);
	});

	it('gives each option its type', () => {
		expect(Object.fromEntries(options.map((option) => [option.name, option.type]))).toEqual({
			channel: ApplicationCommandOptionType.Channel,
			expires: ApplicationCommandOptionType.String,
			max_uses: ApplicationCommandOptionType.Integer,
			temporary: ApplicationCommandOptionType.Boolean,
			unique: ApplicationCommandOptionType.Boolean,
			stream_user: ApplicationCommandOptionType.User,
			activity: ApplicationCommandOptionType.String,
			role: ApplicationCommandOptionType.Role,
			more_roles: ApplicationCommandOptionType.String,
			users: ApplicationCommandOptionType.String,
			users_file: ApplicationCommandOptionType.Attachment,
			reason: ApplicationCommandOptionType.String,
		});
	});

	it('offers only the channel types Discord can make invites for', () => {
		const types = [
			ChannelType.GuildText,
			ChannelType.GuildVoice,
			ChannelType.GuildAnnouncement,
			ChannelType.GuildStageVoice,
			ChannelType.GuildForum,
			ChannelType.GuildMedia,
		];
		expect(optionNamed('channel').channel_types).toEqual(types);
		expect(optionNamed('channel').channel_types).toEqual([0, 2, 5, 13, 15, 16]);
	});

	it('autocompletes expires and gives it no fixed choices', () => {
		expect(optionNamed('expires').autocomplete).toBe(true);
		expect(optionNamed('expires')).not.toHaveProperty('choices');
	});

	it('bounds max_uses to 0..100', () => {
		expect(optionNamed('max_uses')).toMatchObject({ min_value: 0, max_value: 100 });
	});

	it('bounds reason so the audit-log reason fits in 512 characters', () => {
		expect(optionNamed('reason').max_length).toBe(REASON_OPTION_MAX_LENGTH);
	});

	it('requires no option, so every one may be left out', () => {
		for (const option of options) expect(option.required ?? false).toBe(false);
	});

	it("keeps to Discord's limits: names, lowercase, descriptions of 1 to 100 characters, at most 25 options", () => {
		expect(options.length).toBeLessThanOrEqual(25);
		expectValidName(inviteCommand.name);
		expectValidDescription(inviteCommand.description);
		for (const option of options) {
			expectValidName(option.name);
			expectValidDescription(option.description);
		}
		expect(new Set(options.map((option) => option.name)).size).toBe(options.length);
	});

	it('keeps every localized name and description to the same limits', () => {
		for (const name of localizations(inviteCommand.name_localizations)) expectValidName(name);
		for (const description of localizations(inviteCommand.description_localizations))
			expectValidDescription(description);
		for (const option of options) {
			for (const name of localizations(option.name_localizations)) expectValidName(name);
			for (const description of localizations(option.description_localizations))
				expectValidDescription(description);
		}
		// Within one language, no two options share a name.
		const locales = new Set(options.flatMap((option) => Object.keys(option.name_localizations ?? {})));
		for (const locale of locales) {
			const names = options.map(
				(option) =>
					(option.name_localizations as Record<string, string> | null | undefined)?.[locale] ?? option.name,
			);
			expect(new Set(names).size, locale).toBe(names.length);
		}
	});

	it('does not give an option both choices and autocomplete', () => {
		for (const option of options) {
			const record = option as unknown as Record<string, unknown>;
			expect(record.autocomplete === true && Array.isArray(record.choices)).toBe(false);
		}
	});

	it('builds a fresh object each time, so callers cannot change the registered one', () => {
		const first = buildInviteCommand();
		first.options?.pop();
		expect(buildInviteCommand()).toEqual(inviteCommand);
		expect(inviteCommand.options).toHaveLength(12);
	});
});
