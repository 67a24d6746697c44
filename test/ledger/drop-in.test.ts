/**
 * `/invite` and `/invites` dropped into someone else's guide-style discord.js bot, handed the
 * bot author's own store: the invite is recorded, listed and revoked through their Client;
 * the `/invites` scenarios (the Revoke button and the list's pages included) run on it as on
 * every host, with a dispatcher that hands the commands only what the guide's handler does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuideCommand, InviteCommandOptions } from '../../src/entries/index.js';
import { createInviteCommand, createInviteSettingsCommand } from '../../src/gateway/command.js';
import { createInvitesCommand } from '../../src/gateway/invites-command.js';
import { type LocalDiscord, type LocalDiscordOptions, startLocalDiscord } from '../../src/local-discord/index.js';
import { seedIds } from '../../src/local-discord/seed.js';
import { silentLogger } from '../../src/log.js';
import { openStore } from '../../src/store/node.js';
import type { InviteStore } from '../../src/store/repository.js';
import { recordingLogger } from '../core/helpers.js';
import { codeOf, ledgerScenarios, onSqlite, rowOf } from './scenarios.js';

/** A bot as the discord.js guide writes one: chat-input commands and autocomplete, by name. */
async function guideBot(
	discord: LocalDiscord,
	commands: readonly GuideCommand[],
	wiring: (client: Client) => void = () => undefined,
): Promise<Client> {
	const byName = new Map(commands.map((command) => [command.data.name, command]));
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
	wiring(client);
	client.on(Events.InteractionCreate, (interaction: Interaction) => {
		if (interaction.isAutocomplete()) void byName.get(interaction.commandName)?.autocomplete(interaction);
		else if (interaction.isChatInputCommand()) void byName.get(interaction.commandName)?.execute(interaction);
	});
	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	await client.login(discord.token);
	await ready;
	await discord.ready();
	return client;
}

const commandOptions = (store: InviteStore, more: InviteCommandOptions = {}): InviteCommandOptions => ({
	store,
	logger: silentLogger,
	cooldownPerUser: 0,
	cooldownPerGuild: 0,
	...more,
});

ledgerScenarios(
	'the discord.js drop-in (a guide-shaped bot)',
	onSqlite(async ({ store, discord: options }) => {
		const discord = await startLocalDiscord(options as LocalDiscordOptions | undefined);
		const options_ = commandOptions(store);
		const client = await guideBot(discord, [createInviteCommand(options_), createInvitesCommand(options_)]).catch(
			async (error: unknown) => {
				await discord.close();
				throw error;
			},
		);
		return {
			discord,
			deliver: (payload) => discord.dispatch(payload),
			async close() {
				await client.destroy();
				await discord.close();
			},
		};
	}),
);

let discord: LocalDiscord | undefined;
const clients: Client[] = [];
let store: InviteStore | undefined;
let dir: string | undefined;
afterEach(async () => {
	for (const client of clients.splice(0)) await client.destroy();
	await discord?.close();
	await store?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
	discord = undefined;
	store = undefined;
	dir = undefined;
});

async function setUp(): Promise<{ discord: LocalDiscord; store: InviteStore }> {
	dir = await mkdtemp(join(tmpdir(), 'drop-in-ledger-'));
	store = await openStore({ kind: 'sqlite', path: join(dir, 'mine.db') });
	discord = await startLocalDiscord();
	return { discord, store };
}

describe('the drop-in commands with the bot author’s own store', () => {
	it('records the invite, lists it and revokes it through the host bot’s Client', async () => {
		const { discord, store } = await setUp();
		const options = commandOptions(store);
		clients.push(await guideBot(discord, [createInviteCommand(options), createInvitesCommand(options)]));

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

describe('/invite-settings as a drop-in command', () => {
	it('saves a server limit from the admin’s /invite-settings, and the next /invite through the drop-in keeps to it', async () => {
		const { discord, store } = await setUp();
		const options = commandOptions(store);
		clients.push(await guideBot(discord, [createInviteCommand(options), createInviteSettingsCommand(options)]));
		const saved = await discord
			.dispatch(
				discord.interaction({
					user: 'admin',
					channel: 'general',
					command: 'invite-settings',
					options: { max_uses_limit: 5 },
				}),
			)
			.message();
		expect(saved.content).toContain('Saved.');
		const refused = await discord
			.dispatch(
				discord.interaction({
					user: 'moderator',
					channel: 'general',
					command: 'invite-settings',
					options: { reset: true },
				}),
			)
			.message();
		expect(refused.content).toContain('You need **Manage Server**');
		const made = await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		expect(made.content).toContain("Limited to 5 uses by this server's settings.");
		expect(discord.requestsTo('POST', /^\/channels\/\d+\/invites$/)[0]?.body).toMatchObject({ max_uses: 5 });
	});
});

describe('the drop-in’s buttons across a restart and over both routes', () => {
	it('revokes from the Revoke button of a reply made before a restart, through the documented one-line wiring', async () => {
		const { discord, store } = await setUp();
		const before = await guideBot(discord, [createInviteCommand(commandOptions(store))]);
		clients.push(before);
		const handle = discord.dispatch(
			discord.interaction({ user: 'member', channel: 'general', options: { unique: true } }),
		);
		const code = codeOf((await handle.message()).content);
		await rowOf(store, code);
		await before.destroy();

		// The bot restarts: a new Client, new command instances, and no /invite run since.
		const invite = createInviteCommand(commandOptions(store));
		const after = await guideBot(discord, [invite, createInvitesCommand(commandOptions(store))], (client) =>
			client.on(Events.InteractionCreate, (interaction) => void invite.handleComponent(interaction)),
		);
		clients.push(after);
		const click = discord.dispatch(
			discord.component({ user: 'member', message: handle, customId: `invite:revoke:${code}` }),
		);
		expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
		await expect
			.poll(() => handle.state?.content)
			.toMatch(new RegExp(`^Invite \`${code}\` was revoked by <@${seedIds.users.member}> <t:\\d+:f>\\.$`));
		expect(discord.requestsTo('DELETE', /^\/invites\//).map((request) => request.path)).toEqual([
			`/invites/${code}`,
		]);
	});

	it('runs a click handed over by the bot and caught by the command’s own listener once, and a redelivered click not again', async () => {
		const { discord, store } = await setUp();
		const logger = recordingLogger();
		const invite = createInviteCommand(commandOptions(store, { logger }));
		const handed: boolean[] = [];
		clients.push(
			await guideBot(discord, [invite], (client) =>
				client.on(Events.InteractionCreate, async (interaction) => {
					if (interaction.isButton()) handed.push(await invite.handleComponent(interaction));
				}),
			),
		);
		const handle = discord.dispatch(
			discord.interaction({ user: 'member', channel: 'general', options: { unique: true } }),
		);
		const code = codeOf((await handle.message()).content);
		await rowOf(store, code);
		// `/invite` ran: the command listens on the Client too, so both routes see the click.
		const payload = discord.component({ user: 'member', message: handle, customId: `invite:revoke:${code}` });
		const click = discord.dispatch(payload);
		await click.response();
		await expect.poll(() => handle.state?.content).toContain('was revoked by');
		await expect.poll(() => handed).toEqual([true]);
		expect(click.responses).toHaveLength(1);
		expect(click.rejected).toEqual([]);
		// The same interaction again (a resumed shard): the pipeline's replay guard knows its id.
		discord.dispatch(payload);
		await expect
			.poll(() => logger.lines.some((line) => line.message.startsWith('refused a replayed interaction')))
			.toBe(true);
		expect(discord.requestsTo('DELETE', /^\/invites\//)).toHaveLength(1);
	});

	it('leaves a button it does not own to the bot: handleComponent resolves false and nothing is answered', async () => {
		const { discord, store } = await setUp();
		const invite = createInviteCommand(commandOptions(store));
		const handed: boolean[] = [];
		clients.push(
			await guideBot(discord, [invite], (client) =>
				client.on(Events.InteractionCreate, async (interaction) => {
					if (interaction.isButton()) handed.push(await invite.handleComponent(interaction));
				}),
			),
		);
		const handle = discord.dispatch(
			discord.interaction({ user: 'member', channel: 'general', options: { unique: true } }),
		);
		const code = codeOf((await handle.message()).content);
		// The local Discord clicks only buttons a message carries: the Revoke button's click with
		// another custom_id (and id) stands for a button of the bot's own.
		const bogus = discord.component({ user: 'member', message: handle, customId: `invite:revoke:${code}` });
		const theirs = { ...bogus, id: `${BigInt(bogus.id) + 1n}`, data: { ...bogus.data, custom_id: 'their:button' } };
		const click = discord.dispatch(theirs as typeof bogus);
		await expect.poll(() => handed).toEqual([false]);
		// Later work of the bot is answered (so the command had its chance), the click never.
		await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		expect(click.responses).toEqual([]);
	});
});
