/**
 * DeadlineReply with real timers and budgets of a few tens of milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { DeadlineReply, RATE_LIMIT_BUDGET_MS, RateLimitBudget } from '../../src/core/deadline.js';
import { textReply } from '../../src/core/render.js';
import { recordingLogger, recordingResponder, sleep } from './helpers.js';

const ANSWER = textReply('done');
const BUDGET_MS = 30;

function deadline(
	responder: ReturnType<typeof recordingResponder>,
	options: { budgetMs?: number; receivedAt?: number } = {},
) {
	const logger = recordingLogger();
	const reply = new DeadlineReply(responder, {
		receivedAt: options.receivedAt ?? Date.now(),
		deferAfterMs: options.budgetMs ?? BUDGET_MS,
		logger,
	});
	return { reply, logger };
}

describe('DeadlineReply', () => {
	it('replies inline when the answer comes before the budget, and never defers', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder);
		expect(await reply.send(ANSWER)).toBe('inline');
		await sleep(BUDGET_MS + 20);
		expect(responder.kinds()).toEqual(['reply']);
		expect(responder.calls[0]?.message).toBe(ANSWER);
		expect(reply.deferred).toBe(false);
	});

	it('defers once the budget passes, then edits the deferred response', async () => {
		const responder = recordingResponder();
		const started = Date.now();
		const { reply } = deadline(responder);
		await sleep(BUDGET_MS + 20);
		expect(responder.kinds()).toEqual(['defer']);
		expect(responder.calls[0]!.at - started).toBeGreaterThanOrEqual(BUDGET_MS - 5);
		expect(reply.deferred).toBe(true);
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
		expect(responder.calls[1]?.message).toBe(ANSWER);
	});

	it('defers at once when the interaction arrived longer ago than the budget', async () => {
		const responder = recordingResponder();
		deadline(responder, { receivedAt: Date.now() - 1_000 });
		await sleep(5);
		expect(responder.kinds()).toEqual(['defer']);
	});

	it('defers on demand before the budget and then edits', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder, { budgetMs: 10_000 });
		expect(await reply.defer('rate limited')).toBe(true);
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('defers only once however often it is asked, and the budget adds no second defer', async () => {
		const responder = recordingResponder({ delayMs: { defer: 10 } });
		const { reply } = deadline(responder);
		const first = reply.defer('one');
		const second = reply.defer('two');
		expect(second).toBe(first);
		await sleep(BUDGET_MS + 20);
		expect(await reply.send(ANSWER)).toBe('deferred');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('waits for a defer still in flight before editing', async () => {
		const responder = recordingResponder({ delayMs: { defer: 40 } });
		const { reply } = deadline(responder, { budgetMs: 10_000 });
		void reply.defer('slow work');
		expect(await reply.send(ANSWER)).toBe('deferred');
		const [defer, edit] = responder.calls;
		expect(edit!.at - defer!.at).toBeGreaterThanOrEqual(35);
	});

	it('never answers twice: a second send throws and sends nothing', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder);
		await reply.send(ANSWER);
		await expect(reply.send(ANSWER)).rejects.toThrow('already answered');
		expect(responder.kinds()).toEqual(['reply']);
	});

	it('never edits twice after a defer', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder);
		await reply.defer('now');
		await reply.send(ANSWER);
		await expect(reply.send(ANSWER)).rejects.toThrow('already answered');
		expect(responder.kinds()).toEqual(['defer', 'edit']);
	});

	it('does not defer after an inline reply', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder);
		await reply.send(ANSWER);
		expect(await reply.defer('late')).toBe(false);
		expect(responder.kinds()).toEqual(['reply']);
	});

	it('reports the answer lost when the defer failed, without trying to edit', async () => {
		const responder = recordingResponder({ fail: { defer: true } });
		const { reply, logger } = deadline(responder);
		await sleep(BUDGET_MS + 20);
		expect(await reply.send(ANSWER)).toBe('lost');
		expect(responder.kinds()).toEqual(['defer']);
		expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
	});

	it('reports the answer lost when the inline reply fails', async () => {
		const responder = recordingResponder({ fail: { reply: true } });
		const { reply } = deadline(responder);
		expect(await reply.send(ANSWER)).toBe('lost');
	});

	it('reports the answer lost when the edit fails', async () => {
		const responder = recordingResponder({ fail: { edit: true } });
		const { reply } = deadline(responder);
		await reply.defer('now');
		expect(await reply.send(ANSWER)).toBe('lost');
	});

	it('stops the timer on cancel, so nothing is sent', async () => {
		const responder = recordingResponder();
		const { reply } = deadline(responder);
		reply.cancel();
		await sleep(BUDGET_MS + 20);
		expect(responder.calls).toEqual([]);
	});

	it('counts the remaining budget from when the interaction arrived', () => {
		let now = 1_000;
		const responder = recordingResponder();
		const reply = new DeadlineReply(responder, {
			receivedAt: 1_000,
			deferAfterMs: 10_000,
			logger: recordingLogger(),
			now: () => now,
		});
		expect(reply.remainingMs).toBe(10_000);
		now = 4_000;
		expect(reply.remainingMs).toBe(7_000);
		reply.cancel();
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
