/**
 * The discord.js adapter: `/invite` in the discord.js guide's command shape
 * (`{ data, execute, autocomplete }`), translating a discord.js interaction into the core's
 * invocation and answering through discord.js.
 */
import type { REST } from '@discordjs/rest';
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type Client,
	GuildMember,
	MessageFlags,
	PermissionsBitField,
} from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { suggestExpires } from '../core/autocomplete.js';
import { COMMAND_NAME, inviteCommand } from '../core/command.js';
import type { InteractionResponder } from '../core/deadline.js';
import { type InviteOutcome, runInvite } from '../core/invite.js';
import type { InviteInvocation, InvocationChannel } from '../core/types.js';
import { createInviteRest } from '../discord/invites.js';
import { messagesFor, vocabularyOf } from '../i18n/index.js';
import { defaultLogger, type Logger } from '../log.js';

/** The command's data: the API JSON, plus `toJSON()` for loaders written for builders. */
export type CommandData = Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> & {
	toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
};

/** A command in the discord.js guide's shape. */
export interface GuideCommand {
	data: CommandData;
	execute(interaction: ChatInputCommandInteraction): Promise<void>;
	autocomplete(interaction: AutocompleteInteraction): Promise<void>;
}

export interface InviteCommandOptions {
	logger?: Logger | undefined;
	/** Abort the invite request after this long (ms). Default 10 s. */
	requestTimeoutMs?: number | undefined;
	/** Budget before deferring (ms). Default 1.5 s. */
	deferAfterMs?: number | undefined;
	/** Longest rate-limit wait before giving up (ms). Default 30 s. */
	maxRateLimitWaitMs?: number | undefined;
	/** Called with each outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
}

/**
 * Builds the command. The invite request goes through a REST client of its own (one per
 * discord.js Client, same API base and token) configured never to repeat the POST; the host
 * bot's `client.rest` keeps its own settings.
 */
export function createInviteCommand(options: InviteCommandOptions = {}): GuideCommand {
	const logger = options.logger ?? defaultLogger();
	const rests = new WeakMap<Client, REST>();
	const restFor = (client: Client): REST => {
		let rest = rests.get(client);
		if (!rest) {
			if (!client.token) throw new Error('the client has no token (not logged in)');
			rest = createInviteRest({
				api: client.rest.options.api,
				// The host bot's cap (DISCORD_REST_GLOBAL_RPS for ours): off behind a proxy, off here too.
				globalRequestsPerSecond: client.rest.options.globalRequestsPerSecond,
				token: client.token,
				timeoutMs: options.requestTimeoutMs,
				maxRateLimitWaitMs: options.maxRateLimitWaitMs,
			});
			rests.set(client, rest);
		}
		return rest;
	};

	const json = inviteCommand;
	const data: CommandData = Object.freeze({
		...json,
		toJSON: () => structuredClone(json) as RESTPostAPIChatInputApplicationCommandsJSONBody,
	});

	return {
		data,
		async execute(interaction) {
			// Discord's clock starts at creation: time the host bot spent before calling us counts.
			// Bounded, so a host clock running ahead of Discord's cannot spend the budget or the
			// answer window before we start.
			const now = Date.now();
			const receivedAt = Math.max(Math.min(now, interaction.createdTimestamp), now - 2_500);
			const outcome = await runInvite(invocationFrom(interaction), {
				rest: restFor(interaction.client),
				responder: responderFor(interaction),
				lookups: lookupsFor(interaction),
				botUserId: interaction.client.user.id,
				logger,
				receivedAt,
				deferAfterMs: options.deferAfterMs,
			});
			options.onOutcome?.(outcome);
		},
		async autocomplete(interaction) {
			const focused = interaction.options.getFocused(true);
			const messages = messagesFor(interaction.locale, interaction.guildLocale);
			const choices =
				focused.name === 'expires'
					? suggestExpires(String(focused.value), interaction.locale, messages, vocabularyOf(messages))
					: [];
			await interaction
				.respond(choices)
				.catch((error: unknown) => logger.warn('could not answer autocomplete', { error }));
		},
	};
}

/** Reads a discord.js interaction into the core's invocation. */
export function invocationFrom(interaction: ChatInputCommandInteraction): InviteInvocation {
	const { options } = interaction;
	const member = interaction.member;
	const channel = options.getChannel('channel');
	const role = options.getRole('role');
	const streamUser = options.getUser('stream_user');
	return {
		interactionId: interaction.id,
		locale: interaction.locale,
		guildLocale: interaction.guildLocale ?? undefined,
		guildId: interaction.guildId,
		channel: {
			id: interaction.channelId,
			type: interaction.channel?.type,
			parentId:
				interaction.channel && 'parentId' in interaction.channel ? interaction.channel.parentId : undefined,
		},
		invoker: {
			id: interaction.user.id,
			username: interaction.user.username,
			permissions: interaction.memberPermissions?.bitfield ?? null,
			guildPermissions: member instanceof GuildMember ? member.permissions.bitfield : undefined,
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
			role: role ? { id: role.id, name: role.name, position: role.position, managed: role.managed } : undefined,
			reason: options.getString('reason') ?? undefined,
		},
	};
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

const bits = (value: unknown): bigint | undefined => {
	if (value instanceof PermissionsBitField) return value.bitfield;
	if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
	return undefined;
};

/**
 * Answers through discord.js. A host bot may have deferred before calling `execute` (many
 * guide-style dispatchers do): then the first answer is an edit, and there is nothing to defer.
 */
function responderFor(interaction: ChatInputCommandInteraction): InteractionResponder {
	const answered = () => interaction.deferred || interaction.replied;
	// The host's own reply, if it made one before calling us, is never overwritten.
	const hostReplied = interaction.replied;
	return {
		async reply(message) {
			const body = { content: message.content, components: message.components, allowedMentions: { parse: [] } };
			// Deferred by the host: fill in its "thinking…". Already replied to by the host: never
			// overwrite its message, add ours as an ephemeral follow-up.
			if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
			else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
		},
		async defer() {
			if (!answered()) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		},
		async edit(message) {
			const body = { content: message.content, components: message.components, allowedMentions: { parse: [] } };
			if (hostReplied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.editReply(body);
		},
	};
}

/** Answers the core's lookups from discord.js's cache, fetching only what is missing. */
function lookupsFor(interaction: ChatInputCommandInteraction) {
	const guild = interaction.guild;
	const memberOf = async (): Promise<GuildMember | undefined> =>
		interaction.member instanceof GuildMember
			? interaction.member
			: guild?.members.fetch(interaction.user.id).catch(() => undefined);
	const me = async (): Promise<GuildMember | undefined> =>
		guild?.members.me ?? guild?.members.fetchMe().catch(() => undefined);
	return {
		async roleStanding() {
			const [member, bot] = await Promise.all([memberOf(), me()]);
			if (!guild || !member || !bot) return undefined;
			return {
				invokerIsOwner: guild.ownerId === member.id,
				invokerHighestPosition: member.roles.highest.position,
				botHighestPosition: bot.roles.highest.position,
				invokerPermissions: member.permissions.bitfield,
				botPermissions: bot.permissions.bitfield,
			};
		},
		async channelPermissions(channelId: string) {
			const channel = guild?.channels.cache.get(channelId);
			if (!channel) return undefined;
			const [member, bot] = await Promise.all([memberOf(), me()]);
			return {
				invoker: member ? channel.permissionsFor(member).bitfield : undefined,
				bot: bot ? channel.permissionsFor(bot).bitfield : undefined,
			};
		},
	};
}

export { COMMAND_NAME };
