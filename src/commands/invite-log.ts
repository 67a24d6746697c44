/**
 * Posts the invite log (src/core/invite-log.ts) in the server's `log_channel`. Fire and
 * forget: called after the member's reply went out, it never throws and never holds an
 * answer; a channel the bot cannot post in is logged and counted, and the admin was told
 * when they set it (`/invite-settings log_channel:`).
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { type InviteLogEntry, inviteLogMessage } from '../core/invite-log.js';
import { createMessage } from '../discord/messages.js';
import { messagesFor } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log-core.js';
import type { InviteStore } from '../store/repository.js';

export type { InviteLogEntry, LogMember } from '../core/invite-log.js';

/** What became of one log post. */
export type InviteLogResult =
	/** Posted in the log channel. */
	| 'posted'
	/** The server has no log channel (or no store to say where it is). */
	| 'no-log'
	/** The bot may not post there (50001, 50013) or the channel is gone (10003). */
	| 'refused'
	/** The settings could not be read, or Discord or the network failed. */
	| 'failed';

/** Codes that mean the log channel is unusable until an admin changes something. */
const UNUSABLE_CODES: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.MissingAccess,
	RESTJSONErrorCodes.MissingPermissions,
	RESTJSONErrorCodes.UnknownChannel,
]);

/**
 * Log posts that did not go through, by result, since the process started: read by tests and
 * the health of an operator's dashboards (each failure is also a `warn` line).
 */
export const inviteLogFailures: Record<'refused' | 'failed', number> = { refused: 0, failed: 0 };

export interface PostInviteLogOptions {
	/** The client that posts (the create client: a POST is never repeated, so no log line twice). */
	rest: REST;
	/** Where the log channel is read from, when `logChannelId` is not given. */
	store?: InviteStore | undefined;
	/** The log channel, when the caller read the settings already (null: none). */
	logChannelId?: string | null | undefined;
	/** The server's language (`guild_locale`): the log is the server's, not one member's. */
	locale?: string | undefined;
	logger?: Logger | undefined;
	/** Give up after this long (ms). Default 10 s. */
	timeoutMs?: number | undefined;
}

/**
 * Posts one entry (an invite made, or revoked) in the server's invite log, when it has one.
 * Never throws: what fails is logged and counted (`inviteLogFailures`).
 *
 * For a revoke: `postInviteLog({ event: 'revoked', ..., revoker }, { rest, store, locale })`.
 */
export async function postInviteLog(entry: InviteLogEntry, options: PostInviteLogOptions): Promise<InviteLogResult> {
	const logger = options.logger ?? silentLogger;
	try {
		let channelId = options.logChannelId;
		if (channelId === undefined) {
			if (!options.store) return 'no-log';
			const settings = await options.store.getSettings(entry.guildId);
			if (!settings.ok) {
				inviteLogFailures.failed++;
				logger.warn({ guild: entry.guildId, code: entry.code }, 'invite log skipped: settings unavailable');
				return 'failed';
			}
			channelId = settings.value.logChannelId;
		}
		if (!channelId) return 'no-log';
		const body = inviteLogMessage(entry, messagesFor(options.locale));
		await createMessage(options.rest, channelId, body, {
			signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
		});
		return 'posted';
	} catch (error) {
		const unusable = error instanceof DiscordAPIError && UNUSABLE_CODES.has(Number(error.code));
		const result = unusable ? 'refused' : 'failed';
		inviteLogFailures[result]++;
		logger.warn(
			{
				guild: entry.guildId,
				code: entry.code,
				event: entry.event,
				discordCode: error instanceof DiscordAPIError ? error.code : undefined,
				err: error,
			},
			unusable ? 'invite log: the bot cannot post in the log channel' : 'invite log: post failed',
		);
		return result;
	}
}
