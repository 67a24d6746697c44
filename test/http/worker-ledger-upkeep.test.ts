/**
 * The Worker keeps its D1 ledger true, in workerd with wrangler.toml's bindings: a write D1
 * refuses is retried in the request, then kept by the LedgerWritesObject whose alarm lands it
 * once D1 takes it again (once, in order); and the Cron Trigger purges rows past
 * `LEDGER_RETENTION_DAYS`. D1 fails for real: the ledger's table is renamed away under the
 * Worker, so every insert meets "no such table", as a query does when D1 is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { LocalD1 } from '../../src/tools/workerd.js';
import type { LedgerWritesStatus } from '../../src/worker/ledger-writes.js';
import { codeOf } from '../ledger/scenarios.js';
import { ledgerInvite } from '../store/contract.js';
import { type WorkerdHarness, workerdTransports } from './workerd-harness.js';

const DAY = 86_400_000;
const CRON = '0 */6 * * *';

const transports = workerdTransports({ d1: true, bindings: { LOG_LEVEL: 'info', LEDGER_RETENTION_DAYS: '30' } });
afterAll(() => transports.stop());

describe('the Worker’s D1 ledger', () => {
	let harness: WorkerdHarness;
	let d1: LocalD1;
	beforeAll(async () => {
		harness = await transports.start({ logger: createLogger('silent') });
		d1 = await harness.worker.d1();
	}, 60_000);
	afterAll(() => harness.close());

	const queue = <T>(body: object) => harness.worker.callObject<T>('LEDGER_WRITES', 'ledger-writes', body);
	const status = () => queue<LedgerWritesStatus>({ op: 'status' });
	const retryNow = () => queue<{ pending: number }>({ op: 'retry-now' });
	const rowsOf = async (code: string) =>
		(
			await d1
				.prepare('select code, guild_id, inviter_id, inviter_name, deleted from invites where code = ?')
				.bind(code)
				.all<{ code: string; guild_id: string; inviter_id: string; inviter_name: string; deleted: number }>()
		).results;
	const invite = async () =>
		codeOf(
			(await harness.invite({ user: 'member', channel: 'general', options: { unique: true } }).message()).content,
		);
	/** Runs `during` with the ledger's table gone, so every write to it fails; puts it back after. */
	async function withD1Failing(during: () => Promise<void>): Promise<void> {
		await d1.prepare('ALTER TABLE invites RENAME TO invites_offline').bind().run();
		try {
			await during();
		} finally {
			await d1.prepare('ALTER TABLE invites_offline RENAME TO invites').bind().run();
		}
	}

	it('answers the member while D1 refuses the write, and lands the row once D1 is back, exactly once', async () => {
		// The first invite has the Worker create its tables (migrations at first use).
		const first = await invite();
		await expect.poll(async () => (await rowsOf(first)).length, { timeout: 10_000 }).toBe(1);

		let code = '';
		await withD1Failing(async () => {
			// The member gets the invite although the ledger cannot record it.
			code = await invite();
			// Tried in the request, then handed to the object: its storage holds it.
			await expect.poll(async () => (await status()).pending, { timeout: 10_000 }).toBe(1);
			expect(harness.logs.join('\n')).toContain('ledger write failed: handed to the durable queue');
			expect((await status()).nextRetryAt).toEqual(expect.any(Number));
			// An alarm while D1 still refuses keeps the write for a later try.
			await retryNow();
			await expect
				.poll(() => harness.logs.some((line) => line.includes('ledger write failed again')), {
					timeout: 10_000,
				})
				.toBe(true);
			expect((await status()).pending).toBe(1);
		});

		await retryNow();
		await expect.poll(async () => (await status()).pending, { timeout: 10_000 }).toBe(0);
		const rows = await rowsOf(code);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ code, deleted: 0 });
		expect((await status()).nextRetryAt).toBeNull();
		expect(harness.logs.join('\n')).toContain('ledger write went through from the durable queue');
	}, 60_000);

	it('retries a write whose success went unseen without a second row (the first record stays)', async () => {
		const code = await invite();
		await expect.poll(async () => (await rowsOf(code)).length, { timeout: 10_000 }).toBe(1);
		const [landed] = await rowsOf(code);
		await queue({
			op: 'enqueue',
			write: {
				kind: 'recordInvite',
				invite: ledgerInvite({ guildId: landed?.guild_id ?? '', code, inviterName: 'Other' }),
			},
			attempts: 3,
		});
		await retryNow();
		await expect.poll(async () => (await status()).pending, { timeout: 10_000 }).toBe(0);
		expect(await rowsOf(code)).toEqual([landed]);
	}, 30_000);

	it('keeps handed-on writes in order: a deletion queued after its record lands after it', async () => {
		const record = ledgerInvite({ guildId: '1100000000000000999' });
		await withD1Failing(async () => {
			await queue({ op: 'enqueue', write: { kind: 'recordInvite', invite: record }, attempts: 3 });
			await queue({
				op: 'enqueue',
				write: { kind: 'markDeleted', code: record.code, at: Date.now() },
				attempts: 3,
			});
			await retryNow();
			await expect
				.poll(() => harness.logs.filter((line) => line.includes('ledger write failed again')).length, {
					timeout: 10_000,
				})
				.toBeGreaterThan(1);
			expect((await status()).pending).toBe(2);
		});
		await retryNow();
		await expect.poll(async () => (await status()).pending, { timeout: 10_000 }).toBe(0);
		expect(await rowsOf(record.code)).toMatchObject([{ code: record.code, deleted: 1 }]);
	}, 30_000);

	it('purges on its Cron Trigger the rows past LEDGER_RETENTION_DAYS and keeps the recent and live ones', async () => {
		const now = Date.now();
		const guildId = '1100000000000000777';
		const rows: Record<string, { expires?: number; revoked?: number; deleted?: number }> = {
			'expired-40d': { expires: now - 40 * DAY },
			'revoked-45d': { expires: now + DAY, revoked: now - 45 * DAY },
			'deleted-31d': { expires: now + DAY, deleted: now - 31 * DAY },
			'expired-5d': { expires: now - 5 * DAY },
			'deleted-2d': { deleted: now - 2 * DAY },
			live: {},
		};
		for (const [code, at] of Object.entries(rows))
			await d1
				.prepare(
					`insert into invites (code, guild_id, channel_id, inviter_id, inviter_name, created_at, expires_at,
						max_age, max_uses, temporary, "unique", role_ids, revoked_at, deleted, deleted_at)
					 values (?, ?, '1100000000000000200', '1100000000000000100', 'Ada', ?, ?, 0, 0, 0, 1, '[]', ?, ?, ?)`,
				)
				.bind(
					code,
					guildId,
					now - 50 * DAY,
					at.expires ?? null,
					at.revoked ?? null,
					at.deleted === undefined ? 0 : 1,
					at.deleted ?? null,
				)
				.run();

		expect(await harness.worker.scheduled(CRON)).toMatchObject({ outcome: 'ok' });
		const left = await d1.prepare('select code from invites where guild_id = ? order by code').bind(guildId).all();
		expect(left.results.map((row) => row.code)).toEqual(['deleted-2d', 'expired-5d', 'live']);
		// Three rows of this server, and any other row past its retention (an earlier test's).
		expect(harness.logs.join('\n')).toMatch(/"purged":[3-9].*ledger rows past their retention purged/);

		// A second run finds nothing more, and says so.
		expect(await harness.worker.scheduled(CRON)).toMatchObject({ outcome: 'ok' });
		expect(harness.logs.join('\n')).toContain('ledger purge: no row past its retention');
	}, 30_000);
});
