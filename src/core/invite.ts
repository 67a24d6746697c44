/**
 * What `/invite` decides about, as values: the lookups it may ask for (the contract a host
 * fulfils from its cache or over REST) and the outcome of one run, with its label for logs and
 * metrics. Running it (REST calls, the job follow-up) is src/commands/invite-run.ts.
 */
import type { RESTPostAPIChannelInviteResult } from 'discord-api-types/v10';
import { messagesFor } from '../i18n/index.js';
import type { Refusal } from './checks.js';
import type { CooldownScope } from './cooldown.js';
import type { ResponseDelivery } from './deadline.js';
import type { Failure } from './errors.js';
import { type RenderContext, type ReplyMessage, renderInvite } from './render.js';
import type { JobReport } from './target-users.js';
import type {
	AttachmentContent,
	AttachmentLimits,
	ChannelInviteRequest,
	ChannelPermissions,
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
	/**
	 * The post in the server's invite log, sent after the reply (fire and forget): settles with
	 * what became of it (`posted`, `no-log`, `refused`, `failed`). Never rejects.
	 */
	logged?: Promise<string> | undefined;
	/** The ledger write of a created invite, settling once the row is written or queued (never rejects). */
	recorded?: Promise<unknown> | undefined;
}

/** `created`, `refused:<id>`, `failed:<id>`, `cooldown`: the outcome as logs and metrics name it. */
export function outcomeLabel(outcome: Pick<InviteOutcome, 'status' | 'refusal' | 'failure'>): string {
	if (outcome.status === 'refused') return `refused:${outcome.refusal?.id ?? 'unknown'}`;
	if (outcome.status === 'failed') return `failed:${outcome.failure?.id ?? 'unknown'}`;
	return outcome.status;
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
