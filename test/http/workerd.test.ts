/**
 * The Cloudflare Worker in workerd (the runtime Cloudflare runs, from npm) against the local
 * Discord, which signs and POSTs interactions to it as Discord does: every end-to-end
 * scenario, then what only a Worker has to prove (the edit after the response, kept alive by
 * ctx.waitUntil; forged signatures; the replay memory of one isolate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteScenarios } from '../e2e/scenarios.js';
import { createSigner, signedPost } from './signing-client.js';
import { type WorkerdHarness, workerdTransports } from './workerd-harness.js';

const transports = workerdTransports();
afterAll(() => transports.stop());

inviteScenarios('Cloudflare Workers (workerd)', transports.start);

describe('the Worker in workerd', () => {
	let harness: WorkerdHarness;
	beforeAll(async () => {
		harness = await transports.start({ deferAfterMs: 300 });
	});
	afterAll(() => harness.close());
	const invitePosts = () => harness.discord.requestsTo('POST', /\/invites$/);

	it('answers a slow invite with a deferred response, then edits @original after that response was returned', async () => {
		harness.discord.inject('POST', /\/invites$/, { delayMs: 1_000 });
		const handle = harness.invite({ user: 'member', channel: 'general' });
		expect((await handle.response()).type).toBe(5);
		await expect.poll(() => handle.httpStatus).toBe(200);
		const answeredAt = handle.dispatchedAt + (handle.answeredInMs ?? 0);
		const message = await handle.message(10_000);
		expect(message.content).toContain('https://discord.gg/');
		const edit = harness.discord.requests.find(
			(request) => request.method === 'PATCH' && request.path.includes(handle.token),
		);
		expect(edit?.at).toBeGreaterThan(answeredAt);
		expect(handle.rejected).toEqual([]);
	});

	it('refuses a forged signature with 401 and runs nothing', async () => {
		const before = invitePosts().length;
		const payload = harness.discord.interaction({ user: 'member', channel: 'general' });
		const forged = harness.discord.dispatch(payload, { via: 'http', url: harness.url, badSignature: true });
		await expect.poll(() => forged.httpStatus).toBe(401);
		const otherKey = await signedPost(harness.url, payload, { signer: createSigner() });
		expect(otherKey.status).toBe(401);
		expect(forged.responses).toEqual([]);
		expect(invitePosts()).toHaveLength(before);
	});

	it('runs a replayed interaction once within one isolate', async () => {
		const payload = harness.discord.interaction({ user: 'member', channel: 'general', options: { unique: true } });
		await harness.deliver(payload).message();
		const before = invitePosts().length;
		const replay = harness.deliver(payload);
		await expect.poll(() => replay.httpStatus).toBe(401);
		expect(invitePosts()).toHaveLength(before);
	});

	it('answers /healthz, 404 and 405 as the Node endpoint does', async () => {
		const base = new URL('/', harness.url);
		const health = await fetch(new URL('/healthz', base));
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		expect((await fetch(new URL('/elsewhere', base), { method: 'POST' })).status).toBe(404);
		const get = await fetch(harness.url);
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
	});

	it('refuses a body over 64 KiB with 413', async () => {
		const response = await fetch(harness.url, { method: 'POST', body: 'x'.repeat(65 * 1024) });
		expect(response.status).toBe(413);
	});
});
