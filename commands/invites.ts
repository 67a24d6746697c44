/**
 * `/invites` (list and revoke the invites made through `/invite`), the command file this
 * project's own bot loads from this folder, in the discord.js guide's shape. It reads and
 * writes the ledger the bot opens from `DATABASE_URL`.
 *
 * Not a file to copy into another bot: it imports ../src. In your own bot, install the
 * package and call `createInvitesCommand({ store })` with the store your `/invite` uses.
 */
import { createInvitesCommand } from '../src/gateway/invites-command.js';

export default createInvitesCommand();
