/**
 * The package's default export (`export { default } from 'discord-invite-command'` in a
 * `commands/invite.ts`) dropped into someone else's guide-style bot: their loader, their
 * dispatcher (which may defer before calling `execute`), their Client.
 */

import { Client, Events, GatewayIntentBits, type Interaction, MessageFlags } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import invite from '../../src/entries/index.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
	await client?.destroy();
	await discord?.close();
	client = undefined;
	discord = undefined;
});

/** A bot as the discord.js guide writes one, routing to `commands/invite.ts`'s default export. */
async function guideBot(local: LocalDiscord, dispatch: (interaction: Interaction) => Promise<void>): Promise<Client> {
	const bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: local.apiUrl } });
	bot.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
	const ready = new Promise<void>((resolve) => bot.once(Events.ClientReady, () => resolve()));
	await bot.login(local.token);
	await ready;
	await local.ready();
	return bot;
}

describe('commands/invite.ts in a guide-style bot', () => {
	it('has the guide shape: data with a name and toJSON(), execute and autocomplete', () => {
		expect(invite.data.name).toBe('invite');
		expect(invite.data.toJSON()).toMatchObject({ name: 'invite', options: expect.any(Array) });
		expect(typeof invite.execute).toBe('function');
		expect(typeof invite.autocomplete).toBe('function');
	});

	it('answers through the host bot’s own Client and dispatcher', async () => {
		discord = await startLocalDiscord();
		client = await guideBot(discord, async (interaction) => {
			if (interaction.isAutocomplete()) return invite.autocomplete(interaction);
			if (interaction.isChatInputCommand()) return invite.execute(interaction);
		});
		const message = await discord
			.dispatch(discord.interaction({ user: 'member', channel: 'general', options: { expires: '1h' } }))
			.message();
		expect(message.content).toContain('https://discord.gg/');
		const suggestions = await discord
			.dispatch(
				discord.autocomplete({
					user: 'member',
					channel: 'general',
					options: { expires: '2h' },
					focused: 'expires',
				}),
			)
			.response();
		expect(suggestions).toMatchObject({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [{ value: '2h' }] },
		});
	});

	it('edits the answer in when the host bot deferred before calling execute, and answers only once', async () => {
		discord = await startLocalDiscord();
		client = await guideBot(discord, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			await invite.execute(interaction);
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		const message = await handle.message();
		expect(handle.responses.map((response) => response.type)).toEqual([
			InteractionResponseType.DeferredChannelMessageWithSource,
		]);
		expect(message.content).toContain('https://discord.gg/');
		expect(handle.rejected).toEqual([]);
	});

	it('adds its answer as an ephemeral follow-up when the host bot already replied, never overwriting the host’s message', async () => {
		discord = await startLocalDiscord();
		client = await guideBot(discord, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.reply({ content: 'Working on it…', flags: MessageFlags.Ephemeral });
			await invite.execute(interaction);
		});
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
		await expect.poll(() => handle.followups.length, { timeout: 5_000 }).toBe(1);
		expect(handle.state?.content).toBe('Working on it…');
		expect(handle.followups[0]).toMatchObject({
			content: expect.stringContaining('https://discord.gg/'),
			flags: MessageFlags.Ephemeral,
		});
		expect(handle.rejected).toEqual([]);
	});
});
