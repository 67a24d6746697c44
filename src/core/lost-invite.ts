/**
 * Recovering an invite whose answer was lost (timeout, reset, 5xx): the POST may have reached
 * Discord, and repeating it could make a second invite. Instead the channel's invites are
 * listed and ours is picked out. Pure: the listing is passed in.
 */
import { type APIExtendedInvite, PermissionFlagsBits } from 'discord-api-types/v10';
import { REUSE_CLOCK_TOLERANCE_MS } from './render.js';
import type { ChannelInviteRequest } from './types.js';

/** Whether the bot may list a channel's invites (Manage Channels), which recovery needs. */
export const canListInvites = (permissions: bigint | undefined | null): boolean =>
	permissions !== undefined &&
	permissions !== null &&
	((permissions & PermissionFlagsBits.Administrator) !== 0n ||
		(permissions & PermissionFlagsBits.ManageChannels) !== 0n);

/**
 * The invite a lost request made, among the channel's invites (Get Channel Invites): made by
 * the bot, no earlier than the request, with every setting we asked for. Undefined when none
 * or more than one match.
 */
export function findLostInvite(
	invites: readonly APIExtendedInvite[],
	request: ChannelInviteRequest,
	botUserId: string,
	requestedAt: number,
): APIExtendedInvite | undefined {
	const { body } = request;
	const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
		a.length === b.length && a.every((id) => b.includes(id));
	// Everything we asked for must match: another member's invite made at the same moment
	// (with a role, say) must never be handed out as ours.
	const matches = invites.filter(
		(invite) =>
			invite.inviter?.id === botUserId &&
			Date.parse(invite.created_at) >= requestedAt - REUSE_CLOCK_TOLERANCE_MS &&
			invite.uses === 0 &&
			invite.max_age === (body.max_age ?? 86_400) &&
			invite.max_uses === (body.max_uses ?? 0) &&
			invite.temporary === (body.temporary ?? false) &&
			(invite.target_type ?? undefined) === body.target_type &&
			(invite.target_user?.id ?? undefined) === body.target_user_id &&
			(invite.target_application?.id ?? undefined) === body.target_application_id &&
			sameIds(
				(invite.roles ?? []).map((role) => role.id),
				body.role_ids ?? [],
			),
	);
	// Two identical requests at once cannot be told apart: then hand out neither.
	return matches.length === 1 ? matches[0] : undefined;
}
