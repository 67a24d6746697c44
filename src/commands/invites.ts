/**
 * `/invites` as the pipeline's command module: `list` (your live invites made through
 * `/invite`, or a member's with Manage Server, paged with buttons only the member who ran it
 * may press) and `revoke` (one code, with autocomplete of what you may revoke, or every live
 * invite of a member with Manage Server). Every answer is ephemeral and localized; without a
 * ledger, or with its database down, the member is told so.
 */

import { DiscordAPIError } from '@discordjs/rest';
import {
	type APIMessageComponentInteraction,
	InteractionResponseType,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import {
	hasManageGuild,
	type InvitesInput,
	invitesCommand,
	type LedgerInteraction,
	LIST_PAGE_SIZE,
	PAGE_PREFIX,
	type PageState,
	readInvitesPayload,
	readLedgerInteraction,
	readPageCustomId,
	renderList,
} from '../core/ledger.js';
import { textReply } from '../core/render.js';
import { getGuildInvites } from '../discord/invites.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import type { CommandContext, OptionAutocomplete, SlashCommand } from '../pipeline/command.js';
import { findInLedger, revokeInvite, revokeText } from './revoke.js';

/** Live `uses` by code, from Get Guild Invites: only with Manage Server (else Discord leaves them out). */
async function liveUses(
	guildId: string,
	interaction: LedgerInteraction,
	context: CommandContext,
): Promise<ReadonlyMap<string, number> | undefined> {
	if (!hasManageGuild(interaction.botPermissions)) return undefined;
	try {
		const invites = await getGuildInvites(context.rest.api, guildId);
		const uses = new Map<string, number>();
		for (const invite of invites)
			if ('uses' in invite && typeof invite.uses === 'number') uses.set(invite.code, invite.uses);
		return uses;
	} catch (error) {
		// 10004: the bot is no longer in that server (no GUILD_DELETE reaches an HTTP endpoint).
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownGuild)
			void context.store?.deleteGuild(guildId);
		context.logger.warn({ err: error, guild: guildId }, 'could not read live invite uses');
		return undefined;
	}
}

/** One page of a list, rendered (or the text saying why not). */
async function listPage(
	state: PageState,
	interaction: LedgerInteraction & { guildId: string },
	context: CommandContext,
	messages: Messages,
	memberName: string | undefined,
) {
	const store = context.store;
	if (!store) return { reply: textReply(messages.ledger.unavailable), status: 'unavailable' as const };
	const page = await store.listLive(interaction.guildId, {
		inviterId: state.memberId,
		channelId: state.channelId,
		limit: LIST_PAGE_SIZE,
		offset: state.page * LIST_PAGE_SIZE,
		now: context.clock.now(),
	});
	if (!page.ok) return { reply: textReply(messages.ledger.unavailable), status: 'unavailable' as const };
	const uses = page.value.invites.length > 0 ? await liveUses(interaction.guildId, interaction, context) : new Map();
	return {
		reply: renderList(
			{ invites: page.value.invites, hasNext: page.value.nextCursor !== null },
			state,
			{ uses, memberName },
			messages,
		),
		status: 'answered' as const,
	};
}

async function list(input: InvitesInput & { subcommand: 'list' }, context: CommandContext, messages: Messages) {
	const guildId = input.guildId;
	if (!guildId) return { text: messages.check.notInGuild, status: 'refused' as const };
	const memberId = input.member?.id ?? input.actor.id;
	if (memberId !== input.actor.id && !hasManageGuild(input.actor.permissions))
		return { text: messages.ledger.needsManageGuild, status: 'refused' as const };
	const state: PageState = { ownerId: input.actor.id, memberId, channelId: input.channel, page: 0 };
	return listPage(state, { ...input, guildId }, context, messages, input.member?.name);
}

async function revoke(input: InvitesInput & { subcommand: 'revoke' }, context: CommandContext, messages: Messages) {
	const guildId = input.guildId;
	const store = context.store;
	if (!guildId) return { text: messages.check.notInGuild, status: 'refused' as const };
	if (!store) return { text: messages.ledger.unavailable, status: 'unavailable' as const };
	const interaction = { ...input, guildId };
	if (input.code) {
		const found = await findInLedger(store, input.code, guildId, messages);
		if (!found.ok) return { text: found.text, status: 'refused' as const };
		const result = await revokeInvite(store, found.invite, interaction, context, messages, input.reason);
		return {
			text: revokeText(result, messages),
			status: 'answered' as const,
			revoked: result.status === 'revoked' ? [result.invite.code] : [],
		};
	}
	const member = input.member;
	if (!member) return { text: messages.ledger.codeOrMember, status: 'refused' as const };
	// The moderation case: every live invite of a member, Manage Server only.
	if (!hasManageGuild(input.actor.permissions))
		return { text: messages.ledger.needsManageGuild, status: 'refused' as const };
	const live = await store.listLive(guildId, { inviterId: member.id, limit: 100, now: context.clock.now() });
	if (!live.ok) return { text: messages.ledger.unavailable, status: 'unavailable' as const };
	const revoked: string[] = [];
	let failed = 0;
	for (const invite of live.value.invites) {
		const result = await revokeInvite(store, invite, interaction, context, messages, input.reason);
		if (result.status === 'revoked') revoked.push(invite.code);
		else if (result.status === 'refused' || result.status === 'failed') failed++;
	}
	const name = `<@${member.id}>`;
	if (live.value.invites.length === 0)
		return { text: messages.ledger.listEmptyOf(name), status: 'answered' as const };
	const total = revoked.length + failed;
	return {
		text:
			failed > 0
				? messages.ledger.revokedSome(revoked.length, total, name)
				: messages.ledger.revokedAll(revoked.length, name),
		status: 'answered' as const,
		revoked,
	};
}

/** Suggestions for `/invites revoke code:`: live invites of this server the member may revoke. */
const suggestCodes: OptionAutocomplete = async (query, context) => {
	const store = context?.store;
	const read = readLedgerInteraction(context?.payload);
	if (!store || !read.ok || !read.value.guildId) return [];
	const actor = read.value.actor;
	const everyone = hasManageGuild(actor.permissions);
	const live = await store.listLive(read.value.guildId, { limit: 100 });
	if (!live.ok) return [];
	const typed = (query.focused?.value ?? '').trim().toLowerCase();
	const managesHere = (actor.permissions & PermissionFlagsBits.ManageChannels) !== 0n;
	return live.value.invites
		.filter(
			(invite) =>
				everyone || invite.inviterId === actor.id || (managesHere && invite.channelId === read.value.channelId),
		)
		.filter((invite) => invite.code.toLowerCase().startsWith(typed))
		.slice(0, 25)
		.map((invite) => ({ name: `${invite.code} · ${invite.inviterName}`.slice(0, 100), value: invite.code }));
};

/** `/invites`: list and revoke the invites made through `/invite`. */
export const invites: SlashCommand<InvitesInput, never> = {
	data: invitesCommand,
	read: readInvitesPayload,
	async execute(input, context) {
		const messages = messagesFor(input.locale, input.guildLocale);
		const result =
			input.subcommand === 'list' ? await list(input, context, messages) : await revoke(input, context, messages);
		await context.deadline.send('reply' in result ? result.reply : textReply(result.text));
		context.logger.info(
			{
				interaction: input.interactionId,
				guild: input.guildId,
				user: input.actor.id,
				command: `invites ${input.subcommand}`,
				outcome: result.status,
				...('revoked' in result ? { revoked: result.revoked } : {}),
			},
			'interaction',
		);
		// Nothing for the hosts' `/invite` outcome hooks: `/invites` reports in its log line.
		return { outcome: undefined as never };
	},
	autocomplete: { 'revoke code': suggestCodes },
	components: [
		{
			prefix: PAGE_PREFIX,
			async handle(payload: APIMessageComponentInteraction, context) {
				const read = readLedgerInteraction(payload);
				const state = readPageCustomId(payload.data.custom_id);
				if (!read.ok || !state || !read.value.guildId) return;
				const messages = messagesFor(read.value.locale, read.value.guildLocale);
				if (read.value.actor.id !== state.ownerId) {
					// Someone else's list: a note to them alone, the list stays as it is.
					await context.responder.callback({
						type: InteractionResponseType.ChannelMessageWithSource,
						data: textReply(messages.ledger.notYourList),
					});
					return;
				}
				const page = await listPage(
					state,
					{ ...read.value, guildId: read.value.guildId },
					context,
					messages,
					undefined,
				);
				await context.deadline.send(page.reply);
			},
		},
	],
};
