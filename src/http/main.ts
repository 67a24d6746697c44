/**
 * `npm run serve`: the HTTP interactions endpoint. Reads the configuration, listens on
 * HOST:PORT, and on SIGINT/SIGTERM stops accepting, finishes the interactions in flight
 * (deferred answers included) and exits 0. Loads no discord.js: start-up time and memory
 * matter on serverless hosts.
 */

import type { AddressInfo } from 'node:net';
import { loadConfigOrReport } from '../config.js';
import { createInviteRest } from '../discord/invites.js';
import { poolRequest } from '../discord/pool.js';
import { createRest, globalPacerOf, restOptions } from '../discord/rest.js';
import { stopSignal } from '../ops/signals.js';
import { openStartup } from '../ops/startup.js';
import { createInviteState } from '../ops/state.js';
import { createInteractionServer, INTERACTIONS_PATH } from './server.js';

async function main(): Promise<number> {
	const config = loadConfigOrReport(['token', 'applicationId', 'publicKey']);
	// A missing public key is among the problems loadConfigOrReport has reported.
	if (!config?.publicKey) return 1;
	const startup = await openStartup(config);
	if (!startup) return 1;
	const { logger, metrics, store, closeStore } = startup;
	const state = createInviteState({
		redisUrl: config.redisUrl,
		cooldownPerUser: config.cooldownPerUser,
		cooldownPerGuild: config.cooldownPerGuild,
		replayTtlMs: config.replayWindowSeconds * 2_000,
		logger,
		metrics,
	});
	const shared = {
		api: config.apiUrl,
		globalRequestsPerSecond: config.restGlobalRps,
		makeRequest: poolRequest(config.apiUrl),
	};
	const rest = createRest({ ...restOptions(shared), token: config.token });
	// One pacer for the bot's clients: Discord counts the global limit per bot.
	const inviteRest = createInviteRest({ ...shared, pacer: globalPacerOf(rest), token: config.token });
	const endpoint = createInteractionServer({
		publicKey: config.publicKey,
		rest,
		inviteRest,
		applicationId: config.applicationId,
		logger,
		replayWindowSeconds: config.replayWindowSeconds,
		maxConnections: config.maxConnections,
		metrics,
		replayGuard: state.replayGuard,
		cooldowns: state.cooldowns,
		store,
	});

	await state.ready();
	let address: AddressInfo;
	try {
		address = await endpoint.listen(config.port, config.host);
	} catch (error) {
		logger.error({ err: error }, `could not listen on ${config.host}:${config.port}`);
		await state.close();
		await closeStore();
		return 1;
	}
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	// Listened for before saying so: a signal right after the line stops the endpoint cleanly.
	const signalled = stopSignal();
	logger.info(
		{ api: config.apiUrl, sharedState: state.redis ? 'redis' : 'memory' },
		`listening on http://${host}:${address.port}${INTERACTIONS_PATH}`,
	);

	const signal = await signalled;
	logger.info(`${signal}: finishing the interactions in flight`);
	await endpoint.close();
	await state.close();
	await closeStore();
	for (const client of [rest, inviteRest]) {
		client.clearHashSweeper();
		client.clearHandlerSweeper();
	}
	logger.info('stopped');
	return 0;
}

process.exitCode = await main();
