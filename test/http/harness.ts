/**
 * A local Discord with the HTTP endpoint as `npm run serve` runs it: the server on port 0,
 * REST pointed at the local Discord, interactions delivered signed over HTTP.
 */
import type { APIInteraction } from 'discord-api-types/v10';
import type { InviteOutcome } from '../../src/core/invite.js';
import { createInviteRest } from '../../src/discord/invites.js';
import { poolRequest } from '../../src/discord/pool.js';
import { createRest } from '../../src/discord/rest.js';
import { createInteractionServer, type InteractionServer } from '../../src/http/server.js';
import {
	type InteractionHandle,
	type InteractionInit,
	type LocalDiscord,
	type LocalDiscordOptions,
	startLocalDiscord,
} from '../../src/local-discord/index.js';
import type { Health } from '../../src/ops/health.js';
import type { InviteMetrics } from '../../src/ops/metrics.js';
import type { InviteStore } from '../../src/store/repository.js';
import type { Transport, TransportOptions } from '../e2e/scenarios.js';

export interface HttpHarness extends Transport {
	endpoint: InteractionServer;
	/** The Interactions Endpoint URL. */
	url: string;
	/** Every outcome the endpoint reported, in order. */
	outcomes: InviteOutcome[];
	/** Delivers any payload (built, then changed by a test) to the endpoint. */
	deliver(payload: APIInteraction): InteractionHandle;
}

export async function startHttpHarness(
	options: TransportOptions & {
		discord?: LocalDiscordOptions;
		metrics?: InviteMetrics;
		health?: Health;
		/** The endpoint's ledger (`DATABASE_URL` in `npm run serve`). */
		store?: InviteStore;
	} = {},
): Promise<HttpHarness> {
	const discord: LocalDiscord = await startLocalDiscord(options.discord);
	const outcomes: InviteOutcome[] = [];
	const endpoint = createInteractionServer({
		publicKey: discord.publicKey,
		// Both clients send as `npm run serve`'s do: through the API origin's pool (pool.ts).
		rest: createRest({ api: discord.apiUrl, token: discord.token, makeRequest: poolRequest(discord.apiUrl) }),
		inviteRest: createInviteRest({
			api: discord.apiUrl,
			makeRequest: poolRequest(discord.apiUrl),
			token: discord.token,
			timeoutMs: options.requestTimeoutMs,
			maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		}),
		applicationId: discord.applicationId,
		deferAfterMs: options.deferAfterMs,
		attachmentTimeoutMs: options.attachmentTimeoutMs,
		jobPollDelaysMs: options.jobPollDelaysMs,
		onOutcome: (outcome) => outcomes.push(outcome),
		logger: options.logger,
		metrics: options.metrics,
		health: options.health,
		store: options.store,
	});
	let url: string;
	try {
		const { port } = await endpoint.listen(0, '127.0.0.1');
		url = `http://127.0.0.1:${port}/interactions`;
	} catch (error) {
		await discord.close();
		throw error;
	}
	const deliver = (payload: APIInteraction): InteractionHandle => discord.dispatch(payload, { via: 'http', url });
	return {
		discord,
		endpoint,
		url,
		outcomes,
		deliver,
		invite: (init: Omit<InteractionInit, 'command'>) =>
			deliver(discord.interaction({ ...init, command: 'invite' })),
		autocomplete: (init) => deliver(discord.autocomplete({ ...init, command: 'invite' })),
		command: (init) => deliver(discord.interaction(init)),
		async close() {
			await endpoint.close();
			await discord.close();
		},
	};
}
