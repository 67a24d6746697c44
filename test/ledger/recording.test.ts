/**
 * The ledger as the hosts keep it: every invite made through /invite is recorded right after
 * Discord answers, kept across a restart (a real SQLite file in a temp dir), and a server
 * that removes the bot is forgotten (GUILD_DELETE on the gateway).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedIds } from '../../src/local-discord/seed.js';
import { openStore } from '../../src/store/node.js';
import type { InviteStore } from '../../src/store/repository.js';
import type { LedgerInvite } from '../../src/store/types.js';
import { startHttpHarness } from '../http/harness.js';
import { startGatewayHarness } from '../support/gateway-harness.js';

let dir: string;
const stores: InviteStore[] = [];
const open = async (name = 'invites.db') => {
	const store = await openStore({ kind: 'sqlite', path: join(dir, name) });
	stores.push(store);
	return store;
};

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'invite-ledger-'));
});
afterEach(async () => {
	for (const store of stores.splice(0)) await store.close().catch(() => undefined);
	await rm(dir, { recursive: true, force: true });
});

/** The ledger's row for `code` once the write-behind has written it. */
async function rowOf(store: InviteStore, code: string): Promise<LedgerInvite> {
	for (let tries = 0; tries < 100; tries++) {
		const found = await store.get(code);
		if (found.ok && found.value) return found.value;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`no ledger row for ${code}`);
}

const codeOf = (content: string | undefined): string => {
	const match = /discord\.gg\/([\w-]+)/.exec(content ?? '');
	if (!match?.[1]) throw new Error(`no invite link in ${content}`);
	return match[1];
};

describe('the ledger over HTTP', () => {
	it('records who asked for an invite right after Discord answers, and keeps it across a restart', async () => {
		const store = await open();
		const harness = await startHttpHarness({ store });
		try {
			const reply = await harness
				.invite({ user: 'member', channel: 'general', options: { reason: 'for Ann' } })
				.message();
			const code = codeOf(reply.content);
			const row = await rowOf(store, code);
			expect(row).toMatchObject({
				code,
				guildId: seedIds.guild,
				channelId: seedIds.channels.general,
				inviterId: seedIds.users.member,
				reason: 'for Ann',
				deleted: false,
				revokedAt: null,
			});
		} finally {
			await harness.close();
		}
		await store.close();
		const reopened = await open();
		const kept = await reopened.listLive(seedIds.guild, { inviterId: seedIds.users.member });
		expect(kept.ok && kept.value.invites.length).toBe(1);
	});
});

describe('the ledger over the gateway', () => {
	it('records the invite, and forgets the server when the bot is removed from it (GUILD_DELETE)', async () => {
		const store = await open();
		const harness = await startGatewayHarness({ store });
		try {
			const reply = await harness.invite({ user: 'member', channel: 'general', options: {} }).message();
			const code = codeOf(reply.content);
			await rowOf(store, code);
			harness.discord.guild.removeBot();
			for (let tries = 0; tries < 100; tries++) {
				const found = await store.get(code);
				if (found.ok && found.value === null) break;
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			expect(await store.get(code)).toEqual({ ok: true, value: null });
		} finally {
			await harness.close();
		}
	});
});
