/**
 * The drop-in command's own default logger (no logger passed, as `commands/invite.ts` makes
 * it) knows the token it runs with: an upstream error text that echoes the token is masked.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness.js';

/** No bot-token shape on purpose: only the literal secret can catch it. */
const TOKEN = 'plain-local-token-without-dots-0123456789';
const INVITES = /^\/channels\/\d+\/invites$/;

describe('the drop-in command with its default logger', () => {
	let harness: GatewayHarness;
	const written: string[] = [];
	const level = process.env.LOG_LEVEL;
	beforeAll(async () => {
		process.env.LOG_LEVEL = 'debug';
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			written.push(String(chunk));
			return true;
		});
		harness = await startGatewayHarness({ discord: { token: TOKEN }, command: { logger: undefined } });
	});
	afterAll(async () => {
		await harness.close();
		vi.restoreAllMocks();
		process.env.LOG_LEVEL = level;
	});

	it('masks the token inside an upstream error text it logs', async () => {
		harness.discord.inject('POST', INVITES, { status: 400, body: { code: 12_345, message: `echo ${TOKEN} echo` } });
		await harness.invite({ user: 'member', channel: 'general' }).message();
		await expect.poll(() => written.some((line) => line.includes('echo'))).toBe(true);
		expect(written.join('')).not.toContain(TOKEN);
	});
});
