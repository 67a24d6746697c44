/**
 * The write-behind queue on a manual clock: a failed write is kept, retried on the policy's
 * schedule and in order, reported (log line and metric), and given up only at the end.
 */
import { describe, expect, it } from 'vitest';
import { schedulePurge, WriteBehindQueue } from '../../src/store/index.js';
import { manualClock, recordingLogger } from '../core/helpers.js';

const policy = { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 4 };

function setup(options: { maxSize?: number } = {}) {
	const clock = manualClock();
	const logger = recordingLogger();
	const lines = logger.lines;
	const events: string[] = [];
	const queue = new WriteBehindQueue({
		clock,
		logger,
		policy,
		...options,
		metrics: {
			writeFailed: (op, queued) => events.push(`failed ${op}${queued ? ' queued' : ''}`),
			writeRetried: (op, attempts) => events.push(`retried ${op} after ${attempts}`),
			writeDropped: (op) => events.push(`dropped ${op}`),
		},
	});
	/** Moves the clock and lets the writes it started finish. */
	const advance = async (ms: number) => {
		clock.advance(ms);
		await queue.settled();
	};
	return { clock, queue, lines, events, advance };
}

/** A write that fails its first `failures` tries, recording each try. */
function flaky(failures: number, log: string[], name: string) {
	let tries = 0;
	return async () => {
		tries++;
		log.push(`${name}#${tries}`);
		if (tries <= failures) throw new Error(`${name} failed`);
	};
}

describe('the write-behind queue', () => {
	it('writes at once when the database answers', async () => {
		const { queue, events } = setup();
		const tries: string[] = [];
		expect(await queue.submit('recordInvite', flaky(0, tries, 'a'))).toBe('written');
		expect(queue.depth).toBe(0);
		expect(events).toEqual([]);
	});

	it('keeps a failed write, says so, and retries it after the backoff until it goes through', async () => {
		const { queue, events, lines, advance } = setup();
		const tries: string[] = [];
		expect(await queue.submit('recordInvite', flaky(2, tries, 'a'))).toBe('queued');
		expect(queue.depth).toBe(1);
		expect(lines.some((line) => line.message.includes('ledger write failed'))).toBe(true);
		await advance(99);
		expect(tries).toEqual(['a#1']);
		await advance(1);
		expect(tries).toEqual(['a#1', 'a#2']);
		// Second failure: the wait doubles.
		await advance(199);
		expect(tries).toHaveLength(2);
		await advance(1);
		expect(tries).toEqual(['a#1', 'a#2', 'a#3']);
		expect(queue.depth).toBe(0);
		expect(events).toEqual([
			'failed recordInvite queued',
			'failed recordInvite queued',
			'retried recordInvite after 3',
		]);
	});

	it('keeps the order: a later write waits behind one that failed', async () => {
		const { queue, advance } = setup();
		const tries: string[] = [];
		await queue.submit('recordInvite', flaky(1, tries, 'record'));
		expect(await queue.submit('markDeleted', flaky(0, tries, 'delete'))).toBe('queued');
		expect(tries).toEqual(['record#1']);
		await advance(100);
		expect(tries).toEqual(['record#1', 'record#2', 'delete#1']);
		expect(queue.depth).toBe(0);
	});

	it('gives a write up after the last attempt, with an error line and a metric, and goes on', async () => {
		const { queue, events, lines, advance } = setup();
		const tries: string[] = [];
		await queue.submit('recordInvite', flaky(99, tries, 'doomed'));
		await queue.submit('markDeleted', flaky(0, tries, 'next'));
		for (const wait of [100, 200, 400]) await advance(wait);
		expect(tries).toEqual(['doomed#1', 'doomed#2', 'doomed#3', 'doomed#4', 'next#1']);
		expect(events).toContain('dropped recordInvite');
		expect(lines.some((line) => line.level === 'error' && line.message.includes('ledger write given up'))).toBe(
			true,
		);
		expect(queue.depth).toBe(0);
	});

	it('drops the oldest write when full, rather than growing without end', async () => {
		const { queue, events } = setup({ maxSize: 2 });
		const tries: string[] = [];
		await queue.submit('a', flaky(9, tries, 'a'));
		await queue.submit('b', flaky(0, tries, 'b'));
		await queue.submit('c', flaky(0, tries, 'c'));
		expect(queue.depth).toBe(2);
		expect(events).toContain('dropped a');
	});

	it('flush() tries now, without waiting for the backoff', async () => {
		const { queue } = setup();
		const tries: string[] = [];
		await queue.submit('recordInvite', flaky(1, tries, 'a'));
		await queue.flush();
		expect(tries).toEqual(['a#1', 'a#2']);
		expect(queue.depth).toBe(0);
	});
});

describe('the purge schedule', () => {
	it('purges at start and then every interval, on the clock it is given, until stopped', async () => {
		const clock = manualClock();
		const calls: number[] = [];
		const store = {
			purgeExpired: async () => {
				calls.push(clock.now());
				return { ok: true as const, value: 0 };
			},
		};
		const stop = schedulePurge(store, { clock, intervalMs: 1_000 });
		await Promise.resolve();
		expect(calls).toEqual([1_000_000]);
		for (let i = 0; i < 2; i++) {
			clock.advance(1_000);
			await new Promise((resolve) => setImmediate(resolve));
		}
		expect(calls).toEqual([1_000_000, 1_001_000, 1_002_000]);
		stop();
		clock.advance(5_000);
		expect(calls).toHaveLength(3);
		expect(clock.pending()).toBe(0);
	});
});
