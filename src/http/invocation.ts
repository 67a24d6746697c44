/**
 * Reads raw interaction payloads (as the Interactions Endpoint URL receives them) into what
 * the core takes: the HTTP twin of `invocationFrom` in src/gateway/command.ts. Pure.
 */
import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIApplicationCommandInteractionDataBasicOption,
	type APIApplicationCommandInteractionDataOption,
	type APIChatInputApplicationCommandInteraction,
	type APIInteractionDataResolved,
	ApplicationCommandOptionType,
	type InteractionType,
} from 'discord-api-types/v10';
import type { AutocompleteQuery } from '../core/autocomplete.js';
import { readPermissionBits } from '../core/permissions.js';
import type { InviteInvocation, InvocationChannel } from '../core/types.js';

type BasicOption = APIApplicationCommandInteractionDataBasicOption;

/** The options at the top level, by name (`/invite` has no subcommands). */
function optionsByName(
	options: readonly APIApplicationCommandInteractionDataOption<InteractionType>[] | undefined,
): Map<string, BasicOption> {
	const byName = new Map<string, BasicOption>();
	for (const option of options ?? []) {
		if (
			option.type !== ApplicationCommandOptionType.Subcommand &&
			option.type !== ApplicationCommandOptionType.SubcommandGroup
		)
			byName.set(option.name, option);
	}
	return byName;
}

/** Reads typed values; a value of another type than declared counts as absent. */
function reader(options: Map<string, BasicOption>) {
	const optionValue = <T extends ApplicationCommandOptionType>(name: string, ...types: T[]): unknown => {
		const option = options.get(name);
		return option && (types as ApplicationCommandOptionType[]).includes(option.type) && 'value' in option
			? option.value
			: undefined;
	};
	return {
		string: (name: string): string | undefined => {
			const value = optionValue(name, ApplicationCommandOptionType.String);
			return typeof value === 'string' ? value : undefined;
		},
		integer: (name: string): number | undefined => {
			const value = optionValue(name, ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.Number);
			return typeof value === 'number' ? value : undefined;
		},
		boolean: (name: string): boolean | undefined => {
			const value = optionValue(name, ApplicationCommandOptionType.Boolean);
			return typeof value === 'boolean' ? value : undefined;
		},
		id: (name: string, type: ApplicationCommandOptionType): string | undefined => {
			const value = optionValue(name, type);
			return typeof value === 'string' ? value : undefined;
		},
	};
}

/** A resolved CHANNEL option with the permissions the payload carries there. */
function channelFrom(id: string, resolved: APIInteractionDataResolved | undefined): InvocationChannel {
	const channel = resolved?.channels?.[id];
	if (!channel) return { id };
	return {
		id,
		type: channel.type,
		parentId: 'parent_id' in channel ? (channel.parent_id ?? null) : undefined,
		permissions: readPermissionBits(channel.permissions),
		// New in 2026-07: absent from older payloads, then looked up (see lookups.ts).
		appPermissions: readPermissionBits(channel.app_permissions),
	};
}

/** The core's invocation for a chat-input `/invite` payload. */
export function invocationFromPayload(payload: APIChatInputApplicationCommandInteraction): InviteInvocation {
	const { data } = payload;
	const resolved = data.resolved;
	const read = reader(optionsByName(data.options));
	const user = payload.member?.user ?? payload.user;
	const channelId = read.id('channel', ApplicationCommandOptionType.Channel);
	const streamUserId = read.id('stream_user', ApplicationCommandOptionType.User);
	const roleId = read.id('role', ApplicationCommandOptionType.Role);
	const role = roleId ? resolved?.roles?.[roleId] : undefined;
	const fileId = read.id('users_file', ApplicationCommandOptionType.Attachment);
	const file = fileId ? resolved?.attachments?.[fileId] : undefined;
	const here = payload.channel;
	return {
		interactionId: payload.id,
		locale: payload.locale,
		guildLocale: payload.guild_locale ?? undefined,
		guildId: payload.guild_id ?? null,
		channel: {
			id: here?.id ?? payload.channel_id,
			type: here?.type,
			parentId: here && 'parent_id' in here ? (here.parent_id ?? null) : undefined,
		},
		invoker: {
			id: user?.id ?? '0',
			username: user?.username ?? '',
			permissions: readPermissionBits(payload.member?.permissions) ?? null,
		},
		appPermissions: readPermissionBits(payload.app_permissions) ?? null,
		options: {
			channel: channelId ? channelFrom(channelId, resolved) : undefined,
			expires: read.string('expires'),
			max_uses: read.integer('max_uses'),
			temporary: read.boolean('temporary'),
			unique: read.boolean('unique'),
			stream_user: streamUserId
				? { id: streamUserId, username: resolved?.users?.[streamUserId]?.username }
				: undefined,
			activity: read.string('activity'),
			role: roleId
				? { id: roleId, name: role?.name ?? '', position: role?.position ?? 0, managed: role?.managed ?? false }
				: undefined,
			more_roles: read.string('more_roles'),
			users: read.string('users'),
			// An attachment the payload does not resolve cannot be read: the file counts as empty.
			users_file: fileId
				? {
						id: fileId,
						filename: file?.filename ?? 'users_file',
						size: file?.size ?? 0,
						url: file?.url ?? '',
						contentType: file?.content_type,
					}
				: undefined,
			reason: read.string('reason'),
		},
	};
}

/** Reads an autocomplete payload (interaction type 4): the command, the option being typed, the languages. */
export function autocompleteFromPayload(
	payload: APIApplicationCommandAutocompleteInteraction,
): AutocompleteQuery & { commandName: string } {
	const focused = [...optionsByName(payload.data.options).values()].find(
		(option) => 'focused' in option && option.focused === true,
	);
	return {
		commandName: payload.data.name,
		focused: focused && 'value' in focused ? { name: focused.name, value: String(focused.value) } : undefined,
		locale: payload.locale ?? 'en-US',
		guildLocale: payload.guild_locale ?? undefined,
	};
}
