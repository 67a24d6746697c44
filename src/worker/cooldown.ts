/**
 * The Worker's cooldowns: one Durable Object per counted key (`user:<id>`, `guild:<id>`), as
 * Cloudflare's rate-limiter guide does (one object per key: never one global object, which
 * would serialize every invite everywhere; KV is eventually consistent and would let a burst
 * through). Each holds the times of the invites that still count in its window, and its alarm
 * deletes them once the last has aged out. The same sliding window and retry time as
 * `MemoryCooldownStore` (src/core/cooldown.ts).
 */
import {
	type CooldownKey,
	type CooldownLimit,
	type CooldownStore,
	type CooldownVerdict,
	MemoryCooldownStore,
} from '../core/cooldown.js';
import { type Logger, silentLogger } from '../log-core.js';
import { answer, callObject, type DurableObjectNamespace, type DurableObjectState } from './durable.js';

interface Use {
	at: number;
	member: string;
}

type CooldownRequest =
	| { op: 'take'; limit: CooldownLimit; member: string; now: number }
	| { op: 'release'; member: string };

/** The object: `take` records a use if the window has room, else says when it will; `release` undoes one. */
export class CooldownObject {
	constructor(private readonly state: DurableObjectState) {}

	async fetch(request: Request): Promise<Response> {
		const body = (await request.json()) as CooldownRequest;
		const { storage } = this.state;
		const uses = (await storage.get<Use[]>('uses')) ?? [];
		if (body.op === 'release') {
			const kept = uses.filter((use) => use.member !== body.member);
			if (kept.length !== uses.length) await storage.put('uses', kept);
			return answer({ ok: true });
		}
		const { limit, member, now } = body;
		const live = uses.filter((use) => use.at > now - limit.windowMs);
		if (live.length >= limit.count) {
			const retryAt = (live[live.length - limit.count]?.at ?? now) + limit.windowMs;
			return answer({ ok: false, retryAt });
		}
		live.push({ at: now, member });
		await storage.put('uses', live);
		// Nothing is kept past the window of the newest use.
		await storage.setAlarm(now + limit.windowMs);
		return answer({ ok: true });
	}

	async alarm(): Promise<void> {
		await this.state.storage.deleteAll();
	}
}

/**
 * The {@link CooldownStore} over {@link CooldownObject}s (`COOLDOWNS` binding). Each key's
 * object takes its use at once; when one refuses, the uses the others took are released, so
 * nothing is recorded over a limit. Between the two steps a concurrent invite by the same user
 * or server may see the released use still counted: it errs towards refusing, never towards
 * letting one more through. When an object cannot be reached, the isolate's own counts decide
 * (logged), as the Redis store falls back to the process's.
 */
export class DurableCooldownStore implements CooldownStore {
	readonly #fallback = new MemoryCooldownStore();
	constructor(
		private readonly namespace: DurableObjectNamespace,
		private readonly logger: Logger = silentLogger,
	) {}

	async take(keys: readonly CooldownKey[], member: string, now: number): Promise<CooldownVerdict> {
		try {
			return await this.#take(keys, member, now);
		} catch (error) {
			this.logger.error({ err: error }, 'cooldown object unreachable: this isolate counts');
			return this.#fallback.takeNow(keys, member, now);
		}
	}

	async #take(keys: readonly CooldownKey[], member: string, now: number): Promise<CooldownVerdict> {
		const verdicts = await Promise.all(
			keys.map((key) =>
				callObject<{ ok: true } | { ok: false; retryAt: number }>(this.namespace, key.key, '/', {
					op: 'take',
					limit: key.limit,
					member,
					now,
				} satisfies CooldownRequest),
			),
		);
		let blocked: { retryAt: number; scope: CooldownKey['scope'] } | undefined;
		for (const [index, verdict] of verdicts.entries()) {
			const key = keys[index];
			if (verdict.ok || !key) continue;
			if (!blocked || verdict.retryAt > blocked.retryAt) blocked = { retryAt: verdict.retryAt, scope: key.scope };
		}
		if (!blocked) return { ok: true };
		await Promise.all(
			keys
				.filter((_, index) => verdicts[index]?.ok)
				.map((key) =>
					callObject(this.namespace, key.key, '/', { op: 'release', member } satisfies CooldownRequest),
				),
		);
		return { ok: false, ...blocked };
	}
}
