import { Events, type Interaction } from 'discord.js';
import type { Command } from '../commands/index.js';

/** The template's interactionCreate handler, with the autocomplete route the README adds. */
export function interactionCreate(commands: Map<string, Command>) {
	return {
		name: Events.InteractionCreate,
		async execute(interaction: Interaction) {
			if (interaction.isAutocomplete()) {
				await commands.get(interaction.commandName)?.autocomplete?.(interaction);
				return;
			}
			if (interaction.isCommand()) {
				const command = commands.get(interaction.commandName);
				if (!command) throw new Error(`Command '${interaction.commandName}' not found.`);
				await command.execute(interaction);
			}
		},
	} as const;
}
