/**
 * `/invite` as registered with Discord (API JSON), built from the message tables so every
 * translated name and description lands in the `*_localizations` maps.
 */
import {
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	InteractionContextType,
	type LocalizationMap,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { en, type InviteOptionName, MESSAGES, type Messages } from '../i18n/index.js';
import { FREE_TEXT_MAX_LENGTH, INVITABLE_CHANNEL_TYPES, MAX_USES_LIMIT } from './checks.js';

export const COMMAND_NAME = 'invite';

/** Discord's pattern for command and option names (DISCORD_NOTES.md). */
export const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The translations of one text, by locale; only those that differ from English. */
export function localized(pick: (messages: Messages) => string | undefined): LocalizationMap | undefined {
	const map: Record<string, string> = {};
	for (const [locale, messages] of Object.entries(MESSAGES)) {
		const value = pick(messages);
		if (value !== undefined && value !== pick(en) && messages !== en) map[locale] = value;
	}
	return Object.keys(map).length > 0 ? (map as LocalizationMap) : undefined;
}

function option(
	name: InviteOptionName,
	rest: { type: ApplicationCommandOptionType } & Record<string, unknown>,
): APIApplicationCommandOption {
	const nameLocalizations = localized((m) => m.command.options[name].name);
	const descriptionLocalizations = localized((m) => m.command.options[name].description);
	return {
		name,
		...(nameLocalizations ? { name_localizations: nameLocalizations } : {}),
		description: en.command.options[name].description,
		...(descriptionLocalizations ? { description_localizations: descriptionLocalizations } : {}),
		...rest,
	} as APIApplicationCommandOption;
}

/** Builds the command JSON (a fresh object each call). */
export function buildInviteCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const nameLocalizations = localized((m) => m.command.name);
	const descriptionLocalizations = localized((m) => m.command.description);
	return {
		type: ApplicationCommandType.ChatInput,
		name: COMMAND_NAME,
		...(nameLocalizations ? { name_localizations: nameLocalizations } : {}),
		description: en.command.description,
		...(descriptionLocalizations ? { description_localizations: descriptionLocalizations } : {}),
		default_member_permissions: PermissionFlagsBits.CreateInstantInvite.toString(),
		contexts: [InteractionContextType.Guild],
		integration_types: [ApplicationIntegrationType.GuildInstall],
		options: [
			option('channel', {
				type: ApplicationCommandOptionType.Channel,
				channel_types: [...INVITABLE_CHANNEL_TYPES],
			}),
			option('expires', {
				type: ApplicationCommandOptionType.String,
				autocomplete: true,
				max_length: FREE_TEXT_MAX_LENGTH.expires,
			}),
			option('max_uses', { type: ApplicationCommandOptionType.Integer, min_value: 0, max_value: MAX_USES_LIMIT }),
			option('temporary', { type: ApplicationCommandOptionType.Boolean }),
			option('unique', { type: ApplicationCommandOptionType.Boolean }),
			option('stream_user', { type: ApplicationCommandOptionType.User }),
			// Autocomplete offers Discord's own Activities by name; any application id is accepted.
			option('activity', {
				type: ApplicationCommandOptionType.String,
				autocomplete: true,
				min_length: 17,
				max_length: FREE_TEXT_MAX_LENGTH.activity,
			}),
			option('role', { type: ApplicationCommandOptionType.Role }),
			// Text, not ROLE/USER options: one option takes many.
			option('more_roles', {
				type: ApplicationCommandOptionType.String,
				max_length: FREE_TEXT_MAX_LENGTH.more_roles,
			}),
			option('users', { type: ApplicationCommandOptionType.String, max_length: FREE_TEXT_MAX_LENGTH.users }),
			option('users_file', { type: ApplicationCommandOptionType.Attachment }),
			option('reason', { type: ApplicationCommandOptionType.String, max_length: FREE_TEXT_MAX_LENGTH.reason }),
		],
	};
}

/** The registered command. (Pure: a bundle that only answers interactions leaves it out.) */
export const inviteCommand: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> =
	/* @__PURE__ */ buildInviteCommand();
