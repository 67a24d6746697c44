/**
 * `npm start`: the gateway bot, every shard of `SHARD_COUNT` (or those of `SHARD_IDS`) in
 * this thread. See `run.ts`.
 */
import { runGatewayBot } from './run.js';

process.exitCode = await runGatewayBot({ workers: false });
