/**
 * Pure rules of the ledger: which invites are live, who may revoke one, how list pages are
 * cut, and when a failed write is tried again. Values in, values out; no clock is read here.
 */
import { PermissionFlagsBits, type Snowflake } from 'discord-api-types/v10';
import type { LedgerInvite } from './types.js';

/** Whether the invite still works as far as the ledger knows: not revoked, deleted or expired. */
export function isLive(invite: Pick<LedgerInvite, 'revokedAt' | 'deleted' | 'expiresAt'>, now: number): boolean {
	return invite.revokedAt === null && !invite.deleted && (invite.expiresAt === null || invite.expiresAt > now);
}

/** The member asking to revoke: their id and the permissions Discord computed for them. */
export interface Revoker {
	id: Snowflake;
	/** Their permissions in the server (an interaction's `member.permissions`). */
	permissions: bigint;
	/**
	 * Their permissions in a channel, with overwrites; undefined when not known (then only
	 * the server-wide permissions count: a check that lacks data refuses).
	 */
	channelPermissions?: ((channelId: Snowflake) => bigint | undefined) | undefined;
}

/** Why a member may revoke an invite: they asked for it, or Discord's own rule lets them. */
export type RevokeGrant = 'inviter' | 'manage-guild' | 'manage-channels';

/**
 * Why `revoker` may revoke `invite`, or null when they may not. Discord's own rule (Delete
 * Invite: Manage Channels on the invite's channel, or Manage Server), plus the member who
 * asked for it per the ledger. Administrator implies both, as Discord computes.
 */
export function revokeGrant(
	invite: Pick<LedgerInvite, 'inviterId' | 'channelId'>,
	revoker: Revoker,
): RevokeGrant | null {
	const admin = (revoker.permissions & PermissionFlagsBits.Administrator) !== 0n;
	if (admin || (revoker.permissions & PermissionFlagsBits.ManageGuild) !== 0n) return 'manage-guild';
	const inChannel = revoker.channelPermissions?.(invite.channelId);
	if (inChannel !== undefined && (inChannel & PermissionFlagsBits.ManageChannels) !== 0n) return 'manage-channels';
	if (invite.inviterId === revoker.id) return 'inviter';
	return null;
}

/** Whether `revoker` may revoke `invite` (see `revokeGrant`). */
export const revocableBy = (invite: Pick<LedgerInvite, 'inviterId' | 'channelId'>, revoker: Revoker): boolean =>
	revokeGrant(invite, revoker) !== null;

/** The invites of `invites` that `revoker` may revoke (autocomplete of `/invites revoke code:`). */
export function revocableInvites<T extends Pick<LedgerInvite, 'inviterId' | 'channelId'>>(
	invites: readonly T[],
	revoker: Revoker,
): T[] {
	return invites.filter((invite) => revocableBy(invite, revoker));
}

/** Whether `member` may revoke every invite of another member at once (`member:`): Manage Server only. */
export const mayRevokeAllOf = (permissions: bigint): boolean =>
	(permissions & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;

// ---- pages -----------------------------------------------------------------------------

/** Where the next page starts: after this row in newest-first order. */
export interface PageCursor {
	createdAt: number;
	code: string;
}

/** An opaque cursor string (fits a button's `custom_id`). */
export const encodeCursor = (cursor: PageCursor): string => `${cursor.createdAt.toString(36)}.${cursor.code}`;

/** The cursor a string names, or undefined when it is not one of ours. */
export function decodeCursor(text: string): PageCursor | undefined {
	const match = /^([0-9a-z]{1,12})\.([\w-]{1,32})$/.exec(text);
	if (!match) return undefined;
	const createdAt = Number.parseInt(match[1] as string, 36);
	return Number.isSafeInteger(createdAt) ? { createdAt, code: match[2] as string } : undefined;
}

// ---- retrying writes ---------------------------------------------------------------------

/** How a failed write is tried again. */
export interface RetryPolicy {
	/** The wait before the first retry (ms). */
	baseDelayMs: number;
	/** The longest wait between two tries (ms). */
	maxDelayMs: number;
	/** Give up after this many tries in all (the first included). */
	maxAttempts: number;
}

/** 0.5 s, doubling up to 30 s; about ten minutes of tries before a write is given up. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxAttempts: 25,
});

/**
 * When to try a write again after `attempts` failed tries that began at `now`: an epoch time,
 * or null to give up. Exponential, capped, no jitter (one queue per process retries in order,
 * so there is no herd to spread).
 */
export function nextRetryAt(attempts: number, now: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
	if (attempts >= policy.maxAttempts) return null;
	const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
	return now + delay;
}

/** The time before which a row of an expired, revoked or deleted invite is kept. */
export const purgeCutoff = (now: number, retentionDays: number): number => now - retentionDays * 86_400_000;
