/**
 * Interactions over the gateway that are not well-formed: the bot logs and drops them (no
 * answer, no request to Discord), keeps running, and answers the next one.
 */
import type { APIInteraction } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness.js';

type Json = Record<string, unknown>;

describe('the gateway bot given interactions that are not well-formed', () => {
	let harness: GatewayHarness;
	const lines: string[] = [];
	beforeAll(async () => {
		harness = await startGatewayHarness({
			command: { logger: createLogger('debug', { write: (line) => lines.push(line) }) },
		});
	});
	afterAll(() => harness.close());

	it('drops a lone surrogate in reason with a log line, calling nobody', async () => {
		const payload = harness.discord.interaction({
			user: 'member',
			channel: 'general',
			command: 'invite',
			options: { reason: 'x' },
		}) as unknown as Json;
		for (const option of (payload.data as Json).options as Json[])
			if (option.name === 'reason') option.value = 'raid \uD800 cleanup';
		const before = harness.discord.requests.length;
		const handle = harness.discord.dispatch(payload as unknown as APIInteraction);
		await expect.poll(() => lines.some((line) => line.includes('malformed'))).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(handle.responses).toEqual([]);
		expect(harness.discord.requests.length).toBe(before);
	});

	it('answers the next interaction as usual', async () => {
		const message = await harness.invite({ user: 'member', channel: 'general' }).message();
		expect(message.content).toContain('https://discord.gg/');
	});
});
