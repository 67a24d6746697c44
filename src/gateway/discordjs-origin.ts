/**
 * Where the drop-in command's requests go, read from what the host bot lends it (a logged-in
 * discord.js Client, or a REST client made by `createRest`): the bot's token and API base,
 * its global cap and pacer. The command's own REST clients are made here, one pair per bot.
 */
import type { REST, RESTOptions } from '@discordjs/rest';
import type { Client } from 'discord.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest, type GlobalPacer, globalPacerOf, globalRpsOf, restOptions, tokenOf } from '../discord/rest.js';
import type { CommandRests } from '../pipeline/command.js';

/** Where a command's requests go: the bot's token and API, and the host's cap. */
interface Origin {
	token: string;
	pacer: GlobalPacer | undefined;
	api: string;
	globalRequestsPerSecond: number;
}

/**
 * Whether the bot lent its discord.js Client rather than a REST client. Told by shape, not
 * `instanceof`: discord.js may carry its own copy of @discordjs/rest.
 */
export const isClient = (source: REST | Client): source is Client => 'ws' in source && 'rest' in source;

/** The token of what the bot lent, when known (for the default logger to mask it). */
export const tokenOfSource = (source: REST | Client): string | null | undefined =>
	isClient(source) ? source.token : tokenOf(source);

/** The origin of a discord.js Client (logged in) or of a REST client made by `createRest`. */
function originOf(source: REST | Client): Origin {
	if (!isClient(source)) {
		const token = tokenOf(source);
		if (!token) throw new Error('executePayload needs a REST client made by createRest (its token is not known)');
		return {
			token,
			api: source.options.api,
			globalRequestsPerSecond: globalRpsOf(source),
			pacer: globalPacerOf(source),
		};
	}
	if (!source.token) throw new Error('the client has no token (not logged in)');
	// The host bot's cap (DISCORD_REST_GLOBAL_RPS for ours): off behind a proxy, off here too;
	// on, every client of the bot shares one pacer for the token.
	return {
		token: source.token,
		api: source.rest.options.api,
		globalRequestsPerSecond: globalRpsOf(source.rest),
		pacer: globalPacerOf(source.rest),
	};
}

/** How the command's own clients behave, beyond what the bot lends. */
export interface CommandRestOptions {
	makeRequest?: RESTOptions['makeRequest'] | undefined;
	requestTimeoutMs?: number | undefined;
	maxRateLimitWaitMs?: number | undefined;
}

/**
 * The command's REST clients for one bot: lookups and callbacks on a client that keeps its
 * token after a 401 (unlike discord.js's own), and the invite client that never repeats a
 * POST. Both take the host's cap and share its pacer (interaction routes carry no bot token:
 * never paced).
 */
export function commandRests(source: REST | Client, options: CommandRestOptions): CommandRests {
	const origin = originOf(source);
	const shared = {
		api: origin.api,
		globalRequestsPerSecond: origin.globalRequestsPerSecond,
		makeRequest: options.makeRequest,
		// The host bot's own pacer, when its client has one: one global limit per bot.
		pacer: origin.pacer,
	};
	return {
		api: createRest({ ...restOptions(shared), token: origin.token }),
		create: createInviteRest({
			...shared,
			token: origin.token,
			timeoutMs: options.requestTimeoutMs,
			maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		}),
	};
}
