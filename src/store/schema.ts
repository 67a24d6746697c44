/**
 * The tables, as Kysely sees them, and the migrations that make them. One schema for SQLite
 * (better-sqlite3, D1) and Postgres: booleans are INTEGER 0/1 and times are BIGINT epoch
 * milliseconds on every engine, so a row reads the same wherever it was written (pg hands
 * BIGINT back as a string: the repository converts with `Number`).
 */
import type { ColumnType, Kysely, Migration, MigrationProvider } from 'kysely';

/** A BIGINT: written as a number, read as a number (SQLite) or a string (pg). */
type BigIntColumn = ColumnType<number | string, number, number>;
type NullableBigIntColumn = ColumnType<number | string | null, number | null, number | null>;
/** INTEGER 0/1: Postgres and SQLite alike. */
type Flag = ColumnType<number, number | undefined, number>;

/** `invites`: the ledger, one row per invite made through `/invite`. */
export interface InviteTable {
	code: string;
	guild_id: string;
	channel_id: string;
	/** Who asked for it (Discord names the bot as the inviter). */
	inviter_id: string;
	/** Their name when they asked (a display name changes; the ledger keeps what it was). */
	inviter_name: string;
	created_at: BigIntColumn;
	/** null: never expires. */
	expires_at: NullableBigIntColumn;
	max_age: number;
	max_uses: number;
	temporary: Flag;
	unique: Flag;
	target_type: number | null;
	target_user_id: string | null;
	target_application_id: string | null;
	/** JSON array of role ids (TEXT on every engine). */
	role_ids: string;
	target_users_count: number | null;
	reason: string | null;
	revoked_at: NullableBigIntColumn;
	revoked_by: string | null;
	revoke_reason: string | null;
	/** 1 once Discord no longer has it (INVITE_DELETE, 10006 Unknown Invite, a revoke). */
	deleted: Flag;
	/** When it was marked deleted: purging counts the retention from here. */
	deleted_at: NullableBigIntColumn;
}

/** `guild_settings`: one row per server that changed a setting; no row = the defaults. */
export interface GuildSettingsTable {
	guild_id: string;
	log_channel_id: string | null;
	/** Seconds; null = no limit beyond Discord's. */
	max_expires: number | null;
	allow_permanent: Flag;
	/** 1-100; null = no limit. */
	max_uses_limit: number | null;
	allow_roles: Flag;
	require_reason: Flag;
	updated_at: BigIntColumn;
}

/** The database the store works on. */
export interface StoreDatabase {
	invites: InviteTable;
	guild_settings: GuildSettingsTable;
}

/**
 * The migrations, in order. Each one is written once and never edited after it shipped: a
 * change is a new entry. `ifNotExists` keeps a half-applied first run repairable.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
	'0001_ledger_and_settings': {
		async up(db: Kysely<unknown>): Promise<void> {
			await db.schema
				.createTable('invites')
				.ifNotExists()
				.addColumn('code', 'text', (col) => col.primaryKey())
				.addColumn('guild_id', 'text', (col) => col.notNull())
				.addColumn('channel_id', 'text', (col) => col.notNull())
				.addColumn('inviter_id', 'text', (col) => col.notNull())
				.addColumn('inviter_name', 'text', (col) => col.notNull())
				.addColumn('created_at', 'bigint', (col) => col.notNull())
				.addColumn('expires_at', 'bigint')
				.addColumn('max_age', 'integer', (col) => col.notNull())
				.addColumn('max_uses', 'integer', (col) => col.notNull())
				.addColumn('temporary', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('unique', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('target_type', 'integer')
				.addColumn('target_user_id', 'text')
				.addColumn('target_application_id', 'text')
				.addColumn('role_ids', 'text', (col) => col.notNull().defaultTo('[]'))
				.addColumn('target_users_count', 'integer')
				.addColumn('reason', 'text')
				.addColumn('revoked_at', 'bigint')
				.addColumn('revoked_by', 'text')
				.addColumn('revoke_reason', 'text')
				.addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('deleted_at', 'bigint')
				.execute();
			// `/invites list` (a guild's, newest first; one member's) and the purge.
			await db.schema
				.createIndex('invites_guild_created')
				.ifNotExists()
				.on('invites')
				.columns(['guild_id', 'created_at'])
				.execute();
			await db.schema
				.createIndex('invites_guild_inviter')
				.ifNotExists()
				.on('invites')
				.columns(['guild_id', 'inviter_id'])
				.execute();
			await db.schema.createIndex('invites_expires').ifNotExists().on('invites').column('expires_at').execute();
			await db.schema
				.createTable('guild_settings')
				.ifNotExists()
				.addColumn('guild_id', 'text', (col) => col.primaryKey())
				.addColumn('log_channel_id', 'text')
				.addColumn('max_expires', 'integer')
				.addColumn('allow_permanent', 'integer', (col) => col.notNull().defaultTo(1))
				.addColumn('max_uses_limit', 'integer')
				.addColumn('allow_roles', 'integer', (col) => col.notNull().defaultTo(1))
				.addColumn('require_reason', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('updated_at', 'bigint', (col) => col.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>): Promise<void> {
			await db.schema.dropTable('guild_settings').ifExists().execute();
			await db.schema.dropTable('invites').ifExists().execute();
		},
	},
};

/** The migrations as Kysely's `Migrator` takes them (no files: they ship inside the bundle). */
export const migrationProvider: MigrationProvider = {
	getMigrations: async () => ({ ...MIGRATIONS }),
};
