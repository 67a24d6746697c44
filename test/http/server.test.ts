/**
 * The endpoint's HTTP surface on a real loopback server (port 0), with REST pointed at the
 * local Discord (whose request log shows what reached "Discord"): signatures, routing, PING,
 * limits and refusals.
 */
import { request as httpRequest } from 'node:http';
import { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InviteOutcome } from '../../src/core/invite.js';
import { createInviteRest } from '../../src/discord/invites.js';
import { createInteractionServer, type InteractionServer } from '../../src/http/server.js';
import { de } from '../../src/i18n/de.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { autocompletePayload, commandPayload, ids } from './payloads.js';
import { createSigner, flipByte, signedPost, unixSeconds } from './signing-client.js';

const signer = createSigner();
const GUEST = 0n; // no Create Invite: refused inline, without any REST call

describe('the HTTP interactions endpoint', () => {
	let discord: LocalDiscord;
	let endpoint: InteractionServer;
	let url: string;
	let base: string;
	const outcomes: InviteOutcome[] = [];

	beforeAll(async () => {
		discord = await startLocalDiscord();
		endpoint = createInteractionServer({
			publicKey: signer.publicKeyHex,
			rest: new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token),
			inviteRest: createInviteRest({ api: discord.apiUrl, token: discord.token }),
			applicationId: ids.application,
			bodyLimitBytes: 16 * 1024,
			onOutcome: (outcome) => outcomes.push(outcome),
		});
		const address = await endpoint.listen(0, '127.0.0.1');
		base = `http://127.0.0.1:${address.port}`;
		url = `${base}/interactions`;
	});
	afterAll(async () => {
		await endpoint.close();
		await discord.close();
	});
	afterEach(() => {
		outcomes.length = 0;
		discord.requests.length = 0;
	});

	it('answers a signed PING with a PONG', async () => {
		const response = await signedPost(
			url,
			{ id: '1', application_id: ids.application, type: InteractionType.Ping, token: 't', version: 1 },
			{ signer },
		);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ type: InteractionResponseType.Pong });
		expect(response.headers.get('content-type')).toBe('application/json');
	});

	it('runs /invite for a signed command and answers inline with an ephemeral message', async () => {
		const response = await signedPost(url, commandPayload({ permissions: GUEST }), { signer });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: {
				flags: MessageFlags.Ephemeral,
				content: expect.stringMatching(/You need .*\*\*Create Invite\*\*/),
				allowed_mentions: { parse: [] },
			},
		});
		expect(outcomes).toHaveLength(1);
		expect(outcomes[0]).toMatchObject({ status: 'refused', delivery: 'inline' });
	});

	describe('refuses with 401, and never runs the command, when', () => {
		const cases: [string, Parameters<typeof signedPost>[2]][] = [
			[
				'a byte of the body is flipped',
				{
					signer,
					tamper: ({ body, signature, timestamp }) => ({
						body: flipByte(body, body.indexOf('"member"') + 2),
						signature,
						timestamp,
					}),
				},
			],
			[
				'a byte of the signature is flipped',
				{
					signer,
					tamper: ({ body, signature, timestamp }) => ({
						body,
						signature: flipByte(Buffer.from(signature, 'hex')).toString('hex'),
						timestamp,
					}),
				},
			],
			[
				'a byte of the timestamp is flipped',
				{
					signer,
					tamper: ({ body, signature, timestamp }) => ({
						body,
						signature,
						timestamp: flipByte(Buffer.from(timestamp), timestamp.length - 1).toString(),
					}),
				},
			],
			[
				'the signature header is missing',
				{ signer, tamper: ({ body, timestamp }) => ({ body, signature: undefined, timestamp }) },
			],
			[
				'the timestamp header is missing',
				{ signer, tamper: ({ body, signature }) => ({ body, signature, timestamp: undefined }) },
			],
			[
				'the signature is not hex',
				{
					signer,
					tamper: ({ body, signature, timestamp }) => ({
						body,
						signature: `zz${signature.slice(2)}`,
						timestamp,
					}),
				},
			],
			['another key signed it', { signer: createSigner() }],
			['the timestamp is older than the replay window', { signer, timestamp: unixSeconds(Date.now() - 310_000) }],
			[
				'the timestamp is further in the future than the replay window',
				{ signer, timestamp: unixSeconds(Date.now() + 310_000) },
			],
		];
		it.each(cases)('%s', async (_name, options) => {
			const response = await signedPost(url, commandPayload({ permissions: GUEST }), options);
			expect(response.status).toBe(401);
			expect(response.body).toEqual({ error: 'invalid request signature' });
			expect(outcomes).toEqual([]);
			expect(discord.requests).toEqual([]);
		});

		it('a PING is not signed', async () => {
			const response = await signedPost(url, { id: '1', type: InteractionType.Ping }, { signer: createSigner() });
			expect(response.status).toBe(401);
		});
	});

	it('accepts a signature written in upper-case hex', async () => {
		const response = await signedPost(
			url,
			{ id: '1', type: InteractionType.Ping },
			{
				signer,
				tamper: ({ body, signature, timestamp }) => ({ body, signature: signature.toUpperCase(), timestamp }),
			},
		);
		expect(response.status).toBe(200);
	});

	it('accepts a timestamp inside the replay window', async () => {
		const response = await signedPost(
			url,
			{ id: '1', type: InteractionType.Ping },
			{ signer, timestamp: unixSeconds(Date.now() - 240_000) },
		);
		expect(response.status).toBe(200);
	});

	it('answers autocomplete for expires inline with type 8 choices', async () => {
		const response = await signedPost(url, autocompletePayload('90m'), { signer });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [{ name: '1 hour, 30 minutes', value: '1h30m' }] },
		});
	});

	it('answers autocomplete for another option with no choices', async () => {
		const response = await signedPost(url, autocompletePayload('x', 'reason'), { signer });
		expect(response.body).toEqual({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [] },
		});
	});

	it('answers a command it does not serve with an ephemeral message in the user’s language, and makes no invite', async () => {
		const payload = { ...commandPayload({ name: 'ban', locale: 'de' }), id: '1100000000000009999' };
		const response = await signedPost(url, payload, { signer });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: {
				content: de.error.unknownCommand('/ban'),
				components: [],
				flags: MessageFlags.Ephemeral,
				allowed_mentions: { parse: [] },
			},
		});
		expect(outcomes).toEqual([]);
	});

	describe('answers 400 with a short JSON error for', () => {
		it('malformed JSON (signed)', async () => {
			const response = await signedPost(url, '{"type": 2,', { signer });
			expect(response.status).toBe(400);
			expect(response.body).toEqual({ error: 'malformed JSON' });
		});

		it('JSON that is not an interaction', async () => {
			const response = await signedPost(url, [1, 2], { signer });
			expect(response.status).toBe(400);
		});

		it('an interaction type it does not handle (a button click, a modal)', async () => {
			for (const type of [InteractionType.MessageComponent, InteractionType.ModalSubmit]) {
				const response = await signedPost(url, { ...commandPayload(), type }, { signer });
				expect(response.status).toBe(400);
				expect(response.body).toEqual({ error: `unsupported interaction type ${type}` });
			}
		});
	});

	it('refuses a body over the limit with 413 before verifying it', async () => {
		const big = JSON.stringify({ ...commandPayload(), padding: 'x'.repeat(20 * 1024) });
		const response = await signedPost(url, big, { signer });
		expect(response.status).toBe(413);
		expect(outcomes).toEqual([]);
	});

	it('refuses a chunked body that grows over the limit with 413', async () => {
		const port = new URL(url).port;
		const status = await new Promise<number>((resolve, reject) => {
			const req = httpRequest(
				{
					host: '127.0.0.1',
					port,
					path: '/interactions',
					method: 'POST',
					headers: { 'transfer-encoding': 'chunked' },
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				},
			);
			req.on('error', reject);
			for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
			req.end();
		});
		expect(status).toBe(413);
	});

	it('answers 404 on other paths and 405 on other methods', async () => {
		expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
		expect((await fetch(`${base}/interactions/extra`, { method: 'POST' })).status).toBe(404);
		// The same route with a trailing slash, as an endpoint URL is sometimes pasted.
		expect((await signedPost(`${url}/`, { id: '1', type: InteractionType.Ping }, { signer })).body).toEqual({
			type: InteractionResponseType.Pong,
		});
		const get = await fetch(url);
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
		expect(await get.json()).toEqual({ error: 'method not allowed' });
		expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
	});

	it('answers GET /healthz with 200 once listening', async () => {
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('sets timeouts against slow clients', () => {
		const { headersTimeout, requestTimeout, keepAliveTimeout } = endpoint.server;
		expect({ headersTimeout, requestTimeout, keepAliveTimeout }).toEqual({
			headersTimeout: 5_000,
			requestTimeout: 10_000,
			keepAliveTimeout: 5_000,
		});
	});
});

describe('the replay window', () => {
	it('is configurable and uses the injected clock', async () => {
		const now = Date.parse('2026-09-01T12:00:00Z');
		const endpoint = createInteractionServer({
			publicKey: signer.publicKeyHex,
			rest: new REST(),
			inviteRest: new REST(),
			applicationId: ids.application,
			replayWindowSeconds: 10,
			now: () => now,
		});
		const { port } = await endpoint.listen(0, '127.0.0.1');
		try {
			const ping = { id: '1', type: InteractionType.Ping };
			const at = (ms: number) =>
				signedPost(`http://127.0.0.1:${port}/interactions`, ping, { signer, timestamp: unixSeconds(ms) });
			expect((await at(now - 9_000)).status).toBe(200);
			expect((await at(now - 11_000)).status).toBe(401);
			expect((await at(now + 11_000)).status).toBe(401);
		} finally {
			await endpoint.close();
		}
	});

	it('refuses a public key that is not 64 hex characters at creation', () => {
		expect(() =>
			createInteractionServer({
				publicKey: 'abc',
				rest: new REST(),
				inviteRest: new REST(),
				applicationId: ids.application,
			}),
		).toThrow(/64 hexadecimal/);
	});
});
