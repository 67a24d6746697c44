/**
 * The `/invite` command, transport-free: invocation in, one Create Channel Invite request and
 * one ephemeral answer out. Adapters (discord.js gateway, HTTP endpoint) supply the
 * invocation, a responder and the lookups their world can make.
 */
import type { REST } from '@discordjs/rest';
import type { RESTPostAPIChannelInviteResult } from 'discord-api-types/v10';
import { canListInvites, createChannelInvite, findLostInvite, onChannelRateLimit } from '../discord/invites.js';
import { type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log.js';
import { buildRequest, checkOptions, checkPermissions, lookupsNeeded, type Refusal, refusalText } from './checks.js';
import { DEFAULT_DEFER_AFTER_MS, DeadlineReply, type Delivery, type InteractionResponder } from './deadline.js';
import { classifyError, type Failure, failureText, newReference } from './errors.js';
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

async function createInvite(
	request: InviteRequest,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	deadline: DeadlineReply,
	messages: Messages,
	logger: Logger,
	botPermissions: bigint | undefined,
): Promise<Omit<InviteOutcome, 'delivery' | 'interactionId'>> {
	// @discordjs/rest announces waits it knows of: defer at once when one outlasts our budget.
	const stopListening = onChannelRateLimit(deps.rest, request.channelId, (wait) => {
		if (wait >= deadline.remainingMs) void deadline.defer(`rate limited for ${wait} ms`);
	});
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
	// Node's timers have unref (a pending window must not hold a closing process open); workerd's are numbers.
	(windowTimer as { unref?: () => void }).unref?.();
	try {
		const invite = await createChannelInvite(deps.rest, request, window.signal);
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
		if (failure.log)
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
	}
}
