/**
 * The gateway bot as a program, for `npm start` (every shard in the main thread) and
 * `npm run start:sharded` (each shard in a worker thread): reads the configuration, asks
 * Discord for the gateway, serves health and metrics while the shards connect, prints the URL
 * that adds the bot to a server, and shuts down cleanly on SIGINT/SIGTERM or with what to do
 * when Discord closes the gateway for good.
 */
import { DiscordAPIError } from '@discordjs/rest';
import { loadConfigOrReport } from '../config.js';
import { createHealth } from '../ops/health.js';
import { createOpsServer, type OpsServer } from '../ops/server.js';
import { stopSignal } from '../ops/signals.js';
import { openStartup } from '../ops/startup.js';
import { createInviteState } from '../ops/state.js';
import { addToServerUrl, BOT_PERMISSIONS_WITH_ROLES } from './add-to-server.js';
import { type Bot, type PreparedBot, prepareBot } from './bot.js';
import { GatewayClosedError } from './close-codes.js';
import { loadCommands } from './command-loader.js';
import { gatewayProblems } from './shard-metrics.js';

const TOKEN_REJECTED =
	'Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (Bot → Reset Token) and put the new one in .env.';

/** Runs the bot until a signal (exit code 0) or a fatal close (1); `workers`: one worker thread per shard. */
export async function runGatewayBot({ workers }: { workers: boolean }): Promise<number> {
	const config = loadConfigOrReport(['token']);
	if (!config) return 1;
	// Listened for from the start: a signal while the shards connect stops the bot cleanly once
	// they have, instead of killing the process with its sockets open (see ops/signals.ts).
	const signalled = stopSignal();
	// Without METRICS_PORT nothing serves /metrics: nothing is recorded, prom-client never loads.
	const startup = await openStartup(config, process.env, { served: config.metricsPort !== undefined });
	if (!startup) return 1;
	const { logger, metrics, store, closeStore } = startup;
	const commands = await loadCommands();
	logger.info({ commands: [...commands.keys()], api: config.apiUrl }, 'starting');

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

	let prepared: PreparedBot;
	try {
		prepared = await prepareBot(config.token, {
			apiUrl: config.apiUrl,
			restGlobalRps: config.restGlobalRps,
			shardCount: config.shardCount,
			shardIds: config.shardIds,
			workers,
			commands,
			logger,
			metrics,
			cooldowns: state.cooldowns,
			replayGuard: state.replayGuard,
			store,
		});
	} catch (error) {
		await state.close();
		await closeStore();
		if (error instanceof DiscordAPIError && error.status === 401) logger.error(TOKEN_REJECTED);
		else logger.error({ err: error }, 'could not ask Discord for the gateway (GET /gateway/bot)');
		return 1;
	}
	const { shardIds, shardCount, gateway } = prepared;
	logger.info(
		{
			shards: shardIds,
			totalShards: shardCount,
			recommended: gateway.shards,
			maxConcurrency: gateway.session_start_limit.max_concurrency,
		},
		workers ? 'starting shards' : 'connecting',
	);

	let ops: OpsServer | undefined;
	if (config.metricsPort !== undefined) {
		// Up before the shards connect, so a probe sees 503 (and which shard) rather than no answer.
		ops = createOpsServer({ metrics, health, liveProblems: () => gatewayProblems(prepared.shards) });
		try {
			const address = await ops.listen(config.metricsPort, config.host);
			logger.info({ port: address.port }, `metrics on http://${config.host}:${address.port}/metrics`);
		} catch (error) {
			logger.error({ err: error }, `could not listen on ${config.host}:${config.metricsPort} (METRICS_PORT)`);
			await prepared.stop();
			await state.close();
			await closeStore();
			return 1;
		}
	}

	await state.ready();
	let bot: Bot;
	try {
		bot = await prepared.connect();
	} catch (error) {
		await ops?.close();
		await state.close();
		await closeStore();
		if (error instanceof GatewayClosedError)
			logger.fatal({ closeCode: error.code, shard: error.shard }, error.advice);
		else logger.error({ err: error }, 'could not connect to Discord');
		return 1;
	}
	if (workers) logger.info(`all ${shardIds.length} shard(s) ready`);
	const split = shardIds.length < shardCount ? { shards: shardIds, shardCount } : {};
	logger.info(split, `ready as ${bot.user.username} in ${bot.guildCount()} server(s)`);
	// Once, not once per process.
	if (shardIds.includes(0))
		logger.info(`add the bot to a server: ${addToServerUrl(bot.applicationId, BOT_PERMISSIONS_WITH_ROLES)}`);

	// A signal stops the bot cleanly (0); a close code Discord will not let us reconnect after
	// (a reset token, a disallowed intent) stops it with what to do (1).
	const exitCode = await new Promise<number>((resolve) => {
		const stop = (signal: string) => {
			logger.info(workers ? `${signal}: stopping ${shardIds.length} shard(s)` : `${signal}: shutting down`);
			resolve(0);
		};
		void signalled.then(stop);
		bot.onFatalClose((error) => {
			logger.fatal({ closeCode: error.code, shard: error.shard }, error.advice);
			resolve(1);
		});
	});
	await bot.stop();
	await ops?.close();
	await state.close();
	await closeStore();
	logger.info('stopped');
	// Commands still running finish their answers; past that, nothing should hold the process.
	setTimeout(() => process.exit(exitCode), 10_000).unref();
	return exitCode;
}
