/**
 * Every timing rule of an interaction's answer in one place: Discord's 3-second rule (answer
 * inline when the work is quick, otherwise defer, ephemeral, before the budget runs out and
 * edit the original response later), the defer when a rate-limit wait outlasts the budget,
 * the 15-minute life of the interaction token, and how far a host's clock is trusted. Never
 * answers twice, never leaves the interaction unanswered.
 */
import type { Logger } from '../log-core.js';
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

/**
 * Time, injected: one clock for every timing rule (the deadline, the 429 budget, the pacer,
 * the job follow-up, the edit retries). The system's by default; tests pass a clock they move
 * by hand (`manualClock` in test/core/helpers.ts), so no test sleeps through a budget.
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Calls `callback` once after `ms`; returns a handle for `clearTimer`. */
	setTimer(callback: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
}

/** The name this interface had when only the deadline took it. */
export type DeadlineClock = Clock;

/** `Date.now` and the host's timers. */
export const systemClock: Clock = {
	now: () => Date.now(),
	setTimer: (callback, ms) => setTimeout(callback, ms),
	clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Resolves after `ms` on `clock`, or at once when `signal` aborts; the timer is cleared on
 * abort. Every wait of the project goes through this, so a manual clock drives them all.
 */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const done = (): void => {
			clock.clearTimer(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = clock.setTimer(done, Math.max(0, ms));
		// A sleep alone must not hold a closing process open (Node's timers have unref; workerd's are numbers).
		(timer as { unref?: () => void }).unref?.();
		signal?.addEventListener('abort', done, { once: true });
	});
}

/**
 * How long after the interaction an invite may still be requested: the token that lets us
 * edit the answer lives 15 minutes; a minute of margin for the request and the edit.
 */
export const ANSWER_WINDOW_MS = 14 * 60_000;

/** How long an interaction token lives: answers, edits and follow-ups are refused after it. */
export const INTERACTION_TOKEN_LIFE_MS = 15 * 60_000;

/**
 * Pauses before each new try of an edit of `@original` that met 10008 Unknown Message: Discord
 * may not have recorded a deferred response yet when the edit follows within milliseconds.
 */
export const EDIT_RETRY_PAUSES_MS: readonly number[] = [150, 300, 450];

/** Longest a lookup (a member, the server's roles, a channel) may take: the deadline defers meanwhile. */
export const LOOKUP_TIMEOUT_MS = 5_000;

/** Longest the listing that recovers an invite whose answer was lost may take. */
export const RECOVERY_TIMEOUT_MS = 5_000;

/**
 * How much of the budget a host may have spent before handing us the interaction, at most.
 * Beyond that its clock is taken to run ahead of Discord's, which must not spend the budget
 * or the answer window before we start.
 */
export const MAX_HOST_DELAY_MS = 2_500;

/**
 * When the interaction counts as received, for an adapter that knows when Discord created it
 * (a snowflake's timestamp): Discord's clock starts there, so time the host spent before
 * calling us counts, bounded by `MAX_HOST_DELAY_MS`.
 */
export function receivedAtFromCreation(createdAt: number, now: number = Date.now()): number {
	return Math.max(Math.min(now, createdAt), now - MAX_HOST_DELAY_MS);
}

/** How the final answer went out. */
export type ResponseDelivery = 'inline' | 'deferred' | 'lost';

export class DeadlineReply {
	#state: 'waiting' | 'deferring' | 'replied' | 'done' = 'waiting';
	#deferred: Promise<boolean> | undefined;
	readonly #timer: unknown;
	readonly #responder: InteractionResponder;
	readonly #receivedAt: number;
	readonly #deadline: number;
	readonly #logger: Logger;
	readonly #clock: Clock;

	/**
	 * @param receivedAt - when the interaction reached us (ms since epoch)
	 * @param deferAfterMs - budget before deferring
	 * @param clock - time and timers (default: the system's)
	 */
	constructor(
		responder: InteractionResponder,
		options: { receivedAt: number; deferAfterMs: number; logger: Logger; clock?: Clock | undefined },
	) {
		this.#responder = responder;
		this.#clock = options.clock ?? systemClock;
		this.#receivedAt = options.receivedAt;
		this.#deadline = options.receivedAt + options.deferAfterMs;
		this.#logger = options.logger;
		this.#timer = this.#clock.setTimer(
			() => void this.defer('budget spent'),
			Math.max(0, this.#deadline - this.#clock.now()),
		);
	}

	/** Milliseconds left before we must have deferred. */
	get remainingMs(): number {
		return this.#deadline - this.#clock.now();
	}

	/** Whether the answer will go out as an edit of a deferred response. */
	get deferred(): boolean {
		return this.#deferred !== undefined;
	}

	/**
	 * A rate-limit wait was announced for the request we are about to send: defer at once when
	 * it outlasts what is left of the budget.
	 */
	rateLimited(waitMs: number): void {
		if (waitMs >= this.remainingMs) void this.defer(`rate limited for ${waitMs} ms`);
	}

	/**
	 * A signal that aborts when the answer window closes (`ANSWER_WINDOW_MS` after receipt):
	 * past it nobody could be told about an invite, so it must not be sent. Call `clear` when
	 * the request is done.
	 */
	answerWindow(): { signal: AbortSignal; clear(): void; abort(reason?: unknown): void } {
		// A controller with a timer we clear, not AbortSignal.timeout: @discordjs/rest never removes
		// its abort listener, and Node keeps a timeout signal with listeners alive until it fires.
		const window = new AbortController();
		const timer = this.#clock.setTimer(
			() => window.abort(),
			Math.max(0, this.#receivedAt + ANSWER_WINDOW_MS - this.#clock.now()),
		);
		// Node's timers have unref (a pending window must not hold a closing process open); workerd's are numbers.
		(timer as { unref?: () => void }).unref?.();
		return {
			signal: window.signal,
			clear: () => this.#clock.clearTimer(timer),
			abort: (reason) => {
				this.#clock.clearTimer(timer);
				window.abort(reason);
			},
		};
	}

	/** Defers now unless already answered or deferring. Resolves to whether the defer was accepted. */
	defer(why: string): Promise<boolean> {
		this.#clock.clearTimer(this.#timer);
		if (this.#state !== 'waiting') return this.#deferred ?? Promise.resolve(false);
		this.#state = 'deferring';
		this.#logger.debug({ why }, 'deferring');
		this.#deferred = this.#responder.defer().then(
			() => true,
			(error: unknown) => {
				this.#logger.warn({ err: error }, 'could not defer the interaction');
				return false;
			},
		);
		return this.#deferred;
	}

	/** Sends the answer once: inline if nothing went out yet, else as an edit after the defer. */
	async send(message: ReplyMessage): Promise<ResponseDelivery> {
		this.#clock.clearTimer(this.#timer);
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
			this.#logger.warn({ err: error }, 'could not deliver the answer');
			return 'lost';
		}
	}

	/** Stops the timer without answering (the caller answered some other way). */
	cancel(): void {
		this.#clock.clearTimer(this.#timer);
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

/**
 * Longest an invite request may wait in our own queue under Discord's global limit (ms), the
 * interaction deferred meanwhile. A known wait, not a 429: unlike the rate-limit budget it may
 * outlast Discord's 3 s (the deferred token lives 15 minutes), but a user is better told to
 * come back than kept on "thinking…" for minutes.
 */
export const GLOBAL_QUEUE_MAX_WAIT_MS = 60_000;

/**
 * What to do about a known wait in the global queue, before sending: go, go after deferring
 * (the wait outlasts what is left of the 3 s budget), or refuse at once when it exceeds
 * `maxWaitMs` (`retryAt`: when the queue should have drained).
 */
export function globalQueueVerdict(
	waitMs: number,
	options: { remainingMs: number; maxWaitMs?: number | undefined; now?: number | undefined },
): { go: true; defer: boolean } | { go: false; retryAt: number } {
	if (waitMs > (options.maxWaitMs ?? GLOBAL_QUEUE_MAX_WAIT_MS))
		return { go: false, retryAt: (options.now ?? Date.now()) + waitMs };
	return { go: true, defer: waitMs > 0 && waitMs >= options.remainingMs };
}

/** Why the invite request stopped waiting on rate limits. */
export type RateLimitVerdict =
	/** Keep waiting: the retry fits the budget. */
	| { giveUp: false }
	/** Stop: `retryAt` (ms since epoch) is when the user may try again. */
	| { giveUp: true; retryAt: number; why: 'attempts' | 'wait' };

/**
 * The rate-limit budget of one invite request: a few 429 answers, and waits that end within
 * `RATE_LIMIT_BUDGET_MS` of receipt. It bounds what Discord's answers impose (a route that
 * answers 429 forever, a bucket spent for minutes); the wait in our own global queue, known
 * before sending, is bounded by `GLOBAL_QUEUE_MAX_WAIT_MS` instead. Pure bookkeeping: the caller reports each 429 and each
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

/**
 * Longest wait for an uploaded file (`users_file`). The 3-second rule still holds meanwhile:
 * the budget timer defers the answer when the download is slow.
 */
export const DEFAULT_ATTACHMENT_TIMEOUT_MS = 5_000;

/**
 * When to ask Discord whether it has processed the list of users of a new invite, each delay
 * after the previous answer: backing off, about two minutes in all, well inside the token's life.
 */
export const DEFAULT_JOB_POLL_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

/** The poll delays (after `now`) whose polls all still fall inside the answer window. */
export function pollDelaysWithin(delays: readonly number[], receivedAt: number, now: number = Date.now()): number[] {
	const end = receivedAt + ANSWER_WINDOW_MS;
	const within: number[] = [];
	let at = now;
	for (const delay of delays) {
		at += delay;
		if (at > end) break;
		within.push(delay);
	}
	return within;
}

/** `sleepOn` the system clock. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> => sleepOn(systemClock, ms, signal);
