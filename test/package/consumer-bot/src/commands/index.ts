import type { AutocompleteInteraction, CommandInteraction, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';

/** The template's command type, plus the `autocomplete?` the README tells you to add. */
export type Command = {
	data: RESTPostAPIApplicationCommandsJSONBody;
	execute(interaction: CommandInteraction): Promise<void> | void;
	autocomplete?(interaction: AutocompleteInteraction): Promise<void> | void;
};

export type StructurePredicate<T> = (structure: unknown) => structure is T;

/** What the template's schema checks: an object with `data` and a function `execute`. */
export const predicate: StructurePredicate<Command> = (structure: unknown): structure is Command =>
	typeof structure === 'object' &&
	structure !== null &&
	'data' in structure &&
	typeof structure.data === 'object' &&
	'execute' in structure &&
	typeof structure.execute === 'function';
