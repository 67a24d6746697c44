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
import { inviteSettings } from './invite-settings.js';

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
		// A Worker keeps the job follow-up and the log post alive past its response.
		const background =
			outcome.job && outcome.logged
				? Promise.all([outcome.job, outcome.logged])
				: (outcome.job ?? outcome.logged);
		return { outcome, background };
	},
	autocomplete: { expires: autocompleteChoices, activity: autocompleteChoices },
	record: (outcome, metrics, transport) => metrics.recordOutcome(outcome, transport),
};

/** The commands every host serves. */
export const COMMANDS = [invite, inviteSettings] as const;
