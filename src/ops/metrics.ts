/**
 * Prometheus metrics (prom-client) in a Registry of our own: a host bot's own metrics and
 * prom-client's global registry stay theirs. Adapters record into it; `GET /metrics` serves
 * `registry.metrics()`. Nothing here imports discord.js (the HTTP process never loads it).
 */
import type { REST } from '@discordjs/rest';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { COMMAND_NAME } from '../core/command.js';
import { outcomeLabel } from '../core/invite.js';
import type { InviteMetrics as AnyInviteMetrics, GatewayLike, ShardLike } from './metrics-types.js';

export type { GatewayLike, MetricsRegistry, ShardLike, Transport } from './metrics-types.js';

/** Histogram buckets for receipt-to-answer latency (s): Discord's 3 s and 15 min bound the range. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10, 30, 60, 300];

/** The metrics `/invite` records, as {@link createMetrics} makes them: the registry is prom-client's. */
export interface InviteMetrics extends AnyInviteMetrics {
	/**
	 * Our own registry: serve `await registry.metrics()` with `registry.contentType`. Made on
	 * first read (see {@link createMetrics}).
	 */
	readonly registry: Registry;
}

export interface MetricsOptions {
	/**
	 * prom-client's default process metrics (CPU, memory, event loop lag, GC). Default true;
	 * off on hosts without a process (Workers).
	 */
	processMetrics?: boolean | undefined;
}

/**
 * How many records wait for the registry before it is built anyway. Until `/metrics` is first
 * scraped (`registry` read), records queue here: prom-client and its default metrics then
 * cost nothing at start, nor on the first interactions, and the bound keeps the queue small.
 */
const PENDING_LIMIT = 1_000;

/** The prom-client objects, built on first need. */
interface Built {
	registry: Registry;
	interactions: Counter<'command' | 'outcome' | 'transport'>;
	created: Counter;
	latency: Histogram<'transport'>;
	deferred: Counter;
	restRequests: Counter<'route' | 'status'>;
	rateLimited: Counter<'scope'>;
	cooldownHits: Counter<'scope'>;
	storeFallbacks: Counter<'operation'>;
	zombies: Counter<'shard'>;
	ledger: Counter<'event' | 'operation'>;
	storeUp?: Gauge;
}

/**
 * Metric names and label sets, one place (docs/operating.md lists them). The
 * registry and its metrics are made when first read (`registry`: the first scrape) or after
 * `PENDING_LIMIT` records, whichever comes first; records made before are replayed into it in
 * order, so every count is exact. prom-client's default process metrics start then too: the
 * CPU, memory and start time ones read the process's own totals, the GC and event-loop ones
 * count from that moment.
 */
export function createMetrics(options: MetricsOptions = {}): InviteMetrics {
	const gateways: GatewayLike[] = [];
	let built: Built | undefined;
	let pending: ((metrics: Built) => void)[] = [];
	const record = (apply: (metrics: Built) => void): void => {
		if (built) apply(built);
		else {
			pending.push(apply);
			if (pending.length >= PENDING_LIMIT) build();
		}
	};
	const build = (): Built => {
		if (built) return built;
		built = buildMetrics(options, gateways);
		const queued = pending;
		pending = [];
		for (const apply of queued) apply(built);
		return built;
	};

	const instrumented = new WeakSet<REST>();
	return {
		get registry() {
			return build().registry;
		},
		recordOutcome(outcome, transport) {
			// What the record needs, read now: a queued record must not keep (or see changes to) the outcome.
			const label = outcomeLabel(outcome);
			const created = outcome.status === 'created';
			const deferred = outcome.delivery === 'deferred';
			const cooldownScope = outcome.cooldown?.scope;
			const seconds = outcome.latencyMs / 1000;
			record((m) => {
				m.interactions.inc({ command: COMMAND_NAME, outcome: label, transport });
				if (created) m.created.inc();
				if (deferred) m.deferred.inc();
				if (cooldownScope) m.cooldownHits.inc({ scope: cooldownScope });
				m.latency.observe({ transport }, seconds);
			});
		},
		recordStoreFallback: (operation) => record((m) => m.storeFallbacks.inc({ operation })),
		recordLedger: (event, operation) => record((m) => m.ledger.inc({ event, operation })),
		setStoreUp(up) {
			record((m) => {
				// Only where a shared store is configured: a 0 would read as "Redis down" everywhere else.
				m.storeUp ??= new Gauge({
					name: 'invite_store_redis_up',
					help: 'Whether the shared store (Redis) answers within its budget: 1 yes, 0 while process memory stands in.',
					registers: [m.registry],
				});
				m.storeUp.set(up ? 1 : 0);
			});
		},
		instrumentRest(rest) {
			if (instrumented.has(rest)) return;
			instrumented.add(rest);
			rest.on('response', (request, response) => {
				const labels = { route: routeLabel(request.method, request.route), status: String(response.status) };
				record((m) => m.restRequests.inc(labels));
			});
			rest.on('rateLimited', (data) => {
				const scope = data.scope;
				record((m) => m.rateLimited.inc({ scope }));
			});
		},
		watchGateway(client) {
			if (!gateways.includes(client)) gateways.push(client);
		},
		recordZombie(shard) {
			record((m) => m.zombies.inc({ shard: String(shard) }));
		},
	};
}

function buildMetrics(options: MetricsOptions, gateways: readonly GatewayLike[]): Built {
	const registry = new Registry();
	if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
	const registers = [registry];

	const interactions = new Counter({
		name: 'invite_interactions_total',
		help: 'Interactions answered, by command, outcome (created, refused:<id>, failed:<id>, cooldown) and transport.',
		labelNames: ['command', 'outcome', 'transport'] as const,
		registers,
	});
	const created = new Counter({ name: 'invite_created_total', help: 'Invites created.', registers });
	const latency = new Histogram({
		name: 'invite_latency_seconds',
		help: 'From receipt of the interaction to its final answer (inline reply, or the edit after a defer).',
		labelNames: ['transport'] as const,
		buckets: LATENCY_BUCKETS,
		registers,
	});
	const deferred = new Counter({
		name: 'invite_deferred_total',
		help: 'Interactions answered with a deferred response first (the answer came as an edit).',
		registers,
	});
	const restRequests = new Counter({
		name: 'discord_rest_requests_total',
		help: 'Responses from Discord REST, by method and route template (no ids) and HTTP status.',
		labelNames: ['route', 'status'] as const,
		registers,
	});
	const rateLimited = new Counter({
		name: 'discord_rest_rate_limited_total',
		help: 'Rate-limit waits @discordjs/rest announced, by scope (user, global, shared).',
		labelNames: ['scope'] as const,
		registers,
	});
	const cooldownHits = new Counter({
		name: 'invite_cooldown_hits_total',
		help: 'Invite requests refused by a cooldown, by which limit (user, guild), without calling Discord.',
		labelNames: ['scope'] as const,
		registers,
	});
	const storeFallbacks = new Counter({
		name: 'invite_store_fallbacks_total',
		help: 'Shared-store (Redis) operations that failed or outlasted their budget and ran in process memory instead.',
		labelNames: ['operation'] as const,
		registers,
	});

	const ledger = new Counter({
		name: 'invite_ledger_troubles_total',
		help: 'Invite ledger troubles by event (failed: a write queued for a retry; retried: it went through later; dropped: given up; unavailable: a read found the database down) and operation.',
		labelNames: ['event', 'operation'] as const,
		registers,
	});

	const zombies = new Counter({
		name: 'discord_gateway_zombie_connections_total',
		help: 'Gateway connections found zombied (a heartbeat not acknowledged before the next was due), cut and resumed, by shard.',
		labelNames: ['shard'] as const,
		registers,
	});

	const readShards = <T>(read: (shard: ShardLike & { id: number }) => T | undefined) => {
		const values: [number, T][] = [];
		for (const client of gateways)
			for (const shard of client.ws.shards.values()) {
				const value = read(shard);
				if (value !== undefined) values.push([shard.id, value]);
			}
		return values;
	};
	new Gauge({
		name: 'discord_gateway_shard_status',
		help: "Each gateway shard's discord.js Status: 0 ready, 1 connecting, 2 reconnecting, 3 idle, 4 nearly, 5 disconnected, 6 waiting for guilds, 7 identifying, 8 resuming.",
		labelNames: ['shard'] as const,
		registers,
		collect() {
			this.reset();
			for (const [shard, status] of readShards((s) => s.status)) this.set({ shard: String(shard) }, status);
		},
	});
	new Gauge({
		name: 'discord_gateway_ping_seconds',
		help: "Each gateway shard's last heartbeat round trip.",
		labelNames: ['shard'] as const,
		registers,
		collect() {
			this.reset();
			for (const [shard, ping] of readShards((s) => (s.ping >= 0 ? s.ping / 1000 : undefined)))
				this.set({ shard: String(shard) }, ping);
		},
	});
	return {
		registry,
		interactions,
		created,
		latency,
		deferred,
		restRequests,
		rateLimited,
		cooldownHits,
		storeFallbacks,
		zombies,
		ledger,
	};
}

/**
 * `POST /channels/:id/invites`: the method and @discordjs/rest's route template. Ids (any
 * snowflake length) and tokens are templated again here, so no label ever carries one.
 */
export function routeLabel(method: string, route: string): string {
	const template = (route.split('?')[0] ?? '')
		.replace(/\d{16,21}/g, ':id')
		.replace(/\/webhooks\/:id\/[^/]+/, '/webhooks/:id/:token')
		.replace(/\/interactions\/:id\/[^/]+/, '/interactions/:id/:token');
	return `${method.toUpperCase()} ${template}`;
}
