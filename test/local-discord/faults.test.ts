import { REST } from '@discordjs/rest';
import { type RESTPostAPIChannelInviteResult, Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import {
	type LocalDiscord,
	type LocalDiscordOptions,
	seedIds,
	startLocalDiscord,
} from '../../src/local-discord/index.js';

const INVITES = `/channels/${seedIds.channels.general}/invites`;

let discord: LocalDiscord | undefined;

afterEach(async () => {
	await discord?.close();
	discord = undefined;
});

async function start(
	options: LocalDiscordOptions = {},
	rest: { retries?: number; timeout?: number } = {},
): Promise<{ discord: LocalDiscord; rest: REST }> {
	discord = await startLocalDiscord(options);
	return {
		discord,
		rest: new REST({ api: discord.apiUrl, retries: rest.retries ?? 0, timeout: rest.timeout ?? 2000 }).setToken(
			discord.token,
		),
	};
}

const post = (rest: REST, body: object = {}): Promise<RESTPostAPIChannelInviteResult> =>
	rest.post(Routes.channelInvites(seedIds.channels.general), { body }) as Promise<RESTPostAPIChannelInviteResult>;

describe('rate limits', () => {
	it('sends X-RateLimit headers for the per-channel invite bucket on every answer', async () => {
		const { discord } = await start({ inviteBucket: { limit: 2, windowMs: 5000 } });
		const send = (): Promise<Response> =>
			fetch(`${discord.apiUrl}/v10${INVITES}`, {
				method: 'POST',
				body: '{}',
				headers: { Authorization: `Bot ${discord.token}`, 'Content-Type': 'application/json' },
			});
		const first = await send();
		expect(first.headers.get('x-ratelimit-limit')).toBe('2');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
		expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(4.9);
		expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
		await send();
		const limited = await send();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('5');
		expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
		expect(limited.headers.get('x-ratelimit-global')).toBeNull();
		const body = (await limited.json()) as { retry_after: number; global: boolean; message: string };
		expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
		expect(body.retry_after).toBeGreaterThan(3);
		expect(body.retry_after).toBeLessThanOrEqual(5);
		expect(discord.guild.invites).toHaveLength(1); // the second reused the first (unique false); the 429 did nothing
	});

	it('lets @discordjs/rest pace itself from the headers, without ever getting a 429', async () => {
		const { discord, rest } = await start({ inviteBucket: { limit: 2, windowMs: 200 } });
		const started = Date.now();
		await Promise.all([post(rest, { unique: true }), post(rest, { unique: true }), post(rest, { unique: true })]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(discord.requestsTo('POST', INVITES).map((r) => r.status)).toEqual([200, 200, 200]);
	});

	it('keeps separate buckets per channel', async () => {
		const { discord, rest } = await start({ inviteBucket: { limit: 1, windowMs: 10_000 } });
		await post(rest);
		await rest.post(Routes.channelInvites(seedIds.channels.voice), { body: {} });
		expect(discord.requests.map((r) => r.status)).toEqual([200, 200]);
	});
});

describe('injected faults', () => {
	it('answers a 429 fault like Discord, and @discordjs/rest waits and retries', async () => {
		const { discord, rest } = await start();
		discord.inject('POST', INVITES, { rateLimit: { retryAfterMs: 100 } });
		const limited: unknown[] = [];
		rest.on('rateLimited', (info) => limited.push(info));
		const started = Date.now();
		const invite = await post(rest);
		const [first, second] = discord.requestsTo('POST', INVITES);
		expect(invite.code).toBe(discord.guild.invites[0]?.code);
		expect(first).toMatchObject({
			status: 429,
			response: { message: 'You are being rate limited.', retry_after: 0.1, global: false },
		});
		expect(second?.status).toBe(200);
		// Retry-After is whole seconds like Discord's, but @discordjs/rest waits for X-RateLimit-Reset-After (0.1 s).
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
		expect(limited).toEqual([expect.objectContaining({ route: '/channels/:id/invites', method: 'POST' })]);
		expect(discord.guild.invites).toHaveLength(1);
	});

	it('marks a global 429 with X-RateLimit-Global and scope global', async () => {
		const { discord } = await start();
		discord.inject('GET', '/users/@me', { rateLimit: { retryAfterMs: 1500, global: true } });
		const response = await fetch(`${discord.apiUrl}/v10/users/@me`, {
			headers: { Authorization: `Bot ${discord.token}` },
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('2');
		expect(response.headers.get('x-ratelimit-global')).toBe('true');
		expect(response.headers.get('x-ratelimit-scope')).toBe('global');
		expect(await response.json()).toEqual({
			message: 'You are being rate limited.',
			retry_after: 1.5,
			global: true,
		});
	});

	it('answers a status fault instead of the route (nothing applied); REST retries a 5xx', async () => {
		const { discord, rest } = await start({}, { retries: 1 });
		discord.inject('POST', INVITES, { status: 502, body: { message: 'Bad Gateway', code: 0 } });
		const invite = await post(rest);
		expect(discord.requestsTo('POST', INVITES).map((r) => r.status)).toEqual([502, 200]);
		expect(discord.guild.invites.map((i) => i.code)).toEqual([invite.code]);
	});

	it('applies the request but answers late with a delay fault', async () => {
		const { discord, rest } = await start();
		discord.inject('POST', /\/invites$/, { delayMs: 150 });
		const started = Date.now();
		const pending = post(rest);
		await discord.waitForRequest((r) => r.method === 'POST');
		expect(discord.guild.invites).toHaveLength(1);
		await pending;
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('applies the request and never answers with a hang fault, until the client times out', async () => {
		const { discord, rest } = await start({}, { timeout: 200 });
		discord.inject('POST', INVITES, { hang: true });
		await expect(post(rest)).rejects.toThrow(/aborted/i);
		expect(discord.guild.invites).toHaveLength(1);
		expect(discord.requestsTo('POST', INVITES)[0]?.status).toBe(0);
	});

	it('applies the request and drops the connection with a reset fault', async () => {
		const { discord, rest } = await start();
		discord.inject('POST', INVITES, { reset: true });
		await expect(post(rest)).rejects.toThrow();
		expect(discord.guild.invites).toHaveLength(1);
	});

	it('applies the request and closes the connection before any response with a drop fault', async () => {
		const { discord, rest } = await start();
		discord.inject('POST', INVITES, { drop: true });
		await expect(post(rest)).rejects.toThrow();
		expect(discord.guild.invites).toHaveLength(1);
	});

	it('applies the request and answers a 200 whose JSON is cut off with a malformed fault', async () => {
		const { discord, rest } = await start();
		discord.inject('POST', INVITES, { malformed: true });
		await expect(post(rest)).rejects.toThrow(SyntaxError);
		expect(discord.guild.invites).toHaveLength(1);
		expect(discord.requestsTo('POST', INVITES)[0]?.status).toBe(200);
	});

	it('fails only the next `times` matching requests', async () => {
		const { discord } = await start();
		discord.inject('GET', '/users/@me', { status: 500 }, 2);
		const get = async (): Promise<number> =>
			(await fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${discord.token}` } }))
				.status;
		expect([await get(), await get(), await get()]).toEqual([500, 500, 200]);
	});

	it('ends a hanging request on close()', async () => {
		const { discord } = await start();
		discord.inject('GET', '/users/@me', { hang: true });
		const pending = fetch(`${discord.apiUrl}/v10/users/@me`, {
			headers: { Authorization: `Bot ${discord.token}` },
		});
		await discord.waitForRequest((r) => r.path === '/users/@me');
		await discord.close();
		await expect(pending).rejects.toThrow();
	});
});
