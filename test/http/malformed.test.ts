/**
 * Validly signed bodies that are not well-formed interactions: wrong types anywhere, a missing
 * channel, lone surrogates, invalid UTF-8, JSON nested very deep. Each is a 400 (never a 500),
 * and nothing reaches Discord; the next real interaction is answered as usual.
 */
import type { APIInteraction } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { createRest } from '../../src/discord/rest.js';
import { createInteractionServer, type InteractionServer } from '../../src/http/server.js';
import { type HttpHarness, startHttpHarness } from './harness.js';
import { createSigner, unixSeconds } from './signing-client.js';

type Json = Record<string, unknown>;

describe('the HTTP endpoint given signed bodies that are not well-formed interactions', () => {
	let harness: HttpHarness;
	beforeAll(async () => {
		harness = await startHttpHarness();
	});
	afterAll(() => harness.close());

	const command = (): Json =>
		harness.discord.interaction({
			user: 'member',
			channel: 'general',
			command: 'invite',
			options: { channel: 'voice', reason: 'ok' },
		}) as unknown as Json;
	const autocomplete = (): Json =>
		harness.discord.autocomplete({
			user: 'member',
			channel: 'general',
			command: 'invite',
			options: { expires: '2h' },
			focused: 'expires',
		}) as unknown as Json;
	const data = (payload: Json): Json => payload.data as Json;

	/** Delivers a changed payload and says what HTTP status it got and whether Discord was called. */
	async function deliver(payload: Json): Promise<{ status: number | undefined; restCalls: number }> {
		const before = harness.discord.requests.length;
		const handle = harness.deliver(payload as unknown as APIInteraction);
		await expect.poll(() => handle.httpStatus, { timeout: 5_000 }).toBeDefined();
		await new Promise((resolve) => setTimeout(resolve, 50));
		return { status: handle.httpStatus, restCalls: harness.discord.requests.length - before };
	}

	const cases: [string, () => Json][] = [
		['non-iterable data.options', () => ({ ...command(), data: { ...data(command()), options: 5 } })],
		[
			'an option that is not an object',
			() => ({ ...command(), data: { ...data(command()), options: ['channel'] } }),
		],
		[
			'a primitive channel value',
			() => {
				const payload = command();
				(data(payload).options as Json[])[0] = { name: 'channel', type: 7, value: 5 };
				return payload;
			},
		],
		[
			'a primitive resolved channel',
			() => {
				const payload = command();
				const resolved = data(payload).resolved as Json;
				const channels = resolved.channels as Json;
				for (const id of Object.keys(channels)) channels[id] = 'x';
				return payload;
			},
		],
		['a non-string locale', () => ({ ...command(), locale: 12 })],
		['a primitive channel', () => ({ ...command(), channel: 'general' })],
		[
			'no channel at all',
			() => {
				const { channel: _channel, channel_id: _channelId, ...payload } = command();
				return payload;
			},
		],
		['a member that is not an object', () => ({ ...command(), member: [] })],
		['permissions that are not a bit set', () => ({ ...command(), app_permissions: { bits: 1 } })],
		[
			'a lone surrogate in reason',
			() => {
				const payload = command();
				for (const option of data(payload).options as Json[])
					if (option.name === 'reason') option.value = 'raid \uD800 cleanup';
				return payload;
			},
		],
		[
			'autocomplete options that are an object',
			() => ({ ...autocomplete(), data: { ...data(autocomplete()), options: {} } }),
		],
		[
			'an autocomplete focused value that is an object',
			() => {
				const payload = autocomplete();
				for (const option of data(payload).options as Json[]) option.value = { typed: '2h' };
				return payload;
			},
		],
		['autocomplete with a locale array', () => ({ ...autocomplete(), locale: ['en-US'] })],
	];

	for (const [what, make] of cases) {
		it(`answers 400 to ${what}, without calling Discord`, async () => {
			const result = await deliver(make());
			expect(result).toEqual({ status: 400, restCalls: 0 });
		});
	}

	describe('raw bodies signed by a key the endpoint trusts', () => {
		const signer = createSigner();
		let own: InteractionServer;
		let url: string;
		beforeAll(async () => {
			own = createInteractionServer({
				publicKey: signer.publicKeyHex,
				rest: createRest({ api: harness.discord.apiUrl, token: harness.discord.token }),
				inviteRest: createInviteRest({ api: harness.discord.apiUrl, token: harness.discord.token }),
				applicationId: harness.discord.applicationId,
			});
			const { port } = await own.listen(0, '127.0.0.1');
			url = `http://127.0.0.1:${port}/interactions`;
		});
		afterAll(() => own.close());

		const post = async (body: Buffer): Promise<number> => {
			const timestamp = unixSeconds();
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-signature-ed25519': signer.sign(timestamp, body),
					'x-signature-timestamp': timestamp,
				},
				body,
			});
			await response.arrayBuffer();
			return response.status;
		};

		it('answers 400 to invalid UTF-8', async () => {
			const text = Buffer.from(JSON.stringify(command()));
			const at = text.indexOf('"ok"') + 1;
			const body = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at + 2)]);
			expect(await post(body)).toBe(400);
		});

		it('answers 400 to JSON nested 20,000 deep inside an interaction, within the body limit', async () => {
			const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
			const payload = JSON.stringify({ ...command(), data: { ...data(command()), options: '__DEEP__' } });
			expect(await post(Buffer.from(payload.replace('"__DEEP__"', deep)))).toBe(400);
		});

		it('answers 400 to JSON nested deeper than the parser goes', async () => {
			expect(await post(Buffer.from(`${'['.repeat(30_000)}${']'.repeat(30_000)}`))).toBe(400);
		});

		it.each([
			['a string', '"hello"'],
			['null', 'null'],
			['an array', '[1,2]'],
			['a string type', '{"type":"2","id":"1","token":"t"}'],
		])('answers 400 to %s where an interaction belongs', async (_what, body) => {
			expect(await post(Buffer.from(body))).toBe(400);
		});
	});

	it('still answers a real interaction after all of them', async () => {
		const message = await harness.invite({ user: 'member', channel: 'general' }).message();
		expect(message.content).toContain('https://discord.gg/');
	});
});
