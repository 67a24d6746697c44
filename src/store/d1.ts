/**
 * The store on Cloudflare D1: a Kysely dialect over a D1 binding (D1 is SQLite, so Kysely's
 * SQLite compiler, adapter and introspector serve as they are) and `openD1Store(env.DB)`.
 * No `node:` module and no driver package: this is what the Worker bundle holds.
 */
import {
	type CompiledQuery,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type DatabaseMetadata,
	type Dialect,
	type DialectAdapter,
	type Driver,
	Kysely,
	type QueryCompiler,
	type QueryResult,
	type SchemaMetadata,
	SqliteAdapter,
	SqliteQueryCompiler,
	sql,
	type TableMetadata,
} from 'kysely';
import { createInviteStore, type InviteStore, type InviteStoreOptions } from './repository.js';
import type { StoreDatabase } from './schema.js';

/** The part of a D1 binding the store uses (Cloudflare's `D1Database`). */
export interface D1DatabaseLike {
	prepare(query: string): D1StatementLike;
}

/** The part of a D1 prepared statement the store uses. */
export interface D1StatementLike {
	bind(...values: unknown[]): D1StatementLike;
	all<T = Record<string, unknown>>(): Promise<{
		results?: T[];
		meta?: { changes?: number; last_row_id?: number } & Record<string, unknown>;
	}>;
}

class D1Connection implements DatabaseConnection {
	constructor(readonly database: D1DatabaseLike) {}

	async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		const result = await this.database
			.prepare(compiled.sql)
			.bind(...compiled.parameters)
			.all<R>();
		const changes = result.meta?.changes;
		const lastRowId = result.meta?.last_row_id;
		return {
			rows: result.results ?? [],
			...(changes !== undefined && changes > 0 ? { numAffectedRows: BigInt(changes) } : {}),
			...(lastRowId !== undefined && lastRowId !== null ? { insertId: BigInt(lastRowId) } : {}),
		};
	}

	// biome-ignore lint/correctness/useYield: D1 has no cursors; Kysely asks for a stream only when a caller does.
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('D1 does not stream query results');
	}
}

/**
 * D1 runs each statement on its own; it has no BEGIN/COMMIT over a binding. The store needs
 * none: each write is one statement, and Kysely's migrator runs SQLite migrations outside a
 * transaction (its SQLite adapter declares no transactional DDL).
 */
class D1Driver implements Driver {
	readonly #connection: D1Connection;
	constructor(database: D1DatabaseLike) {
		this.#connection = new D1Connection(database);
	}
	async init(): Promise<void> {}
	async acquireConnection(): Promise<DatabaseConnection> {
		return this.#connection;
	}
	async beginTransaction(): Promise<void> {
		throw new Error('D1 bindings have no transactions: use one statement, or batch()');
	}
	async commitTransaction(): Promise<void> {
		throw new Error('D1 bindings have no transactions');
	}
	async rollbackTransaction(): Promise<void> {
		throw new Error('D1 bindings have no transactions');
	}
	async releaseConnection(): Promise<void> {}
	async destroy(): Promise<void> {}
}

/**
 * Lists tables without reading their columns: Kysely's SQLite introspector joins
 * `pragma_table_info` over every table, and D1 refuses that on its own `_cf_` tables
 * (SQLITE_AUTH). The migrator only asks whether its tables exist.
 */
class D1Introspector implements DatabaseIntrospector {
	constructor(readonly db: Kysely<unknown>) {}
	async getSchemas(): Promise<SchemaMetadata[]> {
		return [];
	}
	async getTables(): Promise<TableMetadata[]> {
		const { rows } = await sql<{ name: string; type: string }>`
			select name, type from sqlite_master
			where type in ('table', 'view') and substr(name, 1, 7) <> 'sqlite_' and substr(name, 1, 4) <> '_cf_'
			order by name`.execute(this.db);
		return rows.map((row) => ({ name: row.name, isView: row.type === 'view', columns: [] }));
	}
	async getMetadata(): Promise<DatabaseMetadata> {
		return { tables: await this.getTables() };
	}
}

/** Kysely's dialect for a D1 binding. */
export class D1Dialect implements Dialect {
	constructor(readonly database: D1DatabaseLike) {}
	createDriver(): Driver {
		return new D1Driver(this.database);
	}
	createQueryCompiler(): QueryCompiler {
		return new SqliteQueryCompiler();
	}
	createAdapter(): DialectAdapter {
		return new SqliteAdapter();
	}
	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new D1Introspector(db);
	}
}

/** The store over a D1 binding (`env.DB` on the Worker; `[[d1_databases]]` in wrangler.toml). */
export function openD1Store(database: D1DatabaseLike, options: InviteStoreOptions = {}): InviteStore {
	return createInviteStore(new Kysely<StoreDatabase>({ dialect: new D1Dialect(database) }), options);
}
