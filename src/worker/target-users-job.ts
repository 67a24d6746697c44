/**
 * The follow-up of a target-users job on the Worker: one Durable Object per job (per
 * interaction), whose alarm polls Get Target Users Job Status with the same back-off as the
 * other hosts (`DEFAULT_JOB_POLL_DELAYS_MS`, bounded to the answer window) and edits the reply
 * with Discord's report. An alarm outlives the request that started it, which `ctx.waitUntil`
 * does not (Cloudflare ends it about 30 seconds after the response). The object holds the job
 * (the invite, how its reply was rendered, the interaction token) until the report or the last
 * poll, then deletes everything.
 */
import { Routes } from 'discord-api-types/v10';
import { pollTargetUsersJob } from '../commands/target-users-job.js';
import { jobReply, type PendingTargetUsersJob } from '../core/invite.js';
import { messageBody } from '../core/render.js';
import { isFinished, type JobReport } from '../core/target-users.js';
import { createRest, restOptions } from '../discord/rest.js';
import { type InteractionEnv, settingsFromEnv } from '../http/bindings.js';
import { createConsoleLogger } from '../log-core.js';
import { answer, callObject, type DurableObjectNamespace, type DurableObjectState } from './durable.js';

/** What the object keeps between alarms. */
interface StoredJob {
	job: PendingTargetUsersJob;
	/** The interaction token: edits `@original` (valid for the 15 minutes the delays stay within). */
	token: string;
	/** The next delay to use (index into `job.delays`). */
	step: number;
	/** Polls made so far. */
	polls: number;
	last?: JobReport | undefined;
}

type JobRequest =
	| { op: 'start'; job: PendingTargetUsersJob; token: string; now: number }
	/** Where the follow-up stands: polls made, the next alarm (ms since epoch), or null when done. */
	| { op: 'status' }
	/** Polls at once instead of at the next alarm (the tests skip the back-off's waits with it). */
	| { op: 'poll-now' };

/** Where a follow-up stands. */
export interface JobFollowUpStatus {
	polls: number;
	nextPollAt: number | null;
}

/** The object. Its env is the Worker's: the token, the API URL, the log level. */
export class TargetUsersJobObject {
	constructor(
		private readonly state: DurableObjectState,
		private readonly env: InteractionEnv,
	) {}

	async fetch(request: Request): Promise<Response> {
		const body = (await request.json()) as JobRequest;
		const { storage } = this.state;
		if (body.op === 'start') {
			const [first] = body.job.delays;
			// No delay within the answer window: nothing can be reported.
			if (first === undefined) return answer({ started: false });
			await storage.put('job', { job: body.job, token: body.token, step: 0, polls: 0 } satisfies StoredJob);
			await storage.setAlarm(body.now + first);
			return answer({ started: true });
		}
		if (body.op === 'poll-now') {
			if (await storage.get('job')) await storage.setAlarm(Date.now());
			return answer({ ok: true });
		}
		const stored = await storage.get<StoredJob>('job');
		return answer({
			polls: stored?.polls ?? 0,
			nextPollAt: stored ? await storage.getAlarm() : null,
		} satisfies JobFollowUpStatus);
	}

	async alarm(): Promise<void> {
		const { storage } = this.state;
		const stored = await storage.get<StoredJob>('job');
		if (!stored) return;
		const read = settingsFromEnv(this.env);
		if (!read.ok) {
			console.error(`Configuration problems:\n${read.problems.map((problem) => `  - ${problem}`).join('\n')}`);
			await storage.deleteAll();
			return;
		}
		const { settings } = read;
		const logger = createConsoleLogger(settings.logLevel, { secrets: [settings.token, stored.token] });
		const rest = createRest({
			...restOptions({ api: settings.apiUrl, globalRequestsPerSecond: settings.restGlobalRps }),
			token: settings.token,
		});
		const { job } = stored;
		const poll = await pollTargetUsersJob({ rest, code: job.code, logger, interactionId: job.interactionId });
		const report = poll.report ?? stored.last;
		const next = job.delays[stored.step + 1];
		if (isFinished(report)) {
			logger.info(
				{
					interaction: job.interactionId,
					code: job.code,
					status: report.status,
					users: report.totalUsers,
					requested: job.requested,
				},
				'target-users job finished',
			);
			try {
				await rest.patch(Routes.webhookMessage(settings.applicationId, stored.token), {
					body: messageBody(jobReply(job, report)),
					auth: false,
				});
			} catch (error) {
				logger.warn({ interaction: job.interactionId, err: error }, 'could not report the target-users job');
			}
		} else if (!poll.gone && next !== undefined) {
			await storage.put('job', { ...stored, step: stored.step + 1, polls: stored.polls + 1, last: report });
			await storage.setAlarm(Date.now() + next + poll.extraWaitMs);
			return;
		} else if (!poll.gone) {
			logger.info({ interaction: job.interactionId, code: job.code }, 'target-users job not finished in time');
		}
		await storage.deleteAll();
	}
}

/**
 * Hands each job to its {@link TargetUsersJobObject} (`TARGET_USERS_JOBS` binding), named by
 * the interaction id; settles once the object holds it (the report comes later, from its alarm).
 */
export function durableJobFollower(
	namespace: DurableObjectNamespace,
): (job: PendingTargetUsersJob, interactionToken: string) => Promise<void> {
	return async (job, interactionToken) => {
		await callObject(namespace, job.interactionId, '/', {
			op: 'start',
			job,
			token: interactionToken,
			now: Date.now(),
		} satisfies JobRequest);
	};
}
