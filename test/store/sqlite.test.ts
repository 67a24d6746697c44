/**
 * The store on an embedded SQLite file (better-sqlite3) in a temp dir: the contract, a
 * restart that keeps the ledger, and migrations that run once.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteStore } from '../../src/store/index.js';
import { openStore, reusingStatements } from '../../src/store/node.js';
import { freshGuild, ledgerInvite, NOW, storeContract, value } from './contract.js';

let dir: string;
let shared: InviteStore;
const opened: InviteStore[] = [];
const open = async (path: string) => {
	const store = await openStore({ kind: 'sqlite', path });
	opened.push(store);
	return store;
};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'invite-sqlite-'));
	shared = await open(join(dir, 'shared.db'));
});
afterAll(async () => {
	for (const store of opened) await store.close().catch(() => undefined);
	await rm(dir, { recursive: true, force: true });
});

describe('the store on SQLite', () => {
	storeContract(() => shared);

	it('creates the file, and the folders to it, on first use', async () => {
		const path = join(dir, 'nested', 'deeper', 'invites.db');
		const store = await open(path);
		expect(value(await store.migrate())).toEqual(['0001_ledger_and_settings']);
		expect((await stat(path)).isFile()).toBe(true);
	});

	it('keeps the ledger and the settings across a restart (close and reopen the file)', async () => {
		const path = join(dir, 'restart.db');
		const guildId = freshGuild();
		const before = await open(path);
		await before.recordInvite(ledgerInvite({ guildId, code: 'survivor' }));
		value(await before.updateSettings(guildId, { maxUsesLimit: 25 }));
		await before.close();
		const after = await open(path);
		// The migrations ran before: nothing new to apply.
		expect(value(await after.migrate())).toEqual([]);
		expect(value(await after.get('survivor'))).toMatchObject({ guildId, inviterName: 'Ada' });
		expect(value(await after.listLive(guildId, { now: NOW })).invites).toHaveLength(1);
		expect(value(await after.getSettings(guildId)).maxUsesLimit).toBe(25);
	});

	it('lets exactly one of two processes on one file win a revoke (two connections)', async () => {
		const path = join(dir, 'two.db');
		const [a, b] = [await open(path), await open(path)];
		const guildId = freshGuild();
		await a.recordInvite(ledgerInvite({ guildId, code: 'shared' }));
		expect(value(await b.get('shared'))?.guildId).toBe(guildId);
		const claims = await Promise.all(
			[a, b, a, b].map((store, i) => store.markRevoked('shared', { guildId, by: String(i) })),
		);
		expect(claims.filter((claim) => value(claim).won)).toHaveLength(1);
	});

	it('prepares each query once, and keeps at most the last statements it was told to', async () => {
		const { default: Database } = await import('better-sqlite3');
		const database = new Database(':memory:');
		const prepared: string[] = [];
		const counting = {
			close: () => database.close(),
			prepare: (sql: string) => {
				prepared.push(sql);
				return database.prepare(sql);
			},
		};
		const reused = reusingStatements(counting, 2);
		reused.prepare('create table t (a)').run([]);
		for (let i = 0; i < 3; i++) reused.prepare('insert into t (a) values (?)').run([i]);
		expect(reused.prepare('select a from t order by a').all([])).toEqual([{ a: 0 }, { a: 1 }, { a: 2 }]);
		expect(prepared).toEqual(['create table t (a)', 'insert into t (a) values (?)', 'select a from t order by a']);
		// Two kept: a new text drops the oldest (the insert), the select stays prepared.
		reused.prepare('create table if not exists t (a)');
		reused.prepare('select a from t order by a');
		expect(prepared).toHaveLength(4);
		reused.prepare('insert into t (a) values (?)');
		expect(prepared).toHaveLength(5);
		reused.close();
	});

	it('runs the migrations once however often it is asked', async () => {
		const store = await open(join(dir, 'migrate.db'));
		expect(value(await store.migrate())).toEqual(['0001_ledger_and_settings']);
		expect(value(await store.migrate())).toEqual(['0001_ledger_and_settings']);
		const second = await open(join(dir, 'migrate.db'));
		expect(value(await second.migrate())).toEqual([]);
	});
});
