import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIApplicationCommandOption,
	type APIChatInputApplicationCommandInteraction,
	type APIMessage,
	type APIMessageComponentInteraction,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	ComponentType,
	InteractionContextType,
	InteractionType,
} from 'discord-api-types/v10';
import { type ChannelRecord, hasMessageBox, isThreadType } from './model.js';
import { serializeChannel, serializeMember, serializeUser } from './serialize.js';
import { randomInteractionToken } from './snowflake.js';
import type { LocalState } from './state.js';
import type { InteractionInit } from './types.js';

/** What Discord lets a guild without boosts upload: interactions report it as `attachment_size_limit`. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

const USER_OPTION_NAMES: ReadonlySet<string> = new Set(['user', 'stream_user', 'target_user', 'member']);

type Json = Record<string, unknown>;
type OptionValue = string | number | boolean;

/** The option type: explicit, else the registered command's, else guessed from name and value. */
function optionType(
	state: LocalState,
	init: InteractionInit,
	name: string,
	value: OptionValue,
): ApplicationCommandOptionType {
	const explicit = init.optionTypes?.[name];
	if (explicit !== undefined) return explicit;
	const top = state.commands.find(init.command ?? 'invite', state.guild.id)?.options;
	// A subcommand's options sit under it.
	const list = init.subcommand
		? (
				top?.find((option: APIApplicationCommandOption) => option.name === init.subcommand) as
					| { options?: APIApplicationCommandOption[] }
					| undefined
			)?.options
		: top;
	const registered = list?.find((option: APIApplicationCommandOption) => option.name === name);
	if (registered) return registered.type;
	if (name === 'channel') return ApplicationCommandOptionType.Channel;
	if (USER_OPTION_NAMES.has(name)) return ApplicationCommandOptionType.User;
	if (name === 'role') return ApplicationCommandOptionType.Role;
	if (typeof value === 'string' && state.attachments.has(value)) return ApplicationCommandOptionType.Attachment;
	if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
	if (typeof value === 'number')
		return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
	return ApplicationCommandOptionType.String;
}

/** A channel as `data.resolved.channels` carries it, with the invoker's and the bot's permissions there. */
function resolvedChannel(state: LocalState, channel: ChannelRecord, invokerId: string): Json {
	const { guild, options } = state;
	return {
		id: channel.id,
		name: channel.name,
		type: channel.type,
		parent_id: channel.parent_id,
		flags: 0,
		permissions: guild.permissionsIn(invokerId, channel.id).toString(),
		app_permissions: guild.permissionsIn(options.applicationId, channel.id).toString(),
		...(isThreadType(channel.type) && channel.thread_metadata
			? { thread_metadata: { ...channel.thread_metadata } }
			: {}),
	};
}

interface Built {
	options: Json[];
	resolved: { channels?: Json; users?: Json; members?: Json; roles?: Json; attachments?: Json };
}

/** Turns `init.options` into interaction options (ids for mentions) and resolved data. */
function buildOptions(
	state: LocalState,
	init: InteractionInit,
	invokerId: string,
	channelId: string,
	focused?: string,
): Built {
	const { guild } = state;
	const built: Built = { options: [], resolved: {} };
	const entries = Object.entries(init.options ?? {});
	if (focused !== undefined && !entries.some(([name]) => name === focused)) entries.push([focused, '']);
	const resolveUser = (value: string): string => {
		const user = guild.user(value);
		(built.resolved.users ??= {})[user.id] = serializeUser(user);
		const member = guild.findMember(user.id);
		if (member && member.user.id === user.id) {
			const { user: _user, deaf: _deaf, mute: _mute, ...rest } = serializeMember(member);
			(built.resolved.members ??= {})[user.id] = {
				...rest,
				permissions: guild.permissionsIn(user.id, channelId).toString(),
			};
		}
		return user.id;
	};
	const resolveRole = (value: string): string => {
		const role = guild.role(value);
		(built.resolved.roles ??= {})[role.id] = { ...role };
		return role.id;
	};

	for (const [name, raw] of entries) {
		const type = optionType(state, init, name, raw);
		const isFocused = name === focused;
		let value: OptionValue = raw;
		// Autocomplete sends what the user typed so far, unresolved; the rest as usual, minus `resolved`.
		if (!isFocused) {
			switch (type) {
				case ApplicationCommandOptionType.Channel: {
					const channel = guild.channel(String(raw));
					value = channel.id;
					(built.resolved.channels ??= {})[channel.id] = resolvedChannel(state, channel, invokerId);
					break;
				}
				case ApplicationCommandOptionType.User:
					value = resolveUser(String(raw));
					break;
				case ApplicationCommandOptionType.Role:
					value = resolveRole(String(raw));
					break;
				case ApplicationCommandOptionType.Mentionable:
					value = guild.findRole(String(raw)) ? resolveRole(String(raw)) : resolveUser(String(raw));
					break;
				case ApplicationCommandOptionType.Attachment: {
					// The value is the id `upload()` returned, as Discord sends the id of the uploaded file.
					const stored = state.attachments.get(String(raw));
					if (!stored)
						throw new Error(`interaction(): option "${name}" names no uploaded file; call upload() first`);
					value = stored.attachment.id;
					(built.resolved.attachments ??= {})[value] = { ...stored.attachment };
					break;
				}
				case ApplicationCommandOptionType.Boolean:
					value = typeof raw === 'boolean' ? raw : raw === 'true';
					break;
				case ApplicationCommandOptionType.Integer:
				case ApplicationCommandOptionType.Number:
					value = Number(raw);
					break;
				case ApplicationCommandOptionType.String:
					value = String(raw);
					break;
				default:
					throw new Error(
						`interaction(): option "${name}" has type ${type}, which the local Discord cannot build`,
					);
			}
		}
		built.options.push({ name, type, value, ...(isFocused ? { focused: true } : {}) });
	}
	if (focused !== undefined) built.resolved = {};
	return built;
}

function buildInteraction(state: LocalState, init: InteractionInit, type: InteractionType, focused?: string): Json {
	const { guild, options } = state;
	const member = guild.findMember(init.user);
	if (!member) {
		const known = guild.members.map((m) => m.user.username).join(', ');
		throw new Error(`interaction(): "${init.user}" is not a member of the local guild (members: ${known})`);
	}
	const channel = guild.channel(init.channel);
	// A slash command runs only where there is a message box.
	if (!hasMessageBox(channel.type)) {
		// discord.js would drop such an interaction silently; Discord never sends one.
		throw new Error(
			`interaction(): commands cannot run in #${channel.name} (${ChannelType[channel.type]}); use a text, voice, stage or announcement channel or a thread`,
		);
	}
	const userId = member.user.id;
	const commandName = init.command ?? 'invite';
	const registered = state.commands.find(commandName, guild.id);
	const { options: commandOptions, resolved } = buildOptions(state, init, userId, channel.id, focused);
	const id = state.snowflakes.next();
	const hasResolved = Object.keys(resolved).length > 0;
	return {
		id,
		application_id: options.applicationId,
		type,
		token: randomInteractionToken(id),
		version: 1,
		guild_id: guild.id,
		guild: { id: guild.id, locale: guild.info.preferred_locale, features: [...guild.info.features] },
		channel_id: channel.id,
		channel: serializeChannel(channel, guild.id),
		member: { ...serializeMember(member), permissions: guild.permissionsIn(userId, channel.id).toString() },
		app_permissions: guild.permissionsIn(options.applicationId, channel.id).toString(),
		locale: init.locale ?? 'en-US',
		guild_locale: init.guildLocale ?? guild.info.preferred_locale,
		entitlements: [],
		authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
		context: InteractionContextType.Guild,
		attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
		data: {
			id: state.commands.idFor(commandName, guild.id),
			name: commandName,
			type: ApplicationCommandType.ChatInput,
			...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
			...(init.subcommand
				? {
						options: [
							{
								type: ApplicationCommandOptionType.Subcommand,
								name: init.subcommand,
								...(commandOptions.length ? { options: commandOptions } : {}),
							},
						],
					}
				: commandOptions.length
					? { options: commandOptions }
					: {}),
			...(hasResolved ? { resolved } : {}),
		},
	};
}

/** A slash command interaction (type 2) as Discord would send it, built from the model. */
export function buildCommandInteraction(
	state: LocalState,
	init: InteractionInit,
): APIChatInputApplicationCommandInteraction {
	return buildInteraction(
		state,
		init,
		InteractionType.ApplicationCommand,
	) as unknown as APIChatInputApplicationCommandInteraction;
}

/** An autocomplete interaction (type 4): options as typed so far, `focused` marked. */
export function buildAutocompleteInteraction(
	state: LocalState,
	init: InteractionInit & { focused: string },
): APIApplicationCommandAutocompleteInteraction {
	return buildInteraction(
		state,
		init,
		InteractionType.ApplicationCommandAutocomplete,
		init.focused,
	) as unknown as APIApplicationCommandAutocompleteInteraction;
}

/** The component with this `custom_id` in a message's components (nested ones included). */
function findComponent(components: readonly unknown[], customId: string): Json | undefined {
	for (const item of components) {
		if (!item || typeof item !== 'object') continue;
		const component = item as Json;
		if (component.custom_id === customId) return component;
		const inner = [
			...(Array.isArray(component.components) ? component.components : []),
			...(component.accessory ? [component.accessory] : []),
		];
		const found = findComponent(inner, customId);
		if (found) return found;
	}
	return undefined;
}

/**
 * A message-component interaction (type 3) as Discord sends it when `init.user` clicks the
 * component with `init.customId` on `message`: `data` holds the `custom_id` and the
 * component's type (and `values` for a select menu), `message` the whole message.
 */
export function buildComponentInteraction(
	state: LocalState,
	init: { user: string; customId: string; values?: string[] | undefined; locale?: string | undefined },
	message: APIMessage,
): APIMessageComponentInteraction {
	const component = findComponent(message.components ?? [], init.customId);
	if (!component) {
		const ids: string[] = [];
		const walk = (list: readonly unknown[]) => {
			for (const item of list as Json[]) {
				if (typeof item?.custom_id === 'string') ids.push(item.custom_id);
				if (Array.isArray(item?.components)) walk(item.components);
			}
		};
		walk(message.components ?? []);
		throw new Error(
			`component(): message ${message.id} has no component with custom_id "${init.customId}" (it has: ${ids.join(', ') || 'none'})`,
		);
	}
	if (component.disabled === true)
		throw new Error(`component(): "${init.customId}" is disabled: nobody can click it`);
	const type = component.type as ComponentType;
	const base = buildInteraction(
		state,
		{ user: init.user, channel: message.channel_id, ...(init.locale ? { locale: init.locale } : {}) },
		InteractionType.MessageComponent,
	);
	return {
		...base,
		message,
		data: {
			custom_id: init.customId,
			component_type: type,
			...(type === ComponentType.Button ? {} : { values: init.values ?? [] }),
		},
	} as unknown as APIMessageComponentInteraction;
}
