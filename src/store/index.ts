/**
 * The invite ledger and per-server settings: one schema on SQLite, Postgres and D1 (Kysely).
 * Host-free: node.ts (better-sqlite3, pg) is imported on its own by the Node programs.
 */
export * from './config.js';
export * from './d1.js';
export * from './ledger-entry.js';
export * from './policy.js';
export * from './purge.js';
export * from './queue.js';
export * from './repository.js';
export type { GuildSettingsTable, InviteTable, StoreDatabase } from './schema.js';
export { MIGRATIONS, migrationProvider } from './schema.js';
export * from './types.js';
export * from './writes.js';
