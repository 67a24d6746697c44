/**
 * Two `npm run serve` processes behind one real @discordjs/proxy, in front of the local
 * Discord: what HTTP replicas behind a load balancer look like. The proxy strips every
 * X-RateLimit-* header, so the endpoints only learn of a limit from a 429's Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { type Program, programEnvironment, startProgram, stopAll } from '../support/program.js';
import { type RestProxy, startRestProxy } from '../support/rest-proxy.js';

const INVITES = `/channels/${seedIds.channels.general}/invites`;
/** Invites per channel the local Discord allows per window, so the burst below runs into it. */
const BUCKET = { limit: 8, windowMs: 1000 };

let discord: LocalDiscord;
let proxy: RestProxy;
const endpoints: string[] = [];

async function serve(): Promise<string> {
	const program: Program = startProgram(
		'src/http/main.ts',
		programEnvironment({
			DISCORD_TOKEN: discord.token,
			DISCORD_APPLICATION_ID: discord.applicationId,
			DISCORD_PUBLIC_KEY: discord.publicKey,
			DISCORD_API_URL: proxy.apiUrl,
			// Behind a shared proxy the client-side global cap is off.
			DISCORD_REST_GLOBAL_RPS: '0',
			// The burst is one member asking many times: no per-user limit here.
			COOLDOWN_PER_USER: '0',
			COOLDOWN_PER_GUILD: '0',
			HOST: '127.0.0.1',
			PORT: '0',
		}),
	);
	const match = await program.waitFor(/listening on (http:\/\/\S+\/interactions)/);
	return (match as RegExpMatchArray)[1]!;
}

beforeAll(async () => {
	discord = await startLocalDiscord({ inviteBucket: BUCKET });
	proxy = await startRestProxy(discord.apiUrl);
	endpoints.push(...(await Promise.all([serve(), serve()])));
}, 60_000);

afterAll(async () => {
	await stopAll();
	await proxy?.close();
	await discord?.close();
});

const invite = (options: Record<string, string | number | boolean> = {}) =>
	discord.interaction({ user: 'member', channel: 'general', options: { unique: true, ...options } });

describe('HTTP endpoints behind @discordjs/proxy', () => {
	it('create an invite through the proxy, with the token and the audit-log reason forwarded', async () => {
		const before = proxy.answered.length;
		const handle = discord.dispatch(invite({ reason: 'through the proxy' }), { via: 'http', url: endpoints[0]! });
		const message = await handle.message();
		expect(message.content).toMatch(/discord\.gg\/\w+/);
		const [created] = discord.requestsTo('POST', INVITES).slice(-1);
		expect(created).toMatchObject({ status: 200, authorized: true });
		expect(created?.auditLogReason).toMatch(/through the proxy$/);
		const viaProxy = proxy.answered.slice(before).filter((r) => r.path.endsWith(`${INVITES}`));
		expect(viaProxy).toEqual([
			{ method: 'POST', path: `/api/v10${INVITES}`, status: 200, rateLimitHeaders: false },
		]);
	});

	it('waits out a 429 that reaches them without X-RateLimit-* headers, and still answers in time', async () => {
		const posts = discord.requestsTo('POST', INVITES).length;
		discord.inject('POST', INVITES, { rateLimit: { retryAfterMs: 1200 } });
		const handle = discord.dispatch(invite(), { via: 'http', url: endpoints[1]! });
		const message = await handle.message(10_000);
		expect(message.content).toMatch(/discord\.gg\/\w+/);
		// Answered within Discord's 3 s (inline, or deferred then edited), never 10062.
		expect(handle.rejected).toEqual([]);
		expect(handle.answeredInMs).toBeLessThan(3000);
		const [limited, retried, ...more] = discord.requestsTo('POST', INVITES).slice(posts);
		expect(limited?.status).toBe(429);
		expect(retried?.status).toBe(200);
		expect(more).toEqual([]);
		// The retry came after the proxy's Retry-After, not at once.
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
		const fromProxy = proxy.answered.filter((r) => r.path === `/api/v10${INVITES}` && r.status === 429);
		expect(fromProxy.at(-1)).toMatchObject({ rateLimitHeaders: false });
	});

	it('answer every interaction of a burst from two processes at once, one invite each', async () => {
		const posts = discord.requestsTo('POST', INVITES).filter((r) => r.status === 200).length;
		const count = 24;
		const handles = Array.from({ length: count }, (_, i) =>
			discord.dispatch(invite({ max_uses: (i % 10) + 1 }), { via: 'http', url: endpoints[i % 2]! }),
		);
		const messages = await Promise.all(handles.map((handle) => handle.message(20_000)));
		for (const message of messages) expect(message.content).toMatch(/discord\.gg\/\w+/);
		for (const handle of handles) {
			expect(handle.httpStatus).toBe(200);
			expect(handle.rejected).toEqual([]);
			expect(handle.answeredInMs).toBeLessThan(3000);
		}
		// The channel's bucket (8 a second) held the burst back: 429s came through the proxy, and
		// each interaction still made exactly one invite.
		const created = discord.requestsTo('POST', INVITES).filter((r) => r.status === 200);
		expect(created.length - posts).toBe(count);
		const codes = new Set(messages.map((m) => /discord\.gg\/(\w+)/.exec(m.content ?? '')?.[1]));
		expect(codes.size).toBe(count);
		expect(proxy.answered.some((r) => r.status === 429)).toBe(true);
	}, 60_000);
});
