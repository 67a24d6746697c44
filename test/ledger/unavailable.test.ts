/**
 * The ledger's database down (nothing listens where DATABASE_URL points): `/invite` still
 * answers at once. A member bound by the server's limits is told the settings cannot be read
 * (they are never skipped for want of data); one with Manage Server gets the invite, and its
 * write waits in the queue. `/invites list` says the ledger is unavailable; a revoke deletes
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/node.js';
import { startHttpHarness } from '../http/harness.js';
import { codeOf } from './scenarios.js';

describe('the ledger’s database down', () => {
	it('still answers /invite, queues the write, and /invites says the ledger is unavailable', async () => {
		const store = await openStore(
			{ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:9/none' },
			{ connectTimeoutMs: 200 },
		);
		const harness = await startHttpHarness({ store });
		try {
			const refused = await harness
				.invite({ user: 'member', channel: 'general', options: { unique: true } })
				.message();
			expect(refused.content).toContain('invite settings');
			expect(harness.discord.requestsTo('POST', /^\/channels\/\d+\/invites$/)).toHaveLength(0);
			const made = await harness
				.invite({ user: 'admin', channel: 'general', options: { unique: true } })
				.message();
			const code = codeOf(made.content);
			const listed = await harness
				.command({ user: 'member', channel: 'general', command: 'invites', subcommand: 'list' })
				.message();
			expect(listed.content).toBe(
				'The invite ledger is unavailable right now, so I can’t look up invites. Try again in a moment.',
			);
			const revoked = await harness
				.command({
					user: 'admin',
					channel: 'general',
					command: 'invites',
					subcommand: 'revoke',
					options: { code },
				})
				.message();
			expect(revoked.content).toContain('unavailable');
			expect(harness.discord.requestsTo('DELETE', /^\/invites\//)).toHaveLength(0);
			await expect.poll(() => store.pendingWrites).toBeGreaterThan(0);
		} finally {
			await harness.close();
			await store.close();
		}
	});
});
