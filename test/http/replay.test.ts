import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpHarness, startHttpHarness } from './harness.js';

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
