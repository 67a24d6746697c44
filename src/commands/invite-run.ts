/**
 * Runs `/invite` for one invocation: the core decides (read the options, check, build the
 * request, render), this performs (lookups, the cooldown, Create Channel Invite under the
 * deadline and the 429 budget, the recovery of a lost answer, the target-users job), every
 * wait on the one injected clock. Never throws: every path ends in one answer.
 */
import type { REST } from '@discordjs/rest';
import type { RESTPostAPIChannelInviteResult } from 'discord-api-types/v10';
import { describeDuration } from '../core/autocomplete.js';
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
} from '../core/checks.js';
import { COMMAND_NAME } from '../core/command.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import {
	type Clock,
	DEFAULT_ATTACHMENT_TIMEOUT_MS,
	DEFAULT_DEFER_AFTER_MS,
	DEFAULT_JOB_POLL_DELAYS_MS,
	DeadlineReply,
	globalQueueVerdict,
	type InteractionResponder,
	pollDelaysWithin,
	RateLimitBudget,
	type RateLimitVerdict,
	RECOVERY_TIMEOUT_MS,
	systemClock,
} from '../core/deadline.js';
import { classifyError, type Failure, failureText, newReference, RateLimitGiveUp } from '../core/errors.js';
import { parseUsersFile } from '../core/ids.js';
import { type InviteLookups, type InviteOutcome, outcomeLabel, type TargetUsersJobFollower } from '../core/invite.js';
import { processInviteCodes, type RecentInviteCodes } from '../core/invite-codes.js';
import { checkLimits, exemptFromLimits, type LimitedInvite } from '../core/invite-limits.js';
import { revokeButtonRow } from '../core/ledger.js';
import { canListInvites, findLostInvite } from '../core/lost-invite.js';
import { type RenderContext, type ReplyMessage, renderInvite, snowflakeTimestamp, textReply } from '../core/render.js';
import { isFinished, type JobReport } from '../core/target-users.js';
import type { AttachmentContent, ChannelInviteRequest, InviteInvocation } from '../core/types.js';
import { createChannelInvite, getChannelInvites, onChannelRateLimit, targetUsersFile } from '../discord/invites.js';
import { globalPacerOf, onRequestResponse } from '../discord/rest.js';
import { languageOf, type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log-core.js';
import { ledgerEntry } from '../store/ledger-entry.js';
import type { InviteStore } from '../store/repository.js';
import type { GuildSettings } from '../store/types.js';
import { postInviteLog } from './invite-log.js';
import { followTargetUsersJob } from './target-users-job.js';

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
	/** Time for every rule of this run (deadline, 429 budget, job polls). Default: the system's. */
	clock?: Clock | undefined;
	/**
	 * The deadline the pipeline made for this interaction (on `responder`). Default: one made
	 * here from `receivedAt` and `deferAfterMs`.
	 */
	deadline?: DeadlineReply | undefined;
	/**
	 * The server's settings (limits, log channel) and the invite ledger: every invite made is
	 * recorded right after Discord answers, without waiting (a failed write is logged, counted
	 * and retried by the store itself). Absent: no limits, no log, no ledger.
	 */
	store?: InviteStore | undefined;
}

/** An outcome before its delivery and timings are known. */
type OutcomeSoFar = Omit<InviteOutcome, 'delivery' | 'interactionId' | 'latencyMs' | 'rateLimitWaitMs' | 'job'>;

/** Runs `/invite` for one invocation. Never throws: every path ends in one answer. */
export async function runInvite(invocation: InviteInvocation, deps: InviteDependencies): Promise<InviteOutcome> {
	const logger = deps.logger ?? silentLogger;
	const messages = messagesFor(invocation.locale, invocation.guildLocale);
	const clock = deps.clock ?? systemClock;
	const receivedAt = deps.receivedAt ?? clock.now();
	const deadline =
		deps.deadline ??
		new DeadlineReply(deps.responder, {
			receivedAt,
			deferAfterMs: deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
			logger,
			clock,
		});
	const waits = { rateLimitMs: 0 };
	const finish = async (partial: OutcomeSoFar): Promise<InviteOutcome> => {
		const delivery = await deadline.send(partial.reply);
		const outcome: InviteOutcome = {
			interactionId: invocation.interactionId,
			...partial,
			delivery,
			latencyMs: clock.now() - receivedAt,
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

		// The server's own limits come before any call to Discord (the lookups included).
		const limits = await serverLimits(invocation, read.value, deps, messages);
		if (!limits.ok)
			return await finish({
				status: 'refused',
				refusal: limits.refusal,
				reply: textReply(refusalText(limits.refusal, messages)),
			});
		if (limits.filled.maxAge !== undefined) read.value.maxAge = limits.filled.maxAge;
		const notes = limitNotes(limits.filled, invocation, messages);

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
		if (limits.filled.maxUses !== undefined) request.body.max_uses = limits.filled.maxUses;
		// Only what would reach Discord counts: taken after every check passed.
		const verdict = await deps.cooldowns?.take(
			invocation.invoker.id,
			invocation.guildId,
			invocation.interactionId,
			(deps.clock ?? systemClock).now(),
		);
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
			notes,
		);
		let recorded: Promise<unknown> | undefined;
		if (created.result.status === 'created' && created.result.invite) {
			recorded = recordInLedger(created.result.invite, request, invocation, deps, clock.now(), logger);
			created.result.reply = withRevokeButton(
				created.result.reply,
				created.result.invite.code,
				invocation,
				deps,
				messages,
			);
		}
		const outcome = await finish(created.result);
		if (recorded) outcome.recorded = recorded;
		// After the reply: the log never delays nor fails the member's answer.
		if (outcome.status === 'created' && outcome.invite && deps.store && invocation.guildId)
			outcome.logged = postInviteLog(
				{
					event: 'created',
					guildId: invocation.guildId,
					code: outcome.invite.code,
					channelId: request.channelId,
					inviter: { id: invocation.invoker.id, username: invocation.invoker.username },
					expiresAt: outcome.invite.expires_at
						? Math.floor(Date.parse(outcome.invite.expires_at) / 1_000)
						: null,
					maxUses: request.body.max_uses ?? 0,
					roleIds: request.body.role_ids,
					targetUsers: request.targetUsers?.length,
					reason: invocation.options.reason,
					at: clock.now(),
				},
				{
					rest: deps.rest,
					store: deps.store,
					...(limits.settings ? { logChannelId: limits.settings.logChannelId } : {}),
					locale: invocation.guildLocale,
					logger,
				},
			);
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

/** The reply with a Revoke button, when the bot keeps a ledger to check who may press it. */
function withRevokeButton(
	reply: ReplyMessage,
	code: string,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	messages: Messages,
): ReplyMessage {
	if (!deps.store || !invocation.guildId) return reply;
	return { ...reply, components: [...reply.components, revokeButtonRow(code, messages)] };
}

/**
 * Records a made invite in the ledger, never delaying the reply: the store's write-behind
 * queue retries a failed write and reports it through its own logger and metrics.
 */
function recordInLedger(
	invite: RESTPostAPIChannelInviteResult,
	request: ChannelInviteRequest,
	invocation: InviteInvocation,
	deps: InviteDependencies,
	now: number,
	logger: Logger,
): Promise<unknown> | undefined {
	const store = deps.store;
	if (!store || !invocation.guildId) return undefined;
	try {
		const entry = ledgerEntry(
			invocation.guildId,
			invite,
			request.body,
			{ id: invocation.invoker.id, name: invocation.invoker.username },
			{ reason: invocation.options.reason ?? null, targetUsersCount: request.targetUsers?.length ?? null, now },
		);
		if (!entry.channelId) entry.channelId = request.channelId;
		return store.recordInvite(entry).catch((error: unknown) => {
			logger.warn(
				{ interaction: invocation.interactionId, code: invite.code, err: error },
				'ledger write failed',
			);
		});
	} catch (error) {
		logger.warn({ interaction: invocation.interactionId, code: invite.code, err: error }, 'ledger write failed');
		return undefined;
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
	notes: readonly string[] = [],
): Promise<{ result: OutcomeSoFar; render?: Rendered }> {
	const clock = deps.clock ?? systemClock;
	const requestedAt = clock.now();
	const context: RenderContext = {
		requestedAt,
		unique: request.body.unique,
		channelId: request.channelId,
		roleIds: request.body.role_ids,
		targetUsers: request.targetUsers?.length,
		...(notes.length > 0 ? { notes } : {}),
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
		now: requestedAt,
		remainingMs: deadline.remainingMs,
		maxWaitMs: deps.maxQueueWaitMs,
	});
	if (!queue.go) {
		logger.warn({ interaction: invocation.interactionId, queuedMs }, 'global queue too long: not queued');
		const failure = classifyError(new RateLimitGiveUp(queue.retryAt, 'queue'), () => clock.now());
		return { result: { status: 'failed', request, failure, reply: textReply(failureText(failure, messages)) } };
	}
	waits.rateLimitMs += queuedMs;
	if (queue.defer) void deadline.defer(`queued for ${queuedMs} ms under the global limit`);
	// (@discordjs/rest checks the signal after a rate-limit sleep, before sending.)
	const window = deadline.answerWindow();
	// A few 429s and a few seconds of waiting, then the user is told when to try again. Giving
	// up happens only between attempts (after a 429, or before a wait), so nothing is in flight:
	// aborting the signal keeps @discordjs/rest from sending after its sleep.
	const budget = new RateLimitBudget({ receivedAt: deps.receivedAt ?? requestedAt, now: () => clock.now() });
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
		const failure = classifyError(error, () => clock.now());
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

/** The refusal for a download that brought no file (too large is told with the limit). */
const FILE_PROBLEMS = {
	timeout: 'fileTimeout',
	unreadable: 'fileUnreadable',
	refused: 'fileRefused',
	busy: 'fileBusy',
} as const;

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
		return { ok: false, refusal: { id: FILE_PROBLEMS[content.problem], args: [name] } };
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
		const clock = deps.clock ?? systemClock;
		const delays = pollDelaysWithin(
			deps.jobPollDelaysMs ?? DEFAULT_JOB_POLL_DELAYS_MS,
			deps.receivedAt ?? rendered.context.requestedAt,
			clock.now(),
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
			clock,
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
		await deps.responder.edit(
			withRevokeButton(
				renderInvite(rendered.invite, { ...rendered.context, job: report }, messages),
				rendered.invite.code,
				invocation,
				deps,
				messages,
			),
		);
		return report;
	} catch (error) {
		logger.warn({ interaction: invocation.interactionId, err: error }, 'could not report the target-users job');
		return undefined;
	}
}

/**
 * The server's limits for this invocation: none without a store or for a member with Manage
 * Server; otherwise the settings are read and checked. The database down: a member bound by
 * the limits is refused ("try again"), since the defaults would let them past limits the
 * server set; an exempt member goes on (the limits never bound them), without a log post
 * unless the store answers by then.
 */
async function serverLimits(
	invocation: InviteInvocation,
	read: ReadOptions,
	deps: InviteDependencies,
	messages: Messages,
): Promise<{ ok: true; filled: LimitedInvite; settings: GuildSettings | undefined } | { ok: false; refusal: Refusal }> {
	const store = deps.store;
	if (!store || invocation.guildId === null) return { ok: true, filled: {}, settings: undefined };
	const exempt = exemptFromLimits(invocation.invoker.permissions);
	const settings = await store.getSettings(invocation.guildId);
	if (!settings.ok)
		return exempt
			? { ok: true, filled: {}, settings: undefined }
			: { ok: false, refusal: { id: 'settingsUnavailable', args: [] } };
	if (exempt) return { ok: true, filled: {}, settings: settings.value };
	const checked = checkLimits(invocation, read, settings.value, messages, languageOf(messages));
	if (!checked.ok) return checked;
	return { ok: true, filled: checked.value, settings: settings.value };
}

/** What the reply says about values the server's limits filled in. */
function limitNotes(filled: LimitedInvite, invocation: InviteInvocation, messages: Messages): string[] {
	const notes: string[] = [];
	if (filled.maxUses !== undefined) notes.push(messages.settings.defaultMaxUses(filled.maxUses));
	if (filled.maxAge !== undefined)
		notes.push(
			messages.settings.defaultExpires(
				describeDuration(filled.maxAge, invocation.locale ?? languageOf(messages), messages),
			),
		);
	return notes;
}
