import type { ChannelType, RESTPostAPIChannelInviteJSONBody, Snowflake } from 'discord-api-types/v10';

/**
 * One `/invite` as the core sees it, whichever transport delivered it. Adapters fill it from
 * a discord.js interaction (gateway) or from the raw interaction payload (HTTP).
 */
export interface InviteInvocation {
	/** The interaction's id, for logs. */
	interactionId: Snowflake;
	/** The invoker's client language (`locale`). */
	locale?: string | undefined;
	/** The server's language (`guild_locale`). */
	guildLocale?: string | undefined;
	/** The server, or null when the command ran outside one. */
	guildId: Snowflake | null;
	/** The channel the command ran in. */
	channel: InvocationChannel;
	/** The member who ran the command. */
	invoker: {
		id: Snowflake;
		username: string;
		/** Their permissions in the channel the command ran in (`member.permissions`). */
		permissions: bigint | null;
		/** Their server-wide permissions, when the adapter knows them (the gateway cache does). */
		guildPermissions?: bigint | undefined;
	};
	/** The bot's permissions in the channel the command ran in (`app_permissions`). */
	appPermissions: bigint | null;
	options: InviteOptions;
}

/** A channel as the interaction names it, with permissions where the payload carries them. */
export interface InvocationChannel {
	id: Snowflake;
	type?: ChannelType | undefined;
	/** For threads: the channel the thread lives in. */
	parentId?: Snowflake | null | undefined;
	/** The invoker's permissions there (`permissions` of a resolved channel). */
	permissions?: bigint | undefined;
	/** The bot's permissions there (`app_permissions` of a resolved channel). */
	appPermissions?: bigint | undefined;
}

/** The values of `/invite`'s options, resolved. */
export interface InviteOptions {
	channel?: InvocationChannel | undefined;
	expires?: string | undefined;
	max_uses?: number | undefined;
	temporary?: boolean | undefined;
	unique?: boolean | undefined;
	stream_user?: { id: Snowflake; username?: string | undefined } | undefined;
	activity?: string | undefined;
	role?: InvocationRole | undefined;
	/** More roles to give: role mentions or ids, separated by spaces or commas. */
	more_roles?: string | undefined;
	/** Only these users may accept: user mentions or ids, separated by spaces or commas. */
	users?: string | undefined;
	/** Only the users listed in this uploaded file may accept. */
	users_file?: InvocationAttachment | undefined;
	reason?: string | undefined;
}

/** An uploaded file as the interaction's `resolved.attachments` carries it. */
export interface InvocationAttachment {
	id: Snowflake;
	filename: string;
	/** Bytes, as Discord reports them. */
	size: number;
	/** Where to download it (Discord's CDN; in tests, the local Discord). */
	url: string;
	contentType?: string | undefined;
}

export type { AttachmentContent, AttachmentLimits } from '../discord/attachments.js';

export interface InvocationRole {
	id: Snowflake;
	name: string;
	/** Its position; undefined when the payload did not say (then the server's role list decides). */
	position?: number | undefined;
	/** Whether an integration manages it; undefined when the payload did not say. */
	managed?: boolean | undefined;
}

/**
 * Where the invoker and the bot stand in the server; needed only when `role` is given.
 * Permissions here are server-wide (roles only): in a channel's permissions bit 28 can come
 * from an overwrite, where it means Manage Permissions, not Manage Roles.
 */
export interface RoleStanding {
	invokerIsOwner: boolean;
	invokerHighestPosition: number;
	botHighestPosition: number;
	/** The invoker's server-wide permissions. */
	invokerPermissions: bigint;
	/** The bot's server-wide permissions. */
	botPermissions: bigint;
}

/** Permissions in the target channel that the payload did not carry, looked up by the adapter. */
export interface ChannelPermissions {
	invoker?: bigint | undefined;
	bot?: bigint | undefined;
	/** The channel as Discord describes it (REST or cache), when the lookup could read it. */
	channel?:
		| { type: ChannelType; guildId?: Snowflake | null | undefined; parentId?: Snowflake | null | undefined }
		| undefined;
}

/** What the core asks Discord for: one Create Channel Invite request. */
export interface ChannelInviteRequest {
	channelId: Snowflake;
	body: RESTPostAPIChannelInviteJSONBody;
	/** The audit-log reason, already bounded to 512 characters. */
	reason: string;
	/**
	 * The only users who may accept the invite, sent as the `target_users_file` CSV (the request
	 * is multipart then). Absent: anyone with the link.
	 */
	targetUsers?: readonly Snowflake[] | undefined;
}
