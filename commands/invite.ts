/**
 * The command file this project's own bot (`npm start`, src/gateway/bot.ts) loads from this
 * folder, in the discord.js guide's shape: the loader registers `data` and calls `execute`
 * (and `autocomplete` for the `expires` suggestions).
 *
 * Not a file to copy into another bot: it imports ../src. In your own bot, install the
 * package and write `export { default } from 'discord-invite-command';`
 * (docs/discord-js-bot.md); `createInviteCommand(options)` takes a logger or timings.
 */
import { createInviteCommand } from '../src/gateway/command.js';

export default createInviteCommand();
