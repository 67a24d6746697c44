/**
 * The Worker's target-users job follow-up lives in a Durable Object, not in the request: the
 * reply of a job that Discord finishes 40 seconds after the answer is still edited, by the
 * object's alarm, with the same back-off as the other hosts.
 *
 * Time is driven, not waited for: the first poll comes from the object's real alarm (1 s);
 * for each later one the test moves the local Discord's job back by the back-off's next delay
 * (as if that much time had passed for Discord) and asks the object to poll at once instead of
 * at its alarm. Everything else (the polls, the job status, the edit) is the Worker's own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOB_POLL_DELAYS_MS } from '../../src/core/deadline.js';
import { en } from '../../src/i18n/en.js';
import { seedIds } from '../../src/local-discord/seed.js';
import type { JobFollowUpStatus } from '../../src/worker/target-users-job.js';
import { workerdTransports } from './workerd-harness.js';

const transports = workerdTransports();
afterAll(() => transports.stop());
const cooldowns = workerdTransports({ bindings: { COOLDOWN_PER_USER: '2/60', COOLDOWN_PER_GUILD: '2/60' } });
afterAll(() => cooldowns.stop());

describe('the cooldowns on the Worker, one object per user and per server', () => {
	it('refuses over the server’s limit without using up the user’s own count', async () => {
		const harness = await cooldowns.start();
		try {
			const invite = async (user: string) =>
				(await harness.invite({ user, channel: 'general' }).message(10_000)).content ?? '';
			expect(await invite('member')).toContain('https://discord.gg/');
			expect(await invite('moderator')).toContain('https://discord.gg/');
			// The server's two are used: the member's own object took a second use, then gave it back.
			expect(await invite('member')).toMatch(/<t:\d+:R>/);
			const member = await harness.worker.callObject<{ ok: boolean }>(
				'COOLDOWNS',
				`user:${seedIds.users.member}`,
				{ op: 'take', limit: { count: 2, windowMs: 60_000 }, member: 'probe', now: Date.now() },
			);
			expect(member).toEqual({ ok: true });
		} finally {
			await harness.close();
		}
	});
});

describe('the target-users job follow-up on the Worker', () => {
	it('edits the reply of a job that finishes 40 seconds after the answer, from the job object’s alarms', async () => {
		const harness = await transports.start({ discord: { targetUsersJobMs: 40_000 } });
		try {
			const { discord, worker } = harness;
			const handle = harness.invite({
				user: 'admin',
				channel: 'general',
				options: { users: `<@${seedIds.users.alice}>` },
			});
			const message = await handle.message(10_000);
			expect(message.content).toContain(en.reply.targetUsersProcessing);
			await expect.poll(() => handle.httpStatus).toBe(200);
			// The request is over: from here on, only the object acts.
			const job = discord.guild.invites.at(-1)?.target_users_job;
			if (!job) throw new Error('no target-users job was started');
			const status = () => worker.callObject<JobFollowUpStatus>('TARGET_USERS_JOBS', handle.id, { op: 'status' });
			const jobPolls = () => discord.requestsTo('GET', /\/target-users\/job-status$/).length;
			const done = en.reply.targetUsersCompleted(1);

			// The first poll, a second after the answer, by the real alarm.
			await expect.poll(jobPolls, { timeout: 5_000 }).toBe(1);
			let elapsed = DEFAULT_JOB_POLL_DELAYS_MS[0] ?? 0;
			for (const delay of DEFAULT_JOB_POLL_DELAYS_MS.slice(1)) {
				if ((handle.state?.content ?? '').includes(done)) break;
				const polls = jobPolls();
				await expect.poll(async () => (await status()).nextPollAt).not.toBeNull();
				job.created_at -= delay;
				job.completes_at -= delay;
				elapsed += delay;
				await worker.callObject('TARGET_USERS_JOBS', handle.id, { op: 'poll-now' });
				await expect.poll(jobPolls, { timeout: 5_000 }).toBe(polls + 1);
			}
			await expect.poll(() => handle.state?.content ?? '', { timeout: 5_000 }).toContain(done);
			// Polled at 1, 3, 7, 15 and 30 s (processing), then at 60 s: completed since 40 s.
			expect(elapsed).toBe(60_000);
			expect(jobPolls()).toBe(6);
			expect(handle.rejected).toEqual([]);
			// Done: the object keeps nothing.
			await expect.poll(async () => await status()).toEqual({ polls: 0, nextPollAt: null });
		} finally {
			await harness.close();
		}
	}, 30_000);
});
