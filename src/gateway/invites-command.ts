/**
 * `/invites` for a discord.js bot, in the guide's shape (`{ data, execute, autocomplete }`):
 * the same pipeline as `/invite` (`createInviteCommand`), fed the interaction as Discord sent
 * it and answered with REST interaction callbacks. Pass the `store` your `/invite` records
 * into (the same database), or let the bot lend its own (`CommandContext.store`).
 */
import { invitesCommand } from '../core/ledger.js';
import { createGuideCommand, type GuideCommand, type InviteCommandOptions } from './command.js';

/** Builds `/invites` (list and revoke the invites made through `/invite`; its list pages with buttons). */
export function createInvitesCommand(options: InviteCommandOptions = {}): GuideCommand {
	return createGuideCommand(options, { data: invitesCommand });
}
