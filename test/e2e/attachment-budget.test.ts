/**
 * One memory budget (32 MiB) for every `users_file` download in flight in a process: three
 * files of 10 MiB being downloaded hold 30 MiB, so a fourth waits briefly and is then refused
 * with a clear reply, on the HTTP endpoint and on the gateway bot alike. Nothing is sent to
 * Discord for it, and the others end as they would have.
 */
import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_BUDGET_BYTES } from '../../src/discord/attachments.js';
import type { InteractionHandle, InteractionInit, LocalDiscord } from '../../src/local-discord/index.js';
import { seedIds } from '../../src/local-discord/seed.js';
import { startHttpHarness } from '../http/harness.js';
import { startGatewayHarness } from '../support/gateway-harness.js';

const INVITES = /^\/channels\/\d+\/invites$/;
const TEN_MIB = 10 * 1024 * 1024;
/** Long enough that the held downloads outlast the fourth's wait for room (1 s). */
const TIMEOUT_MS = 3_000;

interface Host {
	discord: LocalDiscord;
	invite(init: Omit<InteractionInit, 'command'>): InteractionHandle;
	close(): Promise<void>;
}

describe.each([
	[
		'the HTTP endpoint',
		async (): Promise<Host> => {
			const harness = await startHttpHarness({ attachmentTimeoutMs: TIMEOUT_MS });
			return { discord: harness.discord, invite: harness.invite, close: () => harness.close() };
		},
	],
	[
		'the gateway bot',
		async (): Promise<Host> => {
			const harness = await startGatewayHarness({ command: { attachmentTimeoutMs: TIMEOUT_MS } });
			return { discord: harness.discord, invite: harness.invite, close: () => harness.close() };
		},
	],
])('%s: downloads beyond the memory budget', (_host, start) => {
	let host: Host;
	beforeAll(async () => {
		host = await start();
	});
	afterAll(() => host.close());

	it('refuses a download while others hold the budget, saying so, and sends nothing for it', async () => {
		expect(3 * TEN_MIB).toBeLessThanOrEqual(DEFAULT_ATTACHMENT_BUDGET_BYTES);
		expect(4 * TEN_MIB).toBeGreaterThan(DEFAULT_ATTACHMENT_BUDGET_BYTES);
		const { discord } = host;
		// Announced at 10 MiB (what the budget reserves), a few bytes in fact.
		const upload = (name: string) => discord.upload({ filename: name, data: seedIds.users.alice, size: TEN_MIB });
		const held = ['a.csv', 'b.csv', 'c.csv'].map(upload);
		for (const file of held) discord.inject('GET', `/attachments/${file.id}/${file.filename}`, { hang: true });
		const before = discord.requestsTo('POST', INVITES).length;
		const holding = held.map((file) =>
			host.invite({ user: 'admin', channel: 'general', options: { users_file: file.id } }),
		);
		// Each of the three is downloading (its GET arrived) before the fourth comes.
		while (discord.requestsTo('GET', /^\/attachments\//).filter((r) => r.status === 0).length < 3)
			await new Promise((resolve) => setTimeout(resolve, 20));
		const fourth = upload('d.csv');
		const message = await host
			.invite({ user: 'admin', channel: 'general', options: { users_file: fourth.id } })
			.message();
		expect(message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
		expect(message.content).toContain("Too many files are being read right now, so I didn't download `d.csv`");
		expect(discord.requestsTo('GET', new RegExp(`^/attachments/${fourth.id}/`))).toEqual([]);
		for (const handle of holding) expect((await handle.message()).content).toContain('took too long to download');
		expect(discord.requestsTo('POST', INVITES).length).toBe(before);
	}, 20_000);
});
