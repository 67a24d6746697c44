/**
 * How the gateway bot runs its shards on @discordjs/ws: in this thread (`npm start`) or one
 * worker thread per shard (`npm run start:sharded`), and the one thing we add to each shard:
 * a zombied connection is cut at once. Imported by the worker entry too, so it stays small.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	type IShardingStrategy,
	type SessionInfo,
	SimpleShardingStrategy,
	type WebSocketManager,
	type WebSocketShard,
	WebSocketShardDestroyRecovery,
	WorkerShardingStrategy,
} from '@discordjs/ws';

/** The message a shard worker posts when one of its shards found its connection zombied. */
export const ZOMBIE_MESSAGE = 'invite:zombie';

export interface ZombieMessage {
	type: typeof ZOMBIE_MESSAGE;
	shardId: number;
}

export const isZombieMessage = (message: unknown): message is ZombieMessage =>
	typeof message === 'object' && message !== null && (message as ZombieMessage).type === ZOMBIE_MESSAGE;

/** A WebSocket's readyState while open (the WHATWG constant, which ws's `WebSocket.OPEN` is too). */
const OPEN = 1;

/**
 * What the shard keeps privately and we read: its socket (ws's WebSocket under Node), and
 * whether its last heartbeat was acknowledged.
 */
interface ShardInternals {
	connection: { readyState: number; terminate(): void } | null;
	isAck: boolean;
}

/**
 * Cuts a zombied connection at once instead of after 30 s. @discordjs/ws already notices the
 * zombie as Discord says to (a heartbeat due while the previous one is unacknowledged: destroy
 * with Resume), but it closes with a closing handshake and waits for the peer's answer; a
 * peer that drops everything never answers, and ws gives up only after its fixed 30 s close
 * timeout, with the shard deaf all that while. Discord's rule is to terminate the connection
 * immediately, then resume: we terminate the socket right after the close frame is queued,
 * and the shard resumes as soon as it sees the socket closed. `onZombie` is told first.
 */
export function terminateZombies(shard: WebSocketShard, onZombie: (shardId: number) => void): void {
	const internals = shard as unknown as ShardInternals;
	const destroy = shard.destroy.bind(shard);
	shard.destroy = (options = {}) => {
		const connection = internals.connection;
		// Abandoning the connection to resume while our last heartbeat is unanswered: nothing on
		// it is alive (the heartbeat's own zombie check is the case this exists for).
		const zombie =
			options.recover === WebSocketShardDestroyRecovery.Resume &&
			!internals.isAck &&
			connection?.readyState === OPEN;
		if (zombie) onZombie(shard.id);
		// Runs synchronously up to the close frame, then waits for the socket to close.
		const destroyed = destroy(options);
		if (zombie) connection.terminate();
		return destroyed;
	};
}

/** SimpleShardingStrategy (every shard in this thread), each shard cutting zombies at once. */
class PromptShardingStrategy extends SimpleShardingStrategy {
	readonly #onZombie: (shardId: number) => void;

	constructor(manager: WebSocketManager, onZombie: (shardId: number) => void) {
		super(manager);
		this.#onZombie = onZombie;
	}

	override async spawn(shardIds: number[]): Promise<void> {
		await super.spawn(shardIds);
		const shards = (this as unknown as { shards: Map<number, WebSocketShard> }).shards;
		for (const shard of shards.values()) terminateZombies(shard, this.#onZombie);
	}
}

/**
 * The worker entry beside this file, by its extension: `shard-worker.js` from a tsc build,
 * `shard-worker.mjs` from the gateway bundle (src/tools/build-bundle.ts); from the sources,
 * `shard-worker.dev.mjs`, which loads `shard-worker.ts` through tsx.
 */
export function shardWorkerPath(from: string = import.meta.url): string {
	const extension = extname(fileURLToPath(from));
	return fileURLToPath(new URL(extension === '.ts' ? './shard-worker.dev.mjs' : `./shard-worker${extension}`, from));
}

/**
 * The strategy for `workers`: false, every shard in this thread; true, one worker thread per
 * shard (`shard-worker.ts`), whose gateway traffic (inflating, JSON parsing, heartbeats) then
 * never waits behind the commands running here, and the other way round.
 */
export function shardingStrategy(
	workers: boolean,
	onZombie: (shardId: number) => void,
): (manager: WebSocketManager) => IShardingStrategy {
	if (!workers) return (manager) => new PromptShardingStrategy(manager, onZombie);
	return (manager) =>
		new WorkerShardingStrategy(manager, {
			shardsPerWorker: 1,
			workerPath: shardWorkerPath(),
			unknownPayloadHandler: (payload: unknown) => {
				if (isZombieMessage(payload)) onZombie(payload.shardId);
			},
		});
}

/**
 * Where one manager keeps its shards' sessions (to resume them). @discordjs/ws's default is one
 * store per process, shared by every manager in it; ours is the manager's own.
 */
export function sessionStore(): {
	retrieveSessionInfo(shardId: number): SessionInfo | null;
	updateSessionInfo(shardId: number, info: SessionInfo | null): void;
} {
	const sessions = new Map<number, SessionInfo>();
	return {
		retrieveSessionInfo: (shardId) => sessions.get(shardId) ?? null,
		updateSessionInfo: (shardId, info) => {
			if (info) sessions.set(shardId, info);
			else sessions.delete(shardId);
		},
	};
}
