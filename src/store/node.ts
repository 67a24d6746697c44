/**
 * The store on Node: an embedded SQLite file (better-sqlite3) or a Postgres server
 * (node-postgres), as `DATABASE_URL` says. The drivers are optional dependencies loaded only
 * when asked for, so a bot on Postgres never loads the native SQLite addon, and the Worker
 * bundle (d1.ts) holds neither.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import { type Logger, silentLogger } from '../log-core.js';
import type { DatabaseLocation } from './config.js';
import { createInviteStore, type InviteStore, type InviteStoreOptions } from './repository.js';
import type { StoreDatabase } from './schema.js';

/** Options of `openStore`: the store's, plus how long Postgres may take. */
export interface OpenStoreOptions extends InviteStoreOptions {
	/** Postgres: give up connecting after this long (ms). Default 3 s: a reply must not wait on it. */
	connectTimeoutMs?: number | undefined;
	/** Postgres: give up a query after this long (ms). Default 5 s. */
	queryTimeoutMs?: number | undefined;
	/** Postgres: connections in the pool. Default 10. */
	poolSize?: number | undefined;
}

/** Why a driver could not be loaded: it is an optional dependency. */
export class StoreDriverMissingError extends Error {
	constructor(driver: string, cause: unknown) {
		super(`DATABASE_URL needs the ${driver} package: npm install ${driver}`, { cause });
		this.name = 'StoreDriverMissingError';
	}
}

async function load<T>(driver: string, importer: () => Promise<T>): Promise<T> {
	try {
		return await importer();
	} catch (error) {
		throw new StoreDriverMissingError(driver, error);
	}
}

/** How many prepared SQLite statements are kept: the store runs a few dozen distinct queries. */
const STATEMENTS_KEPT = 100;

/**
 * `database` with its statements prepared once per SQL text: Kysely's SQLite driver prepares
 * every query again (better-sqlite3 compiles it each time, about a tenth of the ledger's CPU
 * per `/invite`). Kysely runs one query at a time on the connection and the store never
 * streams, so a statement is never in use twice at once. The oldest is dropped past
 * `STATEMENTS_KEPT` (queries with lists of varying length differ in text).
 */
export function reusingStatements(database: SqliteDatabase, kept = STATEMENTS_KEPT): SqliteDatabase {
	const statements = new Map<string, SqliteStatement>();
	return {
		close: () => {
			statements.clear();
			database.close();
		},
		prepare(sql) {
			let statement = statements.get(sql);
			if (statement === undefined) {
				statement = database.prepare(sql);
				if (statements.size >= kept) statements.delete(statements.keys().next().value as string);
				statements.set(sql, statement);
			}
			return statement;
		},
	};
}

/** A Kysely over the engine `location` names (SQLite or Postgres). */
export async function openDatabase(
	location: Exclude<DatabaseLocation, { kind: 'd1' }>,
	options: Pick<OpenStoreOptions, 'connectTimeoutMs' | 'queryTimeoutMs' | 'poolSize' | 'logger'> = {},
): Promise<Kysely<StoreDatabase>> {
	const logger: Logger = options.logger ?? silentLogger;
	if (location.kind === 'sqlite') {
		const { default: Database } = await load('better-sqlite3', () => import('better-sqlite3'));
		const memory = location.path === ':memory:';
		if (!memory) mkdirSync(dirname(resolve(location.path)), { recursive: true });
		const database = new Database(memory ? ':memory:' : resolve(location.path));
		if (!memory) {
			// WAL: readers never wait on the writer; a second process on the file waits up to 5 s.
			database.pragma('journal_mode = WAL');
			// In WAL mode, NORMAL syncs at checkpoints, not at every commit: a commit survives the
			// process crashing, and a power loss can roll back only the last commits, never corrupt
			// the file (SQLite's own advice for WAL). At FULL, the default, each invite's INSERT
			// waited for an fsync with the event loop blocked: about 60 µs of CPU and 100 µs of wall
			// time per write on the bench machine, a tenth of an HTTP /invite's CPU.
			database.pragma('synchronous = NORMAL');
		}
		database.pragma('busy_timeout = 5000');
		return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
	}
	const { default: pg } = await load('pg', () => import('pg'));
	const pool = new pg.Pool({
		connectionString: location.url,
		max: options.poolSize ?? 10,
		connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
		query_timeout: options.queryTimeoutMs ?? 5_000,
	});
	// An idle connection that Postgres drops emits here; unheard, it would end the process.
	pool.on('error', (error) => logger.warn({ err: error }, 'postgres connection lost'));
	return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the store `DATABASE_URL` names (see `parseDatabaseUrl`): connects lazily and migrates
 * before its first query, so it opens even while the database is down.
 */
export async function openStore(location: DatabaseLocation, options: OpenStoreOptions = {}): Promise<InviteStore> {
	if (location.kind === 'd1') throw new Error('DATABASE_URL d1:... is for the Worker: use openD1Store(env.DB)');
	return createInviteStore(await openDatabase(location, options), options);
}
