/**
 * Health state that any part of a process can mark: `/healthz` answers 503 while a check
 * fails (a token Discord refused, every shard not ready, ...) and 200 again once it clears.
 *
 * ```ts
 * health.fail('discord-token', 'Discord answered 401: reset the token');  // /healthz → 503
 * health.clear('discord-token');                                          // /healthz → 200
 * ```
 */

/** A failing check's name and why, as `/healthz` shows it. */
export type HealthProblems = Readonly<Record<string, string>>;

export interface Health {
	/** Marks `check` failing with a reason for operators (replaces an earlier reason of that check). */
	fail(check: string, reason: string): void;
	/** Marks `check` working again; a check never failed is a no-op. */
	clear(check: string): void;
	/** True while no check fails. */
	readonly ok: boolean;
	/** The failing checks and their reasons (empty when healthy). */
	problems(): HealthProblems;
}

/** A fresh health state, healthy until something fails. One per server or bot. */
export function createHealth(): Health {
	const failing = new Map<string, string>();
	return {
		fail: (check, reason) => void failing.set(check, reason),
		clear: (check) => void failing.delete(check),
		get ok() {
			return failing.size === 0;
		},
		problems: () => Object.fromEntries(failing),
	};
}

/** The `/healthz` answer: 200 `{status: 'ok'}`, or 503 with the status and the failing checks. */
export function healthResponse(
	health: Health,
	extra: HealthProblems = {},
): { status: 200 | 503; body: { status: 'ok' | 'unhealthy'; problems?: HealthProblems } } {
	const problems = { ...extra, ...health.problems() };
	return Object.keys(problems).length === 0
		? { status: 200, body: { status: 'ok' } }
		: { status: 503, body: { status: 'unhealthy', problems } };
}
