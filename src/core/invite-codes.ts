/**
 * The invite codes this process has handed out lately. Discord answers a request without
 * `unique` with an existing invite of the same settings, even one made seconds ago: a code
 * we have shown before is an invite that already existed, whatever its `created_at` says.
 */

/** How many codes are kept: the oldest is forgotten first. */
export const RECENT_INVITE_CODES_MAX = 1_000;

export class RecentInviteCodes {
	readonly #codes = new Set<string>();
	readonly #max: number;

	constructor(max: number = RECENT_INVITE_CODES_MAX) {
		this.#max = max;
	}

	/** Records `code` as handed out now. Returns whether it had been handed out before. */
	note(code: string): boolean {
		const seen = this.#codes.delete(code);
		this.#codes.add(code);
		for (const oldest of this.#codes) {
			if (this.#codes.size <= this.#max) break;
			this.#codes.delete(oldest);
		}
		return seen;
	}

	get size(): number {
		return this.#codes.size;
	}
}

/** The codes of this process: what `runInvite` remembers unless given its own. */
export const processInviteCodes = new RecentInviteCodes();
