import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import {
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	RESTJSONErrorCodes,
	Routes,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalDiscord, type LocalDiscordOptions, startLocalDiscord } from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let endpoint: Server | undefined;

afterEach(async () => {
	await discord?.close();
	endpoint?.closeAllConnections();
	await new Promise((resolve) => (endpoint ? endpoint.close(resolve) : resolve(undefined)));
	discord = undefined;
	endpoint = undefined;
});

/** Node's crypto verifying Discord's signature with the raw 32-byte public key, as an app would. */
function signatureIsValid(
	publicKeyHex: string,
	request: { signature: string; timestamp: string; body: string },
): boolean {
	const key = createPublicKey({
		key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyHex, 'hex')]),
		format: 'der',
		type: 'spki',
	});
	return verify(null, Buffer.from(request.timestamp + request.body), key, Buffer.from(request.signature, 'hex'));
}

interface Received {
	signature: string;
	timestamp: string;
	body: string;
}

/** A tiny Interactions Endpoint: verifies like a real one would, then lets the test answer. */
async function startEndpoint(
	publicKeyHex: () => string,
	answer: (received: Received, response: ServerResponse) => void,
): Promise<{ url: string; received: Received[] }> {
	const received: Received[] = [];
	endpoint = createServer((request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const got = {
				signature: String(request.headers['x-signature-ed25519']),
				timestamp: String(request.headers['x-signature-timestamp']),
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(got);
			if (!signatureIsValid(publicKeyHex(), got)) {
				response.writeHead(401).end('invalid request signature');
				return;
			}
			answer(got, response);
		});
	});
	await new Promise<void>((resolve) => endpoint!.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/interactions`, received };
}

const json = (response: ServerResponse, body: unknown): void => {
	response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};

async function start(options: LocalDiscordOptions = {}): Promise<LocalDiscord> {
	discord = await startLocalDiscord(options);
	return discord;
}

describe('HTTP delivery of interactions', () => {
	it('signs the body with a key node:crypto verifies, and the inline 200 body is the response', async () => {
		const discord = await start();
		const { url, received } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) =>
				json(response, {
					type: InteractionResponseType.ChannelMessageWithSource,
					data: { content: 'hi', flags: MessageFlags.Ephemeral },
				}),
		);
		const payload = discord.interaction({ user: 'member', channel: 'general' });
		const handle = discord.dispatch(payload, { via: 'http', url });
		expect(await handle.message()).toEqual({ content: 'hi', flags: MessageFlags.Ephemeral, deferred: false });
		expect(discord.publicKey).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.parse(received[0]!.body)).toEqual(payload);
		expect(Math.abs(Number(received[0]!.timestamp) - Date.now() / 1000)).toBeLessThan(5);
		expect(handle.httpStatus).toBe(200);
	});

	it('takes a deferred inline answer, then the PATCH of @original through the REST client', async () => {
		const discord = await start();
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) =>
				json(response, {
					type: InteractionResponseType.DeferredChannelMessageWithSource,
					data: { flags: MessageFlags.Ephemeral },
				}),
		);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
		});
		await handle.response();
		expect(handle.state).toEqual({ deferred: true, flags: MessageFlags.Ephemeral });
		const rest = new REST({ api: discord.apiUrl });
		const edited = (await rest.patch(Routes.webhookMessage(discord.applicationId, handle.token, '@original'), {
			body: { content: 'ready' },
			auth: false,
		})) as { content: string; flags: number };
		expect(edited).toMatchObject({ content: 'ready', flags: MessageFlags.Ephemeral });
		expect(await handle.message()).toEqual({ content: 'ready', flags: MessageFlags.Ephemeral, deferred: false });
	});

	it('counts an answer after the deadline as missed (10062)', async () => {
		const discord = await start({ interactionDeadlineMs: 100 });
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) =>
				setTimeout(
					() =>
						json(response, {
							type: InteractionResponseType.ChannelMessageWithSource,
							data: { content: 'late' },
						}),
					200,
				),
		);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
		});
		await vi.waitFor(() => expect(handle.httpStatus).toBe(200), { timeout: 3000, interval: 20 });
		expect(handle.rejected.map((r) => r.code)).toEqual([RESTJSONErrorCodes.UnknownInteraction]);
		await expect(handle.response(10)).rejects.toThrow(/No response.*rejected: 10062/);
	});

	it('can sign with a wrong key, which a correct endpoint answers with 401', async () => {
		const discord = await start();
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) =>
				json(response, {
					type: InteractionResponseType.ChannelMessageWithSource,
					data: { content: 'should not happen' },
				}),
		);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
			badSignature: true,
		});
		await vi.waitFor(() => expect(handle.httpStatus).toBe(401), { timeout: 3000, interval: 20 });
		await expect(handle.response(10)).rejects.toThrow(/No response/);
		expect(handle.responses).toEqual([]);
	});

	it('expects PONG for a PING', async () => {
		const discord = await start();
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) => json(response, { type: InteractionResponseType.Pong }),
		);
		const ping = {
			id: '1100000000000007777',
			application_id: discord.applicationId,
			type: InteractionType.Ping,
			token: 'ping-token',
			version: 1,
		} as const;
		const handle = discord.dispatch(ping as never, { via: 'http', url });
		expect(await handle.response()).toEqual({ type: InteractionResponseType.Pong });
	});
});

describe('interaction webhooks', () => {
	async function deferred(
		options: LocalDiscordOptions = {},
	): Promise<{ discord: LocalDiscord; token: string; rest: REST }> {
		const discord = await start(options);
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) => json(response, { type: InteractionResponseType.DeferredChannelMessageWithSource }),
		);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
		});
		await handle.response();
		return { discord, token: handle.token, rest: new REST({ api: discord.apiUrl, retries: 0 }) };
	}

	it('answers 10008 Unknown Message to an edit before any response', async () => {
		const discord = await start();
		const { url } = await startEndpoint(
			() => discord.publicKey,
			(_got, response) => setTimeout(() => response.writeHead(500).end(), 50),
		);
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
		});
		const rest = new REST({ api: discord.apiUrl, retries: 0 });
		await expect(
			rest.patch(Routes.webhookMessage(discord.applicationId, handle.token, '@original'), {
				body: { content: 'x' },
				auth: false,
			}),
		).rejects.toMatchObject({ status: 404, code: RESTJSONErrorCodes.UnknownMessage });
	});

	it('answers 50027 Invalid Webhook Token once the token expired', async () => {
		const { discord, token, rest } = await deferred({ interactionTokenTtlMs: 100 });
		await new Promise((resolve) => setTimeout(resolve, 150));
		await expect(
			rest.patch(Routes.webhookMessage(discord.applicationId, token, '@original'), {
				body: { content: 'x' },
				auth: false,
			}),
		).rejects.toMatchObject({ status: 401, code: RESTJSONErrorCodes.InvalidWebhookToken });
	});

	it('answers 10015 Unknown Webhook to an unknown token', async () => {
		const discord = await start();
		const rest = new REST({ api: discord.apiUrl, retries: 0 });
		await expect(
			rest.patch(Routes.webhookMessage(discord.applicationId, 'nope', '@original'), {
				body: { content: 'x' },
				auth: false,
			}),
		).rejects.toMatchObject({ status: 404, code: RESTJSONErrorCodes.UnknownWebhook });
	});

	it('returns the message on GET @original and records follow-ups', async () => {
		const { discord, token, rest } = await deferred();
		await rest.patch(Routes.webhookMessage(discord.applicationId, token, '@original'), {
			body: { content: 'first' },
			auth: false,
		});
		const followUp = (await rest.post(Routes.webhook(discord.applicationId, token), {
			body: { content: 'second' },
			auth: false,
			query: new URLSearchParams({ wait: 'true' }),
		})) as { id: string; content: string };
		const original = (await rest.get(Routes.webhookMessage(discord.applicationId, token, '@original'), {
			auth: false,
		})) as { id: string; content: string; author: { id: string } };
		expect(original).toMatchObject({ content: 'first', author: { id: discord.botUserId } });
		expect(followUp.content).toBe('second');
		expect(followUp.id).not.toBe(original.id);
	});
});
