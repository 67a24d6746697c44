/**
 * When a Durable Object cannot be reached, the Worker still answers: the isolate's own memory
 * decides (as the Redis guard and store fall back to the process's), and the log says so.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../src/log-core.js';
import { DurableCooldownStore } from '../../src/worker/cooldown.js';
import type { DurableObjectNamespace } from '../../src/worker/durable.js';
import { DurableReplayGuard } from '../../src/worker/replay.js';

/** A binding whose objects never answer (an outage, an overloaded object). */
const unreachable: DurableObjectNamespace = {
	idFromName: (name) => name,
	get: () => ({ fetch: () => Promise.reject(new Error('Durable Object is overloaded')) }),
};

describe('the Worker when its Durable Objects are unreachable', () => {
	it('lets the isolate’s replay memory decide, and logs it', async () => {
		const lines: string[] = [];
		const guard = new DurableReplayGuard(
			unreachable,
			600_000,
			createConsoleLogger('info', { write: (line) => lines.push(line) }),
		);
		const now = Date.now();
		expect(await guard.firstSeen('1', now, now)).toBe(true);
		expect(await guard.firstSeen('1', now, now)).toBe(false);
		expect(lines.join('\n')).toContain('replay guard object unreachable');
	});

	it('counts cooldowns in the isolate, with the same retry time, and logs it', async () => {
		const lines: string[] = [];
		const store = new DurableCooldownStore(
			unreachable,
			createConsoleLogger('info', { write: (line) => lines.push(line) }),
		);
		const key = { key: 'user:1', limit: { count: 1, windowMs: 60_000 }, scope: 'user' as const };
		expect(await store.take([key], 'a', 1_000)).toEqual({ ok: true });
		expect(await store.take([key], 'b', 2_000)).toEqual({ ok: false, retryAt: 61_000, scope: 'user' });
		expect(lines.join('\n')).toContain('cooldown object unreachable');
	});
});
