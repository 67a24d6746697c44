/**
 * Turns Discord's answer into the ephemeral reply the invoker reads. Pure.
 */
import {
	bold,
	channelMention,
	inlineCode,
	roleMention,
	subtext,
	TimestampStyles,
	time,
	userMention,
} from '@discordjs/formatters';
import {
	type APIActionRowComponent,
	type APIComponentInMessageActionRow,
	type APIExtendedInvite,
	type APIInvite,
	ButtonStyle,
	ComponentType,
	InviteTargetType,
	InviteTargetUsersJobStatus,
	InviteType,
	MessageFlags,
	type RESTPostAPIChannelInviteResult,
	RouteBases,
} from 'discord-api-types/v10';
import { formatList, type Messages, messagesFor } from '../i18n/index.js';
import { failureText } from './errors.js';
import type { JobReport } from './target-users.js';

/** An ephemeral message: what both the first response and an edit of it carry. */
export interface ReplyMessage {
	content: string;
	components: APIActionRowComponent<APIComponentInMessageActionRow>[];
	flags: MessageFlags.Ephemeral;
	allowed_mentions: { parse: [] };
}

/**
 * How far before our request Discord's `created_at` may lie and still be "our" invite: the
 * two clocks differ a little. An older one is an existing invite Discord reused.
 */
export const REUSE_CLOCK_TOLERANCE_MS = 5_000;

/** A plain ephemeral text reply (refusals, errors). */
export function textReply(content: string): ReplyMessage {
	return { content, components: [], flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } };
}

/**
 * The body of an edit (or follow-up) that carries `message`: what the first response's `data`
 * holds, less the flags, which an edit cannot change.
 */
export function messageBody(message: ReplyMessage): Omit<ReplyMessage, 'flags'> {
	return { content: message.content, components: message.components, allowed_mentions: message.allowed_mentions };
}

/**
 * The answer to a command this bot does not serve (a stale or foreign registration), in the
 * reader's language.
 */
export function unknownCommandReply(
	commandName: string,
	locale?: string | null,
	guildLocale?: string | null,
): ReplyMessage {
	return textReply(messagesFor(locale, guildLocale).error.unknownCommand(`/${commandName}`));
}

/** The invite URL, `https://discord.gg/CODE`. */
export const inviteUrl = (code: string): string => `${RouteBases.invite}/${code}`;

const isExtended = (invite: APIInvite): invite is APIExtendedInvite => 'created_at' in invite && 'max_uses' in invite;

/**
 * When the invite stops working, in unix seconds, or null when it never does. Discord always
 * sends `expires_at` on invites now (the spec requires it; `with_expiration` is gone), null
 * for one that never expires: it is read as sent, never worked out from `max_age`.
 */
export function expiresAt(invite: APIInvite): number | null {
	return invite.expires_at === null ? null : Math.floor(Date.parse(invite.expires_at) / 1000);
}

/** Discord's epoch (2015-01-01T00:00:00Z): a snowflake counts milliseconds from it. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** When Discord made the thing with this id (a snowflake), on Discord's clock; undefined for a non-snowflake. */
export function snowflakeTimestamp(id: string): number | undefined {
	return /^\d{1,20}$/.test(id) ? Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS) : undefined;
}

/** How long before our request an interaction's own time may lie and still be believed. */
const INTERACTION_AGE_LIMIT_MS = 15 * 60_000;

/** What else tells a reused invite from a new one. */
export interface ReuseEvidence {
	/** This process handed out the same code before. */
	seenBefore?: boolean | undefined;
	/** When Discord created the interaction (its snowflake's time), on Discord's own clock. */
	interactionCreatedAt?: number | undefined;
}

/**
 * Whether Discord handed back an invite that existed before our request (it does so when
 * `unique` is not set and a similar invite exists): a code we handed out before, an invite
 * already used, or one created before the interaction was. The interaction's time comes from
 * Discord's clock, like `created_at`, so no tolerance is needed; only without a believable one
 * is our own clock used, with `REUSE_CLOCK_TOLERANCE_MS` for the difference between clocks.
 */
export function isReused(
	invite: APIInvite,
	requestedAt: number,
	unique: boolean | undefined,
	evidence: ReuseEvidence = {},
): boolean {
	if (unique || !isExtended(invite)) return false;
	if (evidence.seenBefore || invite.uses > 0) return true;
	const { interactionCreatedAt } = evidence;
	// A fake's or a forged id can claim any time: believe it only in the token's lifetime before our request.
	const believable =
		interactionCreatedAt !== undefined &&
		interactionCreatedAt <= requestedAt + REUSE_CLOCK_TOLERANCE_MS &&
		interactionCreatedAt >= requestedAt - INTERACTION_AGE_LIMIT_MS;
	const before = believable ? interactionCreatedAt : requestedAt - REUSE_CLOCK_TOLERANCE_MS;
	return Date.parse(invite.created_at) < before;
}

export interface RenderContext {
	/** When we sent the request (ms since epoch), to tell a reused invite from a new one. */
	requestedAt: number;
	/** The `unique` we sent. */
	unique?: boolean | undefined;
	/** The channel we asked for, for a 204 without a body. */
	channelId: string;
	/** Set when the invite was found after Discord's answer was lost. */
	recovered?: boolean;
	/** What else says whether Discord handed back an existing invite. */
	reuse?: ReuseEvidence | undefined;
	/** The roles we asked for, shown when Discord's answer does not list them. */
	roleIds?: readonly string[] | undefined;
	/** How many users alone may accept it, when the invite is limited to chosen users. */
	targetUsers?: number | undefined;
	/** What Discord last reported about processing that list (absent: not yet). */
	job?: JobReport | undefined;
	/** Lines the server's limits add (a use limit or an expiry they filled in), shown small. */
	notes?: readonly string[] | undefined;
}

/** Room for the roles line: a message holds 2000 characters and an invite may give 250 roles. */
const ROLES_SHOWN = 40;

/** The reply for Create Channel Invite's answer: any invite type, or none (204). */
export function renderInvite(
	invite: RESTPostAPIChannelInviteResult | undefined | null,
	context: RenderContext,
	messages: Messages,
): ReplyMessage {
	const m = messages.reply;
	if (!invite || typeof invite !== 'object' || typeof invite.code !== 'string') return textReply(m.noBody);

	const lines: string[] = [];
	const channel = invite.channel ? channelMention(invite.channel.id) : channelMention(context.channelId);
	const reused = isReused(invite, context.requestedAt, context.unique, context.reuse);
	if (invite.type === InviteType.GroupDM) lines.push(bold(m.groupDm(invite.channel?.name ?? channel)));
	else if (invite.type === InviteType.Friend)
		lines.push(bold(m.friend(invite.inviter ? userMention(invite.inviter.id) : '?')));
	else lines.push(bold(reused ? m.reused(channel) : m.created(channel)));
	if (context.recovered) lines.push(m.recovered);

	const url = inviteUrl(invite.code);
	lines.push(url);
	lines.push(`${m.code}: ${inlineCode(invite.code)}`);

	// Discord timestamps: each client shows them in its reader's language and time zone.
	const expiry = expiresAt(invite);
	lines.push(
		`${m.expires}: ${expiry === null ? m.neverExpires : `${time(expiry, TimestampStyles.LongDateShortTime)} (${time(expiry, TimestampStyles.RelativeTime)})`}`,
	);

	if (isExtended(invite)) {
		lines.push(
			`${m.uses}: ${invite.max_uses > 0 ? m.usesOf(invite.uses, invite.max_uses) : m.usesUnlimited(invite.uses)}`,
		);
		lines.push(`${m.temporary}: ${invite.temporary ? m.temporaryYes : m.temporaryNo}`);
	}
	if (invite.target_type === InviteTargetType.Stream && invite.target_user) {
		lines.push(`${m.stream}: ${userMention(invite.target_user.id)}`);
	} else if (invite.target_type === InviteTargetType.EmbeddedApplication && invite.target_application) {
		const { name, id } = invite.target_application;
		const code = id ? inlineCode(id) : undefined;
		lines.push(`${m.activity}: ${name && code ? `${name} (${code})` : (name ?? code ?? '?')}`);
	}
	const roleIds = invite.roles?.length ? invite.roles.map((role) => role.id) : (context.roleIds ?? []);
	if (roleIds.length > 0) {
		const shown: string[] = roleIds.slice(0, ROLES_SHOWN).map((id) => roleMention(id));
		if (roleIds.length > ROLES_SHOWN) shown.push(`… (+${roleIds.length - ROLES_SHOWN})`);
		lines.push(`${m.roles}: ${formatList(messages, shown)}`);
	}
	if (context.targetUsers !== undefined) {
		lines.push(bold(m.targetUsers(context.targetUsers)));
		const job = context.job;
		if (job?.status === InviteTargetUsersJobStatus.Completed) lines.push(m.targetUsersCompleted(job.totalUsers));
		else if (job?.failure) lines.push(`⚠️ ${failureText(job.failure, messages)}`);
		else if (job?.status === InviteTargetUsersJobStatus.Failed)
			lines.push(`⚠️ ${m.targetUsersFailed(job.errorMessage || `${job.processedUsers}/${job.totalUsers}`)}`);
		else lines.push(subtext(m.targetUsersProcessing));
	}
	// Reported (discord-api-docs #8118): with roles, temporary membership is not enforced.
	if (isExtended(invite) && invite.temporary && roleIds.length > 0) lines.push(subtext(`⚠️ ${m.temporaryWithRoles}`));
	for (const note of context.notes ?? []) lines.push(subtext(note));
	if (reused) lines.push(subtext(m.reusedHint));

	return {
		content: lines.join('\n'),
		components: [
			{
				type: ComponentType.ActionRow,
				components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: m.openButton, url }],
			},
		],
		flags: MessageFlags.Ephemeral,
		allowed_mentions: { parse: [] },
	};
}
