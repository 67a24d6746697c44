import { type RateLimitData, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import {
	createRest,
	GlobalPacer,
	globalPacerOf,
	globalRpsOf,
	type PacerRelease,
	restOptions,
} from '../../src/discord/rest.js';
import { settingsFromEnv } from '../../src/http/bindings.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { manualClock, settle } from '../core/helpers.js';

let discord: LocalDiscord | undefined;
const clients: REST[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) {
		client.clearHashSweeper();
		client.clearHandlerSweeper();
	}
	await discord?.close();
	discord = undefined;
});

/** Sends `count` GETs at once; resolves with the global waits the client announced. */
async function burst(rest: REST, count: number): Promise<RateLimitData[]> {
	const globalWaits: RateLimitData[] = [];
	rest.on('rateLimited', (data) => {
		if (data.global) globalWaits.push(data);
	});
	// Different channels: separate buckets, so only the global cap can hold requests back.
	const { general, announcements, voice, stage, forum, media } = seedIds.channels;
	const channels = [general, announcements, voice, stage, forum, media];
	await Promise.all(
		Array.from({ length: count }, (_, i) => rest.get(Routes.channel(channels[i % channels.length]!))),
	);
	return globalWaits;
}

describe('the global REST cap (DISCORD_REST_GLOBAL_RPS)', () => {
	it('holds requests past the cap until a second (and a margin) after the first went out', async () => {
		discord = await startLocalDiscord();
		const rest = new REST(restOptions({ api: discord.apiUrl, globalRequestsPerSecond: 2 })).setToken(discord.token);
		clients.push(rest);
		await burst(rest, 3);
		const sent = discord.requestsTo('GET', /^\/channels\//);
		expect(sent).toHaveLength(3);
		expect(sent[2]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1_000);
	});

	it('keeps every client of one bot under 50 a second together: Discord never has to send a global 429', async () => {
		discord = await startLocalDiscord({ globalLimit: { limit: 50, windowMs: 1_000 } });
		const a = createRest({ ...restOptions({ api: discord.apiUrl }), token: discord.token });
		// Clients of one bot share its pacer: Discord counts the global limit per bot.
		const b = createInviteRest({ api: discord.apiUrl, token: discord.token, pacer: globalPacerOf(a) });
		clients.push(a, b);
		const { general, announcements, voice, stage, forum, media } = seedIds.channels;
		const channels = [general, announcements, voice, stage, forum, media];
		await Promise.all(
			Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).get(Routes.channel(channels[i % channels.length]!))),
		);
		expect(discord.requests.filter((request) => request.status === 429)).toEqual([]);
		expect(discord.requestsTo('GET', /^\/channels\//)).toHaveLength(120);
	});

	it('lets interaction callbacks and webhook edits through while bot requests queue: Discord does not count them', async () => {
		discord = await startLocalDiscord();
		const rest = createRest({
			...restOptions({ api: discord.apiUrl, globalRequestsPerSecond: 1 }),
			token: discord.token,
		});
		clients.push(rest);
		const queued = Promise.all([0, 1, 2].map(() => rest.get(Routes.channel(seedIds.channels.general))));
		const pacer = globalPacerOf(rest);
		// The first request goes out and comes back; the other two wait their turn.
		await vi.waitFor(() => expect(pacer?.backlog).toBe(2));
		const started = Date.now();
		// No bot auth: answered at once (404 here: no such interaction), not after the queue.
		await expect(
			rest.post(Routes.interactionCallback('1100000000000000999', 'token'), { body: { type: 5 }, auth: false }),
		).rejects.toMatchObject({ status: 404 });
		// @discordjs/rest's own global counter used to hold these back too (a webhook route is sequential).
		await expect(
			rest.patch(Routes.webhookMessage(discord.applicationId, 'token'), { body: { content: 'x' }, auth: false }),
		).rejects.toMatchObject({ status: 404 });
		expect(Date.now() - started).toBeLessThan(500);
		await queued;
		expect(pacer?.backlog).toBe(0);
	});

	it('is off at 0: a burst past 50 goes out without a global wait', async () => {
		discord = await startLocalDiscord();
		const rest = new REST(restOptions({ api: discord.apiUrl, globalRequestsPerSecond: 0 })).setToken(discord.token);
		clients.push(rest);
		expect(await burst(rest, 120)).toEqual([]);
		expect(discord.requestsTo('GET', /^\/channels\//)).toHaveLength(120);
	});

	it('applies to the invite client too', async () => {
		discord = await startLocalDiscord();
		const off = createInviteRest({ api: discord.apiUrl, token: discord.token, globalRequestsPerSecond: 0 });
		const capped = createInviteRest({ api: discord.apiUrl, token: discord.token, globalRequestsPerSecond: 7 });
		const byDefault = createInviteRest({ api: discord.apiUrl, token: discord.token });
		clients.push(off, capped, byDefault);
		expect(globalRpsOf(off)).toBe(0);
		expect(globalRpsOf(capped)).toBe(7);
		expect(globalRpsOf(byDefault)).toBe(50);
		expect(globalPacerOf(off)).toBeUndefined();
		expect(globalPacerOf(capped)?.limit).toBe(7);
		expect(await burst(off, 60)).toEqual([]);
	});

	it("still stops every request for a global 429's Retry-After when the cap is off", async () => {
		discord = await startLocalDiscord();
		const rest = new REST(restOptions({ api: discord.apiUrl, globalRequestsPerSecond: 0 })).setToken(discord.token);
		clients.push(rest);
		discord.inject('GET', `/channels/${seedIds.channels.general}`, {
			rateLimit: { retryAfterMs: 300, global: true },
		});
		await rest.get(Routes.channel(seedIds.channels.general));
		const [limited, retried] = discord.requestsTo('GET', `/channels/${seedIds.channels.general}`);
		expect(limited?.status).toBe(429);
		expect(retried?.status).toBe(200);
		// Retry-After is whole seconds (1): the retry waited for it.
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(900);
	});

	it('is read by the Worker and other fetch hosts with the same rule as npm run serve', () => {
		const env = {
			DISCORD_PUBLIC_KEY: 'a'.repeat(64),
			DISCORD_TOKEN: 'local-bot-token',
			DISCORD_APPLICATION_ID: '1100000000000000400',
		};
		const read = (rps?: string) => settingsFromEnv({ ...env, DISCORD_REST_GLOBAL_RPS: rps });
		expect(read()).toMatchObject({ ok: true, settings: { restGlobalRps: 50 } });
		expect(read('0')).toMatchObject({ ok: true, settings: { restGlobalRps: 0 } });
		expect(read('lots')).toEqual({
			ok: false,
			problems: [expect.stringMatching(/^DISCORD_REST_GLOBAL_RPS must be a whole number/)],
		});
	});
});

describe('GlobalPacer', () => {
	it('lets `limit` requests through at once, then one a window after an answer came back', async () => {
		const clock = manualClock(0);
		const pacer = new GlobalPacer({ perSecond: 2, marginMs: 0, clock });
		const went: number[] = [];
		const releases: PacerRelease[] = [];
		const send = () =>
			pacer.acquire().then((release) => {
				went.push(clock.now());
				releases.push(release);
			});
		const all = Promise.all([send(), send(), send(), send()]);
		await settle();
		expect(went).toEqual([0, 0]);
		// The answers take 100 ms: the slots free a window after them, not after the sends.
		clock.advance(100);
		for (const release of releases.splice(0)) release();
		clock.advance(999);
		await settle();
		expect(went).toEqual([0, 0]);
		clock.advance(1);
		await settle();
		expect(went).toEqual([0, 0, 1_100, 1_100]);
		for (const release of releases.splice(0)) release();
		await all;
	});

	it('says how long a request entering now will wait, a window per `limit` ahead', async () => {
		let now = 10_000;
		const pacer = new GlobalPacer({ perSecond: 50, marginMs: 50, now: () => now });
		expect(pacer.expectedWaitMs(0)).toBe(0);
		const releases = await Promise.all(Array.from({ length: 50 }, () => pacer.acquire()));
		for (const release of releases) release();
		now += 10;
		expect(pacer.expectedWaitMs(0)).toBe(1_040);
		expect(pacer.expectedWaitMs(120)).toBe(1_040 + 2 * 1_050);
	});

	it('drops a request whose signal aborts while it waits, and lets the next one take its place', async () => {
		const pacer = new GlobalPacer({ perSecond: 1, marginMs: 0 });
		(await pacer.acquire())();
		const controller = new AbortController();
		const dropped = pacer.acquire(controller.signal);
		const next = pacer.acquire();
		controller.abort();
		await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
		expect(pacer.backlog).toBe(1);
		(await next)();
		expect(pacer.backlog).toBe(0);
	});
});
