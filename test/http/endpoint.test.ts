/**
 * What only the HTTP path has, end to end against the local Discord: signatures on real
 * payloads, permissions looked up over REST when the payload lacks them, the client going
 * away, and a shutdown that finishes deferred answers.
 */

import { REST } from '@discordjs/rest';
import {
	type APIChatInputApplicationCommandInteraction,
	InteractionResponseType,
	MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { createInteractionServer } from '../../src/http/server.js';
import { seedIds } from '../../src/local-discord/index.js';
import { createLogger } from '../../src/log.js';
import { type HttpHarness, startHttpHarness } from './harness.js';
import { createSigner, flipByte, type SignedPostOptions, signedPost, unixSeconds } from './signing-client.js';

const INVITES = /^\/channels\/\d+\/invites$/;
const { channels } = seedIds;

describe('the HTTP endpoint against the local Discord', () => {
	let harness: HttpHarness;
	beforeAll(async () => {
		harness = await startHttpHarness();
	});
	afterAll(() => harness.close());
	beforeEach(() => {
		harness.outcomes.length = 0;
	});

	const invitePosts = () => harness.discord.requestsTo('POST', INVITES).length;

	describe('refuses with 401 and never runs the command when', () => {
		it('another key pair signed a real payload', async () => {
			const before = invitePosts();
			const response = await signedPost(
				harness.url,
				harness.discord.interaction({ user: 'member', channel: 'general' }),
				{ signer: createSigner() },
			);
			expect(response.status).toBe(401);
			expect(harness.outcomes).toEqual([]);
			expect(invitePosts()).toBe(before);
		});

		it('Discord sends a bad signature on purpose (dispatch with badSignature)', async () => {
			const before = invitePosts();
			const handle = harness.discord.dispatch(
				harness.discord.interaction({ user: 'member', channel: 'general' }),
				{ via: 'http', url: harness.url, badSignature: true },
			);
			await expect.poll(() => handle.httpStatus).toBe(401);
			expect(handle.responses).toEqual([]);
			expect(harness.outcomes).toEqual([]);
			expect(invitePosts()).toBe(before);
		});
	});

	describe('with a key pair made for the run', () => {
		const signer = createSigner();
		let own: Awaited<ReturnType<typeof startOwnEndpoint>>;
		// The same local Discord, an endpoint that trusts the test signer instead.
		async function startOwnEndpoint() {
			const outcomes: unknown[] = [];
			const endpoint = createInteractionServer({
				publicKey: signer.publicKeyHex,
				rest: new REST({ api: harness.discord.apiUrl }).setToken(harness.discord.token),
				inviteRest: createInviteRest({ api: harness.discord.apiUrl, token: harness.discord.token }),
				applicationId: harness.discord.applicationId,
				onOutcome: (outcome) => outcomes.push(outcome),
			});
			const { port } = await endpoint.listen(0, '127.0.0.1');
			return { endpoint, outcomes, url: `http://127.0.0.1:${port}/interactions` };
		}
		beforeAll(async () => {
			own = await startOwnEndpoint();
		});
		afterAll(() => own.endpoint.close());
		beforeEach(() => {
			own.outcomes.length = 0;
		});

		it('creates the invite for a correctly signed payload (the control)', async () => {
			const before = invitePosts();
			const response = await signedPost(
				own.url,
				harness.discord.interaction({ user: 'member', channel: 'general' }),
				{ signer },
			);
			expect(response.status).toBe(200);
			expect(response.body).toMatchObject({
				type: InteractionResponseType.ChannelMessageWithSource,
				data: { flags: MessageFlags.Ephemeral, content: expect.stringContaining('https://discord.gg/') },
			});
			expect(invitePosts()).toBe(before + 1);
		});

		const cases: [string, Omit<SignedPostOptions, 'signer'>][] = [
			[
				'a byte of the body is flipped',
				{
					tamper: ({ body, signature, timestamp }) => ({
						body: flipByte(body, body.indexOf('"general"') + 2),
						signature,
						timestamp,
					}),
				},
			],
			[
				'a byte of the signature is flipped',
				{
					tamper: ({ body, signature, timestamp }) => ({
						body,
						signature: flipByte(Buffer.from(signature, 'hex'), 5).toString('hex'),
						timestamp,
					}),
				},
			],
			[
				'a byte of the timestamp is flipped',
				{
					tamper: ({ body, signature, timestamp }) => ({
						body,
						signature,
						timestamp: flipByte(Buffer.from(timestamp), timestamp.length - 1).toString(),
					}),
				},
			],
			[
				'the signature header is missing',
				{ tamper: ({ body, timestamp }) => ({ body, signature: undefined, timestamp }) },
			],
			[
				'the timestamp header is missing',
				{ tamper: ({ body, signature }) => ({ body, signature, timestamp: undefined }) },
			],
			['the timestamp is ten minutes old', { timestamp: unixSeconds(Date.now() - 600_000) }],
		];
		it.each(cases)('refuses with 401 when %s, and no invite request reaches Discord', async (_name, options) => {
			const before = invitePosts();
			const response = await signedPost(
				own.url,
				harness.discord.interaction({ user: 'member', channel: 'general' }),
				{ signer, ...options },
			);
			expect(response.status).toBe(401);
			expect(own.outcomes).toEqual([]);
			expect(invitePosts()).toBe(before);
		});
	});

	describe('when a picked channel carries no app_permissions (payloads before 2026-07)', () => {
		const withoutAppPermissions = (
			options: Record<string, string | number | boolean>,
			user = 'helper',
		): APIChatInputApplicationCommandInteraction => {
			const payload = harness.discord.interaction({ user, channel: 'general', options });
			for (const channel of Object.values(payload.data.resolved?.channels ?? {}))
				delete (channel as { app_permissions?: string }).app_permissions;
			return payload;
		};

		it("computes the bot's permissions there from the channel, the guild and the bot's member over REST", async () => {
			const since = harness.discord.requests.length;
			const before = invitePosts();
			const message = await harness.deliver(withoutAppPermissions({ channel: 'no-invites' })).message();
			expect(message.content).toMatch(/I need \*\*Create Invite\*\*/);
			expect(invitePosts()).toBe(before);
			const asked = harness.discord.requests.slice(since).map((request) => `${request.method} ${request.path}`);
			expect(asked).toEqual(
				expect.arrayContaining([
					`GET /channels/${channels.noInvites}`,
					`GET /guilds/${seedIds.guild}`,
					`GET /guilds/${seedIds.guild}/members/${harness.discord.applicationId}`,
				]),
			);
			// Each once: one interaction shares its lookups.
			expect(asked.length).toBe(new Set(asked).size);
		});

		it('refuses a channel hidden from the bot and creates the invite where it may', async () => {
			expect(
				(await harness.deliver(withoutAppPermissions({ channel: 'staff' }, 'moderator')).message()).content,
			).toMatch(/I need \*\*View Channel\*\*/);
			const before = invitePosts();
			const message = await harness.deliver(withoutAppPermissions({ channel: 'voice' })).message();
			expect(message.content).toContain('https://discord.gg/');
			expect(
				harness.discord
					.requestsTo('POST', INVITES)
					.slice(before)
					.map((request) => request.path),
			).toEqual([`/channels/${channels.voice}/invites`]);
		});
	});

	it('asks Discord for the role standing only when `role` is given', async () => {
		const since = harness.discord.requests.length;
		await harness.invite({ user: 'member', channel: 'general' }).message();
		expect(harness.discord.requests.slice(since).filter((request) => request.method === 'GET')).toEqual([]);
		await harness.invite({ user: 'moderator', channel: 'general', options: { role: 'member' } }).message();
		const gets = harness.discord.requests
			.slice(since)
			.filter((request) => request.method === 'GET')
			.map((request) => request.path);
		expect(gets.sort()).toEqual([
			`/guilds/${seedIds.guild}`,
			`/guilds/${seedIds.guild}/members/${harness.discord.applicationId}`,
		]);
	});
});

describe('the HTTP endpoint in flight', () => {
	it('logs when Discord goes away before the answer, and the answer is lost, not sent twice', async () => {
		const lines: string[] = [];
		const harness = await startHttpHarness({ deferAfterMs: 2_000 });
		const signer = createSigner();
		const endpoint = createInteractionServer({
			publicKey: signer.publicKeyHex,
			rest: new REST({ api: harness.discord.apiUrl }).setToken(harness.discord.token),
			inviteRest: createInviteRest({ api: harness.discord.apiUrl, token: harness.discord.token }),
			applicationId: harness.discord.applicationId,
			logger: createLogger('warn', { write: (line) => lines.push(line) }),
			deferAfterMs: 2_000,
			onOutcome: (outcome) => outcomes.push(outcome),
		});
		const outcomes: { delivery: string }[] = [];
		const { port } = await endpoint.listen(0, '127.0.0.1');
		try {
			harness.discord.inject('POST', INVITES, { delayMs: 500 });
			const abort = new AbortController();
			const sent = signedPost(
				`http://127.0.0.1:${port}/interactions`,
				harness.discord.interaction({ user: 'member', channel: 'general' }),
				{ signer, signal: abort.signal },
			);
			setTimeout(() => abort.abort(), 150);
			await expect(sent).rejects.toThrow();
			await expect.poll(() => outcomes.length, { timeout: 3_000 }).toBe(1);
			expect(outcomes[0]!.delivery).toBe('lost');
			expect(lines.some((line) => line.includes('Discord closed the connection before the answer'))).toBe(true);
		} finally {
			await endpoint.close();
			await harness.close();
		}
	});

	it('finishes a deferred answer before close() resolves, while it no longer accepts connections', async () => {
		const harness = await startHttpHarness({ deferAfterMs: 200 });
		try {
			harness.discord.inject('POST', INVITES, { delayMs: 800 });
			const handle = harness.invite({ user: 'member', channel: 'general' });
			expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
			const closing = harness.endpoint.close();
			expect(handle.state?.deferred).toBe(true);
			await closing;
			expect(handle.state).toMatchObject({
				deferred: false,
				content: expect.stringContaining('https://discord.gg/'),
			});
			expect(handle.rejected).toEqual([]);
			expect(harness.endpoint.server.listening).toBe(false);
		} finally {
			await harness.close();
		}
	});
});
