/**
 * The ledger's writes that may wait, as data rather than closures: the Node programs keep them
 * in memory (the write-behind queue), the Worker hands them to a Durable Object when D1 does not
 * answer, as JSON that outlives the isolate. Each write is idempotent (an insert that keeps the
 * first row of a code, a conditional update, a delete), so one applied twice, say after a
 * success whose answer was lost, leaves the ledger as one application does.
 */
import type { Kysely } from 'kysely';
import { type WriteBehindOptions, WriteBehindQueue } from './queue.js';
import type { StoreDatabase } from './schema.js';
import type { NewLedgerInvite, WriteOutcome } from './types.js';

/** One write that may wait. Times are epoch milliseconds, taken when the write was asked for. */
export type LedgerWrite =
	| { kind: 'recordInvite'; invite: NewLedgerInvite }
	| { kind: 'markDeleted'; code: string; at: number }
	| { kind: 'deleteGuild'; guildId: string };

/** Where a store sends the writes that may wait. */
export interface LedgerWriter {
	/** Applies the write now when it can; otherwise keeps it to try again. Never rejects. */
	submit(write: LedgerWrite): Promise<WriteOutcome>;
	/** Writes this writer still holds for a retry. */
	readonly depth: number;
	/** Tries what it holds now. */
	flush(): Promise<void>;
	/** Stops retrying; what it still holds is logged as given up. */
	close(): void;
}

/**
 * Builds a store's writer, given how to apply one write now (it throws when the database does
 * not take it). `createInviteStore` calls it once.
 */
export type LedgerWriterFactory = (apply: (write: LedgerWrite) => Promise<void>) => LedgerWriter;

/** The writer of the Node programs: the in-memory write-behind queue, in submission order. */
export function memoryLedgerWriter(options: WriteBehindOptions): LedgerWriterFactory {
	return (apply) => {
		const queue = new WriteBehindQueue(options);
		return {
			submit: (write) => queue.submit(write.kind, () => apply(write)),
			get depth() {
				return queue.depth;
			},
			flush: () => queue.flush(),
			close: () => queue.close(),
		};
	};
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** Runs one write against the database; throws what the database threw. */
export async function applyLedgerWrite(db: Kysely<StoreDatabase>, write: LedgerWrite): Promise<void> {
	switch (write.kind) {
		case 'recordInvite': {
			const { invite } = write;
			await db
				.insertInto('invites')
				.values({
					code: invite.code,
					guild_id: invite.guildId,
					channel_id: invite.channelId,
					inviter_id: invite.inviterId,
					inviter_name: invite.inviterName,
					created_at: invite.createdAt,
					expires_at: invite.expiresAt,
					max_age: invite.maxAge,
					max_uses: invite.maxUses,
					temporary: flag(invite.temporary),
					unique: flag(invite.unique),
					target_type: invite.targetType,
					target_user_id: invite.targetUserId,
					target_application_id: invite.targetApplicationId,
					role_ids: JSON.stringify(invite.roleIds),
					target_users_count: invite.targetUsersCount ?? null,
					reason: invite.reason ?? null,
					revoked_at: null,
					revoked_by: null,
					revoke_reason: null,
					deleted: 0,
					deleted_at: null,
				})
				// The first record of a code stays: a retry never makes a second row.
				.onConflict((conflict) => conflict.column('code').doNothing())
				.execute();
			return;
		}
		case 'markDeleted':
			await db
				.updateTable('invites')
				.set({ deleted: 1, deleted_at: write.at })
				.where('code', '=', write.code)
				.where('deleted', '=', 0)
				.execute();
			return;
		case 'deleteGuild':
			await db.deleteFrom('invites').where('guild_id', '=', write.guildId).execute();
			await db.deleteFrom('guild_settings').where('guild_id', '=', write.guildId).execute();
			return;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a value read back from JSON is a write of ours (the shape, not every field). */
export function isLedgerWrite(value: unknown): value is LedgerWrite {
	if (!isObject(value)) return false;
	switch (value.kind) {
		case 'recordInvite':
			return isObject(value.invite) && typeof value.invite.code === 'string';
		case 'markDeleted':
			return typeof value.code === 'string' && typeof value.at === 'number';
		case 'deleteGuild':
			return typeof value.guildId === 'string';
		default:
			return false;
	}
}
