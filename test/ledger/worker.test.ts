/**
 * The `/invites` scenarios over the Cloudflare Worker in workerd: its ledger on wrangler.toml's
 * D1 database (in memory), read by the scenarios through the same D1 from this process.
 */
import { afterAll } from 'vitest';
import { type D1DatabaseLike, openD1Store } from '../../src/store/d1.js';
import { workerdTransports } from '../http/workerd-harness.js';
import { ledgerScenarios } from './scenarios.js';

const transports = workerdTransports({ d1: true });
afterAll(() => transports.stop());

ledgerScenarios('the Cloudflare Worker (D1)', async ({ discord }) => {
	const harness = await transports.start(discord ? { discord } : {});
	const d1 = await harness.worker.d1();
	const store = openD1Store(d1 as unknown as D1DatabaseLike);
	// Migrated from here before the Worker's first query, then emptied: one workerd serves every
	// scenario, and each starts with an empty ledger as the SQLite hosts' do.
	await store.get('none');
	for (const table of ['invites', 'guild_settings']) await d1.prepare(`DELETE FROM ${table}`).bind().run();
	return {
		discord: harness.discord,
		store,
		deliver: (payload) => harness.deliver(payload),
		async close() {
			await harness.close();
			await store.close();
		},
	};
});
