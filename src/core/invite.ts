/**
 * The `/invite` command, transport-free: invocation in, one Create Channel Invite request and
 * one ephemeral answer out. Adapters (discord.js gateway, HTTP endpoint) supply the
 * invocation, a responder and the lookups their world can make.
 */
import type { REST } from '@discordjs/rest';
import type { RESTPostAPIChannelInviteResult } from 'discord-api-types/v10';
import { canListInvites, createChannelInvite, findLostInvite, onChannelRateLimit } from '../discord/invites.js';
import { onRequestResponse } from '../discord/rest.js';
import { type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log.js';
import { buildRequest, checkOptions, checkPermissions, lookupsNeeded, type Refusal, refusalText } from './checks.js';
import {
	DEFAULT_DEFER_AFTER_MS,
	DeadlineReply,
	type Delivery,
	type InteractionResponder,
	RateLimitBudget,
	type RateLimitVerdict,
} from './deadline.js';
import { classifyError, type Failure, failureText, newReference, RateLimitGiveUp } from './errors.js';
import { type ReplyMessage, renderInvite, textReply } from './render.js';
import type { ChannelPermissions, InviteInvocation, InviteRequest, RoleStanding } from './types.js';

/** Lookups for what the interaction payload does not carry. Each is optional. */
export interface InviteLookups {
	/** Where the invoker and the bot stand in the role list (only asked when `role` is given). */
	roleStanding?: () => Promise<RoleStanding | undefined>;
	/** Permissions in a channel picked with the `channel` option, when the payload lacks them. */
	channelPermissions?: (channelId: string) => Promise<ChannelPermissions | undefined>;
}

export interface InviteDependencies {
	/** The REST client that creates invites: see `createInviteRest` (no retries of the POST). */
	rest: REST;
	responder: InteractionResponder;
	lookups?: InviteLookups | undefined;
	/** The bot's user id (or how to learn it), to find an invite whose answer was lost. */
	botUserId?: string | (() => Promise<string>) | undefined;
	logger?: Logger | undefined;
	/** When the interaction arrived (ms since epoch). Default: now. */
	receivedAt?: number | undefined;
	/** Budget before deferring. Default 1500 ms. */
	deferAfterMs?: number | undefined;
}

/**
 * How long after the interaction an invite may still be requested: the token that lets us
 * edit the answer lives 15 minutes; a minute of margin for the request and the edit.
 */
export const ANSWER_WINDOW_MS = 14 * 60_000;

/** What happened, for logs, tests and the sandbox. */
export interface InviteOutcome {
	/** The interaction this answered. */
	interactionId: string;
	status: 'created' | 'refused' | 'failed';
	request?: InviteRequest | undefined;
	invite?: RESTPostAPIChannelInviteResult | undefined;
	refusal?: Refusal | undefined;
	failure?: Failure | undefined;
	reply: ReplyMessage;
	delivery: Delivery;
}

/** Runs `/invite` for one invocation. Never throws: every path ends in one answer. */
export async function runInvite(invocation: InviteInvocation, deps: InviteDependencies): Promise<InviteOutcome> {
	const logger = deps.logger ?? silentLogger;
	const messages = messagesFor(invocation.locale, invocation.guildLocale);
	const deadline = new DeadlineReply(deps.responder, {
		receivedAt: deps.receivedAt ?? Date.now(),
		deferAfterMs: deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
		logger,
	});
	const finish = async (partial: Omit<InviteOutcome, 'delivery' | 'interactionId'>): Promise<InviteOutcome> => ({
		interactionId: invocation.interactionId,
		...partial,
		delivery: await deadline.send(partial.reply),
	});

	try {
		const read = checkOptions(invocation, vocabularyOf(messages));
		if (!read.ok)
			return await finish({
				status: 'refused',
				refusal: read.refusal,
				reply: textReply(refusalText(read.refusal, messages)),
			});

		const needs = lookupsNeeded(invocation);
		const [standing, channel] = await Promise.all([
			needs.roleStanding ? deps.lookups?.roleStanding?.() : undefined,
			needs.channelPermissions ? deps.lookups?.channelPermissions?.(read.value.target.id) : undefined,
		]);
		const allowed = checkPermissions(invocation, read.value, { standing, channel }, messages);
		if (!allowed.ok)
			return await finish({
				status: 'refused',
				refusal: allowed.refusal,
				reply: textReply(refusalText(allowed.refusal, messages)),
			});

		const request = buildRequest(invocation, read.value);
		return await finish(
			await createInvite(
				request,
				invocation,
				deps,
				deadline,
				messages,
				logger,
				read.value.target.appPermissions ?? channel?.bot,
			),
		);
	} catch (error) {
		// A bug of ours or a lookup that threw: the user still gets an answer.
		const reference = newReference();
		logger.error('unexpected error in /invite', { reference, interaction: invocation.interactionId, error });
		const failure: Failure = { id: 'unknown', args: [reference], log: true };
		return finish({ status: 'failed', failure, reply: textReply(failureText(failure, messages)) });
	}
}

/** How long a 429 says to wait: the longest of `Retry-After` (seconds) and `X-RateLimit-Reset-After`. */
function retryAfterMs(headers: Headers): number {
	const seconds = [headers.get('retry-after'), headers.get('x-ratelimit-reset-after')]
		.map((value) => Number(value))
		.filter((value) => Number.isFinite(value) && value >= 0);
	return seconds.length > 0 ? Math.max(...seconds) * 1_000 : 1_000;
}

async function createInvite(
	request: InviteRequest,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	deadline: DeadlineReply,
	messages: Messages,
	logger: Logger,
	botPermissions: bigint | undefined,
): Promise<Omit<InviteOutcome, 'delivery' | 'interactionId'>> {
	const requestedAt = Date.now();
	// Past the interaction token's life nobody can be told about an invite: don't send it then.
	// (@discordjs/rest checks the signal after a rate-limit sleep, before sending.)
	// A controller with a timer we clear, not AbortSignal.timeout: @discordjs/rest never removes
	// its abort listener, and Node keeps a timeout signal with listeners alive until it fires.
	const window = new AbortController();
	const windowTimer = setTimeout(
		() => window.abort(),
		Math.max(0, (deps.receivedAt ?? requestedAt) + ANSWER_WINDOW_MS - requestedAt),
	);
	windowTimer.unref();
	// A few 429s and a few seconds of waiting, then the user is told when to try again. Giving
	// up happens only between attempts (after a 429, or before a wait), so nothing is in flight:
	// aborting the signal keeps @discordjs/rest from sending after its sleep.
	const budget = new RateLimitBudget({ receivedAt: deps.receivedAt ?? requestedAt });
	let giveUp: (error: RateLimitGiveUp) => void = () => undefined;
	const gaveUp = new Promise<never>((_resolve, reject) => {
		giveUp = (error) => {
			window.abort(error);
			reject(error);
		};
	});
	gaveUp.catch(() => undefined);
	const judge = (verdict: RateLimitVerdict): void => {
		if (verdict.giveUp) giveUp(new RateLimitGiveUp(verdict.retryAt, verdict.why));
	};
	// @discordjs/rest announces waits it knows of: defer at once when one outlasts our budget.
	const stopListening = onChannelRateLimit(deps.rest, request.channelId, (wait) => {
		if (wait >= deadline.remainingMs) void deadline.defer(`rate limited for ${wait} ms`);
		judge(budget.announced(wait));
	});
	const stopWatching = onRequestResponse(deps.rest, window.signal, (status, headers) => {
		if (status === 429) judge(budget.answered429(retryAfterMs(headers)));
	});
	try {
		const sent = createChannelInvite(deps.rest, request, window.signal);
		// After a give-up the request rejects later (aborted): nobody waits for it then.
		sent.catch(() => undefined);
		const invite = await Promise.race([sent, gaveUp]);
		const reply = renderInvite(
			invite,
			{ requestedAt, unique: request.body.unique, channelId: request.channelId },
			messages,
		);
		logger.info('invite created', {
			interaction: invocation.interactionId,
			channel: request.channelId,
			code: invite?.code,
		});
		return { status: 'created', request, invite, reply };
	} catch (error) {
		const failure = classifyError(error);
		if (failure.ambiguous && deps.botUserId && canListInvites(botPermissions)) {
			const botUserId = deps.botUserId;
			const found = await (typeof botUserId === 'function' ? botUserId() : Promise.resolve(botUserId))
				.then((id) => findLostInvite(deps.rest, request, id, requestedAt, AbortSignal.timeout(5_000)))
				.catch(() => undefined);
			if (found) {
				logger.warn('answer lost, invite recovered', {
					interaction: invocation.interactionId,
					code: found.code,
					error,
				});
				const reply = renderInvite(
					found,
					{ requestedAt, unique: request.body.unique, channelId: request.channelId, recovered: true },
					messages,
				);
				return { status: 'created', request, invite: found, reply };
			}
		}
		const reference = failure.id === 'unknown' ? failure.args[0] : undefined;
		if (failure.id === 'tokenRejected')
			logger.error(
				'Discord rejected the bot token (401): reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN',
				{ interaction: invocation.interactionId },
			);
		else if (failure.log)
			logger.warn('invite request failed', {
				interaction: invocation.interactionId,
				failure: failure.id,
				reference,
				error,
			});
		return { status: 'failed', request, failure, reply: textReply(failureText(failure, messages)) };
	} finally {
		clearTimeout(windowTimer);
		stopListening();
		stopWatching();
	}
}
