/**
 * The host-free handler on its own: Web `Request` objects in, `Response` objects out, no
 * server anywhere. What the hosts (Node, workerd) add is tested through them elsewhere.
 */
import { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { InviteOutcome } from '../../src/core/invite.js';
import { createInteractionHandler, handleInteraction } from '../../src/http/handler.js';
import { commandPayload, ids } from './payloads.js';
import { createSigner, unixSeconds } from './signing-client.js';

const signer = createSigner();
const GUEST = 0n; // no Create Invite: refused inline, without any REST call

function signed(payload: unknown, init: { signer?: typeof signer; url?: string } = {}): Request {
	const body = JSON.stringify(payload);
	const timestamp = unixSeconds();
	return new Request(init.url ?? 'https://bot.example/interactions', {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-signature-ed25519': (init.signer ?? signer).sign(timestamp, body),
			'x-signature-timestamp': timestamp,
		},
		body,
	});
}

const outcomes: InviteOutcome[] = [];
const handler = createInteractionHandler({
	publicKey: signer.publicKeyHex,
	rest: new REST(),
	inviteRest: new REST(),
	applicationId: ids.application,
	bodyLimitBytes: 4 * 1024,
	onOutcome: (outcome) => outcomes.push(outcome),
});

describe('the host-free interaction handler', () => {
	it('answers a signed PING with a PONG', async () => {
		const response = await handler(signed({ id: '1', type: InteractionType.Ping }));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({ type: InteractionResponseType.Pong });
	});

	it('refuses a payload signed with another key with 401', async () => {
		const response = await handler(signed({ id: '1', type: InteractionType.Ping }, { signer: createSigner() }));
		expect(response.status).toBe(401);
	});

	it('refuses a declared body over the limit with 413 before reading it', async () => {
		const response = await handler(signed({ id: '1', type: InteractionType.Ping, padding: 'x'.repeat(8 * 1024) }));
		expect(response.status).toBe(413);
	});

	it('refuses a streamed body that grows over the limit with 413', async () => {
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent++;
				controller.enqueue(new Uint8Array(1024).fill(120));
				if (sent === 64) controller.close();
			},
		});
		const response = await handler(
			new Request('https://bot.example/interactions', { method: 'POST', body, duplex: 'half' } as RequestInit),
		);
		expect(response.status).toBe(413);
		expect(sent).toBeLessThan(64);
	});

	it('hands the command work to waitUntil and answers with the first response', async () => {
		const kept: Promise<unknown>[] = [];
		const response = await handler(signed(commandPayload({ permissions: GUEST })), {
			waitUntil: (promise) => kept.push(promise),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: { flags: MessageFlags.Ephemeral },
		});
		expect(kept).toHaveLength(1);
		await kept[0];
		expect(outcomes.at(-1)).toMatchObject({ status: 'refused', delivery: 'inline' });
	});

	it('answers /healthz, 404 elsewhere and 405 for other methods', async () => {
		expect((await handler(new Request('https://bot.example/healthz'))).status).toBe(200);
		expect((await handler(new Request('https://bot.example/other', { method: 'POST' }))).status).toBe(404);
		const get = await handler(new Request('https://bot.example/interactions'));
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
	});
});

describe('handleInteraction (configured from variables)', () => {
	const env = {
		DISCORD_PUBLIC_KEY: signer.publicKeyHex,
		DISCORD_TOKEN: 'local-bot-token',
		DISCORD_APPLICATION_ID: ids.application,
		DISCORD_API_URL: 'http://127.0.0.1:9/api',
		LOG_LEVEL: 'silent',
	};

	it('answers a signed PING from the variables alone', async () => {
		const response = await handleInteraction(signed({ id: '1', type: InteractionType.Ping }), env);
		expect(await response.json()).toEqual({ type: InteractionResponseType.Pong });
	});

	it('answers 500 (and /healthz 503) when a variable is missing or malformed, naming no value', async () => {
		const errors: unknown[] = [];
		const original = console.error;
		console.error = (...args: unknown[]) => void errors.push(...args);
		try {
			const broken = { ...env, DISCORD_PUBLIC_KEY: 'abc', DISCORD_APPLICATION_ID: undefined };
			expect((await handleInteraction(signed({ id: '1', type: InteractionType.Ping }), broken)).status).toBe(500);
			expect((await handleInteraction(new Request('https://bot.example/healthz'), broken)).status).toBe(503);
			const report = errors.join('\n');
			expect(report).toContain('DISCORD_PUBLIC_KEY');
			expect(report).toContain('DISCORD_APPLICATION_ID');
			expect(report).not.toContain(env.DISCORD_TOKEN);
		} finally {
			console.error = original;
		}
	});
});
