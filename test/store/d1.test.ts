/**
 * The store on Cloudflare D1, in workerd (miniflare), as the Worker runs it: the store is
 * bundled into a Worker (test/store/fixtures/d1-worker.ts) with a D1 binding `DB`, and the
 * contract suite calls it through that Worker. Also: the ledger survives a restart of
 * workerd on persisted D1 data, and the store's bundle holds no `node:` module.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteStore } from '../../src/store/index.js';
import { bundleWorker, wranglerCompatibility } from '../../src/tools/workerd.js';
import { freshGuild, ledgerInvite, NOW, storeContract, value } from './contract.js';

const ENTRY = fileURLToPath(new URL('./fixtures/d1-worker.ts', import.meta.url));

let script: string;
let dir: string;
const running: Miniflare[] = [];

async function startWorkerd(persist: string | false = false): Promise<Miniflare> {
	const miniflare = new Miniflare({
		name: 'store',
		modules: [{ type: 'ESModule', path: 'worker.mjs', contents: script }],
		...wranglerCompatibility(),
		d1Databases: { DB: 'invites-test' },
		d1Persist: persist,
		host: '127.0.0.1',
		port: 0,
	});
	await miniflare.ready;
	running.push(miniflare);
	return miniflare;
}

/** The store inside workerd, called over the fixture Worker. */
function remoteStore(miniflare: Miniflare): InviteStore {
	const call = async (method: string, args: unknown[]) => {
		const response = await miniflare.dispatchFetch('http://store/', {
			method: 'POST',
			body: JSON.stringify({ method, args }),
		});
		const body = (await response.json()) as { result?: unknown; error?: string };
		if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
		return body.result;
	};
	return new Proxy({} as InviteStore, {
		get(_target, method: string) {
			if (method === 'then') return undefined;
			return (...args: unknown[]) => call(method, args);
		},
	});
}

beforeAll(async () => {
	script = await bundleWorker(ENTRY);
	dir = await mkdtemp(join(tmpdir(), 'invite-d1-'));
}, 60_000);
afterAll(async () => {
	await Promise.all(running.map((miniflare) => miniflare.dispose().catch(() => undefined)));
	await rm(dir, { recursive: true, force: true });
});

describe('the store on D1 in workerd', () => {
	let store: InviteStore;
	beforeAll(async () => {
		store = remoteStore(await startWorkerd());
	}, 30_000);

	storeContract(() => store);

	it('bundles for the Worker without any node: module or driver package', () => {
		expect(script).not.toMatch(/from\s*["']node:/);
		expect(script).not.toMatch(/better-sqlite3|pg-pool|pg-protocol/);
	});

	it('keeps the ledger across a restart of workerd (persisted D1)', async () => {
		const persist = join(dir, 'persist');
		const guildId = freshGuild();
		const first = await startWorkerd(persist);
		expect(value(await remoteStore(first).migrate())).toEqual(['0001_ledger_and_settings']);
		await remoteStore(first).recordInvite(ledgerInvite({ guildId, code: 'durable' }));
		await first.dispose();
		running.splice(running.indexOf(first), 1);
		const second = remoteStore(await startWorkerd(persist));
		expect(value(await second.migrate())).toEqual([]);
		expect(value(await second.listLive(guildId, { now: NOW })).invites.map((invite) => invite.code)).toEqual([
			'durable',
		]);
	}, 30_000);
});
