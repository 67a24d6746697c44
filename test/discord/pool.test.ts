import { Routes } from 'discord-api-types/v10';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { poolRequest } from '../../src/discord/pool.js';
import { createRest, restOptions } from '../../src/discord/rest.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;

afterEach(async () => {
	await discord?.close();
	discord = undefined;
});

describe('poolRequest, the Node programs’ transport under @discordjs/rest', () => {
	it('answers with the status, the body and the headers by any case, as @discordjs/rest reads them', async () => {
		discord = await startLocalDiscord();
		const send = poolRequest(discord.apiUrl);
		const response = await send(`${discord.apiUrl}/v10${Routes.channel(seedIds.channels.general)}`, {
			method: 'GET',
			headers: { Authorization: `Bot ${discord.token}` },
		});
		expect(response.status).toBe(200);
		expect(response.ok).toBe(true);
		expect(response.statusText).toBe('OK');
		expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
		expect(response.headers.has('x-ratelimit-bucket')).toBe(true);
		expect(response.headers.get('X-RateLimit-Bucket')).toBe(response.headers.get('x-ratelimit-bucket'));
		expect(response.headers.get('x-not-sent')).toBeNull();
		expect(((await response.json()) as { id: string }).id).toBe(seedIds.channels.general);
	});

	it('creates an invite through @discordjs/rest, paced or not, with the audit-log reason', async () => {
		discord = await startLocalDiscord();
		for (const globalRequestsPerSecond of [0, 50]) {
			const rest = createInviteRest({
				api: discord.apiUrl,
				token: discord.token,
				globalRequestsPerSecond,
				makeRequest: poolRequest(discord.apiUrl),
			});
			const invite = (await rest.post(Routes.channelInvites(seedIds.channels.general), {
				body: { max_age: 60, unique: true },
				reason: `pooled ${globalRequestsPerSecond}`,
			})) as { code: string; max_age: number };
			expect(invite.max_age).toBe(60);
			const posted = discord.requestsTo('POST', /^\/channels\/\d+\/invites$/).at(-1);
			expect(posted?.auditLogReason).toBe(`pooled ${globalRequestsPerSecond}`);
		}
	});

	it('sends a request to another origin, or with a body it does not take, through @discordjs/rest’s own strategy', async () => {
		discord = await startLocalDiscord();
		// A pool for an origin nobody listens on: only the fallback can reach the local Discord.
		const rest = createRest({
			token: discord.token,
			...restOptions({ api: discord.apiUrl, makeRequest: poolRequest('http://127.0.0.1:9/api') }),
		});
		const channel = (await rest.get(Routes.channel(seedIds.channels.general))) as { id: string };
		expect(channel.id).toBe(seedIds.channels.general);
		const send = poolRequest(discord.apiUrl);
		const form = new FormData();
		form.append('payload_json', JSON.stringify({ max_age: 60 }));
		const response = await send(`${discord.apiUrl}/v10${Routes.channelInvites(seedIds.channels.general)}`, {
			method: 'POST',
			headers: { Authorization: `Bot ${discord.token}` },
			body: form as never,
		});
		expect(response.status).toBe(200);
		const posted = discord.requestsTo('POST', /^\/channels\/\d+\/invites$/).at(-1);
		expect(posted?.headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(posted?.body).toEqual({ max_age: 60 });
	});

	it('leaves a request for a dispatcher of its own (a REST client’s agent, e.g. a proxy) to that dispatcher', async () => {
		discord = await startLocalDiscord();
		const dispatched: string[] = [];
		class Recording extends Agent {
			override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
				dispatched.push(`${options.method} ${options.path}`);
				return super.dispatch(options, handler);
			}
		}
		const agent = new Recording();
		try {
			const rest = createRest({
				token: discord.token,
				...restOptions({ api: discord.apiUrl, makeRequest: poolRequest(discord.apiUrl) }),
			});
			rest.setAgent(agent);
			const channel = (await rest.get(Routes.channel(seedIds.channels.general))) as { id: string };
			expect(channel.id).toBe(seedIds.channels.general);
			expect(dispatched).toEqual([`GET /api/v10${Routes.channel(seedIds.channels.general)}`]);
		} finally {
			await agent.close();
		}
	});
});
