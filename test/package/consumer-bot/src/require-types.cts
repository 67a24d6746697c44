// The CommonJS declarations (.d.cts) as a CommonJS bot's TypeScript sees them, with the
// template's Command type over discord.js's CommonJS declarations.
import type { AutocompleteInteraction, CommandInteraction, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';

import invite = require('discord-invite-command');
import core = require('discord-invite-command/core');
import fetchEntry = require('discord-invite-command/fetch');

type Command = {
	data: RESTPostAPIApplicationCommandsJSONBody;
	execute(interaction: CommandInteraction): Promise<void> | void;
	autocomplete?(interaction: AutocompleteInteraction): Promise<void> | void;
};
type IsAny<T> = 0 extends 1 & T ? true : false;

export const notAny: [false, false, false] = [
	false as IsAny<typeof invite.default>,
	false as IsAny<typeof core.runInvite>,
	false as IsAny<typeof fetchEntry.handleInteraction>,
];
export const asCommand: Command = invite.default;
