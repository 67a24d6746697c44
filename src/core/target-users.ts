/**
 * After an invite limited to chosen users is created, Discord processes the list
 * asynchronously. This asks for the job's status a few times, backing off, and reports what
 * Discord said: completed (with the count) or failed (with its message).
 */
import { DiscordAPIError, RateLimitError, type REST } from '@discordjs/rest';
import { InviteTargetUsersJobStatus, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { getInviteTargetUsersJobStatus } from '../discord/invites.js';
import type { Logger } from '../log.js';
import { sleep } from './deadline.js';

/** What Discord last reported about the list of users. */
export interface JobReport {
	status: InviteTargetUsersJobStatus;
	totalUsers: number;
	processedUsers: number;
	errorMessage: string | null;
}

/** Whether Discord is done with the list, one way or the other. */
export const isFinished = (report: JobReport | undefined): report is JobReport =>
	report?.status === InviteTargetUsersJobStatus.Completed || report?.status === InviteTargetUsersJobStatus.Failed;

export interface FollowJobOptions {
	rest: REST;
	code: string;
	/** Wait before each poll (ms), already bounded to the answer window. */
	delays: readonly number[];
	logger: Logger;
	interactionId: string;
	/** Ends the polling early (shutdown). */
	signal?: AbortSignal | undefined;
}

/** One poll's result: Discord's report, or a wait to add before the next poll, or the end. */
export interface JobPoll {
	report?: JobReport | undefined;
	/** A rate limit longer than the REST client waits by itself: push the next poll back (ms). */
	extraWaitMs: number;
	/** No job for this invite (10124): nothing will ever be reported. */
	gone?: boolean | undefined;
}

/**
 * Asks Get Target Users Job Status once. Never rejects: a failure is logged and leaves the
 * report unknown. Hosts that cannot sleep between polls (a Durable Object's alarm) call this.
 */
export async function pollTargetUsersJob(
	options: Pick<FollowJobOptions, 'rest' | 'code' | 'logger' | 'interactionId' | 'signal'>,
): Promise<JobPoll> {
	const { rest, code, logger, signal } = options;
	try {
		const status = await getInviteTargetUsersJobStatus(rest, code, signal);
		return {
			report: {
				status: status.status,
				totalUsers: status.total_users,
				processedUsers: status.processed_users,
				errorMessage: status.error_message,
			},
			extraWaitMs: 0,
		};
	} catch (error) {
		if (error instanceof RateLimitError)
			return { extraWaitMs: Math.max(error.timeToReset, error.retryAfter, error.sublimitTimeout) };
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInviteTargetUsersJob) {
			logger.warn({ interaction: options.interactionId, code }, 'no target-users job for the invite');
			return { extraWaitMs: 0, gone: true };
		}
		logger.warn(
			{ interaction: options.interactionId, code, err: error },
			'could not read the target-users job status',
		);
		return { extraWaitMs: 0 };
	}
}

/**
 * Polls Get Target Users Job Status until Discord reports completed or failed, or the delays
 * run out. A rate limit longer than the REST client waits by itself pushes the next poll back
 * by the announced time. Never rejects: resolves to the last report, or undefined.
 */
export async function followTargetUsersJob(options: FollowJobOptions): Promise<JobReport | undefined> {
	const { code, logger, signal } = options;
	let last: JobReport | undefined;
	let extraWait = 0;
	for (const delay of options.delays) {
		await sleep(delay + extraWait, signal);
		if (signal?.aborted) return last;
		const poll = await pollTargetUsersJob(options);
		extraWait = poll.extraWaitMs;
		last = poll.report ?? last;
		if (poll.gone || isFinished(last)) return last;
	}
	logger.info({ interaction: options.interactionId, code }, 'target-users job not finished in time');
	return last;
}
