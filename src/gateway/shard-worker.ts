/**
 * The worker thread of `npm run start:sharded`: runs the shards @discordjs/ws's
 * WorkerShardingStrategy gives it, as its default worker does, with two additions: a zombied
 * connection is cut at once (and the main thread told, for its log line and metric), and a
 * shard that cannot connect (a fatal close code) does not crash the worker: its Closed and
 * Error events have told the main thread already, which decides what to do.
 */
import { parentPort } from 'node:worker_threads';
import { WorkerBootstrapper } from '@discordjs/ws';
import { terminateZombies, ZOMBIE_MESSAGE, type ZombieMessage } from './shards.js';

class ShardWorker extends WorkerBootstrapper {
	protected override async connect(shardId: number): Promise<void> {
		await super.connect(shardId).catch(() => undefined);
	}
}

await new ShardWorker().bootstrap({
	shardCallback: (shard) =>
		terminateZombies(shard, (shardId) =>
			parentPort?.postMessage({ type: ZOMBIE_MESSAGE, shardId } satisfies ZombieMessage),
		),
});
