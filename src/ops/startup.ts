/**
 * What each Node program (`npm start`, `npm run serve`) opens first, the same way: the logger
 * (the token and the Redis and database passwords masked), the metrics and the invite ledger.
 */
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import type { InviteStore } from '../store/repository.js';
import { openLedger } from './ledger.js';
import { createMetrics } from './metrics.js';
import type { InviteMetrics, MetricsRegistry } from './metrics-types.js';
import { redisSecret } from './state.js';

export interface Startup {
	logger: ReturnType<typeof createLogger>;
	metrics: InviteMetrics;
	/** The invite ledger; none when it could not be opened (logged: the program runs without it). */
	store: InviteStore | undefined;
	closeStore(): Promise<void>;
}

/**
 * Metrics nobody can read: the gateway bot without `METRICS_PORT`. Recording into them costs
 * nothing, and prom-client (its registry, its default metrics' GC and event-loop observers)
 * is never loaded, where `createMetrics` would build it after its first 1,000 records.
 */
export function unservedMetrics(): InviteMetrics {
	const nothing = (): void => undefined;
	return {
		get registry(): MetricsRegistry {
			throw new Error('these metrics are not served (METRICS_PORT is unset)');
		},
		recordOutcome: nothing,
		recordStoreFallback: nothing,
		setStoreUp: nothing,
		instrumentRest: nothing,
		watchGateway: nothing,
		recordZombie: nothing,
		recordLedger: nothing,
	};
}

/**
 * Opens the logger, the metrics and the ledger. Undefined when the ledger's variables
 * (`DATABASE_URL`, `LEDGER_RETENTION_DAYS`) do not read: every problem is logged, and the
 * program refuses to start like for any other bad variable. `served: false`: nothing will
 * serve `/metrics`, so nothing is recorded (`unservedMetrics`).
 */
export async function openStartup(
	config: Pick<Config, 'logLevel' | 'token' | 'redisUrl'>,
	env: NodeJS.ProcessEnv = process.env,
	{ served = true }: { served?: boolean } = {},
): Promise<Startup | undefined> {
	const logger = createLogger(config.logLevel, {
		secrets: [config.token, ...redisSecret(config.redisUrl), ...redisSecret(env.DATABASE_URL)],
	});
	const metrics = served ? createMetrics() : unservedMetrics();
	const opened = await openLedger(env, { logger, metrics });
	if (!opened.ok) {
		for (const problem of opened.problems) logger.error(problem);
		return undefined;
	}
	const { ledger } = opened;
	return { logger, metrics, store: ledger.store, closeStore: () => ledger.close() };
}
