/**
 * The README's `Bun.serve` snippet, as printed, under the Bun the `bun` devDependency ships,
 * against the local Discord: every end-to-end scenario the Worker runs, then a deferred edit
 * and what only this host has to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteScenarios } from '../e2e/scenarios.js';
import {
	documentedCommand,
	documentedSnippet,
	type WebRuntimeHarness,
	webRuntimeTransports,
} from './web-runtimes-harness.js';

const transports = webRuntimeTransports('bun');
afterAll(() => transports.stop());

inviteScenarios('Bun.serve (the README snippet)', transports.start);

describe('the README snippet under Bun', () => {
	let harness: WebRuntimeHarness;
	beforeAll(async () => {
		harness = await transports.start({ deferAfterMs: 300 });
	});
	afterAll(() => harness.close());

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

	it('runs with the command line the snippet’s comment gives', () => {
		expect(documentedCommand('bun', documentedSnippet('bun').code)).toEqual(['run', 'main.mjs']);
	});

	it('answers /healthz and writes no warning to stderr', async () => {
		const health = await fetch(new URL('/healthz', harness.url));
		expect(await health.json()).toEqual({ status: 'ok' });
		await harness.invite({ user: 'member', channel: 'general' }).message();
		expect(harness.stderr()).toBe('');
	});
});
