/**
 * `npm start`: the gateway bot. Reads the configuration, logs in, prints the URL that adds
 * the bot to a server, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { DiscordAPIError } from '@discordjs/rest';
import type { Client } from 'discord.js';
import { loadConfigOrReport } from '../config.js';
import { createLogger } from '../log.js';
import { createHealth } from '../ops/health.js';
import { createMetrics } from '../ops/metrics.js';
import { createOpsServer, type OpsServer } from '../ops/server.js';
import { stopSignal } from '../ops/signals.js';
import { createInviteState, redisSecret } from '../ops/state.js';
import {
	addToServerUrl,
	BOT_PERMISSIONS_WITH_ROLES,
	gatewayProblems,
	loadCommands,
	onFatalClose,
	startBot,
} from './bot.js';
import { answerMetricsRequests } from './shard-metrics.js';

async function main(): Promise<number> {
	const config = loadConfigOrReport(['token']);
	if (!config) return 1;
	const logger = createLogger(config.logLevel, { secrets: [config.token, ...redisSecret(config.redisUrl)] });
	const commands = await loadCommands();
	logger.info({ commands: [...commands.keys()], api: config.apiUrl }, 'starting');

	const metrics = createMetrics();
	// Under start:sharded, the manager serves METRICS_PORT with every shard's figures.
	answerMetricsRequests(metrics.registry);
	const health = createHealth();
	const state = createInviteState({
		redisUrl: config.redisUrl,
		cooldownPerUser: config.cooldownPerUser,
		cooldownPerGuild: config.cooldownPerGuild,
		// An interaction can only be answered for 15 minutes: a resumed shard never sees it later.
		replayTtlMs: 15 * 60_000,
		logger,
		metrics,
	});
	let client: Client | undefined;
	let ops: OpsServer | undefined;
	if (config.metricsPort !== undefined) {
		// Up before login, so a probe sees 503 while the shards connect rather than no answer.
		ops = createOpsServer({
			metrics,
			health,
			liveProblems: () => (client ? gatewayProblems(client) : { gateway: 'starting' }),
		});
		try {
			const address = await ops.listen(config.metricsPort, config.host);
			logger.info({ port: address.port }, `metrics on http://${config.host}:${address.port}/metrics`);
		} catch (error) {
			logger.error({ err: error }, `could not listen on ${config.host}:${config.metricsPort} (METRICS_PORT)`);
			await state.close();
			return 1;
		}
	}

	await state.ready();
	let bot: Awaited<ReturnType<typeof startBot>>;
	try {
		bot = await startBot(config.token, {
			apiUrl: config.apiUrl,
			restGlobalRps: config.restGlobalRps,
			shardCount: config.shardCount,
			commands,
			logger,
			metrics,
			cooldowns: state.cooldowns,
			replayGuard: state.replayGuard,
			onClient: (created) => {
				client = created;
			},
		});
	} catch (error) {
		await ops?.close();
		await state.close();
		if (
			(error instanceof DiscordAPIError && error.status === 401) ||
			(error as { code?: string }).code === 'TokenInvalid'
		) {
			logger.error(
				'Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (Bot → Reset Token) and put the new one in .env.',
			);
		} else {
			logger.error({ err: error }, 'could not connect to Discord');
		}
		return 1;
	}
	const applicationId = bot.client.application?.id ?? bot.client.user?.id ?? config.applicationId;
	const shards = bot.client.shard ? { shards: bot.client.shard.ids, shardCount: bot.client.shard.count } : undefined;
	// Listened for before saying ready: a signal right after the line stops the bot cleanly.
	const signalled = stopSignal();
	logger.info(shards ?? {}, `ready as ${bot.client.user?.tag ?? '?'} in ${bot.guildCount()} server(s)`);
	// Once, not once per shard.
	if (!bot.client.shard || bot.client.shard.ids.includes(0))
		logger.info(`add the bot to a server: ${addToServerUrl(applicationId, BOT_PERMISSIONS_WITH_ROLES)}`);

	// A signal stops the bot cleanly (0); a close code Discord will not let us reconnect after
	// (a reset token, a disallowed intent) stops it with what to do (1). Without this the
	// process would end on its own, silently, as nothing keeps it alive.
	const exitCode = await new Promise<number>((resolve) => {
		void signalled.then((signal) => {
			logger.info(`${signal}: shutting down`);
			resolve(0);
		});
		onFatalClose(bot.client, (code, advice) => {
			logger.fatal({ closeCode: code }, advice);
			resolve(1);
		});
	});
	await bot.stop();
	await ops?.close();
	await state.close();
	// Under start:sharded, the IPC channel to the ShardingManager would keep the process alive.
	process.channel?.unref();
	// Commands still running finish their answers; past that, nothing should hold the process.
	setTimeout(() => process.exit(exitCode), 10_000).unref();
	return exitCode;
}

process.exitCode = await main();
