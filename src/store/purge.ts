/**
 * Purging on a schedule: `purgeExpired` once at start and then every `intervalMs`, on the
 * store's clock. One replica or many: the DELETE is idempotent, so running it on each is safe.
 */
import { type Logger, silentLogger } from '../log-core.js';
import type { InviteStore } from './repository.js';
import { type StoreClock, type StoreResult, systemStoreClock } from './types.js';

/** Six hours: rows outlive their retention by at most this. */
export const DEFAULT_PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Logs what one purge did: how many rows went, or that the database did not answer (the next
 * turn tries again). Every host's timer logs through this: `schedulePurge` on Node, the
 * Worker's Cron Trigger. Answers the rows deleted, or null when the database was down.
 */
export function logPurge(result: StoreResult<number>, logger: Logger): number | null {
	if (!result.ok) {
		logger.warn({ error: result.error }, 'ledger purge skipped: the database did not answer');
		return null;
	}
	if (result.value > 0) logger.info({ purged: result.value }, 'ledger rows past their retention purged');
	return result.value;
}

/**
 * Runs `store.purgeExpired()` now and every `intervalMs` until the returned function is called.
 * A purge that finds the database down is logged and tried at the next turn.
 */
export function schedulePurge(
	store: Pick<InviteStore, 'purgeExpired'>,
	options: { intervalMs?: number; clock?: StoreClock; logger?: Logger } = {},
): () => void {
	const clock = options.clock ?? systemStoreClock;
	const logger = options.logger ?? silentLogger;
	const intervalMs = options.intervalMs ?? DEFAULT_PURGE_INTERVAL_MS;
	let timer: unknown;
	let stopped = false;
	const run = async (): Promise<void> => {
		logPurge(await store.purgeExpired(), logger);
		if (!stopped) timer = clock.setTimer(() => void run(), intervalMs);
	};
	void run();
	return () => {
		stopped = true;
		if (timer !== undefined) clock.clearTimer(timer);
	};
}
