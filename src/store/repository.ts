/**
 * The ledger and the server settings over Kysely: the same queries on SQLite (better-sqlite3,
 * D1) and Postgres. Reads answer a `StoreResult` (the database being down is a value, never a
 * throw); writes that may wait go through the write-behind queue; a revoke is one conditional
 * UPDATE, so of two replicas that revoke the same invite at once exactly one wins.
 */
import { type Compilable, type CompiledQuery, type Kysely, Migrator, type Selectable } from 'kysely';
import { type Logger, silentLogger } from '../log-core.js';
import { decodeCursor, encodeCursor, purgeCutoff, type RetryPolicy } from './policy.js';
import { type InviteTable, migrationProvider, type StoreDatabase } from './schema.js';
import {
	DEFAULT_GUILD_SETTINGS,
	type GuildSettings,
	type LedgerInvite,
	MAX_USES_LIMIT_RANGE,
	type NewLedgerInvite,
	type StoreClock,
	type StoreMetrics,
	type StoreResult,
	systemStoreClock,
	type WriteOutcome,
} from './types.js';
import { applyLedgerWrite, type LedgerWrite, type LedgerWriterFactory, memoryLedgerWriter } from './writes.js';

/** Days a row of an expired, revoked or deleted invite is kept (`LEDGER_RETENTION_DAYS`). */
export const DEFAULT_RETENTION_DAYS = 30;
/** Rows per page of `listLive` unless asked otherwise, and at most. */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** The longest `max_expires`: Discord's own longest `max_age` (7 days, per the docs). */
export const MAX_EXPIRES_SECONDS = 604_800;

/** Options of `createInviteStore`. */
export interface InviteStoreOptions {
	clock?: StoreClock | undefined;
	logger?: Logger | undefined;
	metrics?: StoreMetrics | undefined;
	/** `LEDGER_RETENTION_DAYS`; default 30. */
	retentionDays?: number | undefined;
	retryPolicy?: RetryPolicy | undefined;
	/** Writes the queue keeps at most while the database is down. */
	maxQueuedWrites?: number | undefined;
	/**
	 * Where writes that may wait go (`recordInvite`, `markDeleted`, `deleteGuild`). Default: the
	 * in-memory write-behind queue (with `retryPolicy` and `maxQueuedWrites`); the Worker hands
	 * them to a Durable Object instead, whose alarm outlives the isolate.
	 */
	writer?: LedgerWriterFactory | undefined;
	/**
	 * Run the migrations before the first query (default true), so a fresh database works
	 * on first use, and one that was down at start is migrated once it answers.
	 */
	autoMigrate?: boolean | undefined;
}

/** What `listLive` filters and pages by. */
export interface ListLiveOptions {
	/** Only invites this member asked for. */
	inviterId?: string | undefined;
	/** Only invites to this channel. */
	channelId?: string | undefined;
	/** Rows per page (1-100, default 10). */
	limit?: number | undefined;
	/** The `nextCursor` of the previous page. */
	cursor?: string | undefined;
	/** Rows to skip instead of a cursor (a page number times the limit). */
	offset?: number | undefined;
	/** "Live" is judged at this time; default the store's clock. */
	now?: number | undefined;
}

/** One page of live invites, newest first. */
export interface LedgerPage {
	invites: LedgerInvite[];
	/** Where the next page starts; null on the last page. */
	nextCursor: string | null;
}

/** Who revokes, and why (kept in the ledger). */
export interface RevokeMark {
	/** The server the revoke runs in: an invite of another server is never touched. */
	guildId: string;
	by: string;
	reason?: string | null | undefined;
}

/** The outcome of `markRevoked`: `won` is true for exactly one caller per invite. */
export interface RevokeClaim {
	won: boolean;
	/** When the winner marked it (pass to `releaseRevoke`). */
	revokedAt: number;
}

/** The ledger and the settings, for the commands of the invite lifecycle. */
export interface InviteStore {
	/** Creates the tables, or brings them up to date; runs each migration once. */
	migrate(): Promise<StoreResult<string[]>>;
	/**
	 * Records an invite right after Discord answered. Idempotent on `code` (the first record
	 * stays: Discord may hand back the same code for `unique: false`). Never rejects.
	 */
	recordInvite(invite: NewLedgerInvite): Promise<WriteOutcome>;
	/** The ledger's row for this code, or null. */
	get(code: string): Promise<StoreResult<LedgerInvite | null>>;
	/** A server's live invites (not revoked, deleted or expired), newest first. */
	listLive(guildId: string, options?: ListLiveOptions): Promise<StoreResult<LedgerPage>>;
	/**
	 * Claims the revoke of a live invite of `mark.guildId`: a conditional UPDATE, so of
	 * concurrent callers (any replica) exactly one gets `won: true` and calls Delete Invite.
	 */
	markRevoked(code: string, mark: RevokeMark): Promise<StoreResult<RevokeClaim>>;
	/** Undoes the winner's claim when Delete Invite failed (another try may then win). */
	releaseRevoke(code: string, claim: { by: string; revokedAt: number }): Promise<StoreResult<boolean>>;
	/** Discord no longer has this invite (INVITE_DELETE, 10006, a revoke done). */
	markDeleted(code: string): Promise<WriteOutcome>;
	/**
	 * Applies one write now, without queueing it; throws when the database does not take it.
	 * What a durable queue calls to retry a write it keeps (each write is idempotent).
	 */
	applyWrite(write: LedgerWrite): Promise<void>;
	/** Deletes rows of invites expired, revoked or deleted more than the retention ago. */
	purgeExpired(now?: number): Promise<StoreResult<number>>;
	/** Forgets a server: its ledger and settings (GUILD_DELETE, 10004 Unknown Guild). */
	deleteGuild(guildId: string): Promise<WriteOutcome>;
	/** A server's settings (the defaults when it changed none). */
	getSettings(guildId: string): Promise<StoreResult<GuildSettings>>;
	/** Changes the settings named in `patch`; answers the settings now in force. */
	updateSettings(guildId: string, patch: Partial<GuildSettings>): Promise<StoreResult<GuildSettings>>;
	/** Back to the defaults. */
	resetSettings(guildId: string): Promise<StoreResult<GuildSettings>>;
	/** Writes waiting for a retry. */
	readonly pendingWrites: number;
	/** Tries waiting writes now. */
	flush(): Promise<void>;
	/** Stops retrying and closes the connection. */
	close(): Promise<void>;
}

const flag = (value: boolean): number => (value ? 1 : 0);
const time = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toInvite(row: Selectable<InviteTable>): LedgerInvite {
	return {
		code: row.code,
		guildId: row.guild_id,
		channelId: row.channel_id,
		inviterId: row.inviter_id,
		inviterName: row.inviter_name,
		createdAt: Number(row.created_at),
		expiresAt: time(row.expires_at),
		maxAge: Number(row.max_age),
		maxUses: Number(row.max_uses),
		temporary: Number(row.temporary) === 1,
		unique: Number(row.unique) === 1,
		targetType: row.target_type === null ? null : (Number(row.target_type) as LedgerInvite['targetType']),
		targetUserId: row.target_user_id,
		targetApplicationId: row.target_application_id,
		roleIds: JSON.parse(row.role_ids) as string[],
		targetUsersCount: row.target_users_count === null ? null : Number(row.target_users_count),
		reason: row.reason,
		revokedAt: time(row.revoked_at),
		revokedBy: row.revoked_by,
		revokeReason: row.revoke_reason,
		deleted: Number(row.deleted) === 1,
		deletedAt: time(row.deleted_at),
	};
}

/** Why a settings patch is refused, or undefined when it is fine. */
export function settingsProblem(patch: Partial<GuildSettings>): string | undefined {
	const { maxUsesLimit, maxExpires } = patch;
	if (
		maxUsesLimit !== undefined &&
		maxUsesLimit !== null &&
		!(
			Number.isInteger(maxUsesLimit) &&
			maxUsesLimit >= MAX_USES_LIMIT_RANGE.min &&
			maxUsesLimit <= MAX_USES_LIMIT_RANGE.max
		)
	)
		return `max_uses_limit must be an integer from ${MAX_USES_LIMIT_RANGE.min} to ${MAX_USES_LIMIT_RANGE.max}`;
	if (
		maxExpires !== undefined &&
		maxExpires !== null &&
		!(Number.isInteger(maxExpires) && maxExpires > 0 && maxExpires <= MAX_EXPIRES_SECONDS)
	)
		return `max_expires must be a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS}`;
	return undefined;
}

/** The columns a settings patch changes (only those named). */
function settingsColumns(patch: Partial<GuildSettings>) {
	return {
		...(patch.logChannelId !== undefined ? { log_channel_id: patch.logChannelId } : {}),
		...(patch.maxExpires !== undefined ? { max_expires: patch.maxExpires } : {}),
		...(patch.allowPermanent !== undefined ? { allow_permanent: flag(patch.allowPermanent) } : {}),
		...(patch.maxUsesLimit !== undefined ? { max_uses_limit: patch.maxUsesLimit } : {}),
		...(patch.allowRoles !== undefined ? { allow_roles: flag(patch.allowRoles) } : {}),
		...(patch.requireReason !== undefined ? { require_reason: flag(patch.requireReason) } : {}),
	};
}

/**
 * The store over a Kysely instance of any of the three engines (see `openStore` in node.ts,
 * `openD1Store` in d1.ts). It does not migrate by itself: call `migrate()` once at start.
 */
export function createInviteStore(db: Kysely<StoreDatabase>, options: InviteStoreOptions = {}): InviteStore {
	const clock = options.clock ?? systemStoreClock;
	const logger = options.logger ?? silentLogger;
	const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
	const writeBehind =
		options.writer ??
		memoryLedgerWriter({
			clock,
			logger,
			metrics: options.metrics,
			policy: options.retryPolicy,
			maxSize: options.maxQueuedWrites,
		});

	let migrated: Promise<string[]> | undefined;
	/** Runs the migrations once per store; a failure is forgotten so the next query tries again. */
	function migrateOnce(): Promise<string[]> {
		migrated ??= (async () => {
			const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
			if (error) throw error;
			return (results ?? [])
				.filter((result) => result.status === 'Success')
				.map((result) => result.migrationName);
		})().catch((error: unknown) => {
			migrated = undefined;
			throw error;
		});
		return migrated;
	}
	const ready = async (): Promise<void> => {
		if (options.autoMigrate !== false) await migrateOnce();
	};

	const writer = writeBehind(async (write) => {
		await ready();
		await applyLedgerWrite(db, write);
	});

	/** Runs a query that must answer now; a failure is `unavailable`, logged once here. */
	async function attempt<T>(operation: string, run: () => Promise<T>): Promise<StoreResult<T>> {
		try {
			await ready();
			return { ok: true, value: await run() };
		} catch (cause) {
			logger.warn({ err: cause, operation }, 'ledger unavailable');
			options.metrics?.unavailable?.(operation);
			return { ok: false, error: 'unavailable', cause };
		}
	}

	/**
	 * Kysely builds and compiles a query's SQL on every call: about 30 µs of CPU each on the
	 * bench machine, more than SQLite takes to run the settings read every /invite makes. A
	 * query made by `reuse` is compiled once per store (in its engine's SQL), then run with
	 * each call's parameters. Kept only when Kysely bound exactly `parameters`, in their order:
	 * then the SQL holds no value of the call that made it.
	 */
	const compiled = new Map<string, CompiledQuery>();
	function reuse<R>(key: string, build: () => Compilable<R>, parameters: readonly unknown[]): CompiledQuery<R> {
		const kept = compiled.get(key) as CompiledQuery<R> | undefined;
		if (kept) return { ...kept, parameters };
		const fresh = build().compile();
		if (
			fresh.parameters.length === parameters.length &&
			fresh.parameters.every((value, i) => value === parameters[i])
		)
			compiled.set(key, fresh);
		return fresh;
	}

	async function readSettings(guildId: string): Promise<GuildSettings> {
		const settingsQuery = reuse(
			'settings',
			() => db.selectFrom('guild_settings').selectAll().where('guild_id', '=', guildId),
			[guildId],
		);
		const row = (await db.executeQuery(settingsQuery)).rows[0];
		if (!row) return { ...DEFAULT_GUILD_SETTINGS };
		return {
			logChannelId: row.log_channel_id,
			maxExpires: row.max_expires === null ? null : Number(row.max_expires),
			allowPermanent: Number(row.allow_permanent) === 1,
			maxUsesLimit: row.max_uses_limit === null ? null : Number(row.max_uses_limit),
			allowRoles: Number(row.allow_roles) === 1,
			requireReason: Number(row.require_reason) === 1,
		};
	}

	return {
		migrate: () => attempt('migrate', migrateOnce),

		recordInvite: (invite) => writer.submit({ kind: 'recordInvite', invite }),

		get: (code) =>
			attempt('get', async () => {
				const row = await db.selectFrom('invites').selectAll().where('code', '=', code).executeTakeFirst();
				return row ? toInvite(row) : null;
			}),

		listLive: (guildId, list = {}) =>
			attempt('listLive', async () => {
				const now = list.now ?? clock.now();
				const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(list.limit ?? DEFAULT_PAGE_SIZE)));
				const cursor = list.cursor !== undefined ? decodeCursor(list.cursor) : undefined;
				let query = db
					.selectFrom('invites')
					.selectAll()
					.where('guild_id', '=', guildId)
					.where('revoked_at', 'is', null)
					.where('deleted', '=', 0)
					.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
				if (list.inviterId !== undefined) query = query.where('inviter_id', '=', list.inviterId);
				if (list.channelId !== undefined) query = query.where('channel_id', '=', list.channelId);
				if (cursor)
					query = query.where((eb) =>
						eb.or([
							eb('created_at', '<', cursor.createdAt),
							eb.and([eb('created_at', '=', cursor.createdAt), eb('code', '<', cursor.code)]),
						]),
					);
				else if (list.offset !== undefined && list.offset > 0) query = query.offset(Math.trunc(list.offset));
				const rows = await query
					.orderBy('created_at', 'desc')
					.orderBy('code', 'desc')
					.limit(limit + 1)
					.execute();
				const invites = rows.slice(0, limit).map(toInvite);
				const last = invites.at(-1);
				return {
					invites,
					nextCursor:
						rows.length > limit && last
							? encodeCursor({ createdAt: last.createdAt, code: last.code })
							: null,
				};
			}),

		markRevoked: (code, mark) =>
			attempt('markRevoked', async () => {
				const revokedAt = clock.now();
				const result = await db
					.updateTable('invites')
					.set({ revoked_at: revokedAt, revoked_by: mark.by, revoke_reason: mark.reason ?? null })
					.where('code', '=', code)
					.where('guild_id', '=', mark.guildId)
					.where('revoked_at', 'is', null)
					.where('deleted', '=', 0)
					.executeTakeFirst();
				return { won: Number(result.numUpdatedRows) === 1, revokedAt };
			}),

		releaseRevoke: (code, claim) =>
			attempt('releaseRevoke', async () => {
				const result = await db
					.updateTable('invites')
					.set({ revoked_at: null, revoked_by: null, revoke_reason: null })
					.where('code', '=', code)
					.where('revoked_by', '=', claim.by)
					.where('revoked_at', '=', claim.revokedAt)
					.where('deleted', '=', 0)
					.executeTakeFirst();
				return Number(result.numUpdatedRows) === 1;
			}),

		// The time is taken now: a write that waits still says when Discord lost the invite.
		markDeleted: (code) => writer.submit({ kind: 'markDeleted', code, at: clock.now() }),

		purgeExpired: (now) =>
			attempt('purgeExpired', async () => {
				const cutoff = purgeCutoff(now ?? clock.now(), retentionDays);
				const result = await db
					.deleteFrom('invites')
					.where((eb) =>
						eb.or([
							eb('expires_at', '<=', cutoff),
							eb('revoked_at', '<=', cutoff),
							eb('deleted_at', '<=', cutoff),
						]),
					)
					.executeTakeFirst();
				return Number(result.numDeletedRows);
			}),

		deleteGuild: (guildId) => writer.submit({ kind: 'deleteGuild', guildId }),

		async applyWrite(write) {
			await ready();
			await applyLedgerWrite(db, write);
		},

		getSettings: (guildId) => attempt('getSettings', () => readSettings(guildId)),

		async updateSettings(guildId, patch) {
			const problem = settingsProblem(patch);
			if (problem !== undefined) return { ok: false, error: 'invalid', problem };
			return attempt('updateSettings', async () => {
				const changed = settingsColumns(patch);
				const updatedAt = clock.now();
				await db
					.insertInto('guild_settings')
					.values({
						guild_id: guildId,
						log_channel_id: DEFAULT_GUILD_SETTINGS.logChannelId,
						max_expires: DEFAULT_GUILD_SETTINGS.maxExpires,
						allow_permanent: flag(DEFAULT_GUILD_SETTINGS.allowPermanent),
						max_uses_limit: DEFAULT_GUILD_SETTINGS.maxUsesLimit,
						allow_roles: flag(DEFAULT_GUILD_SETTINGS.allowRoles),
						require_reason: flag(DEFAULT_GUILD_SETTINGS.requireReason),
						...changed,
						updated_at: updatedAt,
					})
					// Only the named settings change: two admins changing two settings at once keep both.
					.onConflict((conflict) =>
						conflict.column('guild_id').doUpdateSet({ ...changed, updated_at: updatedAt }),
					)
					.execute();
				return readSettings(guildId);
			});
		},

		resetSettings: (guildId) =>
			attempt('resetSettings', async () => {
				await db.deleteFrom('guild_settings').where('guild_id', '=', guildId).execute();
				return { ...DEFAULT_GUILD_SETTINGS };
			}),

		get pendingWrites() {
			return writer.depth;
		},

		flush: () => writer.flush(),

		async close() {
			// One last try for what waits; what still fails is logged as given up.
			await writer.flush();
			writer.close();
			await db.destroy();
		},
	};
}
