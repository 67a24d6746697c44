import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { createInteractionServer } from '../../src/http/server.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { type HttpHarness, startHttpHarness } from './harness.js';
import { createSigner, signedPost, unixSeconds } from './signing-client.js';

describe('the HTTP endpoint against replays', () => {
	let harness: HttpHarness;
	beforeAll(async () => {
		harness = await startHttpHarness();
	});
	afterAll(() => harness.close());

	it('runs a signed interaction once: the same request replayed within the window gets 401 and makes no invite', async () => {
		const payload = harness.discord.interaction({ user: 'member', channel: 'general', options: { unique: true } });
		const first = harness.deliver(payload);
		await first.message();
		const before = harness.discord.requestsTo('POST', /\/invites$/).length;

		const replay = harness.deliver(payload);
		await expect.poll(() => replay.httpStatus, { timeout: 5_000 }).toBe(401);
		expect(harness.discord.requestsTo('POST', /\/invites$/)).toHaveLength(before);
		expect(harness.outcomes.filter((outcome) => outcome.interactionId === payload.id)).toHaveLength(1);
	});
});

describe('the HTTP endpoint against replays across a restart (no Redis)', () => {
	const signer = createSigner();
	let discord: LocalDiscord;
	beforeAll(async () => {
		discord = await startLocalDiscord();
	});
	afterAll(() => discord.close());

	/** An endpoint "process" whose clock reads `now()`; it starts when made. */
	const endpoint = async (now: () => number) => {
		const server = createInteractionServer({
			publicKey: signer.publicKeyHex,
			rest: new REST({ api: discord.apiUrl }).setToken(discord.token),
			inviteRest: createInviteRest({ api: discord.apiUrl, token: discord.token }),
			applicationId: discord.applicationId,
			now,
		});
		const { port } = await server.listen(0, '127.0.0.1');
		return { server, url: `http://127.0.0.1:${port}/interactions` };
	};

	it('refuses with 401 a request signed before the process started, which a restart would otherwise run again', async () => {
		const posts = () => discord.requestsTo('POST', /\/invites$/).length;
		const payload = discord.interaction({ user: 'member', channel: 'general' });
		const signedAt = Date.now();
		const timestamp = unixSeconds(signedAt);
		const before = await endpoint(Date.now);
		try {
			expect((await signedPost(before.url, payload, { signer, timestamp })).status).toBe(200);
		} finally {
			await before.server.close();
		}
		const made = posts();
		// Restarted two minutes later: the request is still inside the 5-minute window.
		const after = await endpoint(() => Date.now() + 120_000);
		try {
			const replay = await signedPost(after.url, payload, { signer, timestamp });
			expect(replay.status).toBe(401);
			expect(posts()).toBe(made);
		} finally {
			await after.server.close();
		}
	});

	it('still takes a request signed a moment before it started (Discord signs, then delivers)', async () => {
		const started = Date.now();
		const fresh = await endpoint(() => Date.now());
		try {
			const payload = discord.interaction({ user: 'member', channel: 'general' });
			const response = await signedPost(fresh.url, payload, { signer, timestamp: unixSeconds(started - 2_000) });
			expect(response.status).toBe(200);
		} finally {
			await fresh.server.close();
		}
	});
});
