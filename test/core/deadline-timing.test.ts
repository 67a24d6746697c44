/** The timing rules of deadline.ts besides the defer itself: clock clamp, rate-limit defer, answer window. */
import { describe, expect, it } from 'vitest';
import { ANSWER_WINDOW_MS, DeadlineReply, MAX_HOST_DELAY_MS, receivedAtFromCreation } from '../../src/core/deadline.js';
import { manualClock, recordingLogger, recordingResponder } from './helpers.js';

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
	const make = () => {
		const clock = manualClock(NOW);
		const responder = recordingResponder({ clock });
		const deadline = new DeadlineReply(responder, {
			receivedAt: NOW,
			deferAfterMs: 1_500,
			logger: recordingLogger(),
			clock,
		});
		return { clock, responder, deadline };
	};

	it('defers at once for a rate-limit wait longer than the budget left, not for a shorter one', () => {
		const { clock, responder, deadline } = make();
		clock.advance(500);
		deadline.rateLimited(999);
		expect(responder.kinds()).toEqual([]);
		deadline.rateLimited(1_000);
		expect(responder.calls).toEqual([{ kind: 'defer', at: NOW + 500, message: undefined }]);
		deadline.cancel();
	});

	it('closes the answer window exactly ANSWER_WINDOW_MS after receipt', () => {
		const { clock, deadline } = make();
		deadline.cancel();
		const window = deadline.answerWindow();
		clock.advance(ANSWER_WINDOW_MS - 1);
		expect(window.signal.aborted).toBe(false);
		clock.advance(1);
		expect(window.signal.aborted).toBe(true);
	});

	it('closes the window at once when it opens after the window has passed', () => {
		const { clock, deadline } = make();
		deadline.cancel();
		clock.advance(ANSWER_WINDOW_MS + 1);
		const window = deadline.answerWindow();
		clock.advance(0);
		expect(window.signal.aborted).toBe(true);
	});

	it('keeps the window open inside it, and clear() stops its timer', () => {
		const { clock, deadline } = make();
		deadline.cancel();
		const window = deadline.answerWindow();
		window.clear();
		expect(clock.pending()).toBe(0);
		clock.advance(ANSWER_WINDOW_MS * 2);
		expect(window.signal.aborted).toBe(false);
	});
});
