/**
 * The channel message route the invite log posts with, over @discordjs/rest.
 */
import type { REST } from '@discordjs/rest';
import {
	type RESTPostAPIChannelMessageJSONBody,
	type RESTPostAPIChannelMessageResult,
	Routes,
	type Snowflake,
} from 'discord-api-types/v10';

/**
 * Create Message in a channel. Needs View Channel and Send Messages there (Send Messages in
 * Threads in a thread), and Embed Links for `embeds`. Pass `allowed_mentions: { parse: [] }`
 * for a message that pings nobody (a log line naming members).
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
export async function createMessage(
	rest: REST,
	channelId: Snowflake,
	body: RESTPostAPIChannelMessageJSONBody,
	{ signal }: { signal?: AbortSignal | undefined } = {},
): Promise<RESTPostAPIChannelMessageResult> {
	return (await rest.post(Routes.channelMessages(channelId), {
		body,
		...(signal ? { signal } : {}),
	})) as RESTPostAPIChannelMessageResult;
}
