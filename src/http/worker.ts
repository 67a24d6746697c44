/**
 * The Cloudflare Workers adapter: `fetch` to the host-free handler, `scheduled` (the Cron
 * Trigger, every six hours) to the ledger purge, and the Durable Objects wrangler.toml binds.
 * What the bindings become (the objects, D1, `LEDGER_RETENTION_DAYS`) is src/worker/host.ts.
 * Without the bindings (a Worker of your own) it runs as the `./fetch` entry does: replay
 * memory per isolate, no cooldowns, no ledger. `npm run worker` runs it locally in workerd;
 * `npx wrangler deploy` publishes it.
 */
import { purgeLedger, type ScheduledEvent, type WorkerEnv, workerHandler } from '../worker/host.js';
import type { HandlerContext, InteractionHandler } from './handler.js';

export { CooldownObject } from '../worker/cooldown.js';
export type { WorkerEnv } from '../worker/host.js';
export { LedgerWritesObject } from '../worker/ledger-writes.js';
export { ReplayGuardObject } from '../worker/replay.js';
export { TargetUsersJobObject } from '../worker/target-users-job.js';

/** Built on the first request; an isolate's bindings never change. */
let handler: InteractionHandler | undefined;

export default {
	/** `ctx` is Cloudflare's ExecutionContext; hosts without one (Deno, Bun) may leave it out. */
	fetch(request: Request, env: WorkerEnv, ctx?: HandlerContext): Promise<Response> {
		handler ??= workerHandler(env);
		return handler(request, ctx);
	},
	/** The Cron Trigger (wrangler.toml `[triggers]`): purges ledger rows past their retention. */
	async scheduled(event: ScheduledEvent, env: WorkerEnv): Promise<void> {
		await purgeLedger(env, event);
	},
};
