/** The `/invites` scenarios over the gateway bot and the HTTP endpoint. */
import { startHttpHarness } from '../http/harness.js';
import { startGatewayHarness } from '../support/gateway-harness.js';
import { ledgerScenarios, onSqlite } from './scenarios.js';

ledgerScenarios(
	'HTTP (Interactions Endpoint URL)',
	onSqlite(async ({ store, discord }) => {
		const harness = await startHttpHarness({ store, ...(discord ? { discord } : {}) });
		return { discord: harness.discord, deliver: (payload) => harness.deliver(payload), close: harness.close };
	}),
);

ledgerScenarios(
	'the gateway (@discordjs/ws)',
	onSqlite(async ({ store, discord }) => {
		const harness = await startGatewayHarness({ store, discord });
		return {
			discord: harness.discord,
			deliver: (payload) => harness.discord.dispatch(payload),
			close: harness.close,
		};
	}),
);
