/**
 * The `/invite` command, transport-free: invocation in, one Create Channel Invite request and
 * one ephemeral answer out. Adapters (discord.js gateway, HTTP endpoint) supply the
 * invocation, a responder and the lookups their world can make.
 */
import type { REST } from '@discordjs/rest';
import type { RESTPostAPIChannelInviteResult } from 'discord-api-types/v10';
import { createChannelInvite, getChannelInvites, onChannelRateLimit, targetUsersFile } from '../discord/invites.js';
import { globalPacerOf, onRequestResponse } from '../discord/rest.js';
import { type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log-core.js';
import {
	buildRequest,
	checkPermissions,
	invalidFileLines,
	lookupsNeeded,
	type ReadOptions,
	type Refusal,
	readInviteOptions,
	refusalText,
	TARGET_USERS_FILE_MAX_BYTES,
} from './checks.js';
import { COMMAND_NAME } from './command.js';
import type { CooldownScope, InviteCooldowns } from './cooldown.js';
import {
	DEFAULT_ATTACHMENT_TIMEOUT_MS,
	DEFAULT_DEFER_AFTER_MS,
	DEFAULT_JOB_POLL_DELAYS_MS,
	DeadlineReply,
	globalQueueVerdict,
	type InteractionResponder,
	pollDelaysWithin,
	RateLimitBudget,
	type RateLimitVerdict,
	type ResponseDelivery,
} from './deadline.js';
import { classifyError, type Failure, failureText, newReference, RateLimitGiveUp } from './errors.js';
import { parseUsersFile } from './ids.js';
import { processInviteCodes, type RecentInviteCodes } from './invite-codes.js';
import { canListInvites, findLostInvite } from './lost-invite.js';
import { type RenderContext, type ReplyMessage, renderInvite, snowflakeTimestamp, textReply } from './render.js';
import { followTargetUsersJob, isFinished, type JobReport } from './target-users.js';
import type {
	AttachmentContent,
	AttachmentLimits,
	ChannelInviteRequest,
	ChannelPermissions,
	InviteInvocation,
	InvocationAttachment,
	InvocationRole,
	RoleStanding,
} from './types.js';

/**
 * Lookups for what the interaction payload does not carry. Each is optional. One that throws
 * counts as unknown: the core logs it (`could not look up ...`) and decides without it, so a
 * transport's lookups simply throw.
 */
export interface InviteLookups {
	/** Where the invoker and the bot stand in the server (asked for roles and for chosen users). */
	roleStanding?: () => Promise<RoleStanding | undefined>;
	/** Permissions in a channel picked with the `channel` option, when the payload lacks them. */
	channelPermissions?: (channelId: string) => Promise<ChannelPermissions | undefined>;
	/**
	 * The server's roles with these ids (`more_roles` names them in text, so the payload does not
	 * resolve them). Ids missing from the map are not roles of the server; undefined: unknown.
	 */
	roles?: (ids: readonly string[]) => Promise<ReadonlyMap<string, InvocationRole> | undefined>;
	/** Downloads an uploaded file (`users_file`) within the limits. I/O: the transport's edge. */
	attachment?: (attachment: InvocationAttachment, limits: AttachmentLimits) => Promise<AttachmentContent>;
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
	/** The codes handed out so far, to tell a reused invite. Default: this process's (`processInviteCodes`). */
	inviteCodes?: RecentInviteCodes | undefined;
	/** Per-user and per-server limits, taken just before Discord is called. Default: none. */
	cooldowns?: InviteCooldowns | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Ends background work (the job polling) early, e.g. on shutdown. */
	signal?: AbortSignal | undefined;
	/**
	 * Takes over the follow-up of a target-users job, for hosts whose work ends with the request
	 * (a Worker hands it to a Durable Object). Default: polled here, with `jobPollDelaysMs`.
	 */
	jobFollower?: TargetUsersJobFollower | undefined;
	/**
	 * Longest known wait in the queue under Discord's global limit before the user is told to
	 * try again instead (ms). Default 60 s (`GLOBAL_QUEUE_MAX_WAIT_MS`).
	 */
	maxQueueWaitMs?: number | undefined;
}

/**
 * A target-users job to follow, as plain data (JSON): what polling it and editing the reply
 * with Discord's report needs, apart from the REST client and the interaction token.
 */
export interface PendingTargetUsersJob {
	interactionId: string;
	/** The invite whose list Discord processes. */
	code: string;
	/** The invite and how its reply was rendered, to render it again with the job's report. */
	invite: RESTPostAPIChannelInviteResult;
	context: RenderContext;
	locale?: string | undefined;
	guildLocale?: string | undefined;
	/** How many users were asked for (logged with the report). */
	requested?: number | undefined;
	/** Waits before each poll (ms), already bounded to the answer window. */
	delays: number[];
}

/** Hands a job to whatever follows it; settles once it is handed over (or followed). */
export type TargetUsersJobFollower = (job: PendingTargetUsersJob) => Promise<JobReport | undefined>;

/** The reply once Discord reported on the list: the invite's reply with the job's report. */
export function jobReply(job: PendingTargetUsersJob, report: JobReport): ReplyMessage {
	return renderInvite(job.invite, { ...job.context, job: report }, messagesFor(job.locale, job.guildLocale));
}

/** How long the listing that recovers a lost invite may take. */
const RECOVERY_TIMEOUT_MS = 5_000;

/** What happened, for logs, metrics, tests and the sandbox. */
export interface InviteOutcome {
	/** The interaction this answered. */
	interactionId: string;
	status: 'created' | 'refused' | 'failed' | 'cooldown';
	request?: ChannelInviteRequest | undefined;
	invite?: RESTPostAPIChannelInviteResult | undefined;
	refusal?: Refusal | undefined;
	failure?: Failure | undefined;
	/** Over a cooldown: which limit, and when another invite may be made (ms since epoch). */
	cooldown?: { scope: CooldownScope; retryAt: number } | undefined;
	reply: ReplyMessage;
	delivery: ResponseDelivery;
	/** From receipt to the final answer (the inline reply, or the edit after a defer), ms. */
	latencyMs: number;
	/**
	 * Rate-limit waits for the invite request, summed (ms): the known wait in the global queue,
	 * and those @discordjs/rest announced.
	 */
	rateLimitWaitMs: number;
	/**
	 * For an invite limited to chosen users: settles once Discord has reported on the list (and
	 * the reply was edited to say so) or polling gave up. Never rejects.
	 */
	job?: Promise<JobReport | undefined> | undefined;
}

/** `created`, `refused:<id>`, `failed:<id>`, `cooldown`: the outcome as logs and metrics name it. */
export function outcomeLabel(outcome: Pick<InviteOutcome, 'status' | 'refusal' | 'failure'>): string {
	if (outcome.status === 'refused') return `refused:${outcome.refusal?.id ?? 'unknown'}`;
	if (outcome.status === 'failed') return `failed:${outcome.failure?.id ?? 'unknown'}`;
	return outcome.status;
}

/** An outcome before its delivery and timings are known. */
type OutcomeSoFar = Omit<InviteOutcome, 'delivery' | 'interactionId' | 'latencyMs' | 'rateLimitWaitMs' | 'job'>;

/** Runs `/invite` for one invocation. Never throws: every path ends in one answer. */
export async function runInvite(invocation: InviteInvocation, deps: InviteDependencies): Promise<InviteOutcome> {
	const logger = deps.logger ?? silentLogger;
	const messages = messagesFor(invocation.locale, invocation.guildLocale);
	const receivedAt = deps.receivedAt ?? Date.now();
	const deadline = new DeadlineReply(deps.responder, {
		receivedAt,
		deferAfterMs: deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
		logger,
	});
	const waits = { rateLimitMs: 0 };
	const finish = async (partial: OutcomeSoFar): Promise<InviteOutcome> => {
		const delivery = await deadline.send(partial.reply);
		const outcome: InviteOutcome = {
			interactionId: invocation.interactionId,
			...partial,
			delivery,
			latencyMs: Date.now() - receivedAt,
			rateLimitWaitMs: waits.rateLimitMs,
		};
		logInteraction(logger, invocation, outcome);
		return outcome;
	};

	try {
		const read = readInviteOptions(invocation, vocabularyOf(messages));
		if (!read.ok)
			return await finish({
				status: 'refused',
				refusal: read.refusal,
				reply: textReply(refusalText(read.refusal, messages)),
			});

		const needs = lookupsNeeded(invocation, read.value);
		const lookup = async <T>(what: string, run: (() => Promise<T | undefined>) | undefined) => {
			try {
				return await run?.();
			} catch (error) {
				logger.warn({ interaction: invocation.interactionId, err: error }, `could not look up ${what}`);
				return undefined;
			}
		};
		const roleStanding = deps.lookups?.roleStanding;
		const channelPermissions = deps.lookups?.channelPermissions;
		const rolesById = deps.lookups?.roles;
		const targetId = read.value.target.id;
		const [standing, channel, roles] = await Promise.all([
			needs.roleStanding && roleStanding ? lookup('role standing', roleStanding) : undefined,
			needs.channelPermissions && channelPermissions
				? lookup(`permissions in ${targetId}`, () => channelPermissions(targetId))
				: undefined,
			needs.roles.length > 0 && rolesById ? lookup('roles', () => rolesById(needs.roles)) : undefined,
		]);
		const allowed = checkPermissions(invocation, read.value, { standing, channel, roles }, messages);
		if (!allowed.ok)
			return await finish({
				status: 'refused',
				refusal: allowed.refusal,
				reply: textReply(refusalText(allowed.refusal, messages)),
			});

		// The file is downloaded only once everything else is allowed.
		const users = await targetUsers(read.value, deps);
		if (!users.ok)
			return await finish({
				status: 'refused',
				refusal: users.refusal,
				reply: textReply(refusalText(users.refusal, messages)),
			});

		const request = buildRequest(invocation, read.value, users.ids);
		// Only what would reach Discord counts: taken after every check passed.
		const verdict = await deps.cooldowns?.take(invocation.invoker.id, invocation.guildId, invocation.interactionId);
		if (verdict && !verdict.ok)
			return await finish({
				status: 'cooldown',
				request,
				cooldown: { scope: verdict.scope, retryAt: verdict.retryAt },
				reply: textReply(messages.limit.cooldown(`<t:${Math.ceil(verdict.retryAt / 1_000)}:R>`)),
			});
		const created = await createInvite(
			request,
			invocation,
			deps,
			deadline,
			messages,
			logger,
			read.value.target.appPermissions ?? channel?.bot,
			waits,
		);
		const outcome = await finish(created.result);
		if (created.render && request.targetUsers && outcome.delivery !== 'lost')
			outcome.job = followJob(created.render, request, invocation, deps, messages, logger);
		return outcome;
	} catch (error) {
		// A bug of ours or a lookup that threw: the user still gets an answer.
		const reference = newReference();
		logger.error({ reference, interaction: invocation.interactionId, err: error }, 'unexpected error in /invite');
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
	request: ChannelInviteRequest,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	deadline: DeadlineReply,
	messages: Messages,
	logger: Logger,
	botPermissions: bigint | undefined,
	waits: { rateLimitMs: number },
): Promise<{ result: OutcomeSoFar; render?: Rendered }> {
	const requestedAt = Date.now();
	const context: RenderContext = {
		requestedAt,
		unique: request.body.unique,
		channelId: request.channelId,
		roleIds: request.body.role_ids,
		targetUsers: request.targetUsers?.length,
	};
	const interactionCreatedAt = snowflakeTimestamp(invocation.interactionId);
	// Noted once per invite: a second note() of the same code would say "seen before".
	const reuseEvidence = (invite: { code?: unknown } | undefined | null) => ({
		seenBefore:
			typeof invite?.code === 'string' ? (deps.inviteCodes ?? processInviteCodes).note(invite.code) : false,
		interactionCreatedAt,
	});
	// Our own queue under the global limit says up front how long it will take: defer at once
	// when that outlasts the 3 s budget, refuse at once when it is beyond reason.
	const queuedMs = globalPacerOf(deps.rest)?.expectedWaitMs() ?? 0;
	const queue = globalQueueVerdict(queuedMs, {
		remainingMs: deadline.remainingMs,
		maxWaitMs: deps.maxQueueWaitMs,
	});
	if (!queue.go) {
		logger.warn({ interaction: invocation.interactionId, queuedMs }, 'global queue too long: not queued');
		const failure = classifyError(new RateLimitGiveUp(queue.retryAt, 'queue'));
		return { result: { status: 'failed', request, failure, reply: textReply(failureText(failure, messages)) } };
	}
	waits.rateLimitMs += queuedMs;
	if (queue.defer) void deadline.defer(`queued for ${queuedMs} ms under the global limit`);
	// (@discordjs/rest checks the signal after a rate-limit sleep, before sending.)
	const window = deadline.answerWindow();
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
	// @discordjs/rest announces waits it knows of: the deadline defers when one outlasts the budget.
	const stopListening = onChannelRateLimit(deps.rest, request.channelId, (wait) => {
		waits.rateLimitMs += wait;
		deadline.rateLimited(wait);
		judge(budget.announced(wait));
	});
	const stopWatching = onRequestResponse(deps.rest, window.signal, (status, headers) => {
		if (status === 429) judge(budget.answered429(retryAfterMs(headers)));
	});
	try {
		const file = request.targetUsers ? targetUsersFile(request.targetUsers) : undefined;
		const sent = createChannelInvite(deps.rest, request.channelId, request.body, file, {
			reason: request.reason,
			signal: window.signal,
		});
		// After a give-up the request rejects later (aborted): nobody waits for it then.
		sent.catch(() => undefined);
		const invite = await Promise.race([sent, gaveUp]);
		context.reuse = reuseEvidence(invite);
		const reply = renderInvite(invite, context, messages);
		return {
			result: { status: 'created', request, invite, reply },
			...(invite ? { render: { invite, context } } : {}),
		};
	} catch (error) {
		const failure = classifyError(error);
		if (failure.ambiguous && deps.botUserId && canListInvites(botPermissions)) {
			const botUserId = deps.botUserId;
			const found = await (typeof botUserId === 'function' ? botUserId() : Promise.resolve(botUserId))
				.then(async (id) =>
					findLostInvite(
						await getChannelInvites(deps.rest, request.channelId, {
							signal: AbortSignal.timeout(RECOVERY_TIMEOUT_MS),
						}),
						request,
						id,
						requestedAt,
					),
				)
				.catch(() => undefined);
			if (found) {
				logger.warn(
					{ interaction: invocation.interactionId, code: found.code, err: error },
					'answer lost, invite recovered',
				);
				const recovered = { ...context, recovered: true, reuse: reuseEvidence(found) };
				const reply = renderInvite(found, recovered, messages);
				return {
					result: { status: 'created', request, invite: found, reply },
					render: { invite: found, context: recovered },
				};
			}
		}
		const reference = failure.id === 'unknown' ? failure.args[0] : undefined;
		if (failure.id === 'tokenRejected')
			logger.error(
				{ interaction: invocation.interactionId },
				'Discord rejected the bot token (401): reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN',
			);
		else if (failure.log)
			logger.warn(
				{ interaction: invocation.interactionId, failure: failure.id, reference, err: error },
				'invite request failed',
			);
		return { result: { status: 'failed', request, failure, reply: textReply(failureText(failure, messages)) } };
	} finally {
		window.clear();
		stopListening();
		stopWatching();
	}
}

/**
 * The one `info` line per interaction: who asked where, what came of it, how it was
 * delivered and how long it took (rate-limit waits included).
 */
function logInteraction(logger: Logger, invocation: InviteInvocation, outcome: InviteOutcome): void {
	logger.info(
		{
			interaction: invocation.interactionId,
			guild: invocation.guildId,
			channel: outcome.request?.channelId ?? invocation.channel.id,
			user: invocation.invoker.id,
			command: COMMAND_NAME,
			outcome: outcomeLabel(outcome),
			delivery: outcome.delivery,
			latencyMs: outcome.latencyMs,
			rateLimitWaitMs: outcome.rateLimitWaitMs,
			...(outcome.invite?.code ? { code: outcome.invite.code } : {}),
			...(outcome.cooldown ? { cooldown: outcome.cooldown.scope, retryAt: outcome.cooldown.retryAt } : {}),
		},
		'interaction',
	);
}

/** An invite and how its reply was rendered, to render it again with the job's status. */
interface Rendered {
	invite: RESTPostAPIChannelInviteResult;
	context: RenderContext;
}

/**
 * The users who alone may accept the invite: `users`, plus the lines of `users_file` once it
 * is downloaded (bounded in size and time) and read. Every line of the file must be a user id.
 */
async function targetUsers(
	read: ReadOptions,
	deps: InviteDependencies,
): Promise<{ ok: true; ids: string[] } | { ok: false; refusal: Refusal }> {
	const file = read.usersFile;
	if (!file) return { ok: true, ids: read.users };
	const name = file.filename;
	const download = deps.lookups?.attachment;
	const content: AttachmentContent = download
		? await download(file, {
				maxBytes: TARGET_USERS_FILE_MAX_BYTES,
				timeoutMs: deps.attachmentTimeoutMs ?? DEFAULT_ATTACHMENT_TIMEOUT_MS,
			}).catch((): AttachmentContent => ({ ok: false, problem: 'unreadable' }))
		: { ok: false, problem: 'unreadable' };
	if (!content.ok) {
		if (content.problem === 'too-large')
			return {
				ok: false,
				refusal: { id: 'fileTooLarge', args: [name, TARGET_USERS_FILE_MAX_BYTES / 1024 / 1024] },
			};
		return {
			ok: false,
			refusal: { id: content.problem === 'timeout' ? 'fileTimeout' : 'fileUnreadable', args: [name] },
		};
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(content.data);
	} catch {
		return { ok: false, refusal: { id: 'fileUnreadable', args: [name] } };
	}
	if (text.includes('\u0000')) return { ok: false, refusal: { id: 'fileUnreadable', args: [name] } };
	const parsed = parseUsersFile(text);
	if (parsed.invalid.length > 0) return { ok: false, refusal: invalidFileLines(file, parsed.invalid) };
	if (parsed.ids.length === 0) return { ok: false, refusal: { id: 'fileEmpty', args: [name] } };
	return { ok: true, ids: [...new Set([...read.users, ...parsed.ids])] };
}

/**
 * Follows Discord's processing of the list of users in the background, within the token's
 * life, and edits the reply when Discord reports completed or failed. Never rejects.
 */
async function followJob(
	rendered: Rendered,
	request: ChannelInviteRequest,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	messages: Messages,
	logger: Logger,
): Promise<JobReport | undefined> {
	try {
		const delays = pollDelaysWithin(
			deps.jobPollDelaysMs ?? DEFAULT_JOB_POLL_DELAYS_MS,
			deps.receivedAt ?? rendered.context.requestedAt,
		);
		if (deps.jobFollower)
			return await deps.jobFollower({
				interactionId: invocation.interactionId,
				code: rendered.invite.code,
				invite: rendered.invite,
				context: rendered.context,
				locale: invocation.locale,
				guildLocale: invocation.guildLocale,
				requested: request.targetUsers?.length,
				delays,
			});
		const report = await followTargetUsersJob({
			rest: deps.rest,
			code: rendered.invite.code,
			delays,
			logger,
			interactionId: invocation.interactionId,
			signal: deps.signal,
		});
		if (!isFinished(report) || deps.signal?.aborted) return report;
		logger.info(
			{
				interaction: invocation.interactionId,
				code: rendered.invite.code,
				status: report.status,
				users: report.totalUsers,
				requested: request.targetUsers?.length,
			},
			'target-users job finished',
		);
		await deps.responder.edit(renderInvite(rendered.invite, { ...rendered.context, job: report }, messages));
		return report;
	} catch (error) {
		logger.warn({ interaction: invocation.interactionId, err: error }, 'could not report the target-users job');
		return undefined;
	}
}
