/**
 * The write-behind queue: a ledger write that fails is kept and tried again, in order, so a
 * database that is down or slow never costs a member their reply. Each failure is a log
 * line and a metric; a write is given up only after the retry policy says so.
 */
import type { Logger } from '../log-core.js';
import { DEFAULT_RETRY_POLICY, nextRetryAt, type RetryPolicy } from './policy.js';
import type { StoreClock, StoreMetrics, WriteOutcome } from './types.js';

interface PendingWrite {
	operation: string;
	run: () => Promise<unknown>;
	attempts: number;
}

/** Options of a `WriteBehindQueue`. */
export interface WriteBehindOptions {
	clock: StoreClock;
	logger: Logger;
	metrics?: StoreMetrics | undefined;
	policy?: RetryPolicy | undefined;
	/** Writes kept at most; past it the oldest is dropped (logged). Default 10,000. */
	maxSize?: number | undefined;
}

/**
 * Runs writes now when it can, and keeps the ones that fail to try again later. Writes run in
 * the order they were submitted: while one waits for its retry, later ones wait behind it
 * (a `markDeleted` must never land before the `recordInvite` of the same code).
 */
export class WriteBehindQueue {
	readonly #pending: PendingWrite[] = [];
	readonly #options: WriteBehindOptions & { policy: RetryPolicy; maxSize: number };
	#timer: unknown;
	#draining: Promise<void> | undefined;
	#closed = false;

	constructor(options: WriteBehindOptions) {
		this.#options = {
			...options,
			policy: options.policy ?? DEFAULT_RETRY_POLICY,
			maxSize: options.maxSize ?? 10_000,
		};
	}

	/** Writes waiting for a retry. */
	get depth(): number {
		return this.#pending.length;
	}

	/**
	 * Runs `run` now (when nothing waits before it) and resolves `written`; on failure, or
	 * when earlier writes still wait, keeps it and resolves `queued`. Never rejects.
	 */
	async submit(operation: string, run: () => Promise<unknown>): Promise<WriteOutcome> {
		const write: PendingWrite = { operation, run, attempts: 0 };
		if (this.#pending.length === 0 && !this.#draining) {
			try {
				write.attempts++;
				await run();
				return 'written';
			} catch (error) {
				this.#failed(write, error);
			}
		}
		this.#enqueue(write);
		return 'queued';
	}

	/** Resolves once the writes that could run now have run (tests, shutdown). */
	async settled(): Promise<void> {
		while (this.#draining) await this.#draining;
	}

	/** Tries every waiting write now, whatever the policy's wait (shutdown, or the database is back). */
	async flush(): Promise<void> {
		await this.settled();
		this.#drain();
		await this.settled();
	}

	/** Stops retrying; what still waits is logged as dropped. */
	close(): void {
		this.#closed = true;
		if (this.#timer !== undefined) this.#options.clock.clearTimer(this.#timer);
		this.#timer = undefined;
		for (const write of this.#pending.splice(0)) this.#dropped(write, 'closed');
		this.#options.metrics?.queueDepth?.(0);
	}

	#enqueue(write: PendingWrite): void {
		if (this.#closed) {
			this.#dropped(write, 'closed');
			return;
		}
		this.#pending.push(write);
		while (this.#pending.length > this.#options.maxSize) {
			const oldest = this.#pending.shift();
			if (oldest) this.#dropped(oldest, 'queue full');
		}
		this.#options.metrics?.queueDepth?.(this.#pending.length);
		this.#schedule();
	}

	#failed(write: PendingWrite, error: unknown): void {
		this.#options.metrics?.writeFailed?.(write.operation, true);
		this.#options.logger.warn(
			{ err: error, operation: write.operation, attempts: write.attempts },
			'ledger write failed: kept to try again',
		);
	}

	#dropped(write: PendingWrite, why: string): void {
		this.#options.metrics?.writeDropped?.(write.operation);
		this.#options.logger.error(
			{ operation: write.operation, attempts: write.attempts, why },
			'ledger write given up: the ledger misses this change',
		);
	}

	/** Arms the timer for the head's next try (one timer for the whole queue). */
	#schedule(): void {
		if (this.#timer !== undefined || this.#draining || this.#closed) return;
		const head = this.#pending[0];
		if (!head) return;
		const { clock, policy } = this.#options;
		const now = clock.now();
		const at = nextRetryAt(Math.max(1, head.attempts), now, policy) ?? now;
		this.#timer = clock.setTimer(
			() => {
				this.#timer = undefined;
				this.#drain();
			},
			Math.max(0, at - now),
		);
	}

	#drain(): void {
		if (this.#draining || this.#closed) return;
		if (this.#timer !== undefined) this.#options.clock.clearTimer(this.#timer);
		this.#timer = undefined;
		this.#draining = (async () => {
			const { policy, metrics } = this.#options;
			for (let head = this.#pending[0]; head && !this.#closed; head = this.#pending[0]) {
				head.attempts++;
				try {
					await head.run();
				} catch (error) {
					this.#failed(head, error);
					if (nextRetryAt(head.attempts, 0, policy) !== null) break;
					this.#pending.shift();
					this.#dropped(head, 'too many attempts');
					continue;
				}
				this.#pending.shift();
				metrics?.writeRetried?.(head.operation, head.attempts);
				this.#options.logger.info(
					{ operation: head.operation, attempts: head.attempts },
					'ledger write went through on a retry',
				);
			}
			metrics?.queueDepth?.(this.#pending.length);
		})().finally(() => {
			this.#draining = undefined;
			this.#schedule();
		});
	}
}
