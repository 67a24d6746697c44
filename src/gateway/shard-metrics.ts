/**
 * What the bot knows of its shards, from @discordjs/ws's events, for `/healthz` and the
 * shard gauges: each shard's status and last heartbeat round trip. The same in `npm start`
 * and `npm run start:sharded` (whose shards run in worker threads of this one process, their
 * events relayed here), so one registry holds every shard's figures.
 */
import { type WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import type { HealthProblems } from '../ops/health.js';
import type { GatewayLike, ShardLike } from '../ops/metrics-types.js';

/**
 * The values `discord_gateway_shard_status` has always had (discord.js's Status numbers, as
 * its help text says), so dashboards and alerts keep working.
 */
export const SHARD_STATUS = {
	Ready: 0,
	Connecting: 1,
	Reconnecting: 2,
	Idle: 3,
	Disconnected: 5,
	Resuming: 8,
} as const;

type StatusName = keyof typeof SHARD_STATUS;

interface ShardState extends ShardLike {
	id: number;
	name: StatusName;
}

/** The shards one bot runs, their status and ping kept current from the manager's events. */
export class ShardStates implements GatewayLike {
	readonly #shards = new Map<number, ShardState>();

	/** `ids`: the shards this process runs, all idle until the manager connects them. */
	constructor(ids: readonly number[] = []) {
		for (const id of ids) this.#shards.set(id, { id, name: 'Idle', status: SHARD_STATUS.Idle, ping: -1 });
	}

	/** For `metrics.watchGateway`: the shards as the gauges read them. */
	get ws(): GatewayLike['ws'] {
		return { shards: this.#shards };
	}

	/** The shard ids, ascending. */
	get ids(): number[] {
		return [...this.#shards.keys()].sort((a, b) => a - b);
	}

	set(id: number, name: StatusName): void {
		const shard = this.#shards.get(id) ?? { id, name, status: SHARD_STATUS[name], ping: -1 };
		shard.name = name;
		shard.status = SHARD_STATUS[name];
		this.#shards.set(id, shard);
	}

	status(id: number): StatusName | undefined {
		return this.#shards.get(id)?.name;
	}

	/** Follows `manager`'s events. @returns a function that stops following them */
	follow(manager: WebSocketManager): () => void {
		const listeners = {
			[WebSocketShardEvents.Hello]: (id: number) => {
				if (this.status(id) !== 'Resuming') this.set(id, 'Connecting');
			},
			[WebSocketShardEvents.Ready]: (_data: unknown, id: number) => this.set(id, 'Ready'),
			[WebSocketShardEvents.Resumed]: (id: number) => this.set(id, 'Ready'),
			[WebSocketShardEvents.Closed]: (_code: number, id: number) => this.set(id, 'Reconnecting'),
			[WebSocketShardEvents.HeartbeatComplete]: (stats: { latency: number }, id: number) => {
				const shard = this.#shards.get(id);
				if (shard) shard.ping = stats.latency;
			},
		};
		manager.on(WebSocketShardEvents.Hello, listeners.hello);
		manager.on(WebSocketShardEvents.Ready, listeners.ready);
		manager.on(WebSocketShardEvents.Resumed, listeners.resumed);
		manager.on(WebSocketShardEvents.Closed, listeners.closed);
		manager.on(WebSocketShardEvents.HeartbeatComplete, listeners.heartbeat);
		return () => {
			manager.off(WebSocketShardEvents.Hello, listeners.hello);
			manager.off(WebSocketShardEvents.Ready, listeners.ready);
			manager.off(WebSocketShardEvents.Resumed, listeners.resumed);
			manager.off(WebSocketShardEvents.Closed, listeners.closed);
			manager.off(WebSocketShardEvents.HeartbeatComplete, listeners.heartbeat);
		};
	}

	/** Marks every shard disconnected (the bot stopped, or Discord closed it for good). */
	disconnectAll(): void {
		for (const id of this.#shards.keys()) this.set(id, 'Disconnected');
	}
}

/**
 * What keeps the bot from being healthy right now: every shard must be ready (none at all
 * means not connected). For `/healthz`.
 */
export function gatewayProblems(shards: ShardStates): HealthProblems {
	const problems: Record<string, string> = {};
	const ids = shards.ids;
	if (ids.length === 0) problems.gateway = 'not connected';
	for (const id of ids) {
		const status = shards.status(id);
		if (status !== 'Ready') problems[`shard ${id}`] = status ?? 'unknown';
	}
	return problems;
}
