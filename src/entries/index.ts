/**
 * `/invite` for a discord.js v14 bot, in the discord.js guide's command shape: the default
 * export is `{ data, execute, autocomplete }`, ready for a loader that builds a `Map` by
 * `data.name`; `createInviteCommand(options)` builds one with your logger or timings.
 *
 * @example
 * ```ts
 * // commands/invite.ts
 * export { default } from 'discord-invite-command';
 * ```
 *
 * @packageDocumentation
 */
import { createInviteCommand } from '../gateway/command.js';

export type { InviteOutcome } from '../core/invite.js';
export type { ReplyMessage } from '../core/render.js';
export {
	COMMAND_NAME,
	type CommandData,
	createInviteCommand,
	createInviteSettingsCommand,
	type GuideCommand,
	type InviteCommandOptions,
} from '../gateway/command.js';
export { createInvitesCommand } from '../gateway/invites-command.js';
export { createLogger, type Logger, type LogLevel, silentLogger } from '../log.js';
/** The invite ledger for `createInviteCommand({ store })` / `createInvitesCommand({ store })`: your own SQLite or Postgres. */
export { openStore } from '../store/node.js';
export { createInviteStore, type InviteStore } from '../store/repository.js';

/** `/invite` with the defaults: logs to stderr at `LOG_LEVEL` (default info), defers after 1.5 s. */
const invite = createInviteCommand();
export default invite;
