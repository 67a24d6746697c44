/**
 * What the store speaks: ledger entries and server settings in Discord's words, results that
 * say "unavailable" as a value, and the clock it is given.
 */
import type { InviteTargetType, Snowflake } from 'discord-api-types/v10';

/** One invite made through `/invite`, as the ledger keeps it. Times are epoch milliseconds. */
export interface LedgerInvite {
	code: string;
	guildId: Snowflake;
	channelId: Snowflake;
	/** The member who asked (Discord names the bot as `inviter`). */
	inviterId: Snowflake;
	/** Their name when they asked. */
	inviterName: string;
	createdAt: number;
	/** null: never expires. */
	expiresAt: number | null;
	maxAge: number;
	maxUses: number;
	temporary: boolean;
	unique: boolean;
	targetType: InviteTargetType | null;
	targetUserId: Snowflake | null;
	targetApplicationId: Snowflake | null;
	roleIds: Snowflake[];
	/** How many users the `target_users_file` named; null without one. */
	targetUsersCount: number | null;
	reason: string | null;
	revokedAt: number | null;
	revokedBy: Snowflake | null;
	revokeReason: string | null;
	/** Discord no longer has it. */
	deleted: boolean;
	deletedAt: number | null;
}

/** What `recordInvite` takes: the ledger entry before anything happened to it. */
export type NewLedgerInvite = Omit<
	LedgerInvite,
	'revokedAt' | 'revokedBy' | 'revokeReason' | 'deleted' | 'deletedAt' | 'targetUsersCount' | 'reason'
> & {
	targetUsersCount?: number | null | undefined;
	reason?: string | null | undefined;
};

/** A server's limits for `/invite` and where its log goes. */
export interface GuildSettings {
	/** Where invites made or revoked through the bot are posted; null = no log. */
	logChannelId: Snowflake | null;
	/** The longest expiry members may choose (seconds); null = Discord's own limit. */
	maxExpires: number | null;
	/** Whether `expires:never` is allowed. */
	allowPermanent: boolean;
	/** Every invite gets a use limit of at most this (1-100); null = no limit. */
	maxUsesLimit: number | null;
	/** Whether `/invite` may give roles. */
	allowRoles: boolean;
	/** Whether `/invite` needs a reason. */
	requireReason: boolean;
}

/** The settings of a server that never changed one. */
export const DEFAULT_GUILD_SETTINGS: Readonly<GuildSettings> = Object.freeze({
	logChannelId: null,
	maxExpires: null,
	allowPermanent: true,
	maxUsesLimit: null,
	allowRoles: true,
	requireReason: false,
});

/** The range `max_uses_limit` takes (Discord's own `max_uses` tops out at 100). */
export const MAX_USES_LIMIT_RANGE = { min: 1, max: 100 } as const;

/**
 * A read or a write that must answer now. `unavailable`: the database did not answer (the
 * caller says "the ledger is unavailable"); `invalid`: the value was refused before any query.
 */
export type StoreResult<T> =
	| { ok: true; value: T }
	| { ok: false; error: 'unavailable'; cause: unknown }
	| { ok: false; error: 'invalid'; problem: string };

/** A write that may wait: `written` now, or `queued` to be retried (never lost silently). */
export type WriteOutcome = 'written' | 'queued';

/** Time, and timers on it: the system clock in production, a manual one in tests. */
export interface StoreClock {
	now(): number;
	setTimer(callback: () => void, delayMs: number): unknown;
	clearTimer(handle: unknown): void;
}

/** The real clock. Timers are unref'd: a pending retry never holds a process open. */
export const systemStoreClock: StoreClock = {
	now: () => Date.now(),
	setTimer: (callback, delayMs) => {
		const timer = setTimeout(callback, delayMs) as unknown as { unref?: () => void };
		timer.unref?.();
		return timer;
	},
	clearTimer: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** Counters the store reports; wire them to Prometheus (src/ops) or ignore them. */
export interface StoreMetrics {
	/** A write failed (it is queued when `queued`, dropped otherwise). */
	writeFailed?(operation: string, queued: boolean): void;
	/** A queued write went through on a retry. */
	writeRetried?(operation: string, attempts: number): void;
	/** A queued write was given up (too many attempts, or the queue was full). */
	writeDropped?(operation: string): void;
	/** A read, or a write that must answer now (a revoke, a setting), found the database down. */
	unavailable?(operation: string): void;
	/** How many writes wait in the queue. */
	queueDepth?(depth: number): void;
}
