/**
 * A server's own limits on `/invite` (set with `/invite-settings`), checked before anything
 * reaches Discord. Pure: the settings are read by the caller (src/commands/invite-run.ts) and
 * passed in; the refusals are values with localized texts, like the other checks.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Messages } from '../i18n/index.js';
import { describeDuration } from './autocomplete.js';
import type { ReadOptions, Refusal } from './checks.js';
import { DEFAULT_INVITE_AGE_SECONDS } from './duration.js';
import type { InviteInvocation } from './types.js';

/**
 * The limits of a server, as the store keeps them (`GuildSettings` in src/store/types.ts has
 * this shape; the core does not import the store).
 */
export interface InviteLimits {
	/** The longest expiry members may choose (seconds); null: Discord's own (7 days). */
	maxExpires: number | null;
	/** Whether `expires:never` is allowed. */
	allowPermanent: boolean;
	/** Every invite gets a use limit of at most this (1-100); null: no limit. */
	maxUsesLimit: number | null;
	allowRoles: boolean;
	requireReason: boolean;
}

/** What the limits decided for an invite they allow: the values they filled in, if any. */
export interface LimitedInvite {
	/** The use limit the server's `max_uses_limit` gave an invite whose member set none. */
	maxUses?: number | undefined;
	/** The expiry `max_expires` gave an invite whose member chose none (the default 1 day is longer). */
	maxAge?: number | undefined;
}

/**
 * Whether the member is above the server's limits: Manage Server (or Administrator) in the
 * permissions Discord sent with the interaction. Unknown permissions bind (fail closed).
 */
export function exemptFromLimits(permissions: bigint | null | undefined): boolean {
	if (permissions === null || permissions === undefined) return false;
	return (permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/**
 * Checks one invocation against the server's limits. Only what the member chose is refused;
 * what they left out is filled in within the limits (`LimitedInvite`), and the reply says so.
 * The caller skips this for exempt members (`exemptFromLimits`).
 */
export function checkLimits(
	invocation: InviteInvocation,
	read: Pick<ReadOptions, 'maxAge' | 'moreRoleIds'>,
	limits: InviteLimits,
	messages: Messages,
	locale = 'en-US',
): { ok: true; value: LimitedInvite } | { ok: false; refusal: Refusal } {
	const { options } = invocation;
	const value: LimitedInvite = {};
	const chose = options.expires !== undefined;
	if (read.maxAge === 0) {
		if (!limits.allowPermanent) return { ok: false, refusal: { id: 'permanentNotAllowed', args: [] } };
	} else if (limits.maxExpires !== null && read.maxAge > limits.maxExpires) {
		if (chose)
			return {
				ok: false,
				refusal: {
					id: 'expiresOverLimit',
					args: [options.expires ?? '', describeDuration(limits.maxExpires, locale, messages)],
				},
			};
		// The default (1 day) is longer than the server allows: the server's longest instead.
		if (read.maxAge === DEFAULT_INVITE_AGE_SECONDS) value.maxAge = limits.maxExpires;
	}
	if (limits.maxUsesLimit !== null) {
		const asked = options.max_uses;
		if (asked === undefined) value.maxUses = limits.maxUsesLimit;
		// 0 is "no limit" to Discord: more than any limit.
		else if (asked === 0 || asked > limits.maxUsesLimit)
			return { ok: false, refusal: { id: 'maxUsesOverLimit', args: [limits.maxUsesLimit] } };
	}
	if (!limits.allowRoles && (options.role !== undefined || read.moreRoleIds.length > 0))
		return { ok: false, refusal: { id: 'rolesNotAllowed', args: [] } };
	if (limits.requireReason && !options.reason?.trim())
		return { ok: false, refusal: { id: 'reasonRequired', args: [] } };
	return { ok: true, value };
}
