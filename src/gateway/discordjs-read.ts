/**
 * Readers of discord.js interactions for the drop-in command: into the core's invocations
 * (what `/invite` and `/invite-settings` run from), or back into the interaction payload
 * Discord sent (what the pipeline reads for `/invites`, buttons and modals). discord.js keeps
 * no raw payload on its interactions; each reader takes exactly the fields its reader on the
 * payload side checks, so a malformed interaction is refused the same way on every host.
 */
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type CommandInteractionOption,
	GuildMember,
	type MessageComponentInteraction,
	type ModalSubmitInteraction,
	PermissionsBitField,
} from 'discord.js';
import { type APIInteraction, ApplicationCommandType, ComponentType, InteractionType } from 'discord-api-types/v10';
import { checkInvocation, type Parsed } from '../core/payload.js';
import { readPermissionBits } from '../core/permissions.js';
import type { SettingsInvocation } from '../core/settings.js';
import type { InviteInvocation, InvocationChannel } from '../core/types.js';

type Json = Record<string, unknown>;

/** The interaction, its languages and its server, as every invocation carries them. */
function whoAndWhere(interaction: ChatInputCommandInteraction) {
	return {
		interactionId: interaction.id,
		locale: interaction.locale,
		guildLocale: interaction.guildLocale ?? undefined,
		guildId: interaction.guildId,
	};
}

/** Who ran the command, with their permissions in the channel (null outside a server). */
function invokerOf(interaction: ChatInputCommandInteraction) {
	return {
		id: interaction.user.id,
		username: interaction.user.username,
		permissions: interaction.memberPermissions?.bitfield ?? null,
	};
}

/** The invocation of a discord.js `/invite` interaction, checked by the core's payload rules. */
export function readInvocation(interaction: ChatInputCommandInteraction): Parsed<InviteInvocation> {
	try {
		return checkInvocation(invocationFrom(interaction));
	} catch (error) {
		return { ok: false, problem: `unreadable interaction (${(error as Error).name})` };
	}
}

/** A discord.js `/invite-settings` interaction, as the core's reader would make it of the payload. */
export function readSettingsInvocation(interaction: ChatInputCommandInteraction): Parsed<SettingsInvocation> {
	try {
		const { options } = interaction;
		const channel = options.getChannel('log_channel');
		return {
			ok: true,
			value: {
				...whoAndWhere(interaction),
				invoker: invokerOf(interaction),
				options: {
					log_channel: channel ? channelFrom(channel) : undefined,
					max_expires: options.getString('max_expires') ?? undefined,
					allow_permanent: options.getBoolean('allow_permanent') ?? undefined,
					max_uses_limit: options.getInteger('max_uses_limit') ?? undefined,
					allow_roles: options.getBoolean('allow_roles') ?? undefined,
					require_reason: options.getBoolean('require_reason') ?? undefined,
					reset: options.getBoolean('reset') ?? undefined,
				},
			},
		};
	} catch (error) {
		return { ok: false, problem: `unreadable interaction (${(error as Error).name})` };
	}
}

/** Reads a discord.js interaction into the core's invocation. */
export function invocationFrom(interaction: ChatInputCommandInteraction): InviteInvocation {
	const { options } = interaction;
	const member = interaction.member;
	const channel = options.getChannel('channel');
	const role = options.getRole('role');
	const streamUser = options.getUser('stream_user');
	const usersFile = options.getAttachment('users_file');
	return {
		...whoAndWhere(interaction),
		channel: {
			id: interaction.channelId,
			type: interaction.channel?.type,
			parentId:
				interaction.channel && 'parentId' in interaction.channel ? interaction.channel.parentId : undefined,
		},
		invoker: {
			...invokerOf(interaction),
			guildPermissions: member instanceof GuildMember ? serverPermissions(member) : undefined,
		},
		appPermissions: interaction.appPermissions?.bitfield ?? null,
		options: {
			channel: channel ? channelFrom(channel) : undefined,
			expires: options.getString('expires') ?? undefined,
			max_uses: options.getInteger('max_uses') ?? undefined,
			temporary: options.getBoolean('temporary') ?? undefined,
			unique: options.getBoolean('unique') ?? undefined,
			stream_user: streamUser ? { id: streamUser.id, username: streamUser.username } : undefined,
			activity: options.getString('activity') ?? undefined,
			role: role
				? { id: role.id, name: role.name, position: rawPosition(role), managed: role.managed }
				: undefined,
			more_roles: options.getString('more_roles') ?? undefined,
			users: options.getString('users') ?? undefined,
			users_file: usersFile
				? {
						id: usersFile.id,
						filename: usersFile.name,
						size: usersFile.size,
						url: usersFile.url,
						contentType: usersFile.contentType ?? undefined,
					}
				: undefined,
			reason: options.getString('reason') ?? undefined,
		},
	};
}

/**
 * Discord's own position of a role, as the payload and REST give it (what the HTTP endpoint
 * compares). discord.js's `position` is the role's rank among the roles it has cached.
 */
const rawPosition = (role: { position: number; rawPosition?: number }): number => role.rawPosition ?? role.position;

/**
 * A member's server-wide permissions, when the cache holds every role they have (discord.js
 * computes them from the role cache, and throws without @everyone there).
 */
function serverPermissions(member: GuildMember): bigint | undefined {
	const ids = roleIdsOf(member);
	const roles = member.guild.roles.cache;
	if (!ids || !roles.has(member.guild.id) || !ids.every((id) => roles.has(id))) return undefined;
	return member.permissions.bitfield;
}

type OptionChannel = NonNullable<ReturnType<ChatInputCommandInteraction['options']['getChannel']>>;

/**
 * The resolved channel with the permissions Discord computed for it: discord.js keeps them as
 * `permissions`/`appPermissions` bit fields on its copy, or leaves the raw strings when the
 * channel is not cached.
 */
function channelFrom(channel: OptionChannel): InvocationChannel {
	const raw = channel as {
		parentId?: string | null;
		parent_id?: string | null;
		permissions?: unknown;
		appPermissions?: unknown;
		app_permissions?: unknown;
	};
	return {
		id: channel.id,
		type: channel.type,
		parentId: raw.parentId ?? raw.parent_id ?? undefined,
		permissions: bits(raw.permissions),
		appPermissions: bits(raw.appPermissions ?? raw.app_permissions),
	};
}

const bits = (value: unknown): bigint | undefined =>
	value instanceof PermissionsBitField ? value.bitfield : readPermissionBits(value);

/**
 * The role ids of a member, cached or raw. discord.js keeps a GuildMember's ids in `_roles`
 * (its `roles.cache` is only the ones the role cache holds); a raw member lists them.
 */
export function roleIdsOf(member: GuildMember | { roles: unknown } | null | undefined): string[] | undefined {
	if (!member) return undefined;
	const ids = member instanceof GuildMember ? (member as unknown as { _roles?: unknown })._roles : member.roles;
	return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
}

type AnyInteraction =
	| ChatInputCommandInteraction
	| AutocompleteInteraction
	| MessageComponentInteraction
	| ModalSubmitInteraction;

/** What every interaction payload carries: who, where, with which permissions and languages. */
function envelope(interaction: AnyInteraction, type: InteractionType): Json {
	const member = interaction.member;
	const user = {
		id: interaction.user.id,
		username: interaction.user.username,
		global_name: interaction.user.globalName,
	};
	return {
		id: interaction.id,
		application_id: interaction.applicationId,
		token: interaction.token,
		version: 1,
		type,
		guild_id: interaction.guildId ?? undefined,
		channel_id: interaction.channelId ?? undefined,
		member: member
			? {
					user,
					nick: member instanceof GuildMember ? member.nickname : member.nick,
					// Without them, a check in another channel cannot be computed: it refuses.
					roles: roleIdsOf(member),
					permissions: interaction.memberPermissions?.bitfield.toString() ?? '0',
				}
			: undefined,
		user: member ? undefined : user,
		app_permissions: interaction.appPermissions?.bitfield.toString() ?? '0',
		locale: interaction.locale,
		guild_locale: interaction.guildLocale ?? undefined,
	};
}

/** Options as Discord sends them (ids as values), and the users they resolve. */
function apiOptions(options: readonly CommandInteractionOption[], resolved: { users: Json; members: Json }): Json[] {
	return options.map((option) => {
		if (option.user) {
			resolved.users[option.user.id] = {
				id: option.user.id,
				username: option.user.username,
				global_name: option.user.globalName,
			};
			const member = option.member;
			if (member)
				resolved.members[option.user.id] = {
					nick: member instanceof GuildMember ? member.nickname : member.nick,
				};
		}
		return {
			name: option.name,
			type: option.type,
			...(option.value !== undefined ? { value: option.value } : {}),
			...(option.focused ? { focused: true } : {}),
			...(option.options ? { options: apiOptions(option.options, resolved) } : {}),
		};
	});
}

/** The payload a discord.js chat-input or autocomplete interaction was made from: what the pipeline reads. */
export function commandPayloadOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): APIInteraction {
	const resolved = { users: {} as Json, members: {} as Json };
	const options = apiOptions(interaction.options.data, resolved);
	const type = interaction.isAutocomplete()
		? InteractionType.ApplicationCommandAutocomplete
		: InteractionType.ApplicationCommand;
	return {
		...envelope(interaction, type),
		data: {
			id: interaction.commandId,
			name: interaction.commandName,
			type: ApplicationCommandType.ChatInput,
			options,
			resolved,
		},
	} as unknown as APIInteraction;
}

/**
 * The payload of a discord.js button, select menu or modal submit: its `custom_id` (the
 * pipeline routes by its prefix), what was picked or typed, and who clicked where. Rebuilt
 * from the interaction's fields rather than caught from the raw gateway event: it works for
 * any interaction the bot hands over, whenever the command first saw the client.
 */
export function componentPayloadOf(interaction: MessageComponentInteraction | ModalSubmitInteraction): APIInteraction {
	if (interaction.isModalSubmit())
		return {
			...envelope(interaction, InteractionType.ModalSubmit),
			data: { custom_id: interaction.customId, components: interaction.components.map(modalPart) },
		} as unknown as APIInteraction;
	return {
		...envelope(interaction, InteractionType.MessageComponent),
		message: { id: interaction.message.id, channel_id: interaction.message.channelId },
		data: {
			custom_id: interaction.customId,
			component_type: interaction.componentType,
			...(interaction.isAnySelectMenu() ? { values: [...interaction.values] } : {}),
		},
	} as unknown as APIInteraction;
}

type ModalPart = ModalSubmitInteraction['components'][number];

/** A row or label of a submitted modal, as the payload lists it (text inputs' values, selects' picks). */
function modalPart(part: ModalPart | { type: number; id?: number }): Json {
	const field = (inner: {
		type: number;
		id?: number;
		customId?: string;
		value?: string;
		values?: readonly string[];
	}) => ({
		type: inner.type,
		id: inner.id,
		custom_id: inner.customId,
		...(inner.value !== undefined ? { value: inner.value } : {}),
		...(inner.values !== undefined ? { values: [...inner.values] } : {}),
	});
	if (part.type === ComponentType.ActionRow && 'components' in part)
		return { type: part.type, id: part.id, components: part.components.map(field) };
	if (part.type === ComponentType.Label && 'component' in part)
		return { type: part.type, id: part.id, component: field(part.component as Parameters<typeof field>[0]) };
	return { type: part.type, id: part.id };
}
