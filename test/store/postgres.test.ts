/**
 * The store on a real Postgres, started by this file (its own cluster, free loopback port):
 * the contract; two replicas on one database that see each other's rows; a revoke clicked
 * on two replicas at once that exactly one wins; the database going down (writes queue and
 * are retried, reads say unavailable) and coming back; migrations run once across replicas.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteStore } from '../../src/store/index.js';
import { openDatabase, openStore } from '../../src/store/node.js';
import { type PostgresServer, startPostgres, stopAllPostgres } from '../support/postgres-server.js';
import { freshGuild, ledgerInvite, NOW, storeContract, value } from './contract.js';

let postgres: PostgresServer;
let shared: InviteStore;
const opened: InviteStore[] = [];
/** A replica: its own store (own connection pool) on the server's database. */
const replica = async (options: Parameters<typeof openStore>[1] = {}, database = 'postgres') => {
	const url = postgres.url.replace(/\/postgres$/, `/${database}`);
	const store = await openStore({ kind: 'postgres', url }, { connectTimeoutMs: 1_000, ...options });
	opened.push(store);
	return store;
};

beforeAll(async () => {
	postgres = await startPostgres();
	shared = await replica();
	value(await shared.migrate());
}, 60_000);
afterAll(async () => {
	for (const store of opened) await store.close().catch(() => undefined);
	await postgres?.stop();
	await stopAllPostgres();
}, 30_000);

describe('the store on Postgres', () => {
	storeContract(() => shared);

	it('lets two replicas see each other’s invites and settings', async () => {
		const a = await replica();
		const b = await replica();
		const guildId = freshGuild();
		await a.recordInvite(ledgerInvite({ guildId, code: `fromA${guildId}`, createdAt: NOW - 2 }));
		await b.recordInvite(ledgerInvite({ guildId, code: `fromB${guildId}`, createdAt: NOW - 1 }));
		value(await a.updateSettings(guildId, { allowRoles: false }));
		for (const store of [a, b]) {
			const live = value(await store.listLive(guildId, { now: NOW })).invites.map((invite) => invite.code);
			expect(live).toEqual([`fromB${guildId}`, `fromA${guildId}`]);
			expect(value(await store.getSettings(guildId)).allowRoles).toBe(false);
		}
	});

	it('lets exactly one of two replicas win a revoke clicked on both at once', async () => {
		const a = await replica();
		const b = await replica();
		const guildId = freshGuild();
		const codes = Array.from({ length: 10 }, (_, i) => `race${i}${guildId}`);
		for (const code of codes) await a.recordInvite(ledgerInvite({ guildId, code }));
		for (const code of codes) {
			// Five clicks on each replica, all in flight together.
			const claims = await Promise.all(
				Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).markRevoked(code, { guildId, by: String(i) })),
			);
			expect(claims.filter((claim) => value(claim).won)).toHaveLength(1);
		}
	});

	it('runs the migrations once when two replicas start together on an empty database', async () => {
		// A fresh database on the same server, created through the store's own connection.
		const db = await openDatabase({ kind: 'postgres', url: postgres.url });
		await sql`create database fresh_replicas`.execute(db);
		await db.destroy();
		const [a, b] = await Promise.all([replica({}, 'fresh_replicas'), replica({}, 'fresh_replicas')]);
		const applied = await Promise.all([a.migrate(), b.migrate()]);
		expect(applied.flatMap(value)).toEqual(['0001_ledger_and_settings']);
		expect(value(await (await replica({}, 'fresh_replicas')).migrate())).toEqual([]);
	});
});

describe('Postgres going down and coming back', () => {
	it('queues writes and retries them, while reads say the ledger is unavailable', async () => {
		const events: string[] = [];
		const store = await replica({
			retryPolicy: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 1_000 },
			metrics: {
				writeFailed: (operation) => events.push(`failed ${operation}`),
				writeRetried: (operation) => events.push(`retried ${operation}`),
				unavailable: (operation) => events.push(`unavailable ${operation}`),
			},
		});
		const guildId = freshGuild();
		value(await store.migrate());
		await postgres.kill();
		try {
			// The member still gets their reply: the write is kept, not thrown.
			expect(await store.recordInvite(ledgerInvite({ guildId, code: `down${guildId}` }))).toBe('queued');
			expect(await store.markDeleted(`never${guildId}`)).toBe('queued');
			expect(store.pendingWrites).toBe(2);
			const list = await store.listLive(guildId, { now: NOW });
			expect(list).toMatchObject({ ok: false, error: 'unavailable' });
			expect(await store.markRevoked(`down${guildId}`, { guildId, by: '1' })).toMatchObject({
				ok: false,
				error: 'unavailable',
			});
		} finally {
			await postgres.restart();
		}
		// Retried on its own once the database answers.
		await expect.poll(() => store.pendingWrites, { timeout: 10_000, interval: 50 }).toBe(0);
		expect(value(await store.get(`down${guildId}`))).toMatchObject({ guildId });
		expect(value(await store.listLive(guildId, { now: NOW })).invites).toHaveLength(1);
		// Each failure was counted where it happened, and each queued write once it went through
		// (markDeleted waited behind recordInvite: it was never tried while the database was down).
		expect(events).toEqual(
			expect.arrayContaining([
				'failed recordInvite',
				'unavailable listLive',
				'unavailable markRevoked',
				'retried recordInvite',
				'retried markDeleted',
			]),
		);
	}, 30_000);
});
