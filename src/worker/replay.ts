/**
 * The Worker's replay guard: one Durable Object per interaction id, so each id runs once
 * across every isolate, location and restart (an object is a single instance worldwide, and
 * its storage is strongly consistent). It holds one key until the signed timestamp can no
 * longer pass the replay window, then its alarm deletes it.
 */
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import { type Logger, silentLogger } from '../log-core.js';
import { answer, callObject, type DurableObjectNamespace, type DurableObjectState } from './durable.js';

interface SeenRequest {
	/** When the id may be forgotten (ms since epoch): past it, the replay window refuses the request. */
	forgetAt: number;
}

/** The object: `POST /seen` answers `{ first }`, true only the first time. */
export class ReplayGuardObject {
	constructor(private readonly state: DurableObjectState) {}

	async fetch(request: Request): Promise<Response> {
		const { forgetAt } = (await request.json()) as SeenRequest;
		const { storage } = this.state;
		// Storage calls hold other events of this object back (input gate): get-then-put is atomic.
		if (await storage.get<number>('seen')) return answer({ first: false });
		await storage.put('seen', forgetAt);
		await storage.setAlarm(forgetAt);
		return answer({ first: true });
	}

	async alarm(): Promise<void> {
		await this.state.storage.deleteAll();
	}
}

/**
 * The {@link ReplayGuard} over {@link ReplayGuardObject}s (`REPLAY_GUARD` binding). Also
 * remembered in the isolate, as the Redis guard does in the process: when an object cannot be
 * reached, the isolate's memory decides (and it is logged) rather than leaving Discord unanswered.
 */
export class DurableReplayGuard implements ReplayGuard {
	readonly shared = true;
	readonly #memory: SeenInteractions;
	constructor(
		private readonly namespace: DurableObjectNamespace,
		/** How long an id is kept (ms): twice the replay window, as the other guards do. */
		private readonly ttlMs: number,
		private readonly logger: Logger = silentLogger,
	) {
		this.#memory = new SeenInteractions(ttlMs);
	}

	async firstSeen(id: string, nowMs: number, signedAtMs?: number): Promise<boolean> {
		const here = this.#memory.firstSeen(id, nowMs, signedAtMs);
		try {
			const seen = await callObject<{ first: boolean }>(this.namespace, id, '/seen', {
				forgetAt: nowMs + this.ttlMs,
			} satisfies SeenRequest);
			return here && seen.first;
		} catch (error) {
			this.logger.error({ interaction: id, err: error }, 'replay guard object unreachable: this isolate decides');
			return here;
		}
	}
}
