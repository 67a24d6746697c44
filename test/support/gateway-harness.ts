/**
 * A local Discord with the real gateway bot logged into it: its @discordjs/ws shards, the
 * pipeline and the commands of `commands/` as `npm start` runs them, with test-sized timings.
 */

import { invite } from '../../src/commands/invite.js';
import { invites } from '../../src/commands/invites.js';
import { type CooldownLimit, cooldownLimits, createCooldowns } from '../../src/core/cooldown.js';
import type { InviteOutcome } from '../../src/core/invite.js';
import { type Bot, type BotOptions, startBot } from '../../src/gateway/bot.js';
import type { LoadedCommand } from '../../src/gateway/command-loader.js';
import {
	type InteractionInit,
	type LocalDiscord,
	type LocalDiscordOptions,
	startLocalDiscord,
} from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';
import type { InviteStore } from '../../src/store/repository.js';

export interface GatewayHarness {
	discord: LocalDiscord;
	bot: Bot;
	/** Every outcome the command reported, in order. */
	outcomes: InviteOutcome[];
	/** Builds a `/invite` interaction from the seed and dispatches it over the gateway. */
	invite(init: Omit<InteractionInit, 'command'>): ReturnType<LocalDiscord['dispatch']>;
	/** The POST /channels/{id}/invites requests received so far. */
	inviteRequests(): LocalDiscord['requests'];
	close(): Promise<void>;
}

/** What a scenario tunes of the bot: its timings, logger and limits. */
export type HarnessBotOptions = Pick<
	BotOptions,
	| 'logger'
	| 'requestTimeoutMs'
	| 'deferAfterMs'
	| 'maxRateLimitWaitMs'
	| 'attachmentTimeoutMs'
	| 'jobPollDelaysMs'
	| 'deferAtOnce'
> & {
	/** As `COOLDOWN_PER_USER` takes it (`'2/60'`); 0 or unset: none. */
	cooldownPerUser?: string | CooldownLimit | 0 | undefined;
	cooldownPerGuild?: string | CooldownLimit | 0 | undefined;
};

export async function startGatewayHarness(
	options: {
		discord?: LocalDiscordOptions | undefined;
		command?: HarnessBotOptions;
		/** The bot's ledger (lent to its commands; GUILD_DELETE and INVITE_DELETE kept in it). */
		store?: InviteStore | undefined;
	} = {},
): Promise<GatewayHarness> {
	const discord = await startLocalDiscord(options.discord);
	const outcomes: InviteOutcome[] = [];
	// Scenarios make many invites as one member: cooldowns have tests of their own.
	const { cooldownPerUser = 0, cooldownPerGuild = 0, ...tuned } = options.command ?? {};
	const limits = cooldownLimits(cooldownPerUser || null, cooldownPerGuild || null);
	let bot: Bot;
	try {
		bot = await startBot(discord.token, {
			apiUrl: discord.apiUrl,
			// `/invites` rides along: it answers only when asked, from the same pipeline.
			commands: new Map<string, LoadedCommand>([
				[invite.data.name, invite],
				[invites.data.name, invites],
			]),
			logger: silentLogger,
			...tuned,
			cooldowns: limits.perUser || limits.perGuild ? createCooldowns(limits) : undefined,
			onOutcome: (outcome) => outcomes.push(outcome),
			store: options.store,
		});
		await discord.ready();
	} catch (error) {
		await discord.close();
		throw error;
	}
	return {
		discord,
		bot,
		outcomes,
		invite: (init) => discord.dispatch(discord.interaction({ ...init, command: 'invite' })),
		inviteRequests: () => discord.requestsTo('POST', /^\/channels\/\d+\/invites$/),
		async close() {
			await bot.stop();
			await discord.close();
		},
	};
}
