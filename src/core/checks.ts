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
import { type InvalidLine, listInvalid, parseIdList, QUOTED_FILE_LINES } from './ids.js';
import { stricterPermissions, stricterRole } from './permission-sources.js';
import type {
	ChannelInviteRequest,
	ChannelPermissions,
	InviteInvocation,
	InvocationAttachment,
	InvocationChannel,
	InvocationRole,
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

/** The most roles one invite may give (`role_ids`, Discord's `maxItems`). */
export const MAX_INVITE_ROLES = 250;

/**
 * The largest `target_users_file` we send or download: Discord's default upload limit for a
 * file (10 MiB; boosts and Nitro raise it for people, not for a bot's upload).
 */
export const TARGET_USERS_FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The `max_length` each free-text option is registered with. Discord enforces it, but a
 * payload that does not come from Discord (a replay, a fake, a bug) is refused by length
 * before anything reads it.
 */
export const FREE_TEXT_MAX_LENGTH = {
	expires: 32,
	activity: 20,
	reason: REASON_OPTION_MAX_LENGTH,
	// Discord's limit for any text option: room for 250 role or about 250 user mentions.
	more_roles: 6_000,
	users: 6_000,
} as const;

const SNOWFLAKE = /^\d{17,20}$/;

type CheckMessages = Messages['check'];
/** The refusals of a server's own limits (`/invite-settings`); their ids differ from the checks'. */
type LimitMessages = Messages['settings']['limits'];

/**
 * A refusal: a stable id (a key of the `check` messages, or of the server limits' under
 * `settings.limits`) and the values its text needs.
 */
export type Refusal =
	| { [K in keyof CheckMessages]: { id: K; args: ArgsOf<CheckMessages[K]> } }[keyof CheckMessages]
	| { [K in keyof LimitMessages]: { id: K; args: ArgsOf<LimitMessages[K]> } }[keyof LimitMessages];

/** The refusal's text in the reader's language. */
export function refusalText(refusal: Refusal, messages: Messages): string {
	const entry =
		refusal.id in messages.check
			? messages.check[refusal.id as keyof CheckMessages]
			: messages.settings.limits[refusal.id as keyof LimitMessages];
	return formatEntry(entry, refusal.args);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = <K extends keyof CheckMessages>(
	id: K,
	...args: ArgsOf<CheckMessages[K]>
): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { id, args } as Refusal });

/** The channel the invite is for: the `channel` option, else the channel the command ran in. */
export function targetChannel(invocation: InviteInvocation): InvocationChannel {
	if (invocation.options.channel) return invocation.options.channel;
	// Object.assign, not a spread with more keys after it: on Node 20 that literal takes V8's
	// slow path (~4 µs, a quarter of the whole check + build + render).
	return Object.assign({}, invocation.channel, {
		permissions: invocation.invoker.permissions ?? undefined,
		appPermissions: invocation.appPermissions ?? undefined,
	});
}

/** What the transport must look up before `checkPermissions` can decide. */
export function lookupsNeeded(
	invocation: InviteInvocation,
	read: Pick<ReadOptions, 'moreRoleIds' | 'limitsUsers'> = {
		moreRoleIds: [],
		limitsUsers: invocation.options.users !== undefined || invocation.options.users_file !== undefined,
	},
): { roleStanding: boolean; channelPermissions: boolean; roles: readonly string[] } {
	const target = targetChannel(invocation);
	return {
		roleStanding: invocation.options.role !== undefined || read.moreRoleIds.length > 0 || read.limitsUsers,
		// An unknown type is looked up too: a thread or a category must never pass for lack of data.
		channelPermissions:
			target.permissions === undefined || target.appPermissions === undefined || target.type === undefined,
		// The picked role too: the server's list fills what the payload lacks, and where the two
		// disagree the stricter reading wins (the server is fetched for the standing anyway).
		roles: invocation.options.role ? [...read.moreRoleIds, invocation.options.role.id] : read.moreRoleIds,
	};
}

/** Whether the picked role lacks what the checks need (resolved did not carry it). */
function pickedRoleUnknown(invocation: InviteInvocation): boolean {
	const role = invocation.options.role;
	return role !== undefined && (role.position === undefined || role.managed === undefined);
}

/** Input the body is built from once the options are read. */
export interface ReadOptions {
	target: InvocationChannel;
	maxAge: number;
	/** Roles of `more_roles` besides `role`, in order, without duplicates. */
	moreRoleIds: string[];
	/** Users of `users`, in order, without duplicates (the file is read after the checks). */
	users: string[];
	/** The uploaded list of users, read once every permission is checked. */
	usersFile?: InvocationAttachment | undefined;
	/** Whether the invite is limited to chosen users (`users` or `users_file`). */
	limitsUsers: boolean;
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
	for (const name of ['expires', 'activity', 'more_roles', 'users'] as const) {
		const value = options[name];
		if (value !== undefined && value.length > FREE_TEXT_MAX_LENGTH[name])
			return refuse('optionTooLong', name, FREE_TEXT_MAX_LENGTH[name]);
	}

	const typeRefusal = channelTypeRefusal(target, invocation);
	if (typeRefusal) return typeRefusal;

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
	if (options.activity !== undefined && !SNOWFLAKE.test(options.activity.trim()))
		return refuse('activityNotAnId', options.activity);

	if (options.role) {
		if (options.role.id === invocation.guildId) return refuse('roleIsEveryone');
		if (options.role.managed === true) return refuse('roleIsManaged', roleMention(options.role.id));
	}

	let moreRoleIds: string[] = [];
	if (options.more_roles !== undefined) {
		const parsed = parseIdList(options.more_roles, 'role');
		if (parsed.invalid.length > 0) return refuse('rolesUnreadable', listInvalid(parsed.invalid));
		if (parsed.ids.length === 0) return refuse('rolesEmpty');
		if (parsed.ids.includes(invocation.guildId)) return refuse('roleIsEveryone');
		// `role` named again is the same role: Discord refuses duplicates in `role_ids`.
		moreRoleIds = parsed.ids.filter((id) => id !== options.role?.id);
		if (moreRoleIds.length + (options.role ? 1 : 0) > MAX_INVITE_ROLES)
			return refuse('tooManyRoles', MAX_INVITE_ROLES);
	}

	let users: string[] = [];
	if (options.users !== undefined) {
		const parsed = parseIdList(options.users, 'user');
		if (parsed.invalid.length > 0) return refuse('usersUnreadable', listInvalid(parsed.invalid));
		if (parsed.ids.length === 0) return refuse('usersEmpty');
		users = parsed.ids;
	}
	const file = options.users_file;
	if (file && file.size > TARGET_USERS_FILE_MAX_BYTES)
		return refuse('fileTooLarge', file.filename, TARGET_USERS_FILE_MAX_BYTES / 1024 / 1024);

	return {
		ok: true,
		value: {
			target,
			maxAge,
			moreRoleIds,
			users,
			usersFile: file,
			limitsUsers: users.length > 0 || file !== undefined,
		},
	};
}

/** The refusal for lines of `users_file` that are not user ids. */
export function invalidFileLines(file: InvocationAttachment, lines: readonly InvalidLine[]): Refusal {
	return {
		id: 'fileUnreadableIds',
		args: [
			file.filename,
			listInvalid(
				lines.map((line) => `${line.line}: ${line.text}`),
				QUOTED_FILE_LINES.count,
				QUOTED_FILE_LINES.width,
			),
		],
	};
}

/**
 * What the channel's type forbids, once it is known: threads, categories and other
 * non-invitable types, and a stream or Activity target outside voice and stage. Unknown
 * type: nothing yet (`checkPermissions` refuses when the lookup cannot tell it either).
 */
function channelTypeRefusal(
	target: InvocationChannel,
	invocation: InviteInvocation,
): { ok: false; refusal: Refusal } | undefined {
	const { type } = target;
	if (type === undefined) return undefined;
	const mention = channelMention(target.id);
	if (!(INVITABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(type)) {
		if (THREAD_TYPES.includes(type))
			return refuse('threadNotInvitable', mention, target.parentId ? channelMention(target.parentId) : undefined);
		if (type === ChannelType.GuildCategory) return refuse('categoryNotInvitable', mention);
		return refuse('channelNotInvitable', mention);
	}
	const { options } = invocation;
	if ((options.stream_user || options.activity !== undefined) && !VOICE_CHANNEL_TYPES.includes(type))
		return refuse('targetNeedsVoice', mention);
	return undefined;
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
	looked: {
		channel?: ChannelPermissions | undefined;
		standing?: RoleStanding | undefined;
		/** The roles of `more_roles` found in the server (looked up; absent when the lookup failed). */
		roles?: ReadonlyMap<string, InvocationRole> | undefined;
	},
	messages: Messages,
): Checked<true> {
	const { target } = read;
	// The payload's permissions (overwrites included) and the lookup's: only what both grant.
	const invoker = stricterPermissions(target.permissions, looked.channel?.invoker);
	const bot = stricterPermissions(target.appPermissions, looked.channel?.bot);
	const mention = channelMention(target.id);
	const described = looked.channel?.channel;

	// Permissions computed from this server's roles mean nothing for another server's channel.
	if (described?.guildId && invocation.guildId && described.guildId !== invocation.guildId)
		return refuse('channelNotInGuild', mention);

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

	// REST (or the cache) wins over a field the payload lacked; when neither knows the type, no.
	if (target.type === undefined) {
		if (!described) return refuse('cannotVerify');
		const typeRefusal = channelTypeRefusal(
			Object.assign({}, target, { type: described.type, parentId: target.parentId ?? described.parentId }),
			invocation,
		);
		if (typeRefusal) return typeRefusal;
	}

	// Every role, `role` and each of `more_roles`, is checked the same way. A picked role whose
	// position or managed flag the payload lacked is read from the server's role list, never a
	// default; where the payload and the list disagree, the higher position and managed win.
	const roles: InvocationRole[] = [];
	const picked = invocation.options.role;
	if (picked) {
		const listed = looked.roles?.get(picked.id);
		if (pickedRoleUnknown(invocation) && !looked.roles) return refuse('cannotVerify');
		if (looked.roles && !listed) return refuse('rolesNotInServer', roleMention(picked.id));
		roles.push(stricterRole(picked, listed) ?? picked);
	}
	if (read.moreRoleIds.length > 0) {
		if (!looked.roles) return refuse('cannotVerify');
		const found = looked.roles;
		const missing = read.moreRoleIds.filter((id) => !found.has(id));
		if (missing.length > 0) return refuse('rolesNotInServer', missing.map(roleMention).join(', '));
		for (const id of read.moreRoleIds) {
			const role = found.get(id);
			if (role) roles.push(role);
		}
	}
	const standing = looked.standing;
	if (roles.length > 0) {
		if (!standing) return refuse('cannotVerify');
		const managed = roles.find((role) => role.managed);
		if (managed) return refuse('roleIsManaged', roleMention(managed.id));
		if (!standing.invokerIsOwner && !grants(standing.invokerPermissions, PermissionFlagsBits.ManageRoles))
			return refuse('roleNeedsManageRoles');
		if (!grants(standing.botPermissions, PermissionFlagsBits.ManageRoles)) return refuse('botNeedsManageRoles');
		const aboveInvoker = standing.invokerIsOwner
			? undefined
			: roles.find((role) => (role.position ?? Number.POSITIVE_INFINITY) >= standing.invokerHighestPosition);
		if (aboveInvoker) return refuse('roleNotBelowInvoker', roleMention(aboveInvoker.id));
		const aboveBot = roles.find(
			(role) => (role.position ?? Number.POSITIVE_INFINITY) >= standing.botHighestPosition,
		);
		if (aboveBot) return refuse('roleNotBelowBot', roleMention(aboveBot.id));
	}
	// Limiting who may accept needs Manage Server (Discord's guide), for both.
	if (read.limitsUsers) {
		if (!standing) return refuse('cannotVerify');
		if (!standing.invokerIsOwner && !grants(standing.invokerPermissions, PermissionFlagsBits.ManageGuild))
			return refuse('usersNeedManageGuild');
		if (!grants(standing.botPermissions, PermissionFlagsBits.ManageGuild)) return refuse('botNeedsManageGuild');
	}
	return { ok: true, value: true };
}

/**
 * The JSON body, audit-log reason and target users for checked options. `targetUsers` is the
 * union of `users` and the file, read by the caller.
 */
export function buildRequest(
	invocation: InviteInvocation,
	read: ReadOptions,
	targetUsers: readonly string[] = read.users,
): ChannelInviteRequest {
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
	const roleIds = [...(options.role ? [options.role.id] : []), ...read.moreRoleIds];
	if (roleIds.length > 0) body.role_ids = roleIds;
	const request: ChannelInviteRequest = { channelId: read.target.id, body, reason: auditLogReason(invocation) };
	if (read.limitsUsers) request.targetUsers = [...new Set(targetUsers)];
	return request;
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
