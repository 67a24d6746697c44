/**
 * `/invite` for any discord.js v14 bot that follows the discord.js guide: put this file in
 * your `commands/` folder; your loader registers `data` and calls `execute` (and
 * `autocomplete` for the `expires` suggestions).
 *
 * To pass a logger or change timings, use `createInviteCommand(options)` instead.
 */
import { createInviteCommand } from '../src/gateway/command.js';

export default createInviteCommand();
