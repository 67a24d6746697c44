/**
 * `npm run start:sharded`: discord.js's ShardingManager runs the gateway bot (`main.ts`, or
 * `main.js` from a build) once per shard, each in its own process. `SHARD_COUNT` says how
 * many; `auto` asks Discord (`GET /gateway/bot`, through `DISCORD_API_URL`, so a REST proxy
 * or the local Discord answer too). Shards are started one after another, as many at once as
 * Discord's `max_concurrency` allows. SIGINT/SIGTERM stop every shard and then the manager.
 */
import type { ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { DiscordAPIError } from '@discordjs/rest';
import { ShardingManager } from 'discord.js';
import { type RESTGetAPIGatewayBotResult, Routes } from 'discord-api-types/v10';
import { type Config, loadConfigOrReport } from '../config.js';
import { poolRequest } from '../discord/pool.js';
import { createRest, restOptions } from '../discord/rest.js';
import { createLogger } from '../log.js';
import { createHealth } from '../ops/health.js';
import { createMetrics } from '../ops/metrics.js';
import { createOpsServer, type OpsServer } from '../ops/server.js';
import { type ShardProcesses, ShardsRegistry, shardProblems } from './shard-metrics.js';

/** Discord lets one shard per `max_concurrency` bucket IDENTIFY every 5 seconds. */
const IDENTIFY_INTERVAL_MS = 5_500;

/** The shard entry beside this file: `main.ts` run through tsx in development, `main.js` from a build. */
export function shardEntry(from: string = import.meta.url): { file: string; execArgv: string[] } {
	const extension = extname(fileURLToPath(from));
	return {
		file: fileURLToPath(new URL(`./main${extension}`, from)),
		execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
	};
}

/** Asks Discord how many shards it recommends and how many may IDENTIFY at once. */
async function gatewayBot(config: Config): Promise<RESTGetAPIGatewayBotResult> {
	const rest = createRest({
		...restOptions({
			api: config.apiUrl,
			globalRequestsPerSecond: config.restGlobalRps,
			makeRequest: poolRequest(config.apiUrl),
		}),
		retries: 1,
		token: config.token,
	});
	try {
		return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
	} finally {
		rest.clearHashSweeper();
		rest.clearHandlerSweeper();
	}
}

async function main(): Promise<number> {
	const config = loadConfigOrReport(['token']);
	if (!config) return 1;
	const logger = createLogger(config.logLevel, { secrets: [config.token] });

	let gateway: RESTGetAPIGatewayBotResult;
	try {
		gateway = await gatewayBot(config);
	} catch (error) {
		if (error instanceof DiscordAPIError && error.status === 401)
			logger.error(
				'Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (Bot → Reset Token) and put the new one in .env.',
			);
		else logger.error({ err: error }, 'could not ask Discord for the shard count (GET /gateway/bot)');
		return 1;
	}
	const totalShards = config.shardCount === 'auto' ? gateway.shards : config.shardCount;
	const maxConcurrency = gateway.session_start_limit.max_concurrency;
	const { file, execArgv } = shardEntry();
	// The shards inherit this environment: METRICS_PORT is the manager's alone.
	delete process.env.METRICS_PORT;
	const manager = new ShardingManager(file, { totalShards, token: config.token, mode: 'process', execArgv });
	logger.info({ totalShards, recommended: gateway.shards, maxConcurrency }, 'starting shards');

	const shards: ShardProcesses = {
		count: totalShards,
		shard: (id) => {
			const shard = manager.shards.get(id);
			return shard && { ready: shard.ready, process: shard.process };
		},
	};
	let ops: OpsServer | undefined;
	if (config.metricsPort !== undefined) {
		ops = createOpsServer({
			metrics: { registry: new ShardsRegistry(createMetrics().registry, shards) },
			health: createHealth(),
			liveProblems: () => shardProblems(shards),
		});
		try {
			const address = await ops.listen(config.metricsPort, config.host);
			logger.info({ port: address.port }, `metrics on http://${config.host}:${address.port}/metrics`);
		} catch (error) {
			logger.error({ err: error }, `could not listen on ${config.host}:${config.metricsPort} (METRICS_PORT)`);
			return 1;
		}
	}

	const processes = new Set<ChildProcess>();
	let stopping = false;
	manager.on('shardCreate', (shard) => {
		shard.on('spawn', (child: ChildProcess | Worker) => {
			// mode 'process': always a ChildProcess.
			if (!('pid' in child)) return;
			processes.add(child);
			child.once('exit', () => processes.delete(child));
		});
		shard.on('ready', () => logger.info(`shard ${shard.id} ready`));
		shard.on('disconnect', () => stopping || logger.warn(`shard ${shard.id} disconnected`));
		shard.on('reconnecting', () => stopping || logger.warn(`shard ${shard.id} reconnecting`));
		shard.on('death', () => stopping || logger.warn(`shard ${shard.id} exited; starting it again`));
	});

	const signalled = new Promise<{ signal: string }>((resolve) => {
		process.once('SIGINT', () => resolve({ signal: 'SIGINT' }));
		process.once('SIGTERM', () => resolve({ signal: 'SIGTERM' }));
	});
	const spawned = manager
		.spawn({
			amount: totalShards,
			// Shards of one bucket IDENTIFY 5 s apart; with several buckets the next shard is in another.
			delay: maxConcurrency > 1 ? 0 : IDENTIFY_INTERVAL_MS,
			timeout: 60_000,
		})
		.then(
			() => ({ ready: true as const }),
			(error: unknown) => ({ error }),
		);

	let code = 0;
	let outcome = await Promise.race([spawned, signalled]);
	if ('ready' in outcome) {
		logger.info(`all ${totalShards} shard(s) ready`);
		outcome = await signalled;
	}
	if ('error' in outcome) {
		logger.error({ err: outcome.error }, 'a shard could not start');
		code = 1;
	} else {
		logger.info(`${outcome.signal}: stopping ${processes.size} shard(s)`);
	}

	// No respawns from here: each shard gets SIGTERM and shuts down as `npm start` does.
	stopping = true;
	manager.respawn = false;
	const exits = [...processes].map(
		(child) =>
			new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve()))),
	);
	for (const child of processes) child.kill('SIGTERM');
	await Promise.all(exits);
	await ops?.close();
	logger.info('stopped');
	return code;
}

process.exitCode = await main();
