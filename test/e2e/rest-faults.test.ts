/**
 * The REST-fault matrix, over both transports: whatever Create Channel Invite does (401 once,
 * 429 always, 5xx, a reset, a hang, a 200 that is not JSON, a connection dropped before any
 * answer), each interaction is answered exactly once, the invite POSTs stay bounded, the next
 * interaction works, and no line either transport writes holds the token or a part of it.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, InteractionHandle, LocalDiscord, RecordedRequest } from '../../src/local-discord/index.js';
import { createLogger } from '../../src/log.js';
import { startHttpHarness } from '../http/harness.js';
import { startGatewayHarness } from '../support/gateway-harness.js';
import type { Transport } from './scenarios.js';

/** Shaped like a real bot token (three base64url parts), so every masking rule is exercised. */
const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gx7kQe.c2VjcmV0LXRva2VuLXBhcnQtdGhyZWUtZm9yLXRlc3Rz';
const INVITES = /^\/channels\/\d+\/invites$/;

interface Probe extends Transport {
	/** Every line the transport's loggers wrote. */
	lines: string[];
	/** The HTTP status of `/healthz`, where the transport has one. */
	health?: () => Promise<number>;
}

async function gateway(lines: string[]): Promise<Probe> {
	const logger = createLogger('debug', { secrets: [TOKEN], write: (line) => lines.push(line) });
	const harness = await startGatewayHarness({
		discord: { token: TOKEN },
		command: { logger, requestTimeoutMs: 500 },
	});
	return {
		lines,
		discord: harness.discord,
		invite: harness.invite,
		autocomplete: (init) => harness.discord.dispatch(harness.discord.autocomplete({ ...init, command: 'invite' })),
		command: (init) => harness.discord.dispatch(harness.discord.interaction(init)),
		close: harness.close,
	};
}

async function http(lines: string[]): Promise<Probe> {
	const logger = createLogger('debug', { secrets: [TOKEN], write: (line) => lines.push(line) });
	const harness = await startHttpHarness({ discord: { token: TOKEN }, logger, requestTimeoutMs: 500 });
	const health = async () => (await fetch(harness.url.replace(/\/interactions$/, '/healthz'))).status;
	return { ...harness, lines, health };
}

const posts = (discord: LocalDiscord, since: number): RecordedRequest[] =>
	discord.requestsTo('POST', INVITES).filter((request) => request.at >= since);

/** Waits until the interaction's answer is final (the user sees a message), then a little more. */
async function answered(handle: InteractionHandle): Promise<string> {
	const message = await handle.message(15_000);
	// Anything that would answer twice does so right after the first answer.
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(handle.rejected, 'no late or second response').toEqual([]);
	expect(handle.responses, 'exactly one response').toHaveLength(1);
	expect(handle.edits.length, 'at most one edit').toBeLessThanOrEqual(1);
	expect(message.deferred, 'not left thinking').toBe(false);
	return message.content ?? '';
}

for (const [name, start] of [
	['the gateway (discord.js)', gateway],
	['HTTP (Interactions Endpoint URL)', http],
] as const) {
	describe(`REST faults over ${name}`, () => {
		let probe: Probe;
		let discord: LocalDiscord;
		const lines: string[] = [];
		beforeAll(async () => {
			probe = await start(lines);
			discord = probe.discord;
		});
		afterAll(async () => {
			await probe.close();
			// The secrets probe: nothing either transport wrote across the matrix holds the token.
			const all = lines.join('\n');
			expect(all).not.toContain(TOKEN);
			for (const part of TOKEN.split('.')) expect(all).not.toContain(part);
		});

		/** After any fault, the next `/invite` reaches Discord with the configured token and works. */
		async function nextIsFine(): Promise<void> {
			const since = Date.now();
			const content = await answered(
				probe.invite({ user: 'member', channel: 'general', options: { unique: true } }),
			);
			expect(content).toContain('https://discord.gg/');
			const sent = posts(discord, since);
			expect(sent.map((request) => [request.status, request.authorized])).toEqual([[200, true]]);
		}

		it('tells a 401 as a token problem, and the next /invite still reaches Discord with the configured token', async () => {
			discord.inject('POST', INVITES, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
			const since = Date.now();
			const content = await answered(
				probe.invite({ user: 'member', channel: 'general', options: { unique: true } }),
			);
			expect(content).toMatch(/token/i);
			expect(content).not.toMatch(/Reference:/);
			expect(posts(discord, since)).toHaveLength(1);
			expect(lines.some((line) => /"level":"error".*token/i.test(line))).toBe(true);
			if (probe.health) expect(await probe.health()).toBe(503);
			await nextIsFine();
			if (probe.health) expect(await probe.health()).toBe(200);
			await nextIsFine();
		});

		it('keeps the token of the lookups client after a 401 there too', async () => {
			// The role standing is looked up over REST on HTTP (GET /guilds/{id}); the gateway reads
			// its cache, so there the 401 lands on the invite POST instead.
			discord.inject('GET', /^\/guilds\/\d+$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
			discord.inject('POST', INVITES, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
			await answered(probe.invite({ user: 'moderator', channel: 'general', options: { role: 'member' } }));
			discord.clearFaults();
			const content = await answered(
				probe.invite({ user: 'moderator', channel: 'general', options: { role: 'member', unique: true } }),
			);
			expect(content).toContain('https://discord.gg/');
			const since = Date.now();
			await nextIsFine();
			expect(
				discord.requests.filter((r) => r.at >= since && r.headers.authorization).every((r) => r.authorized),
			).toBe(true);
		});

		it('gives up on a route that answers 429 every time after a few attempts and a few seconds, and says Discord is busy', async () => {
			discord.inject('POST', INVITES, { rateLimit: { retryAfterMs: 300 } }, 1_000);
			const since = Date.now();
			try {
				const content = await answered(
					probe.invite({ user: 'member', channel: 'voice', options: { unique: true } }),
				);
				expect(content).toMatch(/Discord is busy.*<t:\d+:R>/);
				expect(Date.now() - since).toBeLessThan(12_000);
				expect(posts(discord, since).length).toBeLessThanOrEqual(5);
			} finally {
				discord.clearFaults();
			}
			await nextIsFine();
		});

		const ambiguous: [string, Fault][] = [
			['a 200 whose JSON is cut off', { malformed: true }],
			['a connection dropped before any response', { drop: true }],
			['a connection reset', { reset: true }],
			['a request that never gets an answer', { hang: true }],
		];
		for (const [what, fault] of ambiguous) {
			it(`treats ${what} as an answer lost on the way: one POST, "an invite may exist", the next one fine`, async () => {
				discord.inject('POST', INVITES, fault);
				const since = Date.now();
				const content = await answered(
					probe.invite({ user: 'member', channel: 'general', options: { unique: true } }),
				);
				expect(content).toMatch(/may still have been made/);
				expect(posts(discord, since)).toHaveLength(1);
				await nextIsFine();
			});
		}

		for (const status of [500, 502, 503]) {
			it(`reports a ${status} once, never repeats the POST, and the next one is fine`, async () => {
				discord.inject('POST', INVITES, { status, body: { message: `${status}`, code: 0 } });
				const since = Date.now();
				const content = await answered(
					probe.invite({ user: 'member', channel: 'general', options: { unique: true } }),
				);
				expect(content).toContain(`HTTP ${status}`);
				expect(posts(discord, since)).toHaveLength(1);
				await nextIsFine();
			});
		}

		it('shows the fields of a 50035 in our own words, never the upstream text', async () => {
			discord.inject('POST', INVITES, {
				status: 400,
				body: {
					code: 50035,
					message: 'Invalid Form Body',
					errors: {
						max_age: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: `<@&1> ${TOKEN} evil text` }] },
					},
				},
			});
			const content = await answered(probe.invite({ user: 'member', channel: 'general' }));
			expect(content).toContain('max_age');
			expect(content).not.toContain('evil text');
			expect(content).not.toContain('<@&1>');
		});

		it('never logs the token that an upstream error text echoes', async () => {
			discord.inject('POST', INVITES, {
				status: 400,
				body: { code: 12_345, message: `token was ${TOKEN} and Bot ${TOKEN}` },
			});
			await answered(probe.invite({ user: 'member', channel: 'general' }));
			expect(lines.join('\n')).not.toContain(TOKEN);
		});
	});
}
