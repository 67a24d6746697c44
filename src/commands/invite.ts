/**
 * `/invite` as the pipeline's command module: its registration, its payload reader, what it
 * runs, its autocomplete by option. The guide-shaped file a discord.js bot loads is
 * `commands/invite.ts` at the root, built on this through `createInviteCommand`.
 */
import { autocompleteChoices } from '../core/autocomplete.js';
import { inviteCommand } from '../core/command.js';
import type { InviteOutcome } from '../core/invite.js';
import { readCommandPayload } from '../core/payload.js';
import type { InviteInvocation } from '../core/types.js';
import type { SlashCommand } from '../pipeline/command.js';
import { deadlineAnswers } from '../pipeline/responder.js';
import { runInvite } from './invite-run.js';

/** `/invite`: one Create Channel Invite, one ephemeral answer. */
export const invite: SlashCommand<InviteInvocation, InviteOutcome> = {
	data: inviteCommand,
	read: readCommandPayload,
	async execute(invocation, context) {
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
			signal: context.signal,
			clock: context.clock,
			store: context.store,
		});
		return { outcome, background: outcome.job };
	},
	autocomplete: { expires: autocompleteChoices, activity: autocompleteChoices },
	record: (outcome, metrics, transport) => metrics.recordOutcome(outcome, transport),
};

/** The commands every host serves. */
export const COMMANDS = [invite] as const;
