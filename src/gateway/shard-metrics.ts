/**
 * Metrics and health across the processes of `npm run start:sharded`. Each shard process
 * keeps its own registry (its shards' status and ping, its interactions, its REST calls);
 * the ShardingManager asks every shard for it over the IPC channel discord.js already has,
 * and serves the sum on `METRICS_PORT` with prom-client's aggregator (counters add up, each
 * shard keeps its `shard` label). `/healthz` is 200 only once every shard is ready.
 */
import type { ChildProcess } from 'node:child_process';
import { AggregatorRegistry, Registry } from 'prom-client';
import type { HealthProblems } from '../ops/health.js';

/** The IPC message type; discord.js's own messages use `_`-prefixed keys, so they never meet ours. */
const REQUEST = 'invite:metrics';

/** A registry's figures as `getMetricsAsJSON()` gives them (what the aggregator takes). */
type Figures = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface MetricsRequest {
	type: typeof REQUEST;
	nonce: number;
}
interface MetricsReply {
	type: typeof REQUEST;
	nonce: number;
	metrics: Figures;
}

const isRequest = (message: unknown): message is MetricsRequest =>
	typeof message === 'object' && message !== null && (message as MetricsRequest).type === REQUEST;

/**
 * In a shard process (under a ShardingManager): answer the manager's requests with this
 * registry's figures. A no-op outside one.
 */
export function answerMetricsRequests(registry: Registry): void {
	const send = process.send?.bind(process);
	if (!send || !process.env.SHARDING_MANAGER) return;
	process.on('message', (message: unknown) => {
		if (!isRequest(message)) return;
		registry.getMetricsAsJSON().then(
			(metrics) => send({ type: REQUEST, nonce: message.nonce, metrics } satisfies MetricsReply),
			() => undefined,
		);
	});
}

/** The shard processes as the manager sees them: each live process by shard id, and whether it is ready. */
export interface ShardProcesses {
	/** Shard ids the manager should be running (0 .. count-1). */
	readonly count: number;
	shard(id: number): { ready: boolean; process: ChildProcess | null } | undefined;
}

/**
 * A registry whose `metrics()` is the manager's own figures plus every shard process's,
 * asked for at scrape time. A shard that does not answer within `timeoutMs` is left out of
 * that scrape (its shard gauges are missing, and `/healthz` says why).
 */
export class ShardsRegistry extends Registry {
	readonly #own: Registry;
	readonly #shards: ShardProcesses;
	readonly #timeoutMs: number;
	#nonce = 0;

	constructor(own: Registry, shards: ShardProcesses, timeoutMs = 1_000) {
		super();
		this.#own = own;
		this.#shards = shards;
		this.#timeoutMs = timeoutMs;
	}

	override async metrics(): Promise<string> {
		const figures = await Promise.all([
			this.#own.getMetricsAsJSON(),
			...Array.from({ length: this.#shards.count }, (_, id) => this.#ask(id)),
		]);
		return AggregatorRegistry.aggregate(figures.filter((list) => list !== undefined)).metrics();
	}

	#ask(id: number): Promise<Figures | undefined> {
		const child = this.#shards.shard(id)?.process;
		if (!child?.connected) return Promise.resolve(undefined);
		const nonce = ++this.#nonce;
		return new Promise((resolve) => {
			const done = (value: Figures | undefined) => {
				clearTimeout(timer);
				child.off('message', onMessage);
				resolve(value);
			};
			const onMessage = (message: unknown) => {
				if (isRequest(message) && message.nonce === nonce) done((message as MetricsReply).metrics);
			};
			const timer = setTimeout(() => done(undefined), this.#timeoutMs);
			child.on('message', onMessage);
			child.send({ type: REQUEST, nonce } satisfies MetricsRequest, (error) => error && done(undefined));
		});
	}
}

/** What `/healthz` lists while not every shard is ready (empty once they all are). */
export function shardProblems(shards: ShardProcesses): HealthProblems {
	const problems: Record<string, string> = {};
	for (let id = 0; id < shards.count; id++) {
		const shard = shards.shard(id);
		if (!shard) problems[`shard ${id}`] = 'not started';
		else if (!shard.process) problems[`shard ${id}`] = 'process exited';
		else if (!shard.ready) problems[`shard ${id}`] = 'not ready';
	}
	return problems;
}
