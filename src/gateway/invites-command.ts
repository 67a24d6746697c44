/**
 * `/invites` for a discord.js bot, in the guide's shape (`{ data, execute, autocomplete }`):
 * the same pipeline as `/invite` (`createInviteCommand`), fed the interaction as Discord sent
 * it and answered with REST interaction callbacks. Pass the `store` your `/invite` records
 * into (the same database), or let the bot lend its own (`CommandContext.store`).
 */
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type CommandInteractionOption,
	GuildMember,
} from 'discord.js';
import {
	type APIInteraction,
	ApplicationCommandType,
	InteractionType,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { invitesCommand } from '../core/ledger.js';
import { type CommandData, createInviteCommand, type GuideCommand, type InviteCommandOptions } from './command.js';

type Json = Record<string, unknown>;

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

/** The interaction payload a discord.js interaction was made from: what the pipeline reads. */
export function payloadOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): APIInteraction {
	const resolved = { users: {} as Json, members: {} as Json };
	const options = apiOptions(interaction.options.data, resolved);
	const member = interaction.member;
	return {
		id: interaction.id,
		application_id: interaction.applicationId,
		token: interaction.token,
		version: 1,
		type: interaction.isAutocomplete()
			? InteractionType.ApplicationCommandAutocomplete
			: InteractionType.ApplicationCommand,
		guild_id: interaction.guildId ?? undefined,
		channel_id: interaction.channelId,
		member: member
			? {
					user: {
						id: interaction.user.id,
						username: interaction.user.username,
						global_name: interaction.user.globalName,
					},
					nick: member instanceof GuildMember ? member.nickname : member.nick,
					permissions: interaction.memberPermissions?.bitfield.toString() ?? '0',
				}
			: undefined,
		app_permissions: interaction.appPermissions?.bitfield.toString() ?? '0',
		locale: interaction.locale,
		guild_locale: interaction.guildLocale ?? undefined,
		data: {
			id: interaction.commandId,
			name: interaction.commandName,
			type: ApplicationCommandType.ChatInput,
			options,
			resolved,
		},
	} as unknown as APIInteraction;
}

/** Builds `/invites` (list and revoke the invites made through `/invite`). */
export function createInvitesCommand(options: InviteCommandOptions = {}): GuideCommand {
	const base = createInviteCommand(options);
	const json = invitesCommand;
	const data: CommandData = Object.freeze({
		...json,
		toJSON: () => structuredClone(json) as RESTPostAPIChatInputApplicationCommandsJSONBody,
	});
	return {
		data,
		executePayload: base.executePayload,
		execute: (interaction, context) => base.executePayload(payloadOf(interaction), interaction.client, context),
		autocomplete: (interaction, context) =>
			base.executePayload(payloadOf(interaction), interaction.client, context),
	};
}
