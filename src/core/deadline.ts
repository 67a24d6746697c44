/**
 * Discord's 3-second rule in one place: answer inline when the work is quick, otherwise
 * defer (ephemeral) before the budget runs out and edit the original response later. Never
 * answers twice, never leaves the interaction unanswered.
 */
import type { Logger } from '../log.js';
import type { ReplyMessage } from './render.js';

/** How a transport answers an interaction. */
export interface InteractionResponder {
	/** The first response: an ephemeral message (callback type 4). */
	reply(message: ReplyMessage): Promise<void>;
	/** The first response when the answer comes later: deferred, ephemeral (callback type 5). */
	defer(): Promise<void>;
	/** Replaces the deferred response with the answer (PATCH `@original`). */
	edit(message: ReplyMessage): Promise<void>;
}

/**
 * Default budget before deferring (ms from receipt). Discord counts 3 s from sending, and
 * the defer itself needs a round trip; 1.5 s leaves room for both on a slow network.
 */
export const DEFAULT_DEFER_AFTER_MS = 1_500;

/** How the final answer went out. */
export type Delivery = 'inline' | 'deferred' | 'lost';

export class DeadlineReply {
	#state: 'waiting' | 'deferring' | 'replied' | 'done' = 'waiting';
	#deferred: Promise<boolean> | undefined;
	#timer: NodeJS.Timeout | undefined;
	readonly #responder: InteractionResponder;
	readonly #deadline: number;
	readonly #logger: Logger;
	readonly #now: () => number;

	/**
	 * @param receivedAt - when the interaction reached us (ms since epoch)
	 * @param deferAfterMs - budget before deferring
	 */
	constructor(
		responder: InteractionResponder,
		options: { receivedAt: number; deferAfterMs: number; logger: Logger; now?: () => number },
	) {
		this.#responder = responder;
		this.#now = options.now ?? Date.now;
		this.#deadline = options.receivedAt + options.deferAfterMs;
		this.#logger = options.logger;
		this.#timer = setTimeout(() => void this.defer('budget spent'), Math.max(0, this.#deadline - this.#now()));
	}

	/** Milliseconds left before we must have deferred. */
	get remainingMs(): number {
		return this.#deadline - this.#now();
	}

	/** Whether the answer will go out as an edit of a deferred response. */
	get deferred(): boolean {
		return this.#deferred !== undefined;
	}

	/** Defers now unless already answered or deferring. Resolves to whether the defer was accepted. */
	defer(why: string): Promise<boolean> {
		clearTimeout(this.#timer);
		if (this.#state !== 'waiting') return this.#deferred ?? Promise.resolve(false);
		this.#state = 'deferring';
		this.#logger.debug('deferring', { why });
		this.#deferred = this.#responder.defer().then(
			() => true,
			(error: unknown) => {
				this.#logger.warn('could not defer the interaction', { error });
				return false;
			},
		);
		return this.#deferred;
	}

	/** Sends the answer once: inline if nothing went out yet, else as an edit after the defer. */
	async send(message: ReplyMessage): Promise<Delivery> {
		clearTimeout(this.#timer);
		if (this.#state === 'replied' || this.#state === 'done') throw new Error('already answered');
		try {
			if (this.#state === 'waiting') {
				this.#state = 'replied';
				await this.#responder.reply(message);
				return 'inline';
			}
			this.#state = 'done';
			if (!(await this.#deferred)) return 'lost';
			await this.#responder.edit(message);
			return 'deferred';
		} catch (error) {
			this.#logger.warn('could not deliver the answer', { error });
			return 'lost';
		}
	}

	/** Stops the timer without answering (the caller answered some other way). */
	cancel(): void {
		clearTimeout(this.#timer);
	}
}

/**
 * How many 429 answers one interaction's invite request may get before we give up. Each is
 * an invalid request in Discord's count (10,000 per 10 minutes get the IP banned), and a
 * route that keeps answering 429 will not make the invite in time anyway.
 */
export const RATE_LIMIT_MAX_ATTEMPTS = 3;

/**
 * How long after receipt an invite request may still wait on rate limits: Discord's 3-second
 * deadline plus a few seconds; past that the user is told when to try again instead of
 * watching "thinking…" for minutes.
 */
export const RATE_LIMIT_BUDGET_MS = 8_000;

/** Why the invite request stopped waiting on rate limits. */
export type RateLimitVerdict =
	/** Keep waiting: the retry fits the budget. */
	| { giveUp: false }
	/** Stop: `retryAt` (ms since epoch) is when the user may try again. */
	| { giveUp: true; retryAt: number; why: 'attempts' | 'wait' };

/**
 * The rate-limit budget of one invite request: a few 429 answers, and waits that end within
 * `RATE_LIMIT_BUDGET_MS` of receipt. Pure bookkeeping: the caller reports each 429 and each
 * announced wait, and stops when told to.
 */
export class RateLimitBudget {
	#attempts = 0;
	readonly #endsAt: number;
	readonly #now: () => number;
	readonly #maxAttempts: number;

	constructor(options: { receivedAt: number; now?: () => number; budgetMs?: number; maxAttempts?: number }) {
		this.#now = options.now ?? Date.now;
		this.#endsAt = options.receivedAt + (options.budgetMs ?? RATE_LIMIT_BUDGET_MS);
		this.#maxAttempts = options.maxAttempts ?? RATE_LIMIT_MAX_ATTEMPTS;
	}

	/** Discord answered 429; its next attempt would wait `waitMs`. */
	answered429(waitMs: number): RateLimitVerdict {
		this.#attempts++;
		const retryAt = this.#now() + Math.max(0, waitMs);
		if (this.#attempts >= this.#maxAttempts) return { giveUp: true, retryAt, why: 'attempts' };
		return this.announced(waitMs);
	}

	/** The client announced a wait of `waitMs` before sending. */
	announced(waitMs: number): RateLimitVerdict {
		const retryAt = this.#now() + Math.max(0, waitMs);
		return retryAt > this.#endsAt ? { giveUp: true, retryAt, why: 'wait' } : { giveUp: false };
	}
}
