/**
 * The signal that stops a program (SIGINT or SIGTERM), listened for from the start. A listener
 * added only once the program says it is ready leaves a window in which Node has none: the
 * signal then kills the process outright (no graceful stop, and no 'exit' hook, so a child such
 * as workerd outlives it). Node also restores the default action whenever a signal's last
 * listener goes, so whoever removes other listeners (run-worker removes miniflare's) must hold
 * this one first.
 */

/** The signals a process manager, a terminal or npm sends to stop a program. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Resolves with the first SIGINT or SIGTERM received from now on. Call it before anything that
 * takes time; await it once the program runs.
 */
export function stopSignal(): Promise<StopSignal> {
	return new Promise((resolve) => {
		for (const signal of STOP_SIGNALS) process.once(signal, () => resolve(signal));
	});
}
