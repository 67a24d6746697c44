/**
 * `/invite-settings` for this project's own bot (`npm start`), in the discord.js guide's
 * shape, like `commands/invite.ts`: the loader registers `data` and calls `execute` (and
 * `autocomplete` for the `max_expires` suggestions).
 *
 * Not a file to copy into another bot: it imports ../src. In your own bot, install the
 * package and write `export { createInviteSettingsCommand } from 'discord-invite-command';`
 * then `export default createInviteSettingsCommand();`.
 */
import { createInviteSettingsCommand } from '../src/gateway/command.js';

export default createInviteSettingsCommand();
