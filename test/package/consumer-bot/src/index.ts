import { Client, GatewayIntentBits } from 'discord.js';
import { interactionCreate } from './events/interactionCreate.js';
import { loadCommands } from './util/loaders.js';

/** The template's src/index.ts as a function: load the commands, register the event, log in. */
export async function startBot(env: { token: string; api?: string }): Promise<Client> {
	const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(env.api ? { rest: { api: env.api } } : {}) });
	const commands = await loadCommands(new URL('./commands/', import.meta.url));
	const event = interactionCreate(commands);
	client.on(event.name, (interaction) => void event.execute(interaction));
	await client.login(env.token);
	return client;
}
