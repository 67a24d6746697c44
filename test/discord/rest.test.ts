import { type RateLimitData, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { restOptions } from '../../src/discord/rest.js';
import { settingsFromEnv } from '../../src/http/bindings.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';

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
	it('holds requests past the cap in the same second', async () => {
		discord = await startLocalDiscord();
		const rest = new REST(restOptions({ api: discord.apiUrl, globalRequestsPerSecond: 2 })).setToken(discord.token);
		clients.push(rest);
		const waits = await burst(rest, 3);
		expect(waits.length).toBeGreaterThan(0);
		expect(waits[0]).toMatchObject({ global: true, limit: 2 });
		expect(discord.requestsTo('GET', /^\/channels\//)).toHaveLength(3);
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
		expect(off.options.globalRequestsPerSecond).toBe(Number.POSITIVE_INFINITY);
		expect(capped.options.globalRequestsPerSecond).toBe(7);
		expect(byDefault.options.globalRequestsPerSecond).toBe(50);
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
