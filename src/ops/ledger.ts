/**
 * The invite ledger as the Node programs (`npm start`, `npm run serve`) run it: opened from
 * `DATABASE_URL` and `LEDGER_RETENTION_DAYS`, purged on a schedule, closed on shutdown. A
 * ledger that cannot be opened (a driver missing, a file that cannot be created) is logged
 * and left out: `/invite` keeps working, `/invites` says the ledger is unavailable.
 */
import type { Logger } from '../log-core.js';
import { readStoreConfig } from '../store/config.js';
import { openStore } from '../store/node.js';
import { schedulePurge } from '../store/purge.js';
import type { InviteStore } from '../store/repository.js';
import type { StoreMetrics } from '../store/types.js';
import type { InviteMetrics } from './metrics-types.js';

/** The store's hooks onto the program's metrics (`invite_ledger_troubles_total`). */
export function ledgerMetrics(metrics: InviteMetrics): StoreMetrics {
	return {
		writeFailed: (operation) => metrics.recordLedger?.('failed', operation),
		writeRetried: (operation) => metrics.recordLedger?.('retried', operation),
		writeDropped: (operation) => metrics.recordLedger?.('dropped', operation),
		unavailable: (operation) => metrics.recordLedger?.('unavailable', operation),
	};
}

/** The program's ledger: the store (none when it could not be opened) and how to close it. */
export interface Ledger {
	store: InviteStore | undefined;
	close(): Promise<void>;
}

/**
 * Opens the ledger the environment names. Answers the configuration's problems (the program
 * then refuses to start, like any other bad variable) or the ledger.
 */
export async function openLedger(
	env: Readonly<Record<string, string | undefined>>,
	options: { logger: Logger; metrics?: InviteMetrics | undefined },
): Promise<{ ok: true; ledger: Ledger } | { ok: false; problems: string[] }> {
	const config = readStoreConfig(env);
	if (!config.ok) return config;
	const { logger } = options;
	let store: InviteStore;
	try {
		// Connects lazily: a database down at start is retried, and /invite never waits on it.
		store = await openStore(config.value.database, {
			logger,
			metrics: options.metrics ? ledgerMetrics(options.metrics) : undefined,
			retentionDays: config.value.retentionDays,
		});
	} catch (error) {
		logger.error(
			{ err: error, database: config.value.database.kind },
			'the invite ledger could not be opened (DATABASE_URL): running without it, /invites will say it is unavailable',
		);
		return { ok: true, ledger: { store: undefined, close: async () => undefined } };
	}
	const stopPurge = schedulePurge(store, { logger });
	return {
		ok: true,
		ledger: {
			store,
			async close() {
				stopPurge();
				await store.close();
			},
		},
	};
}
