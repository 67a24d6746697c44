/**
 * The store's pure rules: who may revoke, live or not, page cursors, the retry schedule, and
 * reading DATABASE_URL and LEDGER_RETENTION_DAYS.
 */
import {
	ChannelType,
	InviteType,
	PermissionFlagsBits,
	type RESTPostAPIChannelInviteResult,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_DATABASE_URL,
	decodeCursor,
	encodeCursor,
	isLive,
	ledgerEntry,
	mayRevokeAllOf,
	nextRetryAt,
	parseDatabaseUrl,
	parseRetentionDays,
	purgeCutoff,
	readStoreConfig,
	revocableInvites,
	revokeGrant,
	settingsProblem,
} from '../../src/store/index.js';

const invite = { inviterId: '100', channelId: '200' };

describe('who may revoke an invite', () => {
	it('lets the member who asked for it revoke it, with no permission at all', () => {
		expect(revokeGrant(invite, { id: '100', permissions: 0n })).toBe('inviter');
	});

	it('lets Manage Server (or Administrator) revoke any invite of the server, as Discord does', () => {
		expect(revokeGrant(invite, { id: '9', permissions: PermissionFlagsBits.ManageGuild })).toBe('manage-guild');
		expect(revokeGrant(invite, { id: '9', permissions: PermissionFlagsBits.Administrator })).toBe('manage-guild');
	});

	it('lets Manage Channels on the invite channel revoke it, and not Manage Channels elsewhere', () => {
		const channelPermissions = (id: string) => (id === '200' ? PermissionFlagsBits.ManageChannels : 0n);
		expect(revokeGrant(invite, { id: '9', permissions: 0n, channelPermissions })).toBe('manage-channels');
		expect(revokeGrant({ ...invite, channelId: '201' }, { id: '9', permissions: 0n, channelPermissions })).toBe(
			null,
		);
	});

	it('refuses anybody else, and refuses when the channel permissions are not known', () => {
		expect(revokeGrant(invite, { id: '9', permissions: PermissionFlagsBits.CreateInstantInvite })).toBe(null);
		expect(revokeGrant(invite, { id: '9', permissions: 0n, channelPermissions: () => undefined })).toBe(null);
	});

	it('filters a list down to what the member may revoke (autocomplete)', () => {
		const mine = { inviterId: '100', channelId: '200', code: 'a' };
		const theirs = { inviterId: '101', channelId: '200', code: 'b' };
		expect(revocableInvites([mine, theirs], { id: '100', permissions: 0n })).toEqual([mine]);
	});

	it('revokes every invite of a member only with Manage Server', () => {
		expect(mayRevokeAllOf(PermissionFlagsBits.ManageGuild)).toBe(true);
		expect(mayRevokeAllOf(PermissionFlagsBits.ManageChannels)).toBe(false);
	});
});

describe('live invites', () => {
	const base = { revokedAt: null, deleted: false, expiresAt: 2_000 };
	it('is live until it expires, is revoked or is deleted', () => {
		expect(isLive(base, 1_999)).toBe(true);
		expect(isLive(base, 2_000)).toBe(false);
		expect(isLive({ ...base, expiresAt: null }, Number.MAX_SAFE_INTEGER)).toBe(true);
		expect(isLive({ ...base, revokedAt: 1 }, 0)).toBe(false);
		expect(isLive({ ...base, deleted: true }, 0)).toBe(false);
	});
});

describe('page cursors', () => {
	it('round-trips and fits in a custom_id', () => {
		const cursor = { createdAt: 1_765_000_000_000, code: 'aBc-12_x' };
		const text = encodeCursor(cursor);
		expect(decodeCursor(text)).toEqual(cursor);
		expect(text.length).toBeLessThan(50);
	});

	it('refuses text that is not a cursor', () => {
		expect(decodeCursor('nope')).toBeUndefined();
		expect(decodeCursor("1.a'; drop table invites")).toBeUndefined();
	});
});

describe('the retry schedule of a failed write', () => {
	const policy = { baseDelayMs: 500, maxDelayMs: 4_000, maxAttempts: 6 };
	it('waits longer after each failure, up to the cap', () => {
		expect([1, 2, 3, 4, 5].map((attempts) => nextRetryAt(attempts, 10_000, policy))).toEqual([
			10_500, 11_000, 12_000, 14_000, 14_000,
		]);
	});

	it('gives up after the last attempt', () => {
		expect(nextRetryAt(6, 10_000, policy)).toBeNull();
	});

	it('keeps rows for the retention after they stopped being live', () => {
		expect(purgeCutoff(31 * 86_400_000, 30)).toBe(86_400_000);
	});
});

describe('settings the store refuses', () => {
	it('takes max_uses_limit from 1 to 100 and max_expires up to 7 days', () => {
		expect(settingsProblem({ maxUsesLimit: 100, maxExpires: 604_800 })).toBeUndefined();
		expect(settingsProblem({ maxUsesLimit: 0 })).toMatch(/max_uses_limit/);
		expect(settingsProblem({ maxUsesLimit: 101 })).toMatch(/max_uses_limit/);
		expect(settingsProblem({ maxExpires: 604_801 })).toMatch(/max_expires/);
		expect(settingsProblem({ maxUsesLimit: null, maxExpires: null })).toBeUndefined();
	});
});

describe('DATABASE_URL and LEDGER_RETENTION_DAYS', () => {
	it('defaults to an embedded SQLite file and 30 days', () => {
		expect(readStoreConfig({})).toEqual({
			ok: true,
			value: { database: { kind: 'sqlite', path: './data/invites.db' }, retentionDays: 30 },
		});
		expect(DEFAULT_DATABASE_URL).toBe('sqlite:./data/invites.db');
	});

	it('reads SQLite paths, Postgres URLs and D1 bindings', () => {
		expect(parseDatabaseUrl('sqlite:///var/lib/invites.db')).toEqual({
			ok: true,
			value: { kind: 'sqlite', path: '/var/lib/invites.db' },
		});
		expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ ok: true, value: { kind: 'sqlite', path: ':memory:' } });
		expect(parseDatabaseUrl('postgres://bot:secret@db:5432/invites')).toEqual({
			ok: true,
			value: { kind: 'postgres', url: 'postgres://bot:secret@db:5432/invites' },
		});
		expect(parseDatabaseUrl('postgresql://db/invites')).toMatchObject({ ok: true, value: { kind: 'postgres' } });
		expect(parseDatabaseUrl('d1:DB')).toEqual({ ok: true, value: { kind: 'd1', binding: 'DB' } });
	});

	it('refuses other URLs without repeating them (they may hold a password)', () => {
		const parsed = parseDatabaseUrl('mysql://root:hunter2@db/invites');
		expect(parsed.ok).toBe(false);
		expect(JSON.stringify(parsed)).not.toContain('hunter2');
	});

	it('refuses a retention that is not a whole number of days from 1 to 3650', () => {
		for (const bad of ['0', '-1', '1.5', 'ten', '3651']) expect(parseRetentionDays(bad).ok).toBe(false);
		expect(parseRetentionDays(' 7 ')).toEqual({ ok: true, value: 7 });
		expect(readStoreConfig({ DATABASE_URL: 'redis://x', LEDGER_RETENTION_DAYS: 'x' })).toMatchObject({
			ok: false,
			problems: [expect.stringMatching(/DATABASE_URL/), expect.stringMatching(/LEDGER_RETENTION_DAYS/)],
		});
	});
});

describe('the ledger entry for an invite Discord made', () => {
	const invite = {
		code: 'abc123',
		type: InviteType.Guild,
		channel: { id: '200', name: 'general', type: ChannelType.GuildText },
		expires_at: '2026-12-07T04:00:00.000Z',
		created_at: '2026-12-06T04:00:00.000Z',
		max_age: 86_400,
		max_uses: 5,
		uses: 0,
		temporary: false,
		roles: [
			{
				id: '301',
				name: 'guest',
				position: 1,
				color: 0,
				colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
				icon: null,
				unicode_emoji: null,
			},
		],
	} as RESTPostAPIChannelInviteResult;

	it('takes Discord’s answer, the body sent and who asked', () => {
		expect(
			ledgerEntry(
				'900',
				invite,
				{ max_age: 86_400, unique: true, role_ids: ['301'] },
				{ id: '100', name: 'Ada' },
				{
					reason: 'raid night',
					targetUsersCount: 2,
					now: 0,
				},
			),
		).toEqual({
			code: 'abc123',
			guildId: '900',
			channelId: '200',
			inviterId: '100',
			inviterName: 'Ada',
			createdAt: Date.parse('2026-12-06T04:00:00.000Z'),
			expiresAt: Date.parse('2026-12-07T04:00:00.000Z'),
			maxAge: 86_400,
			maxUses: 5,
			temporary: false,
			unique: true,
			targetType: null,
			targetUserId: null,
			targetApplicationId: null,
			roleIds: ['301'],
			targetUsersCount: 2,
			reason: 'raid night',
		});
	});

	it('counts a never-expiring invite as never expiring', () => {
		const forever = { ...invite, max_age: 0, expires_at: null };
		expect(ledgerEntry('900', forever, {}, { id: '1', name: 'a' }, { now: 5 }).expiresAt).toBeNull();
	});
});
