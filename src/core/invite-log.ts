/**
 * The invite log: one embed per invite made or revoked through the bot, posted in the
 * server's `log_channel` (`/invite-settings`). Pure: an entry in, the Create Message body out;
 * posting it is src/commands/invite-log.ts.
 */
import { channelMention, inlineCode, roleMention, TimestampStyles, time, userMention } from '@discordjs/formatters';
import type { APIEmbedField, RESTPostAPIChannelMessageJSONBody, Snowflake } from 'discord-api-types/v10';
import { formatList, type Messages } from '../i18n/index.js';

/** Who did something, as the log names them. */
export interface LogMember {
	id: Snowflake;
	/** Their name at the time (shown beside the mention, which pings nobody). */
	username?: string | undefined;
}

/** One invite made or revoked through the bot, as the log shows it. */
export interface InviteLogEntry {
	event: 'created' | 'revoked';
	guildId: Snowflake;
	code: string;
	/** The invite's channel. */
	channelId: Snowflake;
	/** Who asked for the invite (Discord names the bot as `inviter`). */
	inviter: LogMember;
	/** For `revoked`: who revoked it. */
	revoker?: LogMember | undefined;
	/** When it stops working (unix seconds), or null when it never does. */
	expiresAt: number | null;
	/** 0: no limit. */
	maxUses: number;
	uses?: number | undefined;
	roleIds?: readonly Snowflake[] | undefined;
	/** How many users alone may accept it, when limited to chosen users. */
	targetUsers?: number | null | undefined;
	/** The member's reason (for `revoked`: the revoke's). */
	reason?: string | null | undefined;
	/** When it happened (ms since epoch): the embed's timestamp. */
	at: number;
}

/** Room in a field: Discord's limit is 1024 characters. */
const FIELD_MAX = 1_024;
/** Roles shown before "+N" (a role mention is about 22 characters). */
const ROLES_SHOWN = 40;
const COLORS = { created: 0x57f287, revoked: 0xed4245 } as const;

const clip = (text: string): string => (text.length <= FIELD_MAX ? text : `${text.slice(0, FIELD_MAX - 1)}…`);
const who = (member: LogMember): string =>
	member.username ? `${userMention(member.id)} (${member.username})` : userMention(member.id);

/**
 * The Create Message body for one entry, in the server's language: an embed with who, where,
 * expiry, uses, roles, target users and reason, and `allowed_mentions: { parse: [] }` so the
 * mentions it carries ping nobody.
 */
export function inviteLogMessage(entry: InviteLogEntry, messages: Messages): RESTPostAPIChannelMessageJSONBody {
	const m = messages.reply;
	const s = messages.settings;
	const fields: APIEmbedField[] = [
		{ name: s.askedBy, value: who(entry.inviter), inline: true },
		{ name: s.channel, value: channelMention(entry.channelId), inline: true },
		{ name: m.code, value: inlineCode(entry.code), inline: true },
		{
			name: m.expires,
			value:
				entry.expiresAt === null
					? m.neverExpires
					: `${time(entry.expiresAt, TimestampStyles.LongDateShortTime)} (${time(entry.expiresAt, TimestampStyles.RelativeTime)})`,
			inline: true,
		},
		{
			name: m.uses,
			value: entry.maxUses > 0 ? m.usesOf(entry.uses ?? 0, entry.maxUses) : m.usesUnlimited(entry.uses ?? 0),
			inline: true,
		},
	];
	const roles = entry.roleIds ?? [];
	if (roles.length > 0) {
		const shown: string[] = roles.slice(0, ROLES_SHOWN).map((id) => roleMention(id));
		if (roles.length > ROLES_SHOWN) shown.push(`… (+${roles.length - ROLES_SHOWN})`);
		fields.push({ name: m.roles, value: clip(formatList(messages, shown)) });
	}
	if (entry.targetUsers !== undefined && entry.targetUsers !== null)
		fields.push({ name: '\u200b', value: m.targetUsers(entry.targetUsers) });
	if (entry.event === 'revoked' && entry.revoker) fields.push({ name: s.revokedBy, value: who(entry.revoker) });
	const reason = entry.reason?.trim();
	if (reason) fields.push({ name: s.reason, value: clip(reason) });
	return {
		embeds: [
			{
				title: entry.event === 'created' ? s.logCreated : s.logRevoked,
				color: COLORS[entry.event],
				fields,
				timestamp: new Date(entry.at).toISOString(),
			},
		],
		allowed_mentions: { parse: [] },
	};
}
