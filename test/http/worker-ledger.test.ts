/**
 * The Worker's invite ledger: wrangler.toml's D1 database, bound in workerd. `/invite` records
 * who asked, `/invites list` finds it, `/invites revoke` deletes it with the audit-log reason,
 * and another member may not; `/invite-settings` keeps the server's limits there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../ledger/scenarios.js';
import { type WorkerdHarness, workerdTransports } from './workerd-harness.js';

const transports = workerdTransports({ d1: true });
afterAll(() => transports.stop());

describe('the Worker with its D1 ledger', () => {
	let harness: WorkerdHarness;
	beforeAll(async () => {
		harness = await transports.start();
	});
	afterAll(() => harness.close());
	const run = (user: string, command: string, subcommand?: string, options: Record<string, unknown> = {}) =>
		harness
			.command({
				user,
				channel: 'general',
				command,
				...(subcommand ? { subcommand } : {}),
				options: options as never,
			})
			.message();

	it('records who asked for an invite, lists it for them, and lets them alone revoke it', async () => {
		const made = await harness.invite({ user: 'member', channel: 'general', options: { unique: true } }).message();
		const code = codeOf(made.content);
		// The Revoke button rides on the reply once a ledger keeps the invite.
		expect(JSON.stringify(made.components ?? [])).toContain(`invite:revoke:${code}`);
		await expect
			.poll(async () => (await run('member', 'invites', 'list')).content, { timeout: 10_000 })
			.toContain(code);

		const refused = await run('helper', 'invites', 'revoke', { code });
		expect(refused.content).toContain(`You can’t revoke \`${code}\``);
		expect(harness.discord.requestsTo('DELETE', /^\/invites\//)).toHaveLength(0);

		const revoked = await run('member', 'invites', 'revoke', { code, reason: 'done' });
		expect(revoked.content).toContain(code);
		const deletes = harness.discord.requestsTo('DELETE', /^\/invites\//);
		expect(deletes).toHaveLength(1);
		expect(decodeURIComponent(deletes[0]?.headers['x-audit-log-reason'] ?? '')).toMatch(
			/^\/invites revoke by \S+ \(\d+\): done$/,
		);
	});

	it('keeps the server’s /invite-settings and holds /invite to them', async () => {
		const set = await run('admin', 'invite-settings', undefined, { max_uses_limit: 3 });
		expect(set.content).toContain('3');
		const made = await harness.invite({ user: 'member', channel: 'general', options: { unique: true } }).message();
		codeOf(made.content);
		const posted = harness.discord.requestsTo('POST', /^\/channels\/\d+\/invites$/).at(-1);
		expect((posted?.body as { max_uses?: number } | undefined)?.max_uses).toBe(3);
	});
});
