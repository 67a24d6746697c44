/**
 * The HTTP endpoint without its transport (src/pipeline/endpoint.ts): what every HTTP adapter
 * hands it (a request with its raw body) and what it answers, with a pipeline that says what
 * became of the payload. The adapters around it are tested in test/http/.
 */
import { REST } from '@discordjs/rest';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/deadline.js';
import { silentLogger } from '../../src/log-core.js';
import { createHealth } from '../../src/ops/health.js';
import {
	createEndpoint,
	type InteractionRequest,
	misconfiguredEndpoint,
	TOO_LARGE,
} from '../../src/pipeline/endpoint.js';
import type { Handled } from '../../src/pipeline/pipeline.js';
import { Ed25519PublicKey } from '../../src/pipeline/signature.js';
import { createSigner, unixSeconds } from '../http/signing-client.js';

const signer = createSigner();
const rest = new REST();
afterAll(() => {
	rest.clearHashSweeper();
	rest.clearHandlerSweeper();
});

/** The endpoint over a pipeline that answers (or not) and returns `handled`; `seen` lists what reached it. */
function endpoint(handled: Handled<unknown>, options: { answer?: boolean; status?: string } = {}) {
	const seen: unknown[] = [];
	const core = createEndpoint({
		pipeline: {
			async handle(payload, responder) {
				seen.push(payload);
				if (options.answer)
					await responder.callback({
						type: InteractionResponseType.ChannelMessageWithSource,
						data: { content: 'hi' },
					});
				return handled;
			},
		},
		verifier: new Ed25519PublicKey(signer.publicKeyHex),
		rest,
		applicationId: '1100000000000000001',
		clock: systemClock,
		now: () => Date.now(),
		logger: silentLogger,
		bodyLimitBytes: 1024,
		replayWindowSeconds: 300,
		status: () => options.status ?? 'ready',
		health: createHealth(),
	});
	return { core, seen };
}

function request(
	path: string,
	init: { method?: string; body?: string; signature?: string; tooLarge?: boolean } = {},
): InteractionRequest {
	const body = init.body ?? '';
	const timestamp = unixSeconds();
	const headers: Record<string, string> = {
		'x-signature-ed25519': init.signature ?? signer.sign(timestamp, body),
		'x-signature-timestamp': timestamp,
	};
	return {
		method: init.method ?? 'POST',
		path,
		header: (name) => headers[name],
		body: async () => (init.tooLarge ? TOO_LARGE : new TextEncoder().encode(body)),
	};
}

const interaction = JSON.stringify({ id: '1100000000000000002', token: 'token', type: 2 });

describe('the HTTP endpoint without its transport', () => {
	it("answers the pipeline's first callback in the response", async () => {
		const { core } = endpoint({ status: 'answered' }, { answer: true });
		const answer = await core(request('/interactions', { body: interaction }));
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toEqual({ type: 4, data: { content: 'hi' } });
	});

	it('maps what the pipeline refused to a status: malformed 400, replayed 401, unsupported 400', async () => {
		const answers = await Promise.all(
			(
				[
					{ status: 'malformed', problem: 'no data' },
					{ status: 'replayed' },
					{ status: 'unsupported', type: 9 },
				] as const
			).map(async (handled) => endpoint(handled).core(request('/interactions', { body: interaction }))),
		);
		expect(answers.map((answer) => answer.status)).toEqual([400, 401, 400]);
		expect(answers.map((answer) => JSON.parse(answer.body))).toEqual([
			{ error: 'malformed interaction' },
			{ error: 'replayed interaction' },
			{ error: 'unsupported interaction type 9' },
		]);
	});

	it('refuses a bad signature (401) and a body over the limit (413) before the pipeline sees anything', async () => {
		const { core, seen } = endpoint({ status: 'answered' }, { answer: true });
		const forged = await core(request('/interactions', { body: interaction, signature: '00'.repeat(64) }));
		expect(forged.status).toBe(401);
		expect((await core(request('/interactions', { body: interaction, tooLarge: true }))).status).toBe(413);
		expect(seen).toEqual([]);
	});

	it('answers /healthz with the host state, and 404 / 405 for other routes and methods', async () => {
		const { core } = endpoint({ status: 'answered' }, { status: 'starting' });
		expect(await core(request('/healthz/', { method: 'GET' }))).toMatchObject({
			status: 503,
			body: '{"status":"starting"}',
		});
		expect((await core(request('/elsewhere'))).status).toBe(404);
		expect(await core(request('/interactions', { method: 'GET' }))).toMatchObject({
			status: 405,
			headers: { allow: 'POST' },
		});
	});

	it('answers 500 when misconfigured, and 503 on /healthz', async () => {
		expect((await misconfiguredEndpoint(request('/interactions'))).status).toBe(500);
		expect(await misconfiguredEndpoint(request('/healthz', { method: 'GET' }))).toMatchObject({
			status: 503,
			body: '{"status":"misconfigured"}',
		});
	});
});
