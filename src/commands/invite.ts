/**
 * `/invite` as the pipeline's command module: its registration, its payload reader, what it
 * runs, its autocomplete by option. `commands/invite.ts` at the root default-exports it for
 * the gateway bot; the discord.js guide-shaped command (`createInviteCommand`) is built on it.
 */

import { type APIMessageComponentInteraction, InteractionResponseType } from 'discord-api-types/v10';
import { autocompleteChoices } from '../core/autocomplete.js';
import { inviteCommand } from '../core/command.js';
import type { InviteOutcome } from '../core/invite.js';
import { REVOKE_PREFIX, readLedgerInteraction, readRevokeCustomId } from '../core/ledger.js';
import { readCommandPayload } from '../core/payload.js';
import { textReply } from '../core/render.js';
import type { InviteInvocation } from '../core/types.js';
import { messagesFor } from '../i18n/index.js';
import type { ComponentContext, SlashCommand } from '../pipeline/command.js';
import { deadlineAnswers } from '../pipeline/responder.js';
import { runInvite } from './invite-run.js';
import { inviteSettings } from './invite-settings.js';
import { invites } from './invites.js';
import { findInLedger, revokeInvite, revokeText } from './revoke.js';

/** `/invite`: one Create Channel Invite, one ephemeral answer. */
export const invite: SlashCommand<InviteInvocation, InviteOutcome> = {
	data: inviteCommand,
	read: readCommandPayload,
	async execute(invocation, context) {
		const follow = context.settings.jobFollower;
		const token = context.interactionToken;
		const outcome = await runInvite(invocation, {
			rest: context.rest.create,
			deadline: context.deadline,
			// The job's later edit of the reply: the interaction routes themselves.
			responder: deadlineAnswers(context.responder),
			lookups: context.lookups,
			botUserId: context.botUserId,
			logger: context.logger,
			receivedAt: context.receivedAt,
			cooldowns: context.cooldowns,
			attachmentTimeoutMs: context.settings.attachmentTimeoutMs,
			jobPollDelaysMs: context.settings.jobPollDelaysMs,
			// A host whose work ends with the request hands the follow-up on, with the token that edits the reply.
			jobFollower: follow && token !== undefined ? (job) => follow(job, token).then(() => undefined) : undefined,
			signal: context.signal,
			clock: context.clock,
			store: context.store,
		});
		// A Worker keeps the job follow-up, the ledger write and the log post alive past its response.
		const after = [outcome.job, outcome.recorded, outcome.logged].filter((work) => work !== undefined);
		const background = after.length > 0 ? Promise.allSettled(after).then(() => outcome.job) : undefined;
		return { outcome, background };
	},
	autocomplete: { expires: autocompleteChoices, activity: autocompleteChoices },
	record: (outcome, metrics, transport) => metrics.recordOutcome(outcome, transport),
	components: [{ prefix: REVOKE_PREFIX, handle: revokeButton }],
};

/**
 * The Revoke button of an `/invite` reply: the same rules as `/invites revoke`. Done, the reply
 * says who revoked it and when; refused or failed, a note to the clicker alone.
 */
async function revokeButton(payload: APIMessageComponentInteraction, context: ComponentContext): Promise<void> {
	const read = readLedgerInteraction(payload);
	const code = readRevokeCustomId(payload.data.custom_id);
	if (!read.ok || !code) return;
	const interaction = read.value;
	const messages = messagesFor(interaction.locale, interaction.guildLocale);
	const apart = async (text: string) => {
		const note = textReply(text);
		await context.responder
			.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: note })
			.catch(() => context.responder.followUp(note));
	};
	const guildId = interaction.guildId;
	if (!guildId) return apart(messages.check.notInGuild);
	if (!context.store) return apart(messages.ledger.unavailable);
	const found = await findInLedger(context.store, code, guildId, messages);
	if (!found.ok) return apart(found.text);
	const result = await revokeInvite(
		context.store,
		found.invite,
		{ ...interaction, guildId },
		context,
		messages,
		undefined,
	);
	if (result.status === 'revoked')
		await context.deadline.send(
			textReply(
				messages.ledger.revokedBy(code, `<@${interaction.actor.id}>`, `<t:${Math.floor(result.at / 1000)}:f>`),
			),
		);
	else if (result.status === 'gone') await context.deadline.send(textReply(revokeText(result, messages)));
	else await apart(revokeText(result, messages));
}

/** The commands every host serves. */
export const COMMANDS = [invite, invites, inviteSettings] as const;
