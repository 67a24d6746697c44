/**
 * `/invite-settings` (each server's limits on `/invite`), loaded by this project's own bot
 * from this folder as a pipeline command module (see `invite.ts` here for what the loader
 * expects and how a command is added).
 *
 * In a discord.js bot, install the package and write
 * `export default createInviteSettingsCommand({ store });` with `createInviteSettingsCommand`
 * from 'discord-invite-command' and the store your `/invite` uses (without one it says so).
 */
import { inviteSettings } from '../src/commands/invite-settings.js';

export default inviteSettings;
