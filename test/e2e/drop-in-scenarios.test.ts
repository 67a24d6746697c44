/**
 * Every `/invite` scenario over the discord.js drop-in: `createInviteCommand` in a bot written
 * the discord.js guide's way (its own Client with default caches, a dispatcher by command
 * name), against the local Discord.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createInviteCommand } from '../../src/gateway/command.js';
import { startLocalDiscord } from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';
import { inviteScenarios, type Transport, type TransportOptions } from './scenarios.js';

async function dropIn(options: TransportOptions = {}): Promise<Transport> {
	const discord = await startLocalDiscord(options.discord);
	const invite = createInviteCommand({
		logger: options.logger ?? silentLogger,
		requestTimeoutMs: options.requestTimeoutMs,
		deferAfterMs: options.deferAfterMs,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		attachmentTimeoutMs: options.attachmentTimeoutMs,
		jobPollDelaysMs: options.jobPollDelaysMs,
		cooldownPerUser: 0,
		cooldownPerGuild: 0,
	});
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
	client.on(Events.InteractionCreate, (interaction) => {
		if (interaction.isAutocomplete()) void invite.autocomplete(interaction);
		else if (interaction.isChatInputCommand()) void invite.execute(interaction);
	});
	try {
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		await client.login(discord.token);
		await ready;
		await discord.ready();
	} catch (error) {
		await client.destroy();
		await discord.close();
		throw error;
	}
	return {
		discord,
		invite: (init) => discord.dispatch(discord.interaction({ ...init, command: 'invite' })),
		autocomplete: (init) => discord.dispatch(discord.autocomplete({ ...init, command: 'invite' })),
		command: (init) => discord.dispatch(discord.interaction(init)),
		async close() {
			await client.destroy();
			await discord.close();
		},
	};
}

// An unknown command is the host bot's own dispatcher's to answer, not the drop-in's.
inviteScenarios('the discord.js drop-in (a guide-shaped bot)', dropIn, { servesUnknownCommands: false });
