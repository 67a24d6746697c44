/**
 * After an invite limited to chosen users is created, Discord processes the list
 * asynchronously. This asks for the job's status a few times, backing off on the injected
 * clock, and reports what Discord said: completed (with the count) or failed (with its message).
 */
import { DiscordAPIError, RateLimitError, type REST } from '@discordjs/rest';
import { InviteTargetUsersJobStatus, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { type Clock, sleepOn, systemClock } from '../core/deadline.js';
import { classifyError } from '../core/errors.js';
import { isFinished, type JobReport } from '../core/target-users.js';
import { getInviteTargetUsersJobStatus } from '../discord/invites.js';
import type { Logger } from '../log-core.js';

export interface FollowJobOptions {
	rest: REST;
	code: string;
	/** Wait before each poll (ms), already bounded to the answer window. */
	delays: readonly number[];
	logger: Logger;
	interactionId: string;
	/** Ends the polling early (shutdown). */
	signal?: AbortSignal | undefined;
	/** Whose time the waits pass on. Default: the system's. */
	clock?: Clock | undefined;
}

/** One poll's result: Discord's report, or a wait to add before the next poll, or the end. */
export interface JobPoll {
	report?: JobReport | undefined;
	/** A rate limit longer than the REST client waits by itself: push the next poll back (ms). */
	extraWaitMs: number;
	/** No job for this invite (10124): nothing will ever be reported; `report` says so. */
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
		// No job for this invite (10124): nothing will ever be reported; say so rather than
		// leave "Discord is processing the list" standing.
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInviteTargetUsersJob) {
			logger.warn({ interaction: options.interactionId, code }, 'no target-users job for the invite');
			return {
				report: {
					status: InviteTargetUsersJobStatus.Failed,
					totalUsers: 0,
					processedUsers: 0,
					errorMessage: null,
					failure: classifyError(error),
				},
				extraWaitMs: 0,
				gone: true,
			};
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
		await sleepOn(options.clock ?? systemClock, delay + extraWait, signal);
		if (signal?.aborted) return last;
		const poll = await pollTargetUsersJob(options);
		extraWait = poll.extraWaitMs;
		if (poll.gone && poll.report)
			return { ...poll.report, totalUsers: last?.totalUsers ?? 0, processedUsers: last?.processedUsers ?? 0 };
		last = poll.report ?? last;
		if (isFinished(last)) return last;
	}
	logger.info({ interaction: options.interactionId, code }, 'target-users job not finished in time');
	return last;
}
