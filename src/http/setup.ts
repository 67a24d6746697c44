/**
 * The `/invite` endpoint put together, for every HTTP adapter (the Web one in `handler.ts`,
 * Node's in `server.ts`): the commands, the REST clients' token watch, the replay guard and the
 * pipeline, under the host-free endpoint (`src/pipeline/endpoint.ts`); from options, or from a
 * host's variables. Imports no `node:` module and never discord.js.
 */
import type { REST } from '@discordjs/rest';
import { COMMANDS } from '../commands/invite.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import { type Clock, systemClock } from '../core/deadline.js';
import type { InviteOutcome, PendingTargetUsersJob } from '../core/invite.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type { AttachmentFetch } from '../discord/attachments.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest, globalPacerOf, restOptions, watchToken } from '../discord/rest.js';
import { createConsoleLogger, type Logger, silentLogger } from '../log-core.js';
import { createHealth, type Health } from '../ops/health.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import { createEndpoint, HANDLER_DEFAULTS, type InteractionCore, misconfiguredEndpoint } from '../pipeline/endpoint.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { Ed25519PublicKey, type SignatureVerifier } from '../pipeline/signature.js';
import type { InviteStore } from '../store/repository.js';
import { type InteractionEnv, settingsFromEnv } from './bindings.js';

export interface InteractionHandlerOptions {
	/** The application's public key, 64 hex characters (`DISCORD_PUBLIC_KEY`). */
	publicKey: string;
	/** Ordinary REST client: lookups and edits of the deferred response. */
	rest: REST;
	/** REST client for Create Channel Invite: see `createInviteRest` (never repeats the POST). */
	inviteRest: REST;
	/** The application id (`DISCORD_APPLICATION_ID`). */
	applicationId: string;
	logger?: Logger | undefined;
	/** How far (seconds) a signed timestamp may be from now. Default 300. */
	replayWindowSeconds?: number | undefined;
	/** Largest body accepted; larger answers 413. Default 64 KiB. */
	bodyLimitBytes?: number | undefined;
	/** Budget before deferring (ms from receipt). Default: the core's 1.5 s. */
	deferAfterMs?: number | undefined;
	/** The clock for the replay window (ms since epoch). Default: `clock.now`. */
	now?: (() => number) | undefined;
	/** The one clock of every timing rule (the deadline, the job follow-up, retries). Default: the system's. */
	clock?: Clock | undefined;
	/** Where seen interaction ids are kept. Default: in memory, for twice the replay window. */
	replayGuard?: ReplayGuard | undefined;
	/** What `GET /healthz` reports: 200 when `ready`, 503 otherwise. Default: always ready. */
	status?: (() => string) | undefined;
	/** Called with each `/invite` outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** How `users_file` is downloaded. Default: fetch, hosts checked; the Node adapter passes one that checks addresses too. */
	attachmentFetch?: AttachmentFetch | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Ends background work (following a target-users job) early: the Node adapter aborts it on close. */
	signal?: AbortSignal | undefined;
	/**
	 * Metrics to record outcomes and REST responses into (type only here: prom-client is loaded
	 * by whoever creates them; the Node adapter serves them on `GET /metrics`).
	 */
	metrics?: InviteMetrics | undefined;
	/** Per-user and per-server invite limits (see `createCooldowns`). Default: none. */
	cooldowns?: InviteCooldowns | undefined;
	/**
	 * Takes over target-users job follow-ups (a Worker's Durable Object), given the interaction
	 * token that edits the reply. Default: polled here.
	 */
	jobFollower?: ((job: PendingTargetUsersJob, interactionToken: string) => Promise<unknown>) | undefined;
	/** Health state others mark; `GET /healthz` answers 503 while a check fails. Default: a fresh one. */
	health?: Health | undefined;
	/**
	 * Checks the signatures with `publicKey`. Default: Web Crypto (`Ed25519PublicKey`); the Node
	 * adapter passes its `node:crypto` one.
	 */
	verifier?: SignatureVerifier | undefined;
	/** The invite ledger and each server's settings (src/store), handed to every command. Default: none. */
	store?: InviteStore | undefined;
}

/** The health check a refused bot token fails. */
export const TOKEN_CHECK = 'discord-token';

/**
 * Builds the transport-free endpoint every adapter calls (the Web one in `handler.ts`, Node's in
 * `server.ts`). Throws at once on a malformed public key.
 */
export function createInteractionCore(options: InteractionHandlerOptions): InteractionCore {
	const replayWindowSeconds = options.replayWindowSeconds ?? HANDLER_DEFAULTS.replayWindowSeconds;
	const logger = options.logger ?? silentLogger;
	const clock = options.clock ?? systemClock;
	const now = options.now ?? (() => clock.now());
	const health = options.health ?? createHealth();
	const metrics = options.metrics;
	if (metrics) for (const client of new Set([options.rest, options.inviteRest])) metrics.instrumentRest(client);
	// A 401 means no invite can be made until an operator replaces the token: /healthz says so
	// (503) until a request with the token succeeds again. The clients keep the token (rest.ts).
	for (const client of new Set([options.rest, options.inviteRest]))
		watchToken(client, {
			rejected: ({ method, route }) => {
				if (health.ok || !health.problems()[TOKEN_CHECK])
					logger.error(
						{ method, route },
						'Discord rejected DISCORD_TOKEN (401): reset it in the Developer Portal (Bot → Reset Token) and restart with the new one',
					);
				health.fail(TOKEN_CHECK, 'Discord answered 401 to the bot token: reset it (Developer Portal → Bot)');
			},
			accepted: () => health.clear(TOKEN_CHECK),
		});
	const verifier = options.verifier ?? new Ed25519PublicKey(options.publicKey);
	// Made with the handler: it refuses requests signed (well) before it existed, which a restart
	// would otherwise let run again.
	const seen = options.replayGuard ?? new SeenInteractions(replayWindowSeconds * 1_000 * 2, undefined, now());
	const pipeline = createPipeline<InviteOutcome>({
		commands: COMMANDS,
		rest: { api: options.rest, create: options.inviteRest },
		transport: 'http',
		clock,
		logger,
		metrics,
		replayGuard: seen,
		cooldowns: options.cooldowns,
		deferAfterMs: options.deferAfterMs,
		settings: {
			attachmentTimeoutMs: options.attachmentTimeoutMs,
			jobPollDelaysMs: options.jobPollDelaysMs,
			jobFollower: options.jobFollower,
		},
		attachmentFetch: options.attachmentFetch,
		signal: options.signal,
		onOutcome: options.onOutcome,
		store: options.store,
	});
	return createEndpoint({
		pipeline,
		verifier,
		rest: options.rest,
		applicationId: options.applicationId,
		clock,
		now,
		logger,
		bodyLimitBytes: options.bodyLimitBytes ?? HANDLER_DEFAULTS.bodyLimitBytes,
		replayWindowSeconds,
		status: options.status ?? (() => 'ready'),
		health,
	});
}

/** Timings a host may tune beyond the variables (tests use them to make Discord's slowness quick). */
export interface HandlerTuning {
	/** Budget before deferring (ms from receipt). */
	deferAfterMs?: number | undefined;
	/** Abort Create Channel Invite after this long (ms). */
	inviteTimeoutMs?: number | undefined;
	/** Give up on rate-limit waits longer than this (ms). */
	maxRateLimitWaitMs?: number | undefined;
	/** Longest download of `users_file` (ms). */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). */
	jobPollDelaysMs?: readonly number[] | undefined;
}

/** What a host keeps beyond one isolate (a Worker's Durable Objects), handed to the handler as is. */
export type HostedState = Pick<InteractionHandlerOptions, 'replayGuard' | 'cooldowns' | 'jobFollower' | 'store'>;

/**
 * The endpoint configured from a host's variables (`DISCORD_PUBLIC_KEY`, `DISCORD_TOKEN`,
 * `DISCORD_APPLICATION_ID`, optional `DISCORD_API_URL`, `LOG_LEVEL`, `REPLAY_WINDOW_SECONDS`,
 * `DISCORD_REST_GLOBAL_RPS`), logging to `console.log` with secrets masked. Misconfigured, it
 * logs every problem and answers 500 (and `/healthz` 503).
 */
export function endpointFromEnv(
	env: InteractionEnv,
	tuning: HandlerTuning = {},
	hosted: HostedState = {},
): InteractionCore {
	const read = settingsFromEnv(env);
	if (!read.ok) {
		const problems = read.problems.map((problem) => `  - ${problem}`).join('\n');
		console.error(`Configuration problems:\n${problems}`);
		return misconfiguredEndpoint;
	}
	const { settings } = read;
	const shared = { api: settings.apiUrl, globalRequestsPerSecond: settings.restGlobalRps };
	const rest = createRest({ ...restOptions(shared), token: settings.token });
	return createInteractionCore({
		publicKey: settings.publicKey,
		rest,
		inviteRest: createInviteRest({
			...shared,
			// One pacer for the bot's clients: Discord counts the global limit per bot.
			pacer: globalPacerOf(rest),
			token: settings.token,
			timeoutMs: tuning.inviteTimeoutMs,
			maxRateLimitWaitMs: tuning.maxRateLimitWaitMs,
		}),
		applicationId: settings.applicationId,
		replayWindowSeconds: settings.replayWindowSeconds,
		deferAfterMs: tuning.deferAfterMs,
		attachmentTimeoutMs: tuning.attachmentTimeoutMs,
		jobPollDelaysMs: tuning.jobPollDelaysMs,
		logger: createConsoleLogger(settings.logLevel, { secrets: [settings.token] }),
		...hosted,
	});
}
