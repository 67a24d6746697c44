/**
 * Ledger writes on the Worker that lose no row. A write D1 does not take is first tried again
 * inside the request (its promise is under `ctx.waitUntil`, so its short waits run to the end),
 * then handed to the {@link LedgerWritesObject} (`LEDGER_WRITES` binding): the write is put in
 * the object's transactional storage, and its alarm tries again with back-off until D1 takes it.
 * A timer inside the isolate would not do: Cloudflare may evict the isolate once the response
 * and its `waitUntil` work end, and the timer with it. An alarm outlives the isolate, a restart
 * and a deploy. One object keeps every handed-on write, in order, so a `markDeleted` never lands
 * before the `recordInvite` of the same code; each write is idempotent (see src/store/writes.ts),
 * so a retry after a success whose answer was lost leaves one row, not two.
 */
import { createConsoleLogger, isLogLevel, type Logger } from '../log-core.js';
import { type D1DatabaseLike, openD1Store } from '../store/d1.js';
import { nextRetryAt, type RetryPolicy } from '../store/policy.js';
import { systemStoreClock } from '../store/types.js';
import {
	isLedgerWrite,
	type LedgerWrite,
	type LedgerWriter,
	type LedgerWriterFactory,
	memoryLedgerWriter,
} from '../store/writes.js';
import { answer, callObject, type DurableObjectNamespace, type DurableObjectState } from './durable.js';

/** Tries within the request: now, then after 0.2 s and 0.4 s; then the write goes to the object. */
export const IN_REQUEST_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	baseDelayMs: 200,
	maxDelayMs: 1_000,
	maxAttempts: 3,
});

/**
 * The object's alarm: 2 s doubling up to 5 minutes, for about a day (300 tries) before a write
 * is given up (an error line): a D1 outage that long is an incident someone is already on.
 */
export const DURABLE_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	baseDelayMs: 2_000,
	maxDelayMs: 300_000,
	maxAttempts: 300,
});

/** The one object that keeps handed-on writes (one queue, so they stay in order). */
export const LEDGER_WRITES_OBJECT = 'ledger-writes';

/** What the object keeps per write. */
interface QueuedWrite {
	write: LedgerWrite;
	/** Tries so far, the request's included. */
	attempts: number;
	/** When the object took it (ms since epoch). */
	queuedAt: number;
}

type LedgerWritesRequest =
	| { op: 'enqueue'; write: LedgerWrite; attempts: number }
	/** How many writes wait, and when the alarm tries next (null: nothing waits). */
	| { op: 'status' }
	/** Tries at once instead of at the next alarm (a test skips the back-off with it). */
	| { op: 'retry-now' };

/** Where the object's queue stands. */
export interface LedgerWritesStatus {
	pending: number;
	nextRetryAt: number | null;
}

/** The bindings the object reads: the ledger and the log level. */
export interface LedgerWritesEnv {
	DB?: D1DatabaseLike | undefined;
	LOG_LEVEL?: string | undefined;
}

/** Writes one alarm applies at most before it hands on to the next alarm. */
const ALARM_BATCH = 100;

/** Keys sort as numbers: zero-padded sequence numbers. */
const writeKey = (sequence: number): string => `write:${String(sequence).padStart(12, '0')}`;

/** A logger at the Worker's `LOG_LEVEL` (info when unset or unreadable). */
export function workerLogger(level: string | undefined): Logger {
	const wanted = (level ?? 'info').trim().toLowerCase();
	return createConsoleLogger(isLogLevel(wanted) ? wanted : 'info');
}

/** The durable queue of ledger writes D1 did not take. Its env is the Worker's. */
export class LedgerWritesObject {
	constructor(
		private readonly state: DurableObjectState,
		private readonly env: LedgerWritesEnv,
	) {}

	async fetch(request: Request): Promise<Response> {
		const body = (await request.json()) as LedgerWritesRequest;
		const { storage } = this.state;
		if (body.op === 'enqueue') {
			if (!isLedgerWrite(body.write)) return answer({ error: 'not a ledger write' }, 400);
			const sequence = (await storage.get<number>('next')) ?? 0;
			const now = Date.now();
			await storage.put('next', sequence + 1);
			await storage.put(writeKey(sequence), {
				write: body.write,
				attempts: body.attempts,
				queuedAt: now,
			} satisfies QueuedWrite);
			// One alarm drains the whole queue; an armed one already covers this write.
			if ((await storage.getAlarm()) === null)
				await storage.setAlarm(nextRetryAt(1, now, DURABLE_RETRY_POLICY) ?? now);
			return answer({ queued: true });
		}
		const pending = (await storage.list<QueuedWrite>({ prefix: 'write:' })).size;
		if (body.op === 'retry-now') {
			if (pending > 0) await storage.setAlarm(Date.now());
			return answer({ pending });
		}
		return answer({
			pending,
			nextRetryAt: pending > 0 ? await storage.getAlarm() : null,
		} satisfies LedgerWritesStatus);
	}

	/** Applies the waiting writes in order; at the first D1 refuses, waits (back-off) and stops. */
	async alarm(): Promise<void> {
		const { storage } = this.state;
		const logger = workerLogger(this.env.LOG_LEVEL);
		if (!this.env.DB) {
			logger.error('ledger writes wait, but the Worker has no D1 binding DB: bind it to let them land');
			return;
		}
		const store = openD1Store(this.env.DB, { logger });
		// A batch per alarm: a long outage may leave many writes, read a page at a time.
		const queued = await storage.list<QueuedWrite>({ prefix: 'write:', limit: ALARM_BATCH });
		for (const [key, entry] of queued) {
			const attempts = entry.attempts + 1;
			try {
				await store.applyWrite(entry.write);
			} catch (error) {
				const at = nextRetryAt(attempts, Date.now(), DURABLE_RETRY_POLICY);
				if (at === null) {
					await storage.delete(key);
					logger.error(
						{ err: error, operation: entry.write.kind, attempts, write: entry.write },
						'ledger write given up: the ledger misses this change',
					);
					continue;
				}
				await storage.put(key, { ...entry, attempts } satisfies QueuedWrite);
				await storage.setAlarm(at);
				logger.warn(
					{ err: error, operation: entry.write.kind, attempts, retryAt: new Date(at).toISOString() },
					'ledger write failed again: kept in the durable queue',
				);
				return;
			}
			await storage.delete(key);
			logger.info(
				{ operation: entry.write.kind, attempts, waitedMs: Date.now() - entry.queuedAt },
				'ledger write went through from the durable queue',
			);
		}
		// A full batch went through: the next one at once.
		if (queued.size === ALARM_BATCH) await storage.setAlarm(Date.now());
	}
}

/** The Worker's writer and a promise of its writes still under way (for `ctx.waitUntil`). */
export interface DurableLedgerWriter {
	factory: LedgerWriterFactory;
	/** Resolves once every write submitted so far has landed or been handed on. */
	settled(): Promise<void>;
}

/**
 * The writer the Worker's store uses with a `LEDGER_WRITES` binding: tries a write in the
 * request (`IN_REQUEST_RETRY_POLICY`), then hands it to the object. If even the object cannot
 * be reached, the write is kept in the isolate's memory queue (an error line: it may be lost
 * with the isolate), the best left to do.
 */
export function durableLedgerWriter(
	namespace: DurableObjectNamespace,
	logger: Logger,
	sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): DurableLedgerWriter {
	const underWay = new Set<Promise<unknown>>();
	const factory: LedgerWriterFactory = (apply) => {
		let fallback: LedgerWriter | undefined;
		const inMemory = (): LedgerWriter => {
			fallback ??= memoryLedgerWriter({ clock: systemStoreClock, logger })(apply);
			return fallback;
		};
		const submit = async (write: LedgerWrite) => {
			for (let attempts = 1; ; attempts++) {
				try {
					await apply(write);
					if (attempts > 1)
						logger.info({ operation: write.kind, attempts }, 'ledger write went through on a retry');
					return 'written' as const;
				} catch (error) {
					const at = nextRetryAt(attempts, 0, IN_REQUEST_RETRY_POLICY);
					logger.warn(
						{ err: error, operation: write.kind, attempts },
						at === null
							? 'ledger write failed: handed to the durable queue'
							: 'ledger write failed: kept to try again',
					);
					if (at === null) break;
					await sleep(at);
				}
			}
			try {
				await callObject(namespace, LEDGER_WRITES_OBJECT, '/', {
					op: 'enqueue',
					write,
					attempts: IN_REQUEST_RETRY_POLICY.maxAttempts,
				} satisfies LedgerWritesRequest);
				return 'queued' as const;
			} catch (error) {
				logger.error(
					{ err: error, operation: write.kind },
					'ledger write could not reach the durable queue: kept in this isolate only',
				);
				return inMemory().submit(write);
			}
		};
		return {
			submit(write) {
				const run = submit(write);
				underWay.add(run);
				void run.finally(() => underWay.delete(run));
				return run;
			},
			get depth() {
				return fallback?.depth ?? 0;
			},
			flush: async () => fallback?.flush(),
			close: () => fallback?.close(),
		};
	};
	return {
		factory,
		async settled() {
			while (underWay.size > 0) await Promise.allSettled([...underWay]);
		},
	};
}
