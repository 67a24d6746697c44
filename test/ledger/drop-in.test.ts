/**
 * `/invite` and `/invites` dropped into someone else's guide-style discord.js bot, handed the
 * bot author's own store: the invite is recorded, listed and revoked through their Client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createInviteCommand } from '../../src/gateway/command.js';
import { createInvitesCommand } from '../../src/gateway/invites-command.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/node.js';
import type { InviteStore } from '../../src/store/repository.js';
import { codeOf, rowOf } from './scenarios.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;
let store: InviteStore | undefined;
let dir: string | undefined;
afterEach(async () => {
	await client?.destroy();
	await discord?.close();
	await store?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
	client = undefined;
	discord = undefined;
	store = undefined;
	dir = undefined;
});

describe('the drop-in commands with the bot author’s own store', () => {
	it('records the invite, lists it and revokes it through the host bot’s Client', async () => {
		dir = await mkdtemp(join(tmpdir(), 'drop-in-ledger-'));
		store = await openStore({ kind: 'sqlite', path: join(dir, 'mine.db') });
		discord = await startLocalDiscord();
		const options = { store, logger: silentLogger, cooldownPerUser: 0 as const, cooldownPerGuild: 0 as const };
		const commands = new Map(
			[createInviteCommand(options), createInvitesCommand(options)].map((command) => [
				command.data.name,
				command,
			]),
		);
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		client.on(Events.InteractionCreate, (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			void commands.get(interaction.commandName)?.execute(interaction);
		});
		const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
		await client.login(discord.token);
		await ready;
		await discord.ready();

		const made = await discord
			.dispatch(discord.interaction({ user: 'member', channel: 'general', options: { unique: true } }))
			.message();
		const code = codeOf(made.content);
		await rowOf(store, code);
		const listed = await discord
			.dispatch(
				discord.interaction({ user: 'member', channel: 'general', command: 'invites', subcommand: 'list' }),
			)
			.message();
		expect(listed.content).toContain(code);
		const revoked = await discord
			.dispatch(
				discord.interaction({
					user: 'member',
					channel: 'general',
					command: 'invites',
					subcommand: 'revoke',
					options: { code },
				}),
			)
			.message();
		expect(revoked.content).toBe(`Invite \`${code}\` revoked.`);
		expect(discord.requestsTo('DELETE', /^\/invites\//)).toHaveLength(1);
	});
});
