/**
 * A local Discord with the real gateway bot logged into it: the discord.js Client, the
 * dispatcher and `/invite` as `npm start` runs them, with test-sized timings.
 */

import type { InviteOutcome } from '../../src/core/invite.js';
import { type Bot, startBot } from '../../src/gateway/bot.js';
import { createInviteCommand, type InviteCommandOptions } from '../../src/gateway/command.js';
import { createInvitesCommand } from '../../src/gateway/invites-command.js';
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

export async function startGatewayHarness(
	options: {
		discord?: LocalDiscordOptions | undefined;
		command?: InviteCommandOptions;
		/** The bot's ledger (lent to its commands; GUILD_DELETE and INVITE_DELETE kept in it). */
		store?: InviteStore | undefined;
	} = {},
): Promise<GatewayHarness> {
	const discord = await startLocalDiscord(options.discord);
	const outcomes: InviteOutcome[] = [];
	const command = createInviteCommand({
		logger: silentLogger,
		// Scenarios make many invites as one member: cooldowns have tests of their own.
		cooldownPerUser: 0,
		cooldownPerGuild: 0,
		...options.command,
		onOutcome: (outcome) => outcomes.push(outcome),
	});
	// `/invites` rides along: it answers only when asked, from the same pipeline.
	const invites = createInvitesCommand({ logger: silentLogger, ...options.command });
	let bot: Bot;
	try {
		bot = await startBot(discord.token, {
			apiUrl: discord.apiUrl,
			commands: new Map([
				[command.data.name, command],
				[invites.data.name, invites],
			]),
			logger: options.command?.logger ?? silentLogger,
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
