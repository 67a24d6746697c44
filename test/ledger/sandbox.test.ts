/** The sandbox runs `/invites list`, `/invites revoke` and clicks a button of the last reply. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/sandbox/session.js';

describe('the sandbox and the ledger', () => {
	for (const transport of ['gateway', 'http'] as const)
		it(`lists, revokes and clicks Revoke on the last reply (${transport})`, async () => {
			const sandbox = await Sandbox.start({ transport });
			try {
				const made = await sandbox.run('/invite unique:true');
				const code = /discord\.gg\/([\w-]+)/.exec(made.reply?.content ?? '')?.[1];
				expect(code).toBeDefined();
				const clicked = await sandbox.run('/click Revoke');
				expect(clicked.problem).toBeUndefined();
				expect(clicked.reply?.content).toContain(`Invite \`${code}\` was revoked by`);

				const second = await sandbox.run('/invite unique:true');
				const other = /discord\.gg\/([\w-]+)/.exec(second.reply?.content ?? '')?.[1];
				// The ledger is written just after the reply: list until the new invite is in it.
				let listed: Awaited<ReturnType<typeof sandbox.run>> | undefined;
				await expect
					.poll(async () => {
						listed = await sandbox.run('/invites list');
						return listed.reply?.content ?? '';
					})
					.toContain(`\`${other}\``);
				expect(listed?.problem).toBeUndefined();
				expect(listed?.reply?.content).not.toContain(`\`${code}\``);
				const revoked = await sandbox.run(`/invites revoke code:${other} reason:"test"`);
				expect(revoked.reply?.content).toBe(`Invite \`${other}\` revoked.`);
				expect(revoked.requests.map((request) => `${request.method} ${request.path}`)).toContain(
					`DELETE /invites/${other}`,
				);
			} finally {
				await sandbox.close();
			}
		});
});
