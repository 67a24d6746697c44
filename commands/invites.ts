/**
 * `/invites` (list and revoke the invites made through `/invite`), loaded by this project's
 * own bot from this folder as a pipeline command module (see `invite.ts` here for what the
 * loader expects and how a command is added). It reads and writes the ledger the bot opens
 * from `DATABASE_URL`.
 *
 * In a discord.js bot, install the package and call `createInvitesCommand({ store })` with the
 * store your `/invite` uses.
 */
import { invites } from '../src/commands/invites.js';

export default invites;
