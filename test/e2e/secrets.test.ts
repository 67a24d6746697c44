/**
 * The drop-in command's own default logger (no logger passed and none lent by the host, as
 * `commands/invite.ts` runs in a guide-style bot) knows the token it runs with: an upstream
 * error text that echoes the token is masked.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInviteCommand } from '../../src/gateway/command.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

/** No bot-token shape on purpose: only the literal secret can catch it. */
const TOKEN = 'plain-local-token-without-dots-0123456789';
const INVITES = /^\/channels\/\d+\/invites$/;

describe('the drop-in command with its default logger', () => {
	let discord: LocalDiscord;
	let client: Client;
	const written: string[] = [];
	const level = process.env.LOG_LEVEL;
	beforeAll(async () => {
		process.env.LOG_LEVEL = 'debug';
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			written.push(String(chunk));
			return true;
		});
		discord = await startLocalDiscord({ token: TOKEN });
		const command = createInviteCommand();
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		client.on(Events.InteractionCreate, (interaction) => {
			if (interaction.isChatInputCommand()) void command.execute(interaction);
		});
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		await client.login(TOKEN);
		await ready;
		await discord.ready();
	});
	afterAll(async () => {
		await client.destroy();
		await discord.close();
		vi.restoreAllMocks();
		process.env.LOG_LEVEL = level;
	});

	it('masks the token inside an upstream error text it logs', async () => {
		discord.inject('POST', INVITES, { status: 400, body: { code: 12_345, message: `echo ${TOKEN} echo` } });
		await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		await expect.poll(() => written.some((line) => line.includes('echo'))).toBe(true);
		expect(written.join('')).not.toContain(TOKEN);
	});
});
