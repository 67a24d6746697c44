interface Waiter {
	check: () => boolean;
	fail: (error: Error) => void;
}

/**
 * Lets callers wait for a condition on the local Discord's state. Anything that changes
 * state calls `notify()`, which re-checks every waiter: there are only ever a handful, so
 * one signal for everything is simpler than an event per kind of change. Each wait has
 * its own timeout, cleared as soon as it settles, and `close()` fails whatever is left, so
 * no timer outlives the server.
 */
export class Signal {
	readonly #waiters = new Set<Waiter>();
	#closed: Error | undefined;

	/**
	 * Resolves with the first non-undefined value of `probe()`, checked now and after every
	 * `notify()`; rejects with `describe()` after `timeoutMs`.
	 */
	wait<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
		if (this.#closed) return Promise.reject(this.#closed);
		const first = probe();
		if (first !== undefined) return Promise.resolve(first);
		return new Promise<T>((resolve, reject) => {
			const waiter: Waiter = {
				check: () => {
					const value = probe();
					if (value === undefined) return false;
					settle();
					resolve(value);
					return true;
				},
				fail: (error) => {
					settle();
					reject(error);
				},
			};
			const timer = setTimeout(() => waiter.fail(new Error(`${describe()} (waited ${timeoutMs} ms)`)), timeoutMs);
			const settle = (): void => {
				clearTimeout(timer);
				this.#waiters.delete(waiter);
			};
			this.#waiters.add(waiter);
		});
	}

	/** Re-checks every waiter. */
	notify(): void {
		for (const waiter of [...this.#waiters]) waiter.check();
	}

	/** Fails every waiter and every later wait with `error`. */
	close(error: Error): void {
		this.#closed = error;
		for (const waiter of [...this.#waiters]) waiter.fail(error);
	}
}
