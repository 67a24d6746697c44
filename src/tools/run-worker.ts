/**
 * `npm run worker`: the Cloudflare Worker (src/http/worker.ts) locally in workerd, with the
 * variables `npm run serve` reads (`PORT`, `HOST`, `DISCORD_PUBLIC_KEY`, `DISCORD_TOKEN`,
 * `DISCORD_APPLICATION_ID`, `DISCORD_API_URL`, `LOG_LEVEL`, `REPLAY_WINDOW_SECONDS`,
 * `COOLDOWN_PER_USER`, `COOLDOWN_PER_GUILD`, `LEDGER_RETENTION_DAYS`, from the environment or
 * `.env`) handed to it as bindings, and wrangler.toml's Durable Objects stored under `WORKER_STATE_DIR` (default
 * `./.wrangler/state`), so a restart keeps them. Listens on `POST /interactions` and
 * `GET /healthz`; SIGINT/SIGTERM stop workerd and exit 0. Offline: miniflare's API, no wrangler
 * login or telemetry.
 */
import { loadConfigOrReport } from '../config.js';
import type { CooldownLimit } from '../core/cooldown.js';
import { createLogger } from '../log.js';
import { STOP_SIGNALS, stopSignal } from '../ops/signals.js';
import { startLocalWorker } from './workerd.js';

/** A limit as the Worker's `COOLDOWN_PER_*` binding reads it: `COUNT/SECONDS`, or `0` for off. */
const cooldownText = (limit: CooldownLimit | null): string =>
	limit ? `${limit.count}/${limit.windowMs / 1_000}` : '0';

/** Where `wrangler dev` keeps its state, and so `npm run worker` by default. */
const DEFAULT_STATE_DIR = './.wrangler/state';

async function main(): Promise<number> {
	const config = loadConfigOrReport(['token', 'applicationId', 'publicKey']);
	if (!config?.publicKey) return 1;
	const logger = createLogger(config.logLevel, { secrets: [config.token] });
	const stateDir = process.env.WORKER_STATE_DIR?.trim() || DEFAULT_STATE_DIR;
	// loadConfigOrReport put `.env` under process.env.
	const retentionDays = process.env.LEDGER_RETENTION_DAYS?.trim();
	let worker: Awaited<ReturnType<typeof startLocalWorker>>;
	const before = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
	try {
		worker = await startLocalWorker({
			host: config.host,
			port: config.port,
			bindings: {
				DISCORD_PUBLIC_KEY: config.publicKey,
				DISCORD_TOKEN: config.token,
				DISCORD_APPLICATION_ID: config.applicationId,
				DISCORD_API_URL: config.apiUrl,
				LOG_LEVEL: config.logLevel,
				REPLAY_WINDOW_SECONDS: String(config.replayWindowSeconds),
				COOLDOWN_PER_USER: cooldownText(config.cooldownPerUser),
				COOLDOWN_PER_GUILD: cooldownText(config.cooldownPerGuild),
				// The Worker checks it (and refuses a bad value) as `npm run serve` does.
				...(retentionDays ? { LEDGER_RETENTION_DAYS: retentionDays } : {}),
			},
			stateDir,
			// wrangler.toml's D1 database: the invite ledger and server settings, kept under stateDir.
			d1: true,
		});
	} catch (error) {
		logger.error({ err: error }, `could not start workerd on ${config.host}:${config.port}`);
		return 1;
	}
	// miniflare's exit hook kills workerd and exits 128+signal at once; ours closes it, then exits 0
	// like `npm run serve` (its 'exit' hook stays, so workerd never outlives this process). Ours
	// is added before theirs go: a signal without a listener, even for a moment, kills the
	// process outright, skipping the 'exit' hook, and workerd would run on.
	const withMiniflare = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
	const signalled = stopSignal();
	for (const signal of STOP_SIGNALS)
		for (const listener of withMiniflare.get(signal) ?? [])
			if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;
	logger.info(
		{ api: config.apiUrl, state: stateDir },
		`listening on http://${host}:${worker.url.port}/interactions (workerd)`,
	);
	const signal = await signalled;
	logger.info(`${signal}: stopping workerd`);
	await worker.close();
	return 0;
}

process.exitCode = await main();
