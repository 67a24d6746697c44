/**
 * The signature fuzz: thousands of mutations of a validly signed interaction (bits flipped in
 * the body, the signature and the timestamp; headers dropped, duplicated or reshaped; the
 * body cut or padded), none accepted. `fuzzSignatures` takes any endpoint URL and a signer
 * it trusts, so the same probe runs against another host adapter (the Worker) too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { createRest } from '../../src/discord/rest.js';
import { createInteractionServer, type InteractionServer } from '../../src/http/server.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { fuzzSignatures } from './signature-fuzz.js';
import { createSigner } from './signing-client.js';

describe('the Node endpoint under a signature fuzz', () => {
	const signer = createSigner();
	let discord: LocalDiscord;
	let endpoint: InteractionServer;
	let url: string;
	beforeAll(async () => {
		discord = await startLocalDiscord();
		endpoint = createInteractionServer({
			publicKey: signer.publicKeyHex,
			rest: createRest({ api: discord.apiUrl, token: discord.token }),
			inviteRest: createInviteRest({ api: discord.apiUrl, token: discord.token }),
			applicationId: discord.applicationId,
		});
		const { port } = await endpoint.listen(0, '127.0.0.1');
		url = `http://127.0.0.1:${port}/interactions`;
	});
	afterAll(async () => {
		await endpoint.close();
		await discord.close();
	});

	it('accepts none of 3,000 mutated requests, and nothing reaches Discord', async () => {
		const payload = discord.interaction({ user: 'member', channel: 'general', command: 'invite' });
		const statuses = await fuzzSignatures(url, payload, signer, 3_000);
		expect(Object.fromEntries(statuses)).toEqual({ 401: 3_000 });
		expect(discord.requests).toEqual([]);
	}, 60_000);
});
