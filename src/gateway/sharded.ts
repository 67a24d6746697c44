/**
 * `npm run start:sharded`: the gateway bot with each shard (of `SHARD_COUNT`, or those of
 * `SHARD_IDS`) in a worker thread of its own, through @discordjs/ws's WorkerShardingStrategy.
 * One process: the shards' gateway work runs beside the commands, not behind them, while one
 * identify throttler (Discord's `max_concurrency`), one REST client, one replay guard and one
 * `/metrics` serve them all. To spread shards over processes or machines, give each its
 * `SHARD_IDS`. See `run.ts`.
 */
import { runGatewayBot } from './run.js';

process.exitCode = await runGatewayBot({ workers: true });
