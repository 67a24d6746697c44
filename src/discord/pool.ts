/**
 * One keep-alive connection pool to Discord's API per origin and process, for the REST
 * clients of the Node programs. @discordjs/rest sends through undici's global Agent unless
 * given a dispatcher (`agent`); a Pool bound to the API's origin skips the Agent's per-request
 * origin lookup and its redirect interceptor (Discord's API does not redirect), about a sixth
 * of @discordjs/rest's CPU per request on loopback. Node only: the Worker and the host-free
 * handler use the web build of @discordjs/rest and `fetch`, and never import this file.
 */
import { Pool } from 'undici';

const pools = new Map<string, Pool>();

/** The pool for the origin of `api` (@discordjs/rest's `api` option, e.g. `https://discord.com/api`). */
export function apiDispatcher(api = 'https://discord.com/api'): Pool {
	const origin = new URL(api).origin;
	let pool = pools.get(origin);
	if (!pool) {
		pool = new Pool(origin);
		pools.set(origin, pool);
	}
	return pool;
}
