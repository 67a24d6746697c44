/**
 * The Worker's bindings made into what the host-free handler takes: the Durable Objects that
 * keep what one isolate cannot (the replay guard, the cooldowns, the target-users job
 * follow-up, the queue of ledger writes D1 did not take) and the ledger on D1. Also the Cron
 * Trigger's work: the purge of ledger rows past `LEDGER_RETENTION_DAYS`. src/http/worker.ts
 * only hands `fetch` and `scheduled` to these.
 */
import { cooldownLimits, createCooldowns } from '../core/cooldown.js';
import { type InteractionEnv, settingsFromEnv } from '../http/bindings.js';
import {
	type HandlerTuning,
	HEALTH_PATH,
	type HostedState,
	handlerFromEnv,
	type InteractionHandler,
} from '../http/handler.js';
import { createConsoleLogger } from '../log-core.js';
import { parseRetentionDays } from '../store/config.js';
import { type D1DatabaseLike, openD1Store } from '../store/d1.js';
import { logPurge } from '../store/purge.js';
import { DurableCooldownStore } from './cooldown.js';
import type { DurableObjectNamespace } from './durable.js';
import { type DurableLedgerWriter, durableLedgerWriter, workerLogger } from './ledger-writes.js';
import { DurableReplayGuard } from './replay.js';
import { durableJobFollower } from './target-users-job.js';

/** The Worker's bindings: the endpoint's variables, the cooldown and ledger settings, the objects. */
export interface WorkerEnv extends InteractionEnv {
	/** `COUNT/SECONDS` (default 5/60), or 0: off. Needs `COOLDOWNS`. */
	COOLDOWN_PER_USER?: string | undefined;
	/** `COUNT/SECONDS` (default 60/60), or 0: off. Needs `COOLDOWNS`. */
	COOLDOWN_PER_GUILD?: string | undefined;
	/** Days rows of expired, revoked or deleted invites are kept before the Cron Trigger purges them (default 30). */
	LEDGER_RETENTION_DAYS?: string | undefined;
	REPLAY_GUARD?: DurableObjectNamespace | undefined;
	COOLDOWNS?: DurableObjectNamespace | undefined;
	TARGET_USERS_JOBS?: DurableObjectNamespace | undefined;
	/** The queue of ledger writes D1 did not take; without it they wait in the isolate's memory. */
	LEDGER_WRITES?: DurableObjectNamespace | undefined;
	/** The invite ledger and server settings (wrangler.toml's `[[d1_databases]]`); without it, none. */
	DB?: D1DatabaseLike | undefined;
}

/** Cloudflare's `ScheduledController`, the part read here. */
export interface ScheduledEvent {
	cron: string;
	/** When the trigger was due (ms since epoch). */
	scheduledTime: number;
}

/** Names an option's problem by the variable that set it. */
const variableNames = (message: string): string =>
	message.replace('cooldownPerUser', 'COOLDOWN_PER_USER').replace('cooldownPerGuild', 'COOLDOWN_PER_GUILD');

/**
 * The state the bound objects keep, the durable writer of the ledger (when `DB` and
 * `LEDGER_WRITES` are bound), or a problem text for a setting that does not read.
 */
function hostedState(env: WorkerEnv): { hosted: HostedState; writer?: DurableLedgerWriter } | { problem: string } {
	const hosted: HostedState = {};
	const read = settingsFromEnv(env);
	// Misconfigured, handlerFromEnv answers 500 and lists why: nothing here is used then.
	if (!read.ok) return { hosted };
	const logger = createConsoleLogger(read.settings.logLevel, { secrets: [read.settings.token] });
	if (env.REPLAY_GUARD)
		hosted.replayGuard = new DurableReplayGuard(
			env.REPLAY_GUARD,
			read.settings.replayWindowSeconds * 2_000,
			logger,
		);
	if (env.COOLDOWNS) {
		try {
			const limits = cooldownLimits(env.COOLDOWN_PER_USER, env.COOLDOWN_PER_GUILD);
			hosted.cooldowns = createCooldowns({ ...limits, store: new DurableCooldownStore(env.COOLDOWNS, logger) });
		} catch (error) {
			return { problem: variableNames((error as Error).message) };
		}
	}
	if (env.TARGET_USERS_JOBS) hosted.jobFollower = durableJobFollower(env.TARGET_USERS_JOBS);
	if (!env.DB) return { hosted };
	const retention = parseRetentionDays(env.LEDGER_RETENTION_DAYS);
	if (!retention.ok) return { problem: retention.problem };
	const writer = env.LEDGER_WRITES ? durableLedgerWriter(env.LEDGER_WRITES, logger) : undefined;
	hosted.store = openD1Store(env.DB, { logger, retentionDays: retention.value, writer: writer?.factory });
	return writer ? { hosted, writer } : { hosted };
}

/**
 * The Worker's handler for these bindings (and timings a test may tune). With a durable writer,
 * every `waitUntil` also waits for the ledger writes under way, so a write started without
 * being awaited (a `markDeleted` after a revoke) still lands or reaches the object.
 */
export function workerHandler(env: WorkerEnv, tuning: HandlerTuning = {}): InteractionHandler {
	const state = hostedState(env);
	if ('problem' in state) {
		console.error(`Configuration problems:\n  - ${state.problem}`);
		return async (request) =>
			new URL(request.url).pathname === HEALTH_PATH
				? Response.json({ status: 'misconfigured' }, { status: 503 })
				: Response.json({ error: 'endpoint misconfigured' }, { status: 500 });
	}
	const handler = handlerFromEnv(env, tuning, state.hosted);
	const { writer } = state;
	if (!writer) return handler;
	return (request, ctx) =>
		handler(
			request,
			ctx && {
				waitUntil: (promise) => ctx.waitUntil(promise.finally(() => writer.settled())),
			},
		);
}

/**
 * The Cron Trigger's work: deletes ledger rows of invites expired, revoked or deleted more than
 * `LEDGER_RETENTION_DAYS` (default 30) before `event.scheduledTime`, as the Node programs do every
 * six hours, and logs it with the same lines (`logPurge`) what it did. Resolves to the rows deleted, or null when
 * nothing could be purged (no `DB`, a bad variable, D1 down: the next trigger tries again).
 */
export async function purgeLedger(env: WorkerEnv, event: ScheduledEvent): Promise<number | null> {
	const logger = workerLogger(env.LOG_LEVEL);
	if (!env.DB) {
		logger.info({ cron: event.cron }, 'ledger purge: no D1 binding DB, so no ledger to purge');
		return null;
	}
	const retention = parseRetentionDays(env.LEDGER_RETENTION_DAYS);
	if (!retention.ok) {
		logger.error({ cron: event.cron, problem: retention.problem }, 'ledger purge skipped');
		return null;
	}
	const store = openD1Store(env.DB, { logger, retentionDays: retention.value });
	const purged = logPurge(await store.purgeExpired(event.scheduledTime), logger);
	if (purged === 0)
		logger.info({ cron: event.cron, retentionDays: retention.value }, 'ledger purge: no row past its retention');
	return purged;
}
