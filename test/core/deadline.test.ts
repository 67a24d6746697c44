/**
 * DeadlineReply on a clock the test moves by hand: budgets of production size, and no test
 * sleeps through one.
 */
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_DEFER_AFTER_MS,
	DeadlineReply,
	RATE_LIMIT_BUDGET_MS,
	RateLimitBudget,
} from '../../src/core/deadline.js';
import { textReply } from '../../src/core/render.js';
import { manualClock, recordingLogger, recordingResponder, settle } from './helpers.js';

const ANSWER = textReply('done');
const BUDGET_MS = DEFAULT_DEFER_AFTER_MS;

function deadline(
	options: {
		budgetMs?: number;
		/** How long before "now" the interaction arrived. */
		arrivedAgoMs?: number;
		responder?: Parameters<typeof recordingResponder>[0];
	} = {},
) {
	const clock = manualClock();
	const responder = recordingResponder({ ...options.responder, clock });
	const logger = recordingLogger();
	const reply = new DeadlineReply(responder, {
		receivedAt: clock.now() - (options.arrivedAgoMs ?? 0),
		deferAfterMs: options.budgetMs ?? BUDGET_MS,
		logger,
		clock,
	});
	return { reply, logger, clock, responder, start: clock.now() };
}

describe('DeadlineReply', () => {
	it('replies inline when the answer comes before the budget, and never defers', async () => {
		const { reply, clock, responder } = deadline();
		clock.advance(BUDGET_MS - 1);
		expect(await reply.send(ANSWER)).toBe('inline');
		clock.advance(BUDGET_MS);
		expect(responder.kinds()).toEqual(['reply']);
		expect(responder.calls[0]?.message).toBe(ANSWER);
		expect(reply.deferred).toBe(false);
		expect(clock.pending()).toBe(0);
	});

	it('defers exactly when the budget is spent, then edits the deferred response', async () => {
		const { reply, clock, responder, start, logger } = deadline();
		clock.advance(BUDGET_MS - 1);
		expect(responder.kinds()).toEqual([]);
		clock.advance(1);
		expect(responder.calls).toEqual([{ kind: 'defer', at: start + BUDGET_MS, message: undefined }]);
		expect(logger.lines).toEqual([{ level: 'debug', message: 'deferring', fields: { why: 'budget spent' } }]);
		expect(reply.deferred).toBe(true);
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
		expect(responder.calls[1]?.message).toBe(ANSWER);
	});

	it('defers at once when the interaction arrived longer ago than the budget', () => {
		const { clock, responder, start } = deadline({ arrivedAgoMs: BUDGET_MS + 1_000 });
		clock.advance(0);
		expect(responder.calls).toEqual([{ kind: 'defer', at: start, message: undefined }]);
	});

	it('defers on demand before the budget and then edits', async () => {
		const { reply, responder, logger } = deadline();
		expect(await reply.defer('rate limited')).toBe(true);
		expect(logger.lines).toEqual([{ level: 'debug', message: 'deferring', fields: { why: 'rate limited' } }]);
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('defers only once however often it is asked, and the budget adds no second defer', async () => {
		const { reply, clock, responder } = deadline({ responder: { hold: ['defer'] } });
		const first = reply.defer('one');
		const second = reply.defer('two');
		expect(second).toBe(first);
		clock.advance(BUDGET_MS * 2);
		responder.release('defer');
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('waits for a defer still in flight before editing', async () => {
		const { reply, responder } = deadline({ responder: { hold: ['defer'] } });
		void reply.defer('slow work');
		const sending = reply.send(ANSWER);
		await settle();
		expect(responder.kinds()).toEqual(['defer']);
		responder.release('defer');
		expect(await sending).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('never answers twice: a second send throws and sends nothing', async () => {
		const { reply, responder } = deadline();
		await reply.send(ANSWER);
		await expect(reply.send(ANSWER)).rejects.toThrow('already answered');
		expect(responder.kinds()).toEqual(['reply']);
	});

	it('never edits twice after a defer', async () => {
		const { reply, responder } = deadline();
		await reply.defer('now');
		await reply.send(ANSWER);
		await expect(reply.send(ANSWER)).rejects.toThrow('already answered');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('does not defer after an inline reply', async () => {
		const { reply, responder } = deadline();
		await reply.send(ANSWER);
		expect(await reply.defer('late')).toBe(false);
		expect(responder.kinds()).toEqual(['reply']);
	});

	it('reports the answer lost when the defer failed, without trying to edit, and logs why', async () => {
		const { reply, clock, responder, logger } = deadline({ responder: { fail: { defer: true } } });
		clock.advance(BUDGET_MS);
		expect(await reply.send(ANSWER)).toBe('lost');
		expect(responder.kinds()).toEqual(['defer']);
		expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([
			{ level: 'warn', message: 'could not defer the interaction', fields: { err: new Error('defer failed') } },
		]);
	});

	it('reports the answer lost when the inline reply fails', async () => {
		const { reply, logger } = deadline({ responder: { fail: { reply: true } } });
		expect(await reply.send(ANSWER)).toBe('lost');
		expect(logger.lines).toEqual([
			{ level: 'warn', message: 'could not deliver the answer', fields: { err: new Error('reply failed') } },
		]);
	});

	it('reports the answer lost when the edit fails', async () => {
		const { reply, responder } = deadline({ responder: { fail: { edit: true } } });
		await reply.defer('now');
		expect(await reply.send(ANSWER)).toBe('lost');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('stops the timer on cancel, so nothing is sent', () => {
		const { reply, clock, responder } = deadline();
		reply.cancel();
		expect(clock.pending()).toBe(0);
		clock.advance(BUDGET_MS * 2);
		expect(responder.calls).toEqual([]);
	});

	it('counts the remaining budget from when the interaction arrived', () => {
		const { reply, clock } = deadline({ budgetMs: 10_000, arrivedAgoMs: 1_000 });
		expect(reply.remainingMs).toBe(9_000);
		clock.advance(3_000);
		expect(reply.remainingMs).toBe(6_000);
		reply.cancel();
	});

	it('runs on the system clock when given none', async () => {
		const responder = recordingResponder();
		const reply = new DeadlineReply(responder, {
			receivedAt: Date.now(),
			deferAfterMs: 60_000,
			logger: recordingLogger(),
		});
		expect(reply.remainingMs).toBeGreaterThan(59_000);
		expect(await reply.send(ANSWER)).toBe('inline');
	});
});

describe('RateLimitBudget', () => {
	const at = 1_000_000;
	it('keeps waiting on a short 429, and gives up at the third', () => {
		let now = at;
		const budget = new RateLimitBudget({ receivedAt: at, now: () => now });
		expect(budget.answered429(300)).toEqual({ giveUp: false });
		now += 300;
		expect(budget.answered429(300)).toEqual({ giveUp: false });
		now += 300;
		expect(budget.answered429(300)).toEqual({ giveUp: true, retryAt: now + 300, why: 'attempts' });
	});

	it('gives up on a wait that would end past the budget, answered or announced', () => {
		const budget = new RateLimitBudget({ receivedAt: at, now: () => at + 1_000 });
		expect(budget.announced(RATE_LIMIT_BUDGET_MS)).toMatchObject({ giveUp: true, why: 'wait' });
		expect(budget.answered429(RATE_LIMIT_BUDGET_MS)).toMatchObject({ giveUp: true, why: 'wait' });
		expect(budget.announced(3_500)).toEqual({ giveUp: false });
	});
});
