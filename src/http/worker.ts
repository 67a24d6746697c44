/**
 * The Cloudflare Workers adapter: `export default { fetch }` around the host-free handler, and
 * the Durable Objects that keep what one isolate cannot (wrangler.toml declares them): the
 * replay guard (`REPLAY_GUARD`, one object per interaction id), the cooldowns (`COOLDOWNS`,
 * one object per user and per server) and the target-users job follow-up (`TARGET_USERS_JOBS`,
 * one object per job, whose alarm outlives the request). Variables and secrets arrive as
 * bindings (`wrangler.toml` [vars], `wrangler secret put`); the edit of a deferred answer
 * outlives the response through `ctx.waitUntil`. Without the object bindings (a Worker of your
 * own) it runs as the `./fetch` entry does: replay memory per isolate, no cooldowns.
 * `npm run worker` runs it locally in workerd; `npx wrangler deploy` publishes it.
 */
import { cooldownLimits, createCooldowns } from '../core/cooldown.js';
import { createConsoleLogger } from '../log-core.js';
import { type D1DatabaseLike, openD1Store } from '../store/d1.js';
import { DurableCooldownStore } from '../worker/cooldown.js';
import type { DurableObjectNamespace } from '../worker/durable.js';
import { DurableReplayGuard } from '../worker/replay.js';
import { durableJobFollower } from '../worker/target-users-job.js';
import { type InteractionEnv, settingsFromEnv } from './bindings.js';
import {
	type HandlerContext,
	type HandlerTuning,
	HEALTH_PATH,
	type HostedState,
	handlerFromEnv,
	type InteractionHandler,
} from './handler.js';

export { CooldownObject } from '../worker/cooldown.js';
export { ReplayGuardObject } from '../worker/replay.js';
export { TargetUsersJobObject } from '../worker/target-users-job.js';

/** The Worker's bindings: the endpoint's variables, the cooldown settings and the objects. */
export interface WorkerEnv extends InteractionEnv {
	/** `COUNT/SECONDS` (default 5/60), or 0: off. Needs `COOLDOWNS`. */
	COOLDOWN_PER_USER?: string | undefined;
	/** `COUNT/SECONDS` (default 60/60), or 0: off. Needs `COOLDOWNS`. */
	COOLDOWN_PER_GUILD?: string | undefined;
	REPLAY_GUARD?: DurableObjectNamespace | undefined;
	COOLDOWNS?: DurableObjectNamespace | undefined;
	TARGET_USERS_JOBS?: DurableObjectNamespace | undefined;
	/** The invite ledger and server settings (wrangler.toml's `[[d1_databases]]`); without it, none. */
	DB?: D1DatabaseLike | undefined;
}

/** The state the bound objects keep; a problem text for a cooldown setting that does not read. */
function hostedState(env: WorkerEnv): HostedState | { problem: string } {
	const hosted: HostedState = {};
	const read = settingsFromEnv(env);
	// Misconfigured, handlerFromEnv answers 500 and lists why: nothing here is used then.
	if (!read.ok) return hosted;
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
			return {
				problem: (error as Error).message
					.replace('cooldownPerUser', 'COOLDOWN_PER_USER')
					.replace('cooldownPerGuild', 'COOLDOWN_PER_GUILD'),
			};
		}
	}
	if (env.TARGET_USERS_JOBS) hosted.jobFollower = durableJobFollower(env.TARGET_USERS_JOBS);
	if (env.DB) hosted.store = openD1Store(env.DB, { logger });
	return hosted;
}

/** The Worker's handler for these bindings (and timings a test may tune). */
export function workerHandler(env: WorkerEnv, tuning: HandlerTuning = {}): InteractionHandler {
	const hosted = hostedState(env);
	if ('problem' in hosted) {
		console.error(`Configuration problems:\n  - ${hosted.problem}`);
		return async (request) =>
			new URL(request.url).pathname === HEALTH_PATH
				? Response.json({ status: 'misconfigured' }, { status: 503 })
				: Response.json({ error: 'endpoint misconfigured' }, { status: 500 });
	}
	return handlerFromEnv(env, tuning, hosted);
}

/** Built on the first request; an isolate's bindings never change. */
let handler: InteractionHandler | undefined;

export default {
	/** `ctx` is Cloudflare's ExecutionContext; hosts without one (Deno, Bun) may leave it out. */
	fetch(request: Request, env: WorkerEnv, ctx?: HandlerContext): Promise<Response> {
		handler ??= workerHandler(env);
		return handler(request, ctx);
	},
};
