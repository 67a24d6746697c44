import { describe, expect, it } from 'vitest';
import { cooldownLimits, createCooldowns, MemoryCooldownStore, parseCooldown } from '../../src/core/cooldown.js';

describe('parseCooldown', () => {
	it('reads COUNT/SECONDS, and 0 as no limit', () => {
		expect(parseCooldown('5/60')).toEqual({ count: 5, windowMs: 60_000 });
		expect(parseCooldown(' 60 / 3600 ')).toEqual({ count: 60, windowMs: 3_600_000 });
		expect(parseCooldown('0')).toBeNull();
		expect(parseCooldown('0/60')).toBeNull();
	});

	it('refuses what is not COUNT/SECONDS, and a zero window', () => {
		for (const text of ['five', '5', '5/', '/60', '5/60s', '-1/60', '1.5/60'])
			expect(parseCooldown(text)).toHaveProperty('error');
		expect(parseCooldown('5/0')).toHaveProperty('error');
	});

	it('fills the defaults (5/60 per user, 60/60 per server) and throws on a malformed option', () => {
		expect(cooldownLimits(undefined, undefined)).toEqual({
			perUser: { count: 5, windowMs: 60_000 },
			perGuild: { count: 60, windowMs: 60_000 },
		});
		expect(cooldownLimits(null, '2/10')).toEqual({ perUser: null, perGuild: { count: 2, windowMs: 10_000 } });
		expect(() => cooldownLimits('often', undefined)).toThrow(/cooldownPerUser must be COUNT\/SECONDS/);
	});
});

describe('cooldowns in process memory', () => {
	const T0 = 1_800_000_000_000;

	it('lets COUNT invites through in any window, then says when the oldest ages out', async () => {
		const cooldowns = createCooldowns({ perUser: { count: 2, windowMs: 60_000 }, perGuild: null });
		expect(await cooldowns.take('u1', 'g1', 'i1', T0)).toEqual({ ok: true });
		expect(await cooldowns.take('u1', 'g1', 'i2', T0 + 10_000)).toEqual({ ok: true });
		expect(await cooldowns.take('u1', 'g1', 'i3', T0 + 20_000)).toEqual({
			ok: false,
			retryAt: T0 + 60_000,
			scope: 'user',
		});
		// Another user is not held back by this one.
		expect(await cooldowns.take('u2', 'g1', 'i4', T0 + 20_000)).toEqual({ ok: true });
		// The window slides: at T0+60s the first invite no longer counts.
		expect(await cooldowns.take('u1', 'g1', 'i5', T0 + 60_000)).toEqual({ ok: true });
		expect(await cooldowns.take('u1', 'g1', 'i6', T0 + 60_001)).toMatchObject({ ok: false, retryAt: T0 + 70_000 });
	});

	it("counts a server's invites across its members, and takes nothing when one limit is full", async () => {
		const store = new MemoryCooldownStore();
		const cooldowns = createCooldowns({
			perUser: { count: 1, windowMs: 60_000 },
			perGuild: { count: 2, windowMs: 30_000 },
			store,
		});
		expect((await cooldowns.take('a', 'g', '1', T0)).ok).toBe(true);
		expect((await cooldowns.take('b', 'g', '2', T0)).ok).toBe(true);
		expect(await cooldowns.take('c', 'g', '3', T0 + 1)).toEqual({
			ok: false,
			retryAt: T0 + 30_000,
			scope: 'guild',
		});
		// c was refused by the server's limit: nothing was taken from c's own allowance.
		expect((await cooldowns.take('c', 'g', '4', T0 + 30_000)).ok).toBe(true);
	});

	it('reports the later of two limits hit', async () => {
		const cooldowns = createCooldowns({
			perUser: { count: 1, windowMs: 60_000 },
			perGuild: { count: 1, windowMs: 10_000 },
		});
		await cooldowns.take('a', 'g', '1', T0);
		expect(await cooldowns.take('a', 'g', '2', T0 + 1)).toEqual({ ok: false, retryAt: T0 + 60_000, scope: 'user' });
	});

	it('with both limits off, never refuses', async () => {
		const cooldowns = createCooldowns({ perUser: null, perGuild: null });
		for (let i = 0; i < 100; i++) expect((await cooldowns.take('a', 'g', String(i), T0)).ok).toBe(true);
	});
});
