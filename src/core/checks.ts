/**
 * Turns an invocation into a Create Channel Invite request, or into the reason it must not be
 * sent. Every check Discord would answer with a 4xx is made here first: refused requests
 * count toward Discord's invalid-request limit, and a plain sentence beats an error code.
 * Pure: lookups the transport must make (role positions, permissions the payload lacks) are
 * passed in.
 */
import { channelMention, roleMention } from '@discordjs/formatters';
import {
	ChannelType,
	InviteTargetType,
	PermissionFlagsBits,
	type RESTPostAPIChannelInviteJSONBody,
} from 'discord-api-types/v10';
import { type ArgsOf, formatEntry, formatList, type Messages } from '../i18n/index.js';
import { DEFAULT_INVITE_AGE_SECONDS, type DurationVocabulary, parseDuration } from './duration.js';
import type {
	ChannelInviteRequest,
	ChannelPermissions,
	InviteInvocation,
	InvocationChannel,
	RoleStanding,
} from './types.js';

/** Channel types Discord can make invites for. */
export const INVITABLE_CHANNEL_TYPES = [
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildStageVoice,
	ChannelType.GuildForum,
	ChannelType.GuildMedia,
] as const satisfies readonly ChannelType[];

/** Channel types where an invite can target a stream or an Activity. */
export const VOICE_CHANNEL_TYPES: readonly ChannelType[] = [ChannelType.GuildVoice, ChannelType.GuildStageVoice];

/** Thread channel types: never invitable, and they take their parent's overwrites. */
export const THREAD_TYPES: readonly ChannelType[] = [
	ChannelType.AnnouncementThread,
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
];

/** Discord's limit for `X-Audit-Log-Reason`. */
export const AUDIT_LOG_REASON_LIMIT = 512;

/**
 * The longest `reason` option we accept: what is left of 512 characters after our prefix
 * `/invite by NAME (ID): ` with a 32-character username and a 20-digit id.
 */
export const REASON_OPTION_MAX_LENGTH = AUDIT_LOG_REASON_LIMIT - '/invite by  (): '.length - 32 - 20;

export const MAX_USES_LIMIT = 100;

/**
 * The `max_length` each free-text option is registered with. Discord enforces it, but a
 * payload that does not come from Discord (a replay, a fake, a bug) is refused by length
 * before anything reads it.
 */
export const FREE_TEXT_MAX_LENGTH = {
	expires: 32,
	activity: 20,
	reason: REASON_OPTION_MAX_LENGTH,
} as const;

const SNOWFLAKE = /^\d{17,20}$/;

type CheckMessages = Messages['check'];

/** A refusal: a stable id (a key of the `check` messages) and the values its text needs. */
export type Refusal = { [K in keyof CheckMessages]: { id: K; args: ArgsOf<CheckMessages[K]> } }[keyof CheckMessages];

/** The refusal's text in the reader's language. */
export function refusalText(refusal: Refusal, messages: Messages): string {
	return formatEntry(messages.check[refusal.id], refusal.args);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = <K extends keyof CheckMessages>(
	id: K,
	...args: ArgsOf<CheckMessages[K]>
): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { id, args } as Refusal });

/** The channel the invite is for: the `channel` option, else the channel the command ran in. */
export function targetChannel(invocation: InviteInvocation): InvocationChannel {
	if (invocation.options.channel) return invocation.options.channel;
	return {
		...invocation.channel,
		permissions: invocation.invoker.permissions ?? undefined,
		appPermissions: invocation.appPermissions ?? undefined,
	};
}

/** What the transport must look up before `checkPermissions` can decide. */
export function lookupsNeeded(invocation: InviteInvocation): { roleStanding: boolean; channelPermissions: boolean } {
	const target = targetChannel(invocation);
	return {
		roleStanding: invocation.options.role !== undefined,
		channelPermissions: target.permissions === undefined || target.appPermissions === undefined,
	};
}

/** Input the body is built from once the options are read. */
export interface ReadOptions {
	target: InvocationChannel;
	maxAge: number;
}

/** Checks what needs no lookup: the place, the channel type, `expires` and the combinations. */
export function readInviteOptions(
	invocation: InviteInvocation,
	vocabulary: readonly DurationVocabulary[] = [],
): Checked<ReadOptions> {
	if (invocation.guildId === null) return refuse('notInGuild');
	const target = targetChannel(invocation);
	const { options } = invocation;
	// Length first: nothing below may spend time on an input Discord would never send.
	if (options.reason !== undefined && options.reason.length > REASON_OPTION_MAX_LENGTH)
		return refuse('reasonTooLong', REASON_OPTION_MAX_LENGTH);
	for (const name of ['expires', 'activity'] as const) {
		const value = options[name];
		if (value !== undefined && value.length > FREE_TEXT_MAX_LENGTH[name])
			return refuse('optionTooLong', name, FREE_TEXT_MAX_LENGTH[name]);
	}
	const mention = channelMention(target.id);

	if (target.type !== undefined && !(INVITABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(target.type)) {
		if (THREAD_TYPES.includes(target.type))
			return refuse('threadNotInvitable', mention, target.parentId ? channelMention(target.parentId) : undefined);
		if (target.type === ChannelType.GuildCategory) return refuse('categoryNotInvitable', mention);
		return refuse('channelNotInvitable', mention);
	}

	let maxAge = DEFAULT_INVITE_AGE_SECONDS;
	if (options.expires !== undefined) {
		const parsed = parseDuration(options.expires, vocabulary);
		if (!parsed.ok)
			return parsed.error === 'too-long'
				? refuse('expiresTooLong', options.expires)
				: refuse('expiresUnreadable', options.expires);
		maxAge = parsed.seconds;
	}

	if (
		options.max_uses !== undefined &&
		(!Number.isInteger(options.max_uses) || options.max_uses < 0 || options.max_uses > MAX_USES_LIMIT)
	) {
		return refuse('maxUsesOutOfRange', options.max_uses);
	}

	if (options.stream_user && options.activity !== undefined) return refuse('streamAndActivity');
	if (
		(options.stream_user || options.activity !== undefined) &&
		target.type !== undefined &&
		!VOICE_CHANNEL_TYPES.includes(target.type)
	) {
		return refuse('targetNeedsVoice', mention);
	}
	if (options.activity !== undefined && !SNOWFLAKE.test(options.activity.trim()))
		return refuse('activityNotAnId', options.activity);

	if (options.role) {
		if (options.role.id === invocation.guildId) return refuse('roleIsEveryone');
		if (options.role.managed) return refuse('roleIsManaged', roleMention(options.role.id));
	}
	return { ok: true, value: { target, maxAge } };
}

/** Whether known permissions include `flag` (Administrator includes everything). */
const grants = (permissions: bigint, flag: bigint): boolean =>
	(permissions & PermissionFlagsBits.Administrator) === PermissionFlagsBits.Administrator ||
	(permissions & flag) === flag;

/**
 * The bot's permissions may be unknown (a lookup failed): then Discord decides, since it
 * checks the bot itself, and its answer is mapped like any other.
 */
const botHas = (permissions: bigint | undefined | null, flag: bigint): boolean =>
	permissions === undefined || permissions === null ? true : grants(permissions, flag);

/**
 * Checks what needs the invoker's and the bot's standing: View Channel and Create Instant
 * Invite for both in the target channel, and for `role` Manage Roles (server-wide) for both
 * plus the role hierarchy (Discord lets nobody but the owner give a role at or above their
 * highest). Discord checks only the bot: for the invoker this is the only check, so it fails
 * closed when their standing is unknown.
 */
export function checkPermissions(
	invocation: InviteInvocation,
	read: ReadOptions,
	looked: { channel?: ChannelPermissions | undefined; standing?: RoleStanding | undefined },
	messages: Messages,
): Checked<true> {
	const { target } = read;
	const invoker = target.permissions ?? looked.channel?.invoker;
	const bot = target.appPermissions ?? looked.channel?.bot;
	const mention = channelMention(target.id);

	if (invoker === undefined || invoker === null) return refuse('cannotVerify');
	const invokerMissing = (['ViewChannel', 'CreateInstantInvite'] as const).filter(
		(name) => !grants(invoker, PermissionFlagsBits[name]),
	);
	if (invokerMissing.length > 0)
		return refuse(
			'invokerMissing',
			mention,
			formatList(
				messages,
				invokerMissing.map((name) => messages.permission[name]),
			),
		);
	// Without View Channel nothing else counts (Discord reports 0 there): name only that.
	if (!botHas(bot, PermissionFlagsBits.ViewChannel))
		return refuse('botMissing', mention, messages.permission.ViewChannel);
	if (!botHas(bot, PermissionFlagsBits.CreateInstantInvite))
		return refuse('botMissing', mention, messages.permission.CreateInstantInvite);

	const role = invocation.options.role;
	if (role) {
		const standing = looked.standing;
		if (!standing) return refuse('cannotVerify');
		if (!standing.invokerIsOwner && !grants(standing.invokerPermissions, PermissionFlagsBits.ManageRoles))
			return refuse('roleNeedsManageRoles');
		if (!grants(standing.botPermissions, PermissionFlagsBits.ManageRoles)) return refuse('botNeedsManageRoles');
		if (!standing.invokerIsOwner && role.position >= standing.invokerHighestPosition)
			return refuse('roleNotBelowInvoker', roleMention(role.id));
		if (role.position >= standing.botHighestPosition) return refuse('roleNotBelowBot', roleMention(role.id));
	}
	return { ok: true, value: true };
}

/** The JSON body and audit-log reason for checked options. */
export function buildRequest(invocation: InviteInvocation, read: ReadOptions): ChannelInviteRequest {
	const { options } = invocation;
	const body: RESTPostAPIChannelInviteJSONBody = { max_age: read.maxAge };
	if (options.max_uses !== undefined) body.max_uses = options.max_uses;
	if (options.temporary !== undefined) body.temporary = options.temporary;
	if (options.unique !== undefined) body.unique = options.unique;
	if (options.stream_user) {
		body.target_type = InviteTargetType.Stream;
		body.target_user_id = options.stream_user.id;
	} else if (options.activity !== undefined) {
		body.target_type = InviteTargetType.EmbeddedApplication;
		body.target_application_id = options.activity.trim();
	}
	if (options.role) body.role_ids = [options.role.id];
	return { channelId: read.target.id, body, reason: auditLogReason(invocation) };
}

/**
 * `/invite by NAME (ID)` plus the user's reason, cut to Discord's 512 characters. The invoker
 * is always named: the audit log otherwise shows only the bot.
 */
export function auditLogReason(invocation: InviteInvocation): string {
	const by = `/invite by ${invocation.invoker.username} (${invocation.invoker.id})`;
	const reason = invocation.options.reason?.trim();
	const full = reason ? `${by}: ${reason}` : by;
	if (full.length <= AUDIT_LOG_REASON_LIMIT) return full;
	// Cut between characters, never inside a surrogate pair: a lone half cannot be URL-encoded.
	let cut = full.slice(0, AUDIT_LOG_REASON_LIMIT - 1);
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut}…`;
}
