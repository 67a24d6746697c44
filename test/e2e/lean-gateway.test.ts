/**
 * The gateway bot keeps no discord.js caches: `/invite` runs from the raw INTERACTION_CREATE
 * payload, with REST lookups for what the payload lacks. The drop-in command in a host bot
 * whose caches are limited looks up over REST what the cache lacks, and decides as it would
 * with every cache full. `deferAtOnce` answers "thinking…" first and edits the invite in.
 */
import { Client, Events, GatewayIntentBits, type Interaction, Options } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { createInviteCommand } from '../../src/gateway/command.js';
import { type InteractionInit, type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness.js';

let harness: GatewayHarness | undefined;
let discord: LocalDiscord | undefined;
const clients: Client[] = [];
afterEach(async () => {
	await harness?.close();
	for (const client of clients.splice(0)) await client.destroy();
	await discord?.close();
	harness = undefined;
	discord = undefined;
});

/** What users ask, some allowed and some refused by the server's roles and overwrites. */
const CASES: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'moderator', channel: 'general', options: { role: 'member' } },
	{ user: 'member', channel: 'general', options: { role: 'moderator' } },
	{ user: 'member', channel: 'general', options: { channel: 'staff' } },
	{ user: 'moderator', channel: 'general', options: { channel: 'voice' } },
	{ user: 'moderator', channel: 'general', options: { more_roles: `<@&${seedIds.roles.member}>` } },
	{ user: 'helper', channel: 'general', options: { more_roles: `<@&${seedIds.roles.admin}>` } },
];

/** The answer with invite codes and times taken out, to compare two bots' decisions. */
const decision = (content: string | undefined): string =>
	(content ?? '')
		.replace(/discord\.gg\/[\w-]+/g, 'discord.gg/CODE')
		.replace(/`[\w-]{6,}`/g, '`CODE`')
		.replace(/<t:\d+(:\w)?>/g, '<t>');

describe('the gateway bot without discord.js caches', () => {
	it('keeps no server, channel, role, member or user cached, and answers as the payload and REST say', async () => {
		harness = await startGatewayHarness();
		const answers: string[] = [];
		for (const init of CASES) answers.push(decision((await harness.invite(init).message()).content));
		expect(answers[0]).toContain('discord.gg/CODE');
		expect(answers[1]).toContain('discord.gg/CODE');
		expect(answers[2]).not.toContain('discord.gg/');
		// On @discordjs/ws: no discord.js Client, so no cache of anything at all.
		expect(harness.bot).not.toHaveProperty('client');
		expect(harness.bot.guildCount()).toBe(1);
	});

	it('defers at once when told to, then edits the invite in, answering exactly once', async () => {
		harness = await startGatewayHarness({ command: { deferAtOnce: true } });
		const handle = harness.invite({ user: 'member', channel: 'general' });
		const message = await handle.message();
		expect(handle.responses.map((response) => response.type)).toEqual([
			InteractionResponseType.DeferredChannelMessageWithSource,
		]);
		expect(message.content).toContain('https://discord.gg/');
		expect(handle.rejected).toEqual([]);
		await expect.poll(() => harness?.outcomes.length).toBe(1);
		expect(harness.outcomes[0]).toMatchObject({ status: 'created', delivery: 'deferred' });
	});
});

describe('the drop-in command in a host bot with limited caches', () => {
	/** A guide-style host bot routing to the drop-in's `execute`. */
	async function host(local: LocalDiscord, limited: boolean): Promise<Client> {
		const command = createInviteCommand({ logger: silentLogger, cooldownPerUser: 0, cooldownPerGuild: 0 });
		const client = new Client({
			intents: [GatewayIntentBits.Guilds],
			rest: { api: local.apiUrl },
			...(limited
				? {
						makeCache: Options.cacheWithLimits({
							GuildMemberManager: 0,
							UserManager: 0,
							RoleManager: 0,
						} as never),
					}
				: {}),
		});
		clients.push(client);
		client.on(Events.InteractionCreate, (interaction: Interaction) => {
			if (interaction.isChatInputCommand()) void command.execute(interaction);
		});
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		await client.login(local.token);
		await ready;
		await local.ready();
		return client;
	}

	it('looks up over REST what its cache lacks and decides as with full caches', async () => {
		const decide = async (limited: boolean): Promise<string[]> => {
			const local = await startLocalDiscord();
			discord = local;
			const client = await host(local, limited);
			const answers: string[] = [];
			for (const init of CASES)
				answers.push(
					decision(
						(await local.dispatch(local.interaction({ ...init, command: 'invite' })).message()).content,
					),
				);
			if (limited) expect(local.requestsTo('GET', /^\/guilds\/\d+$/).length).toBeGreaterThan(0);
			await client.destroy();
			await local.close();
			discord = undefined;
			return answers;
		};
		const full = await decide(false);
		const limited = await decide(true);
		expect(limited).toEqual(full);
		expect(full.filter((answer) => answer.includes('discord.gg/CODE')).length).toBeGreaterThan(0);
		expect(full.filter((answer) => !answer.includes('discord.gg/')).length).toBeGreaterThan(0);
	});
});
