/**
 * Hand-made interaction payloads for the unit-level tests (the end-to-end tests build theirs
 * with the local Discord's `interaction()`).
 */
import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIApplicationCommandInteractionDataOption,
	type APIChatInputApplicationCommandInteraction,
	type APIInteractionDataResolved,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ChannelType,
	InteractionType,
	type InteractionType as InteractionTypeOf,
	PermissionFlagsBits,
} from 'discord-api-types/v10';

export const ids = {
	application: '1200000000000000001',
	guild: '1200000000000000002',
	general: '1200000000000000003',
	voice: '1200000000000000004',
	thread: '1200000000000000005',
	invoker: '1200000000000000006',
	streamer: '1200000000000000007',
	role: '1200000000000000008',
	command: '1200000000000000009',
	interaction: '1200000000000000010',
} as const;

const everyday =
	PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreateInstantInvite;

export interface PayloadInit {
	options?: APIApplicationCommandInteractionDataOption<InteractionTypeOf.ApplicationCommand>[];
	resolved?: APIInteractionDataResolved;
	name?: string;
	/** The invoker's permissions in the channel (`member.permissions`). */
	permissions?: bigint;
	appPermissions?: bigint;
	channel?: { id: string; type: ChannelType; parent_id?: string };
	locale?: string;
	guildLocale?: string;
}

/** A `/invite` by a member in #general, as Discord posts it. */
export function commandPayload(init: PayloadInit = {}): APIChatInputApplicationCommandInteraction {
	return {
		id: ids.interaction,
		application_id: ids.application,
		type: InteractionType.ApplicationCommand,
		token: 'aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAxMDp0ZXN0',
		version: 1,
		guild_id: ids.guild,
		guild: { id: ids.guild, features: [], locale: 'en-US' },
		channel_id: init.channel?.id ?? ids.general,
		channel: { id: ids.general, type: ChannelType.GuildText, name: 'general', ...init.channel },
		member: {
			user: { id: ids.invoker, username: 'member', discriminator: '0', global_name: 'Member', avatar: null },
			roles: [ids.role],
			permissions: String(init.permissions ?? everyday),
			joined_at: '2024-01-01T12:00:00.000Z',
			deaf: false,
			mute: false,
			flags: 0,
		},
		app_permissions: String(init.appPermissions ?? everyday),
		locale: (init.locale ?? 'en-US') as APIChatInputApplicationCommandInteraction['locale'],
		guild_locale: (init.guildLocale ?? 'en-US') as APIChatInputApplicationCommandInteraction['locale'],
		entitlements: [],
		authorizing_integration_owners: {},
		attachment_size_limit: 8_388_608,
		data: {
			id: ids.command,
			name: init.name ?? 'invite',
			type: ApplicationCommandType.ChatInput,
			...(init.options ? { options: init.options } : {}),
			...(init.resolved ? { resolved: init.resolved } : {}),
		},
	} as unknown as APIChatInputApplicationCommandInteraction;
}

/** An autocomplete for `/invite` with `expires` focused. */
export function autocompletePayload(typed: string, focused = 'expires'): APIApplicationCommandAutocompleteInteraction {
	const command = commandPayload();
	return {
		...command,
		type: InteractionType.ApplicationCommandAutocomplete,
		data: {
			id: ids.command,
			name: 'invite',
			type: ApplicationCommandType.ChatInput,
			options: [{ name: focused, type: ApplicationCommandOptionType.String, value: typed, focused: true }],
		},
	} as unknown as APIApplicationCommandAutocompleteInteraction;
}
