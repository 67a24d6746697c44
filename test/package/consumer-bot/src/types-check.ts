/**
 * Compile-time checks that the package's declarations resolved (a declaration that fails to
 * resolve under `skipLibCheck` turns into `any` silently): each line fails to compile when a
 * type is `any` or is not the discord.js type of this bot's own discord.js.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import invite, { type createInviteCommand, type GuideCommand } from 'discord-invite-command';
import type { runInvite } from 'discord-invite-command/core';
import type { handleInteraction } from 'discord-invite-command/fetch';
import type { createInteractionHandler } from 'discord-invite-command/http';
import type { LocalDiscord } from 'discord-invite-command/testing';
import type { Command } from './commands/index.js';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const checks: [false, false, false, false, false, false, true, true, true, true, true] = [
	false as IsAny<typeof invite>,
	false as IsAny<typeof handleInteraction>,
	false as IsAny<typeof runInvite>,
	false as IsAny<typeof createInteractionHandler>,
	false as IsAny<LocalDiscord>,
	false as IsAny<GuideCommand['data']>,
	true as Same<Parameters<GuideCommand['execute']>[0], ChatInputCommandInteraction>,
	true as Same<Parameters<GuideCommand['autocomplete']>[0], AutocompleteInteraction>,
	true as Same<Parameters<GuideCommand['handleComponent']>[0], Interaction>,
	true as Same<ReturnType<typeof createInviteCommand>, GuideCommand>,
	true as Same<GuideCommand['data']['name'], string>,
];

// The default export fits the template's Command type as it is.
export const asCommand: Command = invite;
