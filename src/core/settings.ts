/**
 * `/invite-settings` as the core sees it: its registration, the validating reader of its
 * payload, what its options ask to change, the bot's standing in a log channel, and the
 * rendering of the settings. Pure: values in, values out; the store and Discord are the
 * command's (src/commands/invite-settings.ts).
 */
import { channelMention } from '@discordjs/formatters';
import {
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	InteractionContextType,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type Snowflake,
} from 'discord-api-types/v10';
import { en, formatList, type Messages, type SettingsOptionName } from '../i18n/index.js';
import { describeDuration } from './autocomplete.js';
import { FREE_TEXT_MAX_LENGTH, MAX_USES_LIMIT } from './checks.js';
import { localized } from './command.js';
import { type DurationVocabulary, parseDuration } from './duration.js';
import type { InviteLimits } from './invite-limits.js';
import type { Parsed } from './payload.js';
import type { InvocationChannel } from './types.js';

export const SETTINGS_COMMAND_NAME = 'invite-settings';

/** The channel types a log channel may be: text and announcement (they have a message box). */
export const LOG_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** What the bot needs in the log channel to post an embed there. */
export const LOG_CHANNEL_PERMISSIONS = ['ViewChannel', 'SendMessages', 'EmbedLinks'] as const;

/** A server's settings as `/invite-settings` shows them (the store's `GuildSettings` shape). */
export interface ServerSettings extends InviteLimits {
	logChannelId: Snowflake | null;
}

function option(
	name: SettingsOptionName,
	rest: { type: ApplicationCommandOptionType } & Record<string, unknown>,
): APIApplicationCommandOption {
	const names = localized((m) => m.settings.command.options[name].name);
	const descriptions = localized((m) => m.settings.command.options[name].description);
	return {
		name,
		...(names ? { name_localizations: names } : {}),
		description: en.settings.command.options[name].description,
		...(descriptions ? { description_localizations: descriptions } : {}),
		...rest,
	} as APIApplicationCommandOption;
}

/** Builds the command JSON (a fresh object each call). */
export function buildInviteSettingsCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const names = localized((m) => m.settings.command.name);
	const descriptions = localized((m) => m.settings.command.description);
	return {
		type: ApplicationCommandType.ChatInput,
		name: SETTINGS_COMMAND_NAME,
		...(names ? { name_localizations: names } : {}),
		description: en.settings.command.description,
		...(descriptions ? { description_localizations: descriptions } : {}),
		// Hidden from members without Manage Server; checked again at run time (a server can
		// change who sees a command in its Integrations settings).
		default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
		contexts: [InteractionContextType.Guild],
		integration_types: [ApplicationIntegrationType.GuildInstall],
		options: [
			option('log_channel', {
				type: ApplicationCommandOptionType.Channel,
				channel_types: [...LOG_CHANNEL_TYPES],
			}),
			option('max_expires', {
				type: ApplicationCommandOptionType.String,
				autocomplete: true,
				max_length: FREE_TEXT_MAX_LENGTH.expires,
			}),
			option('allow_permanent', { type: ApplicationCommandOptionType.Boolean }),
			option('max_uses_limit', {
				type: ApplicationCommandOptionType.Integer,
				min_value: 1,
				max_value: MAX_USES_LIMIT,
			}),
			option('allow_roles', { type: ApplicationCommandOptionType.Boolean }),
			option('require_reason', { type: ApplicationCommandOptionType.Boolean }),
			option('reset', { type: ApplicationCommandOptionType.Boolean }),
		],
	};
}

/** The registered command. */
export const inviteSettingsCommand: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> =
	/* @__PURE__ */ buildInviteSettingsCommand();

/** One `/invite-settings`, read from its payload. */
export interface SettingsInvocation {
	interactionId: Snowflake;
	locale?: string | undefined;
	guildLocale?: string | undefined;
	guildId: Snowflake | null;
	invoker: {
		id: Snowflake;
		username: string;
		/** `member.permissions`: null when Discord did not send them (then: refused). */
		permissions: bigint | null;
	};
	options: {
		log_channel?: InvocationChannel | undefined;
		max_expires?: string | undefined;
		allow_permanent?: boolean | undefined;
		max_uses_limit?: number | undefined;
		allow_roles?: boolean | undefined;
		require_reason?: boolean | undefined;
		reset?: boolean | undefined;
	};
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const SNOWFLAKE = /^\d{1,20}$/;
const BITS = /^\d{1,40}$/;

class Malformed extends Error {}
const fail = (problem: string): never => {
	throw new Malformed(problem);
};
const snowflake = (value: unknown, field: string): string =>
	typeof value === 'string' && SNOWFLAKE.test(value) ? value : fail(`${field} is not a snowflake`);
const bits = (value: unknown, field: string): bigint | undefined => {
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' && BITS.test(value) ? BigInt(value) : fail(`${field} is not a permission bit set`);
};
const optionalString = (value: unknown, field: string): string | undefined =>
	value === undefined || value === null
		? undefined
		: typeof value === 'string'
			? value
			: fail(`${field} is not a string`);

/** The value each option takes, by its declared type; another type counts as absent (an old registration). */
const OPTION_TYPES: Record<SettingsOptionName, ApplicationCommandOptionType> = {
	log_channel: ApplicationCommandOptionType.Channel,
	max_expires: ApplicationCommandOptionType.String,
	allow_permanent: ApplicationCommandOptionType.Boolean,
	max_uses_limit: ApplicationCommandOptionType.Integer,
	allow_roles: ApplicationCommandOptionType.Boolean,
	require_reason: ApplicationCommandOptionType.Boolean,
	reset: ApplicationCommandOptionType.Boolean,
};
const VALUE_CHECKS: Partial<Record<ApplicationCommandOptionType, (value: unknown) => boolean>> = {
	[ApplicationCommandOptionType.Channel]: (value) => typeof value === 'string' && SNOWFLAKE.test(value),
	[ApplicationCommandOptionType.String]: (value) => typeof value === 'string',
	[ApplicationCommandOptionType.Boolean]: (value) => typeof value === 'boolean',
	[ApplicationCommandOptionType.Integer]: (value) => typeof value === 'number' && Number.isInteger(value),
};

function read(payload: Json): SettingsInvocation {
	const id = snowflake(payload.id, 'id');
	if (typeof payload.token !== 'string') fail('token is not a string');
	const data = isObject(payload.data) ? payload.data : fail('data is not an object');
	const guildId =
		payload.guild_id === undefined || payload.guild_id === null ? null : snowflake(payload.guild_id, 'guild_id');
	const member = payload.member === undefined || payload.member === null ? undefined : payload.member;
	if (member !== undefined && !isObject(member)) fail('member is not an object');
	if (guildId !== null && !member) fail('member is missing in a server');
	const user = isObject(member) ? member.user : payload.user;
	if (!isObject(user)) fail('the user is missing');
	const options: SettingsInvocation['options'] = {};
	const raw = data.options ?? [];
	if (!Array.isArray(raw) || raw.length > 25) fail('data.options is not a list of options');
	const resolved = isObject(data.resolved) ? data.resolved : undefined;
	for (const [index, entry] of (raw as unknown[]).entries()) {
		if (!isObject(entry) || typeof entry.name !== 'string') fail(`data.options[${index}] is not an option`);
		const { name, type, value } = entry as { name: string; type: unknown; value: unknown };
		const expected = OPTION_TYPES[name as SettingsOptionName];
		if (expected === undefined || type !== expected) continue;
		if (!VALUE_CHECKS[expected]?.(value)) fail(`data.options[${index}].value is not what ${name} takes`);
		if (name === 'log_channel') {
			const channelId = value as string;
			const channels = isObject(resolved?.channels) ? resolved.channels : undefined;
			const channel = channels?.[channelId];
			const at = `data.resolved.channels.${channelId}`;
			options.log_channel = isObject(channel)
				? {
						id: channelId,
						type: typeof channel.type === 'number' ? (channel.type as ChannelType) : undefined,
						permissions: bits(channel.permissions, `${at}.permissions`),
						appPermissions: bits(channel.app_permissions, `${at}.app_permissions`),
					}
				: { id: channelId };
		} else (options as Record<string, unknown>)[name] = value;
	}
	const userRecord = user as Json;
	return {
		interactionId: id,
		locale: optionalString(payload.locale, 'locale'),
		guildLocale: optionalString(payload.guild_locale, 'guild_locale'),
		guildId,
		invoker: {
			id: snowflake(userRecord.id, 'user.id'),
			username: optionalString(userRecord.username, 'user.username') ?? '',
			permissions: bits(isObject(member) ? member.permissions : undefined, 'member.permissions') ?? null,
		},
		options,
	};
}

/** Reads an APPLICATION_COMMAND payload of `/invite-settings`. Never throws. */
export function readSettingsPayload(raw: unknown): Parsed<SettingsInvocation> {
	try {
		if (!isObject(raw)) return { ok: false, problem: 'the payload is not an object' };
		return { ok: true, value: read(raw) };
	} catch (error) {
		if (error instanceof Malformed) return { ok: false, problem: error.message };
		return { ok: false, problem: `unreadable payload (${(error as Error).name})` };
	}
}

/** What the options ask for: to see the settings, to reset them, or a change. */
export type SettingsRequest =
	| { kind: 'show' }
	| { kind: 'reset' }
	| { kind: 'update'; patch: Partial<ServerSettings>; logChannel?: InvocationChannel | undefined };

/** Why the options cannot be applied, as a text in the reader's language. */
export type SettingsRead = { ok: true; value: SettingsRequest } | { ok: false; text: string };

/**
 * What the options ask to change. `max_expires` is read like `/invite`'s `expires`; `never`
 * (or 0) lifts the limit. `reset` goes alone.
 */
export function readSettingsRequest(
	invocation: SettingsInvocation,
	messages: Messages,
	vocabulary: readonly DurationVocabulary[] = [],
): SettingsRead {
	const { reset, ...others } = invocation.options;
	const changes = Object.values(others).filter((value) => value !== undefined).length;
	if (reset === true)
		return changes > 0 ? { ok: false, text: messages.settings.resetAlone } : { ok: true, value: { kind: 'reset' } };
	if (changes === 0) return { ok: true, value: { kind: 'show' } };
	const patch: Partial<ServerSettings> = {};
	const { options } = invocation;
	if (options.max_expires !== undefined) {
		const text = options.max_expires;
		if (text.length > FREE_TEXT_MAX_LENGTH.expires)
			return { ok: false, text: messages.check.optionTooLong('max_expires', FREE_TEXT_MAX_LENGTH.expires) };
		const parsed = parseDuration(text, vocabulary);
		if (!parsed.ok)
			return {
				ok: false,
				text:
					parsed.error === 'too-long'
						? messages.check.expiresTooLong(text)
						: messages.check.expiresUnreadable(text),
			};
		patch.maxExpires = parsed.seconds === 0 ? null : parsed.seconds;
	}
	if (options.max_uses_limit !== undefined) {
		const limit = options.max_uses_limit;
		if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_USES_LIMIT))
			return { ok: false, text: messages.check.maxUsesOutOfRange(limit) };
		patch.maxUsesLimit = limit;
	}
	if (options.allow_permanent !== undefined) patch.allowPermanent = options.allow_permanent;
	if (options.allow_roles !== undefined) patch.allowRoles = options.allow_roles;
	if (options.require_reason !== undefined) patch.requireReason = options.require_reason;
	const channel = options.log_channel;
	if (channel) {
		if (channel.type !== undefined && !(LOG_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type))
			return { ok: false, text: messages.settings.logChannelType(channelMention(channel.id)) };
		patch.logChannelId = channel.id;
	}
	return { ok: true, value: { kind: 'update', patch, logChannel: channel } };
}

/**
 * What the bot lacks in the log channel to post an embed there, in the reader's language;
 * undefined when it has everything. Without View Channel nothing else counts (Discord reports 0).
 */
export function logChannelMissing(botPermissions: bigint, messages: Messages): string | undefined {
	if ((botPermissions & PermissionFlagsBits.Administrator) !== 0n) return undefined;
	const names = {
		ViewChannel: messages.permission.ViewChannel,
		SendMessages: messages.settings.sendMessages,
		EmbedLinks: messages.settings.embedLinks,
	};
	if ((botPermissions & PermissionFlagsBits.ViewChannel) === 0n) return names.ViewChannel;
	const missing = LOG_CHANNEL_PERMISSIONS.filter((name) => (botPermissions & PermissionFlagsBits[name]) === 0n);
	return missing.length > 0
		? formatList(
				messages,
				missing.map((name) => names[name]),
			)
		: undefined;
}

/** The settings as a list, with `heading` (saved, reset) above it. */
export function renderSettings(settings: ServerSettings, messages: Messages, locale: string, heading?: string): string {
	const s = messages.settings;
	const yesNo = (value: boolean) => (value ? s.yes : s.no);
	const lines = [
		...(heading ? [heading] : []),
		`**${s.title}**`,
		`${s.logChannel}: ${settings.logChannelId ? channelMention(settings.logChannelId) : s.none}`,
		`${s.maxExpires}: ${settings.maxExpires === null ? s.noLimit : describeDuration(settings.maxExpires, locale, messages)}`,
		`${s.allowPermanent}: ${yesNo(settings.allowPermanent)}`,
		`${s.maxUsesLimit}: ${settings.maxUsesLimit === null ? s.noLimit : settings.maxUsesLimit}`,
		`${s.allowRoles}: ${yesNo(settings.allowRoles)}`,
		`${s.requireReason}: ${yesNo(settings.requireReason)}`,
		`-# ${s.exemptNote}`,
	];
	return lines.join('\n');
}
