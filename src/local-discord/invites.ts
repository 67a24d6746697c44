import {
	type APIExtendedInvite,
	ApplicationFlags,
	ChannelType,
	InviteTargetType,
	InviteTargetUsersJobStatus,
	InviteType,
	PermissionFlagsBits,
	type RESTGetAPIInviteTargetUsersJobStatusResult,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { check, discordError, FormErrors, fieldError, type Reply } from './errors.js';
import { type InviteRecord, isInviteLive } from './model.js';
import { jsonBody, noContent, ok } from './routing.js';
import { serializeUser } from './serialize.js';
import { randomInviteCode } from './snowflake.js';
import type { LocalState, Route, RouteContext } from './state.js';
import type { RecordedRequest } from './types.js';

/** The longest `max_age` Discord's docs allow: 7 days. (The spec says 60 days since 2025-08; the docs win.) */
export const MAX_INVITE_AGE_SECONDS = 604_800;
/** The most `max_uses` an invite can have. */
export const MAX_INVITE_USES = 100;
/** The most invites a guild holds (30016 beyond). */
export const MAX_GUILD_INVITES = 1000;
/** The most roles an invite may grant. */
export const MAX_INVITE_ROLES = 250;
/** The form field holding the CSV of users who alone may accept an invite. */
export const TARGET_USERS_FILE_FIELD = 'target_users_file';
/** What the job reports for a file it cannot read (Discord's documented example). */
export const UNREADABLE_FILE_MESSAGE = 'Failed to parse CSV file';

/** Channel types that take invites. Not categories, not threads, not DMs. */
export const INVITABLE_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set([
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildStageVoice,
	ChannelType.GuildForum,
	ChannelType.GuildMedia,
]);

const VOICE_TYPES: ReadonlySet<ChannelType> = new Set([ChannelType.GuildVoice, ChannelType.GuildStageVoice]);

type Json = Record<string, unknown>;

/** The create-invite body once validated, with Discord's defaults. */
interface ChannelInviteParams {
	max_age: number;
	max_uses: number;
	temporary: boolean;
	unique: boolean;
	target_type?: InviteTargetType;
	target_user_id?: string;
	target_application_id?: string;
	role_ids: string[];
}

/** Validates the JSON fields of a create-invite body (types and ranges only). */
function parseInviteBody(body: Json): { request: ChannelInviteParams } | { reply: Reply } {
	const errors = new FormErrors();
	const field = (name: string, error: { code: string; message: string } | undefined): void => {
		if (error) errors.add([name], error.code, error.message);
	};
	const given = (name: string): boolean => body[name] !== undefined && body[name] !== null;

	if (given('max_age')) field('max_age', check.int(body.max_age, 0, MAX_INVITE_AGE_SECONDS));
	if (given('max_uses')) field('max_uses', check.int(body.max_uses, 0, MAX_INVITE_USES));
	if (given('temporary')) field('temporary', check.boolean(body.temporary));
	if (given('unique')) field('unique', check.boolean(body.unique));
	if (given('target_type'))
		field(
			'target_type',
			check.choice(body.target_type, [InviteTargetType.Stream, InviteTargetType.EmbeddedApplication]),
		);
	if (given('target_user_id')) field('target_user_id', check.snowflake(body.target_user_id));
	if (given('target_application_id')) field('target_application_id', check.snowflake(body.target_application_id));
	if (body.target_type === InviteTargetType.Stream && !given('target_user_id'))
		field('target_user_id', check.required());
	if (body.target_type === InviteTargetType.EmbeddedApplication && !given('target_application_id')) {
		field('target_application_id', check.required());
	}
	if (!given('target_type') && (given('target_user_id') || given('target_application_id')))
		field('target_type', check.required());

	let roleIds: string[] = [];
	if (given('role_ids')) {
		if (!Array.isArray(body.role_ids)) {
			errors.add(['role_ids'], 'BASE_TYPE_ARRAY', 'Must be an array.');
		} else {
			if (body.role_ids.length > MAX_INVITE_ROLES) {
				errors.add(['role_ids'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_INVITE_ROLES} or fewer in length.`);
			}
			body.role_ids.forEach((id: unknown, index) => {
				const error = check.snowflake(id);
				if (error) errors.add(['role_ids', index], error.code, error.message);
			});
			if (new Set(body.role_ids).size !== body.role_ids.length) {
				errors.add(['role_ids'], 'SET_TYPE_ALREADY_CONTAINS_VALUE', 'The set already contains this value.');
			}
			roleIds = body.role_ids as string[];
		}
	}
	if (errors.any) return { reply: errors.reply() };

	const request: ChannelInviteParams = {
		max_age: given('max_age') ? (body.max_age as number) : 86_400,
		max_uses: given('max_uses') ? (body.max_uses as number) : 0,
		temporary: body.temporary === true,
		unique: body.unique === true,
		role_ids: roleIds,
	};
	if (given('target_type')) {
		request.target_type = body.target_type as InviteTargetType;
		if (request.target_type === InviteTargetType.Stream) request.target_user_id = body.target_user_id as string;
		else request.target_application_id = body.target_application_id as string;
	}
	return { request };
}

/** A `target_users_file` read: the user ids, or the file could not be read as text at all. */
type TargetUsersFile = { ids: string[]; unreadable: false } | { ids: []; unreadable: true };

/**
 * Reads `target_users_file`: a CSV whose first line may be the `user_id` header, then one
 * id a line. Lines that are not snowflakes are a 400 naming each line, in the shape Discord
 * documents; duplicates are ignored. A file that is not UTF-8 text is accepted and its job
 * fails ("failed for a file it cannot read").
 */
function readTargetUsersFile(request: RecordedRequest): { file?: TargetUsersFile } | { reply: Reply } {
	const part = request.form?.files.find((file) => file.field === TARGET_USERS_FILE_FIELD);
	if (!part) return {};
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(part.data);
	} catch {
		return { file: { ids: [], unreadable: true } };
	}
	if (text.includes('\u0000')) return { file: { ids: [], unreadable: true } };
	const problems: string[] = [];
	const ids = new Set<string>();
	text.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.forEach((raw, index) => {
			const line = raw.trim();
			if (line === '' || (index === 0 && line === 'user_id')) return;
			if (!/^\d+$/.test(line)) problems.push(`Line ${index + 1}: invalid user ID format`);
			else if (check.snowflake(line))
				problems.push(`Line ${index + 1}: invalid user ID - must be a valid Discord snowflake`);
			else ids.add(line);
		});
	if (problems.length > 0) return { reply: { status: 400, body: { [TARGET_USERS_FILE_FIELD]: problems } } };
	return { file: { ids: [...ids], unreadable: false } };
}

/** Starts the asynchronous processing of an invite's list of users. */
function startJob(state: LocalState, invite: InviteRecord, file: TargetUsersFile, now: number): void {
	invite.target_user_ids = file.ids;
	invite.target_users_job = {
		created_at: now,
		completes_at: now + state.options.targetUsersJobMs,
		total_users: file.ids.length,
		error_message: file.unreadable ? UNREADABLE_FILE_MESSAGE : null,
	};
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
	a.length === b.length && a.every((id) => b.includes(id));

/** An invite Discord may hand back instead of a new one when `unique` is false. */
function findReusable(
	state: LocalState,
	channelId: string,
	inviterId: string,
	request: ChannelInviteParams,
	now: number,
): InviteRecord | undefined {
	return state.guild.invites.find(
		(invite) =>
			isInviteLive(invite, now) &&
			invite.channel_id === channelId &&
			invite.inviter_id === inviterId &&
			invite.max_age === request.max_age &&
			invite.max_uses === request.max_uses &&
			invite.temporary === request.temporary &&
			invite.target_type === request.target_type &&
			invite.target_user_id === request.target_user_id &&
			invite.target_application_id === request.target_application_id &&
			sameSet(invite.role_ids, request.role_ids),
	);
}

/**
 * An invite object with metadata, shaped like the spec's GuildInviteResponse (what
 * POST /channels/{id}/invites and GET .../invites return).
 */
export function serializeInvite(state: LocalState, invite: InviteRecord): APIExtendedInvite {
	const { guild } = state;
	const channel = guild.findChannel(invite.channel_id);
	const inviter = invite.inviter_id ? guild.findUser(invite.inviter_id) : undefined;
	const result: Json = {
		type: InviteType.Guild,
		code: invite.code,
		...(inviter ? { inviter: serializeUser(inviter) } : {}),
		max_age: invite.max_age,
		created_at: new Date(invite.created_at).toISOString(),
		expires_at: invite.max_age > 0 ? new Date(invite.created_at + invite.max_age * 1000).toISOString() : null,
		guild: {
			id: guild.id,
			name: guild.info.name,
			splash: null,
			banner: null,
			description: guild.info.description,
			icon: guild.info.icon,
			features: [...guild.info.features],
			verification_level: guild.info.verification_level,
			vanity_url_code: null,
			nsfw_level: guild.info.nsfw_level,
			nsfw: false,
			premium_subscription_count: guild.info.premium_subscription_count,
		},
		guild_id: guild.id,
		channel: { id: invite.channel_id, type: channel?.type ?? ChannelType.GuildText, name: channel?.name ?? null },
		uses: invite.uses,
		max_uses: invite.max_uses,
		temporary: invite.temporary,
		flags: 0,
	};
	if (invite.target_type !== undefined) result.target_type = invite.target_type;
	if (invite.target_user_id) {
		const user = guild.findUser(invite.target_user_id);
		if (user) result.target_user = serializeUser(user);
	}
	if (invite.target_application_id) {
		const flags = ApplicationFlags.Embedded;
		result.target_application = {
			id: invite.target_application_id,
			name: guild.embeddedApplications.get(invite.target_application_id) ?? guild.activityApplicationName,
			icon: null,
			description: '',
			type: null,
			verify_key: '0'.repeat(64),
			flags,
			flags_new: String(flags),
			max_participants: -1,
		};
	}
	if (invite.role_ids.length > 0) {
		result.roles = invite.role_ids.flatMap((id) => {
			const role = guild.findRole(id);
			return role
				? [
						{
							id: role.id,
							name: role.name,
							position: role.position,
							color: role.color,
							colors: role.colors,
							icon: role.icon ?? null,
							unicode_emoji: role.unicode_emoji ?? null,
						},
					]
				: [];
		});
	}
	return result as unknown as APIExtendedInvite;
}

/** The channel and the bot's permissions in it, or Discord's error (10003, 50001). */
function botChannel(context: RouteContext): { channelId: string; permissions: bigint } | { reply: Reply } {
	const { state, params } = context;
	const channel = state.guild.channels.find((c) => c.id === params.channel);
	if (!channel) return { reply: discordError(RESTJSONErrorCodes.UnknownChannel) };
	const permissions = state.guild.permissionsIn(state.options.applicationId, channel.id);
	if (!(permissions & PermissionFlagsBits.ViewChannel))
		return { reply: discordError(RESTJSONErrorCodes.MissingAccess) };
	return { channelId: channel.id, permissions };
}

/**
 * POST /channels/{id}/invites, checked in this order: body (50035/50109), channel (10003),
 * bot can see it (50001), channel type (50024), Create Instant Invite (50013), targets
 * (50035, 10013), roles (10011; 50028 for @everyone or managed roles; 50013 without Manage
 * Roles or for a role not below the bot's highest), then reuse when not `unique`, then the
 * 1000-invite cap (30016).
 */
function createInvite(context: RouteContext): Reply {
	const { state, request: http } = context;
	const body = jsonBody(http, 'object', { multipart: true });
	if (!body.ok) return body.reply;
	const parsed = parseInviteBody(body.value);
	if ('reply' in parsed) return parsed.reply;
	const { request } = parsed;
	const users = readTargetUsersFile(http);
	if ('reply' in users) return users.reply;

	const found = botChannel(context);
	if ('reply' in found) return found.reply;
	const channel = state.guild.channel(found.channelId);
	if (!INVITABLE_CHANNEL_TYPES.has(channel.type))
		return discordError(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType);
	if (!(found.permissions & PermissionFlagsBits.CreateInstantInvite))
		return discordError(RESTJSONErrorCodes.MissingPermissions);

	if (request.target_type !== undefined && !VOICE_TYPES.has(channel.type)) {
		return new FormErrors()
			.add(
				['target_type'],
				'INVITE_TARGET_CHANNEL_TYPE_INVALID',
				'Invite targets are only allowed in voice and stage channels.',
			)
			.reply();
	}
	if (request.target_type === InviteTargetType.Stream) {
		const user = state.guild.findUser(request.target_user_id ?? '');
		if (!user || user.id !== request.target_user_id) return discordError(RESTJSONErrorCodes.UnknownUser);
		const voice = state.guild.voiceState(user.id);
		if (!voice || voice.channel_id !== channel.id || voice.self_stream !== true) {
			return new FormErrors()
				.add(
					['target_user_id'],
					'INVITE_TARGET_USER_NOT_STREAMING',
					'The target user must be streaming in this channel.',
				)
				.reply();
		}
	}
	if (
		request.target_type === InviteTargetType.EmbeddedApplication &&
		!state.guild.embeddedApplications.has(request.target_application_id ?? '')
	) {
		return new FormErrors()
			.add(
				['target_application_id'],
				'INVITE_TARGET_APPLICATION_INVALID',
				'The target application must be an embedded application.',
			)
			.reply();
	}

	if (request.role_ids.length > 0) {
		const botId = state.options.applicationId;
		for (const id of request.role_ids) {
			if (!state.guild.roles.some((role) => role.id === id)) return discordError(RESTJSONErrorCodes.UnknownRole);
		}
		for (const id of request.role_ids) {
			const role = state.guild.role(id);
			if (role.id === state.guild.id || role.managed) return discordError(RESTJSONErrorCodes.InvalidRole);
		}
		if (!(state.guild.basePermissions(botId) & PermissionFlagsBits.ManageRoles))
			return discordError(RESTJSONErrorCodes.MissingPermissions);
		const botTop = state.guild.highestRolePosition(botId);
		// Like granting a role to a member: a role at or above the bot's highest is a permission problem.
		if (request.role_ids.some((id) => state.guild.role(id).position >= botTop))
			return discordError(RESTJSONErrorCodes.MissingPermissions);
	}

	// Limiting who may accept needs Manage Server (Discord's guide).
	if (users.file && !(state.guild.basePermissions(state.options.applicationId) & PermissionFlagsBits.ManageGuild))
		return discordError(RESTJSONErrorCodes.MissingPermissions);

	const now = http.at;
	const inviterId = state.options.applicationId;
	// An invite with its own list of users is never handed back for another request.
	if (!request.unique && !users.file) {
		const existing = findReusable(state, channel.id, inviterId, request, now);
		if (existing) {
			state.log(`invite ${existing.code} reused for #${channel.name}`);
			return ok(serializeInvite(state, existing));
		}
	}
	if (state.guild.liveInvites(now).length >= MAX_GUILD_INVITES)
		return discordError(RESTJSONErrorCodes.MaximumNumberOfInvitesReached);

	let code = randomInviteCode();
	while (state.guild.invites.some((invite) => invite.code === code)) code = randomInviteCode();
	const invite: InviteRecord = {
		code,
		channel_id: channel.id,
		inviter_id: inviterId,
		max_age: request.max_age,
		max_uses: request.max_uses,
		uses: 0,
		temporary: request.temporary,
		created_at: now,
		role_ids: [...request.role_ids],
	};
	if (request.target_type !== undefined) invite.target_type = request.target_type;
	if (request.target_user_id) invite.target_user_id = request.target_user_id;
	if (request.target_application_id) invite.target_application_id = request.target_application_id;
	if (users.file) startJob(state, invite, users.file, now);
	state.guild.invites.push(invite);
	state.log(`invite ${code} created for #${channel.name}`);
	return ok(serializeInvite(state, invite));
}

/** GET /channels/{id}/invites: needs Manage Channels there. */
function listChannelInvites(context: RouteContext): Reply {
	const found = botChannel(context);
	if ('reply' in found) return found.reply;
	if (!(found.permissions & PermissionFlagsBits.ManageChannels))
		return discordError(RESTJSONErrorCodes.MissingPermissions);
	const { state } = context;
	return ok(
		state.guild
			.liveInvites(context.request.at)
			.filter((i) => i.channel_id === found.channelId)
			.map((i) => serializeInvite(state, i)),
	);
}

/**
 * GET /guilds/{id}/invites: needs Manage Guild or View Audit Log; the invite metadata (`uses`,
 * `max_uses`, `max_age`, `temporary`, `created_at`) only with Manage Guild, as Discord does.
 */
function listGuildInvites(context: RouteContext): Reply {
	const { state, params } = context;
	if (params.guild !== state.guild.id || state.guild.botRemoved) return discordError(RESTJSONErrorCodes.UnknownGuild);
	const permissions = state.guild.basePermissions(state.options.applicationId);
	const metadata = (permissions & PermissionFlagsBits.ManageGuild) !== 0n;
	if (!metadata && !(permissions & PermissionFlagsBits.ViewAuditLog)) {
		return discordError(RESTJSONErrorCodes.MissingPermissions);
	}
	const invites = state.guild.liveInvites(context.request.at).map((i) => serializeInvite(state, i));
	return ok(metadata ? invites : invites.map(withoutMetadata));
}

/** An invite without its metadata: what members without Manage Guild may see. */
function withoutMetadata(invite: object): Record<string, unknown> {
	const copy = { ...invite } as Record<string, unknown>;
	for (const key of METADATA_KEYS) delete copy[key];
	return copy;
}

/** The invite metadata object's fields (Discord's docs, Invite Metadata Object). */
const METADATA_KEYS = ['uses', 'max_uses', 'max_age', 'temporary', 'created_at'] as const;

/** The invite with this code, if it still works. */
function liveInvite(context: RouteContext): InviteRecord | undefined {
	return context.state.guild.invites.find(
		(i) => i.code === context.params.code && isInviteLive(i, context.request.at),
	);
}

/** GET /invites/{code}: the invite without metadata (uses, max_uses... are not public). */
function getInvite(context: RouteContext): Reply {
	const invite = liveInvite(context);
	if (!invite) return discordError(RESTJSONErrorCodes.UnknownInvite);
	const {
		uses: _uses,
		max_uses: _maxUses,
		max_age: _maxAge,
		temporary: _temporary,
		created_at: _createdAt,
		...publicInvite
	} = serializeInvite(context.state, invite);
	if (context.request.query.get('with_counts') === 'true') {
		Object.assign(publicInvite, {
			approximate_member_count: context.state.guild.members.length,
			approximate_presence_count: 0,
		});
	}
	return ok(publicInvite);
}

/** DELETE /invites/{code}: needs Manage Channels on its channel or Manage Guild. */
function deleteInvite(context: RouteContext): Reply {
	const { state } = context;
	const invite = liveInvite(context);
	if (!invite) return discordError(RESTJSONErrorCodes.UnknownInvite);
	const botId = state.options.applicationId;
	const allowed =
		(state.guild.permissionsIn(botId, invite.channel_id) & PermissionFlagsBits.ManageChannels) !== 0n ||
		(state.guild.basePermissions(botId) & PermissionFlagsBits.ManageGuild) !== 0n;
	if (!allowed) return discordError(RESTJSONErrorCodes.MissingPermissions);
	const body = serializeInvite(state, invite);
	// Through the model: INVITE_DELETE goes out. The audit-log reason is on the recorded request.
	state.guild.deleteInvite(invite.code);
	state.log(
		`invite ${invite.code} deleted${context.request.auditLogReason ? ` (${context.request.auditLogReason})` : ''}`,
	);
	return ok(body);
}

/**
 * Who may read an invite's list of users and its job: the inviter, or Manage Server, or
 * View Audit Log; changing the list needs the inviter or Manage Server.
 */
function mayReadTargetUsers(state: LocalState, invite: InviteRecord, write: boolean): boolean {
	const botId = state.options.applicationId;
	if (invite.inviter_id === botId) return true;
	const permissions = state.guild.basePermissions(botId);
	return (
		(permissions & PermissionFlagsBits.ManageGuild) !== 0n ||
		(!write && (permissions & PermissionFlagsBits.ViewAuditLog) !== 0n)
	);
}

/** GET /invites/{code}/target-users: the list as a CSV with the `user_id` header (10129 without one). */
function getTargetUsers(context: RouteContext): Reply {
	const invite = liveInvite(context);
	if (!invite) return discordError(RESTJSONErrorCodes.UnknownInvite);
	if (!mayReadTargetUsers(context.state, invite, false)) return discordError(RESTJSONErrorCodes.MissingPermissions);
	if (!invite.target_user_ids) return discordError(RESTJSONErrorCodes.UnknownInviteTargetUsers);
	return {
		status: 200,
		body: `user_id\n${invite.target_user_ids.map((id) => `${id}\n`).join('')}`,
		headers: { 'Content-Type': 'text/csv' },
	};
}

/** PUT /invites/{code}/target-users: replaces the list (multipart `target_users_file`); 204, a new job. */
function putTargetUsers(context: RouteContext): Reply {
	const { state, request } = context;
	const invite = liveInvite(context);
	if (!invite) return discordError(RESTJSONErrorCodes.UnknownInvite);
	if (!mayReadTargetUsers(state, invite, true)) return discordError(RESTJSONErrorCodes.MissingPermissions);
	const users = readTargetUsersFile(request);
	if ('reply' in users) return users.reply;
	if (!users.file) return fieldError([TARGET_USERS_FILE_FIELD], check.required().code, check.required().message);
	startJob(state, invite, users.file, request.at);
	return noContent();
}

/** GET /invites/{code}/target-users/job-status: processing until the job's time is up, then completed or failed. */
function getTargetUsersJobStatus(context: RouteContext): Reply {
	const invite = liveInvite(context);
	if (!invite) return discordError(RESTJSONErrorCodes.UnknownInvite);
	if (!mayReadTargetUsers(context.state, invite, false)) return discordError(RESTJSONErrorCodes.MissingPermissions);
	const job = invite.target_users_job;
	if (!job) return discordError(RESTJSONErrorCodes.UnknownInviteTargetUsersJob);
	const now = context.request.at;
	const done = now >= job.completes_at;
	const span = Math.max(1, job.completes_at - job.created_at);
	const processed = done ? job.total_users : Math.floor((job.total_users * (now - job.created_at)) / span);
	const status: RESTGetAPIInviteTargetUsersJobStatusResult = {
		status: !done
			? InviteTargetUsersJobStatus.Processing
			: job.error_message
				? InviteTargetUsersJobStatus.Failed
				: InviteTargetUsersJobStatus.Completed,
		total_users: job.total_users,
		processed_users: job.error_message && done ? 0 : processed,
		created_at: new Date(job.created_at).toISOString(),
		completed_at: done && !job.error_message ? new Date(job.completes_at).toISOString() : null,
		error_message: done ? job.error_message : null,
	};
	return ok(status);
}

/** The invite routes. Creating one has its own per-channel bucket (`inviteBucket`). */
export function inviteRoutes(): Route[] {
	return [
		{
			method: 'POST',
			path: '/channels/:channel/invites',
			auth: true,
			bucket: 'channel-invites-post',
			major: 'channel',
			limits: (state) => state.options.inviteBucket,
			handle: createInvite,
		},
		{
			method: 'GET',
			path: '/channels/:channel/invites',
			auth: true,
			bucket: 'channel-invites-get',
			major: 'channel',
			handle: listChannelInvites,
		},
		{
			method: 'GET',
			path: '/guilds/:guild/invites',
			auth: true,
			bucket: 'guild-invites',
			major: 'guild',
			handle: listGuildInvites,
		},
		{ method: 'GET', path: '/invites/:code', auth: true, bucket: 'invite', handle: getInvite },
		{
			method: 'GET',
			path: '/invites/:code/target-users',
			auth: true,
			bucket: 'invite-target-users',
			handle: getTargetUsers,
		},
		{
			method: 'PUT',
			path: '/invites/:code/target-users',
			auth: true,
			bucket: 'invite-target-users-put',
			handle: putTargetUsers,
		},
		{
			method: 'GET',
			path: '/invites/:code/target-users/job-status',
			auth: true,
			bucket: 'invite-target-users-job',
			handle: getTargetUsersJobStatus,
		},
		{ method: 'DELETE', path: '/invites/:code', auth: true, bucket: 'invite-delete', handle: deleteInvite },
	];
}
