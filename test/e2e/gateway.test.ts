import { startGatewayHarness } from '../support/gateway-harness.js';
import { inviteScenarios, type Transport, type TransportOptions } from './scenarios.js';

/** The gateway bot as `npm start` runs it: a real discord.js Client logged into the local Discord. */
async function gateway(options: TransportOptions = {}): Promise<Transport> {
	const harness = await startGatewayHarness({
		discord: options.discord,
		command: {
			requestTimeoutMs: options.requestTimeoutMs,
			deferAfterMs: options.deferAfterMs,
			maxRateLimitWaitMs: options.maxRateLimitWaitMs,
			attachmentTimeoutMs: options.attachmentTimeoutMs,
			jobPollDelaysMs: options.jobPollDelaysMs,
			...(options.logger ? { logger: options.logger } : {}),
		},
	});
	return {
		discord: harness.discord,
		invite: harness.invite,
		autocomplete: (init) => harness.discord.dispatch(harness.discord.autocomplete({ ...init, command: 'invite' })),
		command: (init) => harness.discord.dispatch(harness.discord.interaction(init)),
		close: harness.close,
	};
}

inviteScenarios('the gateway (discord.js)', gateway);
