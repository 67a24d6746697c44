/**
 * `/invite`, one of the commands this project's own bot (`npm start`, `npm run deploy`) loads
 * from this folder. The loader (src/gateway/command-loader.ts) imports every `.ts`/`.js` file
 * here and takes its default export: a pipeline command module (`SlashCommand` of
 * src/pipeline/command.ts: `data`, `read`, `execute`, and optionally `autocomplete`,
 * `components`, `modals`), which the bot serves through its one pipeline. A file that exports
 * anything else stops the bot at start, naming the file.
 *
 * To add a command: write its module in src/commands/, add a file here named after its slash
 * name that default-exports it, and run `npm run deploy` to register it (`npm start` rebuilds
 * its bundle when this folder changes).
 *
 * Not a file to copy into a discord.js bot: there, install the package and write
 * `export { default } from 'discord-invite-command';` (docs/discord-js-bot.md).
 */
import { invite } from '../src/commands/invite.js';

export default invite;
