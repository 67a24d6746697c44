/**
 * The ledger entry for an invite Discord just made: Create Channel Invite's answer, the body
 * that was sent, and who asked. Pure; what `/invite` calls right after Discord answers.
 */
import type {
	RESTPostAPIChannelInviteJSONBody,
	RESTPostAPIChannelInviteResult,
	Snowflake,
} from 'discord-api-types/v10';
import type { NewLedgerInvite } from './types.js';

/** Who asked for the invite, as the interaction says (`member.user`). */
export interface Asker {
	id: Snowflake;
	/** Their name at the time: the server nickname, else the global name, else the username. */
	name: string;
}

/**
 * The ledger entry for `invite`, created for `asker` in `guildId` with `body`. Discord's
 * answer wins where it says (code, channel, times, limits, target); the body fills what the
 * answer may leave out (`unique`, `role_ids`). `now` stands in for a missing `created_at`.
 */
export function ledgerEntry(
	guildId: Snowflake,
	invite: RESTPostAPIChannelInviteResult,
	body: RESTPostAPIChannelInviteJSONBody,
	asker: Asker,
	extras: { reason?: string | null | undefined; targetUsersCount?: number | null | undefined; now: number },
): NewLedgerInvite {
	const createdAt = invite.created_at ? Date.parse(invite.created_at) : extras.now;
	const expiresAt =
		invite.expires_at !== null && invite.expires_at !== undefined
			? Date.parse(invite.expires_at)
			: invite.max_age > 0
				? createdAt + invite.max_age * 1000
				: null;
	return {
		code: invite.code,
		guildId,
		channelId: invite.channel?.id ?? '',
		inviterId: asker.id,
		inviterName: asker.name,
		createdAt,
		expiresAt,
		maxAge: invite.max_age,
		maxUses: invite.max_uses,
		temporary: invite.temporary,
		unique: body.unique ?? false,
		targetType: invite.target_type ?? body.target_type ?? null,
		targetUserId: invite.target_user?.id ?? body.target_user_id ?? null,
		targetApplicationId: invite.target_application?.id ?? body.target_application_id ?? null,
		roleIds: invite.roles?.map((role) => role.id) ?? [...(body.role_ids ?? [])],
		targetUsersCount: extras.targetUsersCount ?? null,
		reason: extras.reason ?? null,
	};
}
