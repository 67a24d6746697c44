/**
 * `DATABASE_URL` and `LEDGER_RETENTION_DAYS`, parsed. Pure (no `node:` module): the Worker
 * reads the same variables from its bindings. src/config.ts calls this for the Node programs.
 */
import { DEFAULT_RETENTION_DAYS } from './repository.js';

/** Where the store lives, as `DATABASE_URL` says. */
export type DatabaseLocation =
	/** An embedded SQLite file (better-sqlite3), created on first use; `:memory:` for a throwaway one. */
	| { kind: 'sqlite'; path: string }
	/** A Postgres server (node-postgres); the URL as given, password included. */
	| { kind: 'postgres'; url: string }
	/** A D1 database, by the name of its binding in wrangler.toml (the Worker only). */
	| { kind: 'd1'; binding: string };

/** `DATABASE_URL` when unset: a SQLite file beside the program, kept across restarts. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/invites.db';

/** The store's settings from the environment. */
export interface StoreConfig {
	database: DatabaseLocation;
	/** `LEDGER_RETENTION_DAYS`: days rows of expired, revoked or deleted invites are kept. */
	retentionDays: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Reads a `DATABASE_URL`: `sqlite:PATH` (`sqlite:./data/invites.db`, `sqlite:/abs/file.db`,
 * `sqlite:///abs/file.db`, `sqlite::memory:`), `postgres://...` or `postgresql://...`, or
 * `d1:BINDING`. The problem text never repeats the value: it may hold a password.
 */
export function parseDatabaseUrl(value: string | undefined): Parsed<DatabaseLocation> {
	const text = value?.trim() || DEFAULT_DATABASE_URL;
	if (/^postgres(ql)?:\/\//i.test(text)) {
		try {
			const url = new URL(text);
			if (!url.hostname && !url.searchParams.has('host'))
				return { ok: false, problem: 'DATABASE_URL: a postgres:// URL needs a host' };
		} catch {
			return { ok: false, problem: 'DATABASE_URL: not a valid postgres:// URL' };
		}
		return { ok: true, value: { kind: 'postgres', url: text } };
	}
	const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(text);
	if (sqlite) return { ok: true, value: { kind: 'sqlite', path: sqlite[1] as string } };
	const d1 = /^d1:([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
	if (d1) return { ok: true, value: { kind: 'd1', binding: d1[1] as string } };
	return {
		ok: false,
		problem: 'DATABASE_URL: expected sqlite:PATH, postgres://USER:PASSWORD@HOST:PORT/DB or d1:BINDING',
	};
}

/** Reads `LEDGER_RETENTION_DAYS`: a whole number of days, 1 to 3650; unset = 30. */
export function parseRetentionDays(value: string | undefined): Parsed<number> {
	const text = value?.trim();
	if (!text) return { ok: true, value: DEFAULT_RETENTION_DAYS };
	const days = Number(text);
	if (!/^\d+$/.test(text) || days < 1 || days > 3650)
		return { ok: false, problem: 'LEDGER_RETENTION_DAYS: expected a whole number of days from 1 to 3650' };
	return { ok: true, value: days };
}

/** Both variables at once, every problem listed. */
export function readStoreConfig(
	env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: StoreConfig } | { ok: false; problems: string[] } {
	const database = parseDatabaseUrl(env.DATABASE_URL);
	const retention = parseRetentionDays(env.LEDGER_RETENTION_DAYS);
	const problems = [database, retention].flatMap((parsed) => (parsed.ok ? [] : [parsed.problem]));
	if (!database.ok || !retention.ok) return { ok: false, problems };
	return { ok: true, value: { database: database.value, retentionDays: retention.value } };
}
