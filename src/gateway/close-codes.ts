/**
 * The gateway close codes that end a session for good: @discordjs/ws does not reconnect after
 * them, so the bot says what each means and what to do, instead of sitting idle.
 */
import { GatewayCloseCodes } from 'discord-api-types/v10';

/**
 * What each gateway close code that ends the session for good means, and what to do.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export const FATAL_CLOSE_ADVICE: Readonly<Partial<Record<number, string>>> = {
	[GatewayCloseCodes.AuthenticationFailed]:
		'Discord refused the bot token (4004 Authentication failed). Reset the token in the Developer Portal (Bot → Reset Token), put the new one in DISCORD_TOKEN and start again.',
	[GatewayCloseCodes.InvalidShard]:
		'Discord refused the shard (4010 Invalid shard): check SHARD_COUNT and SHARD_IDS, then start again.',
	[GatewayCloseCodes.ShardingRequired]:
		'Discord requires sharding for this bot (4011 Sharding required): run it sharded, with the shard count GET /gateway/bot recommends (see docs/operating.md).',
	[GatewayCloseCodes.InvalidAPIVersion]:
		'Discord refused the gateway API version (4012 Invalid API version): update @discordjs/ws and start again.',
	[GatewayCloseCodes.InvalidIntents]:
		'Discord refused the intents (4013 Invalid intent(s)): the bot asks for an intent value Discord does not know; drop it and start again.',
	[GatewayCloseCodes.DisallowedIntents]:
		'Discord refused a privileged intent (4014 Disallowed intent(s)): enable it in the Developer Portal (Bot → Privileged Gateway Intents) or drop it from the bot, then start again.',
};

/** A shard closed with a code @discordjs/ws does not come back from (`FATAL_CLOSE_ADVICE`). */
export class GatewayClosedError extends Error {
	constructor(
		readonly code: number,
		readonly shard: number,
		readonly advice: string,
	) {
		super(advice);
		this.name = 'GatewayClosedError';
	}
}
