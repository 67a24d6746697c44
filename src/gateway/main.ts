/**
 * `npm start`: the gateway bot. Reads the configuration, logs in, prints the URL that adds
 * the bot to a server, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { DiscordAPIError } from '@discordjs/rest';
import { loadConfigOrReport } from '../config.js';
import { createLogger } from '../log.js';
import { addToServerUrl, BOT_PERMISSIONS_WITH_ROLES, loadCommands, startBot } from './bot.js';

async function main(): Promise<number> {
	const config = loadConfigOrReport(['token']);
	if (!config) return 1;
	const logger = createLogger(config.logLevel, { secrets: [config.token] });
	const commands = await loadCommands();
	logger.info('starting', { commands: [...commands.keys()], api: config.apiUrl });

	let bot: Awaited<ReturnType<typeof startBot>>;
	try {
		bot = await startBot(config.token, {
			apiUrl: config.apiUrl,
			restGlobalRps: config.restGlobalRps,
			shardCount: config.shardCount,
			commands,
			logger,
		});
	} catch (error) {
		if (
			(error instanceof DiscordAPIError && error.status === 401) ||
			(error as { code?: string }).code === 'TokenInvalid'
		) {
			logger.error(
				'Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (Bot → Reset Token) and put the new one in .env.',
			);
		} else {
			logger.error('could not connect to Discord', { error });
		}
		return 1;
	}
	const applicationId = bot.client.application?.id ?? bot.client.user?.id ?? config.applicationId;
	const shards = bot.client.shard ? { shards: bot.client.shard.ids, shardCount: bot.client.shard.count } : undefined;
	logger.info(`ready as ${bot.client.user?.tag ?? '?'} in ${bot.client.guilds.cache.size} server(s)`, shards);
	// Once, not once per shard.
	if (!bot.client.shard || bot.client.shard.ids.includes(0))
		logger.info(`add the bot to a server: ${addToServerUrl(applicationId, BOT_PERMISSIONS_WITH_ROLES)}`);

	await new Promise<void>((resolve) => {
		const stop = (signal: string) => {
			logger.info(`${signal}: shutting down`);
			resolve();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	await bot.stop();
	// Under start:sharded, the IPC channel to the ShardingManager would keep the process alive.
	process.channel?.unref();
	// Commands still running finish their answers; past that, nothing should hold the process.
	setTimeout(() => process.exit(0), 10_000).unref();
	return 0;
}

process.exitCode = await main();
