/**
 * `/invites` decided, pure: its registration, the reader of its payload, the permission
 * checks of a revoke (the member's and the bot's), the audit-log reason, the list's lines
 * and paging buttons, and the Revoke button of an `/invite` reply. Values in, values out.
 */
import {
	type APIActionRowComponent,
	type APIApplicationCommandOption,
	type APIButtonComponentWithCustomId,
	type APIComponentInMessageActionRow,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ButtonStyle,
	ComponentType,
	InteractionContextType,
	type LocalizationMap,
	PermissionFlagsBits,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type Snowflake,
} from 'discord-api-types/v10';
import { en, MESSAGES, type Messages } from '../i18n/index.js';
import { type RevokeGrant, revokeGrant } from '../store/policy.js';
import type { LedgerInvite } from '../store/types.js';
import type { Parsed } from './payload.js';
import { type ReplyMessage, textReply } from './render.js';

export const INVITES_COMMAND_NAME = 'invites';
/** Rows on one page of `/invites list`. */
export const LIST_PAGE_SIZE = 10;
/** `custom_id` prefixes: the list's paging buttons (`/invites`), the Revoke button (`/invite`). */
export const PAGE_PREFIX = 'invites:page:';
export const REVOKE_PREFIX = 'invite:revoke:';
/** Discord's longest audit-log reason. */
export const AUDIT_REASON_MAX = 512;
/** `reason`'s longest input: room for `/invites revoke by NAME (ID): ` in the audit log. */
export const REVOKE_REASON_MAX_LENGTH = 400;
/** Discord's invite codes are short; a vanity URL at most 32 characters. */
export const CODE_MAX_LENGTH = 32;

type OptionName = keyof Messages['ledger']['command']['options'];

function localized(pick: (messages: Messages) => string | undefined): LocalizationMap | undefined {
	const map: Record<string, string> = {};
	for (const [locale, messages] of Object.entries(MESSAGES)) {
		const value = pick(messages);
		if (value !== undefined && value !== pick(en) && messages !== en) map[locale] = value;
	}
	return Object.keys(map).length > 0 ? (map as LocalizationMap) : undefined;
}

/** Name, description and their translations, as Discord registers them. */
function described(name: string, pick: (messages: Messages) => { name?: string; description: string }) {
	const names = localized((m) => pick(m).name);
	const descriptions = localized((m) => pick(m).description);
	return {
		name,
		...(names ? { name_localizations: names } : {}),
		description: pick(en).description,
		...(descriptions ? { description_localizations: descriptions } : {}),
	};
}

const option = (name: OptionName, rest: Record<string, unknown>): APIApplicationCommandOption =>
	({ ...described(name, (m) => m.ledger.command.options[name]), ...rest }) as APIApplicationCommandOption;

/** `/invites` as registered: `list` and `revoke`, open to every member (each check is made at run time). */
export function buildInvitesCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
	return {
		type: ApplicationCommandType.ChatInput,
		...described(INVITES_COMMAND_NAME, (m) => m.ledger.command),
		// Every member: each lists and revokes their own; the rest is checked at run time.
		default_member_permissions: null,
		contexts: [InteractionContextType.Guild],
		integration_types: [ApplicationIntegrationType.GuildInstall],
		options: [
			{
				type: ApplicationCommandOptionType.Subcommand,
				...described('list', (m) => m.ledger.command.list),
				options: [
					option('member', { type: ApplicationCommandOptionType.User }),
					option('channel', { type: ApplicationCommandOptionType.Channel }),
				],
			},
			{
				type: ApplicationCommandOptionType.Subcommand,
				...described('revoke', (m) => m.ledger.command.revoke),
				options: [
					option('code', {
						type: ApplicationCommandOptionType.String,
						autocomplete: true,
						max_length: CODE_MAX_LENGTH,
					}),
					option('member', { type: ApplicationCommandOptionType.User }),
					option('reason', {
						type: ApplicationCommandOptionType.String,
						max_length: REVOKE_REASON_MAX_LENGTH,
					}),
				],
			},
		],
	} as RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** The registration, built once. */
export const invitesCommand: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> = Object.freeze(
	buildInvitesCommand(),
);

/** Who runs a command or clicks a button, read from the payload. */
export interface LedgerActor {
	id: Snowflake;
	/** Their name as the server shows it: nickname, else global name, else username. */
	name: string;
	/** Their permissions in the channel the interaction came from (`member.permissions`). */
	permissions: bigint;
}

/** What every `/invites` interaction and button carries. */
export interface LedgerInteraction {
	interactionId: string;
	guildId: Snowflake | null;
	channelId: Snowflake | undefined;
	actor: LedgerActor;
	/** The bot's permissions in that channel (`app_permissions`). */
	botPermissions: bigint;
	locale: string;
	guildLocale?: string | undefined;
}

/** `/invites list` or `/invites revoke`, read. */
export type InvitesInput = LedgerInteraction &
	(
		| { subcommand: 'list'; member?: { id: Snowflake; name: string } | undefined; channel?: Snowflake | undefined }
		| {
				subcommand: 'revoke';
				code?: string | undefined;
				member?: { id: Snowflake; name: string } | undefined;
				reason?: string | undefined;
		  }
	);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const SNOWFLAKE = /^\d{1,20}$/;

function bits(value: unknown): bigint {
	return typeof value === 'string' && /^\d{1,30}$/.test(value) ? BigInt(value) : 0n;
}

/** The name a member goes by in a server. */
function displayName(member: Json | undefined, user: Json | undefined): string {
	return str(member?.nick) ?? str(user?.global_name) ?? str(user?.username) ?? '?';
}

/** Who, where, in which language: the part of a command or a component payload every handler reads. */
export function readLedgerInteraction(payload: unknown): Parsed<LedgerInteraction> {
	if (!isObject(payload) || typeof payload.id !== 'string') return { ok: false, problem: 'not an interaction' };
	const member = isObject(payload.member) ? payload.member : undefined;
	const user = isObject(member?.user) ? member.user : isObject(payload.user) ? payload.user : undefined;
	const id = str(user?.id);
	if (!id || !SNOWFLAKE.test(id)) return { ok: false, problem: 'no user id' };
	const guildId = str(payload.guild_id);
	if (guildId !== undefined && !SNOWFLAKE.test(guildId)) return { ok: false, problem: 'guild_id is not a snowflake' };
	return {
		ok: true,
		value: {
			interactionId: payload.id,
			guildId: guildId ?? null,
			channelId: str(payload.channel_id),
			actor: { id, name: displayName(member, user), permissions: bits(member?.permissions) },
			botPermissions: bits(payload.app_permissions),
			locale: str(payload.locale) ?? 'en-US',
			guildLocale: str(payload.guild_locale),
		},
	};
}

/** The validating reader of `/invites`: a malformed payload is a problem, never a crash. */
export function readInvitesPayload(payload: unknown): Parsed<InvitesInput> {
	const base = readLedgerInteraction(payload);
	if (!base.ok) return base;
	const data = isObject((payload as Json).data) ? ((payload as Json).data as Json) : {};
	const [sub] = Array.isArray(data.options) ? data.options : [];
	if (!isObject(sub) || sub.type !== ApplicationCommandOptionType.Subcommand)
		return { ok: false, problem: 'no subcommand' };
	const values = new Map<string, unknown>();
	for (const entry of Array.isArray(sub.options) ? sub.options : [])
		if (isObject(entry) && typeof entry.name === 'string') values.set(entry.name, entry.value);
	const resolved = isObject(data.resolved) ? data.resolved : {};
	const users = isObject(resolved.users) ? resolved.users : {};
	const members = isObject(resolved.members) ? resolved.members : {};
	const memberId = str(values.get('member'));
	if (memberId !== undefined && !SNOWFLAKE.test(memberId)) return { ok: false, problem: 'member is not a snowflake' };
	const member =
		memberId === undefined
			? undefined
			: {
					id: memberId,
					name: displayName(
						isObject(members[memberId]) ? (members[memberId] as Json) : undefined,
						isObject(users[memberId]) ? (users[memberId] as Json) : undefined,
					),
				};
	if (sub.name === 'list') {
		const channel = str(values.get('channel'));
		if (channel !== undefined && !SNOWFLAKE.test(channel))
			return { ok: false, problem: 'channel is not a snowflake' };
		return { ok: true, value: { ...base.value, subcommand: 'list', member, channel } };
	}
	if (sub.name === 'revoke') {
		const code = str(values.get('code'))?.trim();
		const reason = str(values.get('reason'))?.trim();
		if (code !== undefined && code.length > CODE_MAX_LENGTH) return { ok: false, problem: 'code too long' };
		if (reason !== undefined && reason.length > REVOKE_REASON_MAX_LENGTH)
			return { ok: false, problem: 'reason too long' };
		return {
			ok: true,
			value: {
				...base.value,
				subcommand: 'revoke',
				...(code ? { code } : {}),
				member,
				...(reason ? { reason } : {}),
			},
		};
	}
	return { ok: false, problem: `unknown subcommand ${String(sub.name)}` };
}

// ---- permissions -----------------------------------------------------------------------------

const has = (permissions: bigint | undefined, flag: bigint): boolean =>
	permissions !== undefined &&
	((permissions & PermissionFlagsBits.Administrator) !== 0n || (permissions & flag) !== 0n);

/**
 * Manage Server is server-wide (channel overwrites cannot grant or deny it), so the
 * permissions an interaction carries for any channel tell it.
 */
export const hasManageGuild = (permissions: bigint): boolean => has(permissions, PermissionFlagsBits.ManageGuild);

/**
 * Why `actor` may revoke `invite`, or null. `channelPermissions` is the actor's in the
 * invite's channel, when known (Discord's own rule: Manage Channels there).
 */
export function revokeAllowed(
	invite: Pick<LedgerInvite, 'inviterId' | 'channelId'>,
	actor: LedgerActor,
	channelPermissions: bigint | undefined,
): RevokeGrant | null {
	return revokeGrant(invite, {
		id: actor.id,
		permissions: actor.permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator),
		channelPermissions: (id) => (id === invite.channelId ? channelPermissions : undefined),
	});
}

/** Whether the bot may call Delete Invite: Manage Channels in the invite's channel, or Manage Server. */
export function botMayRevoke(botGuildWide: bigint, botInChannel: bigint | undefined): boolean {
	return hasManageGuild(botGuildWide) || has(botInChannel, PermissionFlagsBits.ManageChannels);
}

/** The audit-log reason of a revoke: `/invites revoke by NAME (ID): reason`, within Discord's 512. */
export function revokeAuditReason(actor: Pick<LedgerActor, 'id' | 'name'>, reason: string | undefined): string {
	const text = `/invites revoke by ${actor.name} (${actor.id})${reason ? `: ${reason}` : ''}`;
	return text.length > AUDIT_REASON_MAX ? `${text.slice(0, AUDIT_REASON_MAX - 1)}…` : text;
}

// ---- rendering ----------------------------------------------------------------------------

/** One line of the list: code, channel, uses of the limit, expiry, roles, target. */
export function listLine(invite: LedgerInvite, uses: number | undefined, messages: Messages): string {
	const parts = [`\`${invite.code}\``, `<#${invite.channelId}>`];
	if (uses !== undefined)
		parts.push(
			invite.maxUses > 0 ? messages.reply.usesOf(uses, invite.maxUses) : messages.reply.usesUnlimited(uses),
		);
	parts.push(
		invite.expiresAt === null
			? messages.reply.neverExpires
			: `${messages.reply.expires} <t:${Math.floor(invite.expiresAt / 1000)}:R>`,
	);
	if (invite.roleIds.length > 0)
		parts.push(`${messages.ledger.roles} ${invite.roleIds.map((id) => `<@&${id}>`).join(' ')}`);
	if (invite.targetUserId) parts.push(`${messages.ledger.target} <@${invite.targetUserId}>`);
	else if (invite.targetUsersCount) parts.push(messages.reply.targetUsers(invite.targetUsersCount));
	return `- ${parts.join(' · ')}`;
}

/** What a paging button remembers: who may press it, whose list, which channel, which page. */
export interface PageState {
	ownerId: Snowflake;
	memberId: Snowflake;
	channelId?: Snowflake | undefined;
	page: number;
}

export const pageCustomId = (state: PageState): string =>
	`${PAGE_PREFIX}${state.ownerId}:${state.memberId}:${state.channelId ?? '-'}:${state.page}`;

export function readPageCustomId(customId: string): PageState | undefined {
	const match = /^invites:page:(\d{1,20}):(\d{1,20}):(\d{1,20}|-):(\d{1,4})$/.exec(customId);
	if (!match) return undefined;
	const [, ownerId, memberId, channel, page] = match as unknown as [string, string, string, string, string];
	return { ownerId, memberId, ...(channel === '-' ? {} : { channelId: channel }), page: Number(page) };
}

/** A page of the list as an ephemeral reply, with Previous / Next when there is more. */
export function renderList(
	page: { invites: LedgerInvite[]; hasNext: boolean },
	state: PageState,
	view: { uses: ReadonlyMap<string, number> | undefined; memberName: string | undefined },
	messages: Messages,
): ReplyMessage {
	const own = state.memberId === state.ownerId;
	if (page.invites.length === 0 && state.page === 0)
		return textReply(own ? messages.ledger.listEmpty : messages.ledger.listEmptyOf(`<@${state.memberId}>`));
	const lines = [
		own
			? messages.ledger.listOwn
			: messages.ledger.listOf(view.memberName ? `<@${state.memberId}>` : state.memberId),
		...page.invites.map((invite) => listLine(invite, view.uses?.get(invite.code), messages)),
	];
	if (!view.uses) lines.push('', messages.ledger.usesMissing);
	const paged = state.page > 0 || page.hasNext;
	if (paged) lines.push('', messages.ledger.page(state.page + 1));
	const reply = textReply(lines.join('\n'));
	if (!paged) return reply;
	const button = (label: string, target: number, disabled: boolean): APIButtonComponentWithCustomId => ({
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		label,
		custom_id: pageCustomId({ ...state, page: target }),
		disabled,
	});
	const row: APIActionRowComponent<APIComponentInMessageActionRow> = {
		type: ComponentType.ActionRow,
		components: [
			button(messages.ledger.previous, Math.max(0, state.page - 1), state.page === 0),
			button(messages.ledger.next, state.page + 1, !page.hasNext),
		],
	};
	return { ...reply, components: [row] };
}

/** The Revoke button an `/invite` reply carries when the bot keeps a ledger. */
export function revokeButtonRow(
	code: string,
	messages: Messages,
): APIActionRowComponent<APIComponentInMessageActionRow> {
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.Button,
				style: ButtonStyle.Danger,
				label: messages.ledger.revokeButton,
				custom_id: `${REVOKE_PREFIX}${code}`,
			},
		],
	};
}

/** The code a Revoke button names, or undefined. */
export function readRevokeCustomId(customId: string): string | undefined {
	const match = /^invite:revoke:([\w-]{1,32})$/.exec(customId);
	return match?.[1];
}
