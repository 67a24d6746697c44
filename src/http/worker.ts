/**
 * The Cloudflare Workers adapter: `export default { fetch }` around the host-free handler.
 * Variables and secrets arrive as bindings (`wrangler.toml` [vars], `wrangler secret put`);
 * the edit of a deferred answer outlives the response through `ctx.waitUntil`.
 * `npm run worker` runs it locally in workerd; `npx wrangler deploy` publishes it.
 */
import type { InteractionEnv } from './bindings.js';
import { type HandlerContext, handleInteraction } from './handler.js';

export default {
	/** `ctx` is Cloudflare's ExecutionContext; hosts without one (Deno, Bun) may leave it out. */
	fetch(request: Request, env: InteractionEnv, ctx?: HandlerContext): Promise<Response> {
		return handleInteraction(request, env, ctx);
	},
};
