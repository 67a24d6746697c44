/**
 * What the adapters and the package's entries see of the metrics: interfaces only, no
 * prom-client. prom-client is an optional peer, so its types stay behind the `./metrics`
 * entry (src/ops/metrics.ts): a strict TypeScript bot without it type-checks the main entry,
 * `./http` and `./fetch`, whose declarations reach this file and never prom-client's.
 */
import type { REST } from '@discordjs/rest';
import type { InviteOutcome } from '../core/invite.js';

/** Which adapter delivered an interaction (the `transport` label). */
export type Transport = 'gateway' | 'http';

/** A gateway shard as discord.js exposes it (`client.ws.shards`): its status enum and ping (ms, -1 before the first). */
export interface ShardLike {
	status: number;
	ping: number;
}

/** What the shard gauges read: a discord.js Client's `ws.shards`, by shard id. */
export interface GatewayLike {
	ws: { shards: { values(): IterableIterator<ShardLike & { id: number }> } };
}

/** What `GET /metrics` serves: the part of prom-client's `Registry` it reads. */
export interface MetricsRegistry {
	/** The exposition format's content type (`text/plain; version=0.0.4; ...`). */
	readonly contentType: string;
	/** Every metric in the exposition format. */
	metrics(): Promise<string>;
}

/** The metrics `/invite` records. Create with `createMetrics()` from `./metrics`. */
export interface InviteMetrics {
	/**
	 * Our own registry: serve `await registry.metrics()` with `registry.contentType`. Made on
	 * first read (see `createMetrics`); a prom-client `Registry` (typed as one by `createMetrics`).
	 */
	readonly registry: MetricsRegistry;
	/** Records one answered `/invite`: interactions, created, deferred, latency, cooldown hits. */
	recordOutcome(outcome: InviteOutcome, transport: Transport): void;
	/** Counts a shared-store operation that fell back to process memory. */
	recordStoreFallback(operation: string): void;
	/** Whether the shared store (Redis) answers; 1 or 0 (only set when one is configured). */
	setStoreUp(up: boolean): void;
	/** Counts the responses and announced rate limits of a @discordjs/rest client. */
	instrumentRest(rest: REST): void;
	/** Reads each shard's status and ping at scrape time. */
	watchGateway(client: GatewayLike): void;
	/** Counts a gateway connection found zombied (a heartbeat unacknowledged), closed and resumed. */
	recordZombie(shard: number): void;
	/**
	 * Counts a trouble of the invite ledger: a write that `failed` (queued for a retry),
	 * went through when `retried`, was `dropped`, or a read that found the database `unavailable`.
	 */
	recordLedger?(event: 'failed' | 'retried' | 'dropped' | 'unavailable', operation: string): void;
}
