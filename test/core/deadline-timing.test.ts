/** The timing rules of deadline.ts besides the defer itself: clock clamp, rate-limit defer, answer window. */
import { describe, expect, it } from 'vitest';
import { ANSWER_WINDOW_MS, DeadlineReply, MAX_HOST_DELAY_MS, receivedAtFromCreation } from '../../src/core/deadline.js';
import { recordingLogger, recordingResponder } from './helpers.js';

const NOW = 1_800_000_000_000;

describe('receivedAtFromCreation', () => {
	it('counts the time the host spent since Discord created the interaction', () => {
		expect(receivedAtFromCreation(NOW - 800, NOW)).toBe(NOW - 800);
	});

	it('never starts later than now, when the host clock is behind Discord’s', () => {
		expect(receivedAtFromCreation(NOW + 5_000, NOW)).toBe(NOW);
	});

	it('bounds how much of the budget a host clock ahead of Discord’s can spend', () => {
		expect(receivedAtFromCreation(NOW - 60_000, NOW)).toBe(NOW - MAX_HOST_DELAY_MS);
	});
});

describe('DeadlineReply timing rules', () => {
	const make = (now: () => number) => {
		const responder = recordingResponder();
		const deadline = new DeadlineReply(responder, {
			receivedAt: NOW,
			deferAfterMs: 1_500,
			logger: recordingLogger(),
			now,
		});
		return { responder, deadline };
	};

	it('defers at once for a rate-limit wait longer than the budget left, not for a shorter one', async () => {
		const { responder, deadline } = make(() => NOW + 500);
		deadline.rateLimited(999);
		expect(responder.kinds()).toEqual([]);
		deadline.rateLimited(1_000);
		expect(responder.kinds()).toEqual(['defer']);
		deadline.cancel();
	});

	it('closes the answer window ANSWER_WINDOW_MS after receipt', () => {
		const late = make(() => NOW + ANSWER_WINDOW_MS + 1);
		const window = late.deadline.answerWindow();
		late.deadline.cancel();
		return new Promise<void>((resolve) => {
			window.signal.addEventListener('abort', () => resolve(), { once: true });
			if (window.signal.aborted) resolve();
		});
	});

	it('keeps the window open inside it, and clear() stops its timer', () => {
		const { deadline } = make(() => NOW);
		const window = deadline.answerWindow();
		deadline.cancel();
		expect(window.signal.aborted).toBe(false);
		window.clear();
	});
});
