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
 * How long after the interaction we may still edit the answer: the interaction token lives
 * 15 minutes; a minute of margin for the request and the edit.
 */
export const ANSWER_WINDOW_MS = 14 * 60_000;

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

/**
 * Resolves after `ms`, or at once when `signal` aborts. The timer never keeps the process
 * alive and is cleared on abort.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const done = (): void => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, Math.max(0, ms));
		(timer as { unref?: () => void }).unref?.();
		signal?.addEventListener('abort', done, { once: true });
	});
}
