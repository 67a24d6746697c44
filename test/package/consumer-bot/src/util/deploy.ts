import { REST, Routes } from 'discord.js';
import { loadCommands } from './loaders.js';

/** The template's deploy script as a function: bulk-overwrites the global commands. */
export async function deploy(env: { token: string; applicationId: string; api?: string }): Promise<number> {
	const commands = await loadCommands(new URL('../commands/', import.meta.url));
	const rest = new REST({ version: '10', ...(env.api ? { api: env.api } : {}) }).setToken(env.token);
	const body = [...commands.values()].map((command) => command.data);
	const result = (await rest.put(Routes.applicationCommands(env.applicationId), { body })) as unknown[];
	return result.length;
}
