/**
 * What every engine of the store must do, the same way: one suite run against SQLite,
 * Postgres and D1 (see the *.test.ts files beside this one). Each test uses a server id of its
 * own, so the tests share one database without seeing each other's rows.
 */
import { InviteTargetType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { InviteStore, LedgerInvite, NewLedgerInvite } from '../../src/store/index.js';

let guildCounter = 0;
/** A server id no other test uses. */
export const freshGuild = (): string => `9${Date.now()}${String(++guildCounter).padStart(4, '0')}`.slice(0, 19);

const DAY = 86_400_000;
export const NOW = 1_780_000_000_000;

/** A ledger entry with every field set (nulls where Discord has none). */
export function ledgerInvite(overrides: Partial<NewLedgerInvite> & { guildId: string }): NewLedgerInvite {
	return {
		code: `c${Math.random().toString(36).slice(2, 10)}`,
		channelId: '1100000000000000200',
		inviterId: '1100000000000000100',
		inviterName: 'Ada',
		createdAt: NOW - 60_000,
		expiresAt: NOW + DAY,
		maxAge: 86_400,
		maxUses: 5,
		temporary: false,
		unique: true,
		targetType: null,
		targetUserId: null,
		targetApplicationId: null,
		roleIds: [],
		targetUsersCount: null,
		reason: null,
		...overrides,
	};
}

/** The value of a result that must be ok. */
export function value<T>(result: { ok: true; value: T } | { ok: false }): T {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
	return result.value;
}

/** The contract every engine meets; `open` gives a migrated store on one shared database. */
export function storeContract(open: () => InviteStore | Promise<InviteStore>): void {
	const codes = (invites: LedgerInvite[]) => invites.map((invite) => invite.code);

	describe('the ledger', () => {
		it('keeps every field of an invite as it was recorded', async () => {
			const store = await open();
			const guildId = freshGuild();
			const invite = ledgerInvite({
				guildId,
				code: 'everyField',
				inviterName: 'Zoë ✨ "quoted"',
				createdAt: NOW,
				expiresAt: null,
				maxAge: 0,
				maxUses: 0,
				temporary: true,
				unique: false,
				targetType: InviteTargetType.EmbeddedApplication,
				targetApplicationId: '880218394199220334',
				roleIds: ['1100000000000000301', '1100000000000000302'],
				targetUsersCount: 3,
				reason: 'for the raid night',
			});
			expect(await store.recordInvite(invite)).toBe('written');
			expect(value(await store.get('everyField'))).toEqual({
				...invite,
				revokedAt: null,
				revokedBy: null,
				revokeReason: null,
				deleted: false,
				deletedAt: null,
			});
		});

		it('answers null for a code it never recorded', async () => {
			const store = await open();
			expect(value(await store.get('neverMade'))).toBeNull();
		});

		it('records a code once: a second record (Discord reused the code) keeps the first asker', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `same${guildId}`, inviterName: 'first' }));
			expect(
				await store.recordInvite(
					ledgerInvite({
						guildId,
						code: `same${guildId}`,
						inviterId: '1100000000000000999',
						inviterName: 'second',
					}),
				),
			).toBe('written');
			expect(value(await store.get(`same${guildId}`))?.inviterName).toBe('first');
		});

		it('lists live invites newest first, filtered by member and channel', async () => {
			const store = await open();
			const guildId = freshGuild();
			const other = freshGuild();
			for (const [code, inviterId, channelId, createdAt] of [
				['old', '1', 'ch1', NOW - 3_000],
				['mid', '2', 'ch2', NOW - 2_000],
				['new', '1', 'ch2', NOW - 1_000],
			] as const)
				await store.recordInvite(
					ledgerInvite({ guildId, code: `${code}${guildId}`, inviterId, channelId, createdAt }),
				);
			await store.recordInvite(ledgerInvite({ guildId: other, code: `elsewhere${other}` }));
			const list = async (options: { inviterId?: string; channelId?: string }) =>
				codes(value(await store.listLive(guildId, { ...options, now: NOW })).invites).map((code) =>
					code.replace(guildId, ''),
				);
			expect(await list({})).toEqual(['new', 'mid', 'old']);
			expect(await list({ inviterId: '1' })).toEqual(['new', 'old']);
			expect(await list({ channelId: 'ch2' })).toEqual(['new', 'mid']);
			expect(await list({ inviterId: '1', channelId: 'ch2' })).toEqual(['new']);
		});

		it('leaves out expired, revoked and deleted invites', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `live${guildId}` }));
			await store.recordInvite(ledgerInvite({ guildId, code: `forever${guildId}`, expiresAt: null }));
			await store.recordInvite(ledgerInvite({ guildId, code: `expired${guildId}`, expiresAt: NOW }));
			await store.recordInvite(ledgerInvite({ guildId, code: `revoked${guildId}` }));
			await store.recordInvite(ledgerInvite({ guildId, code: `deleted${guildId}` }));
			value(await store.markRevoked(`revoked${guildId}`, { guildId, by: '5' }));
			expect(await store.markDeleted(`deleted${guildId}`)).toBe('written');
			const live = value(await store.listLive(guildId, { now: NOW }));
			expect(codes(live.invites).sort()).toEqual([`forever${guildId}`, `live${guildId}`]);
		});

		it('pages with a cursor and with an offset, and says when there is no next page', async () => {
			const store = await open();
			const guildId = freshGuild();
			// Two share a created_at: the cursor orders them by code and skips neither.
			const times = [NOW - 5, NOW - 4, NOW - 4, NOW - 3, NOW - 2];
			for (const [index, createdAt] of times.entries())
				await store.recordInvite(ledgerInvite({ guildId, code: `p${index}${guildId}`, createdAt }));
			const seen: string[] = [];
			let cursor: string | undefined;
			for (let page = 0; page < 5; page++) {
				const result = value(
					await store.listLive(guildId, { limit: 2, now: NOW, ...(cursor ? { cursor } : {}) }),
				);
				seen.push(...codes(result.invites));
				if (!result.nextCursor) break;
				cursor = result.nextCursor;
			}
			expect(seen.map((code) => code.slice(0, 2))).toEqual(['p4', 'p3', 'p2', 'p1', 'p0']);
			const second = value(await store.listLive(guildId, { limit: 2, offset: 2, now: NOW }));
			expect(codes(second.invites).map((code) => code.slice(0, 2))).toEqual(['p2', 'p1']);
			const last = value(await store.listLive(guildId, { limit: 2, offset: 4, now: NOW }));
			expect(last.nextCursor).toBeNull();
		});
	});

	describe('revoking', () => {
		it('lets the first revoke win and tells the second it lost', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `rev${guildId}` }));
			const first = value(await store.markRevoked(`rev${guildId}`, { guildId, by: '7', reason: 'spam' }));
			const second = value(await store.markRevoked(`rev${guildId}`, { guildId, by: '8' }));
			expect([first.won, second.won]).toEqual([true, false]);
			expect(value(await store.get(`rev${guildId}`))).toMatchObject({ revokedBy: '7', revokeReason: 'spam' });
		});

		it('lets exactly one of many concurrent revokes of one invite win', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `many${guildId}` }));
			const claims = await Promise.all(
				Array.from({ length: 8 }, (_, i) => store.markRevoked(`many${guildId}`, { guildId, by: String(i) })),
			);
			expect(claims.filter((claim) => value(claim).won)).toHaveLength(1);
		});

		it('never touches an invite of another server, whatever the code says', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `theirs${guildId}` }));
			const claim = value(await store.markRevoked(`theirs${guildId}`, { guildId: freshGuild(), by: '7' }));
			expect(claim.won).toBe(false);
			expect(value(await store.get(`theirs${guildId}`))?.revokedAt).toBeNull();
		});

		it('gives a claim back when Delete Invite failed, so a later revoke can win', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `back${guildId}` }));
			const claim = value(await store.markRevoked(`back${guildId}`, { guildId, by: '7' }));
			expect(value(await store.releaseRevoke(`back${guildId}`, { by: '7', revokedAt: claim.revokedAt }))).toBe(
				true,
			);
			expect(value(await store.markRevoked(`back${guildId}`, { guildId, by: '8' })).won).toBe(true);
		});

		it('does not let a deleted invite be claimed', async () => {
			const store = await open();
			const guildId = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `gone${guildId}` }));
			await store.markDeleted(`gone${guildId}`);
			expect(value(await store.markRevoked(`gone${guildId}`, { guildId, by: '7' })).won).toBe(false);
			expect(value(await store.get(`gone${guildId}`))).toMatchObject({
				deleted: true,
				deletedAt: expect.any(Number),
			});
		});
	});

	describe('forgetting', () => {
		it('purges rows expired, revoked or deleted more than the retention ago, and keeps the rest', async () => {
			const store = await open();
			const guildId = freshGuild();
			const day = (n: number) => NOW + n * DAY;
			await store.recordInvite(ledgerInvite({ guildId, code: `expOld${guildId}`, expiresAt: day(-31) }));
			await store.recordInvite(ledgerInvite({ guildId, code: `expRecent${guildId}`, expiresAt: day(-29) }));
			await store.recordInvite(ledgerInvite({ guildId, code: `liveForever${guildId}`, expiresAt: null }));
			await store.recordInvite(ledgerInvite({ guildId, code: `revokedNow${guildId}`, expiresAt: null }));
			value(await store.markRevoked(`revokedNow${guildId}`, { guildId, by: '1' }));
			// The store's clock says when it was revoked: purge as if 31 days later.
			const revokedAt = value(await store.get(`revokedNow${guildId}`))?.revokedAt ?? 0;
			expect(value(await store.purgeExpired(day(0)))).toBeGreaterThanOrEqual(1);
			expect(value(await store.get(`expOld${guildId}`))).toBeNull();
			expect(value(await store.get(`expRecent${guildId}`))).not.toBeNull();
			expect(value(await store.get(`revokedNow${guildId}`))).not.toBeNull();
			value(await store.purgeExpired(revokedAt + 31 * DAY));
			expect(value(await store.get(`revokedNow${guildId}`))).toBeNull();
			expect(value(await store.get(`liveForever${guildId}`))).not.toBeNull();
		});

		it('forgets a server it left: its invites and settings, and no other server', async () => {
			const store = await open();
			const guildId = freshGuild();
			const other = freshGuild();
			await store.recordInvite(ledgerInvite({ guildId, code: `left${guildId}` }));
			await store.recordInvite(ledgerInvite({ guildId: other, code: `stays${other}` }));
			value(await store.updateSettings(guildId, { requireReason: true }));
			value(await store.updateSettings(other, { requireReason: true }));
			expect(await store.deleteGuild(guildId)).toBe('written');
			expect(value(await store.get(`left${guildId}`))).toBeNull();
			expect(value(await store.getSettings(guildId)).requireReason).toBe(false);
			expect(value(await store.get(`stays${other}`))).not.toBeNull();
			expect(value(await store.getSettings(other)).requireReason).toBe(true);
		});
	});

	describe('server settings', () => {
		it('has the defaults before anything is set', async () => {
			const store = await open();
			expect(value(await store.getSettings(freshGuild()))).toEqual({
				logChannelId: null,
				maxExpires: null,
				allowPermanent: true,
				maxUsesLimit: null,
				allowRoles: true,
				requireReason: false,
			});
		});

		it('changes only the settings named, keeps them, and resets to the defaults', async () => {
			const store = await open();
			const guildId = freshGuild();
			value(await store.updateSettings(guildId, { logChannelId: '1100000000000000400', maxUsesLimit: 10 }));
			const now = value(await store.updateSettings(guildId, { allowPermanent: false, maxExpires: 3_600 }));
			expect(now).toEqual({
				logChannelId: '1100000000000000400',
				maxExpires: 3_600,
				allowPermanent: false,
				maxUsesLimit: 10,
				allowRoles: true,
				requireReason: false,
			});
			expect(value(await store.getSettings(guildId))).toEqual(now);
			expect(value(await store.updateSettings(guildId, { logChannelId: null })).logChannelId).toBeNull();
			expect(value(await store.resetSettings(guildId))).toEqual(value(await store.getSettings(freshGuild())));
			expect(value(await store.getSettings(guildId)).maxUsesLimit).toBeNull();
		});

		it('refuses a max_uses_limit outside 1-100 before any query', async () => {
			const store = await open();
			expect(await store.updateSettings(freshGuild(), { maxUsesLimit: 0 })).toMatchObject({
				ok: false,
				error: 'invalid',
			});
		});
	});
}
