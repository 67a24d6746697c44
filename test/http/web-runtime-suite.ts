/**
 * What the docs' `Bun.serve` and `Deno.serve` snippets must show, written once: run as printed
 * under the runtime its devDependency ships, against the local Discord, every end-to-end
 * scenario the Worker runs, then a deferred edit and what only such a host has to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteScenarios } from '../e2e/scenarios.js';
import {
	documentedCommand,
	documentedSnippet,
	type WebRuntime,
	type WebRuntimeHarness,
	webRuntimeTransports,
} from './web-runtimes-harness.js';

/** The suite for `runtime`, whose snippet's comment must give `args` as its command line. */
export function webRuntimeSuite(runtime: WebRuntime, name: string, args: readonly string[]): void {
	const transports = webRuntimeTransports(runtime);
	afterAll(() => transports.stop());

	inviteScenarios(`${name} (the documented snippet)`, transports.start);

	describe(`the documented snippet under ${name}`, () => {
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
			expect(documentedCommand(runtime, documentedSnippet(runtime).code)).toEqual(args);
		});

		it('answers /healthz and writes no warning to stderr', async () => {
			const health = await fetch(new URL('/healthz', harness.url));
			expect(await health.json()).toEqual({ status: 'ok' });
			await harness.invite({ user: 'member', channel: 'general' }).message();
			expect(harness.stderr()).toBe('');
		});
	});
}
