/**
 * Revoking invites made through `/invite`, for `/invites revoke` and the Revoke button: the
 * code looked up in the ledger and its server checked before anything is deleted, who may
 * revoke (the member who asked, Manage Server, Manage Channels there), whether the bot may,
 * the exactly-once claim (`markRevoked`: of two replicas, one deletes), Delete Invite with
 * the audit-log reason, and what the ledger learns from Discord's answer (10006, 10004).
 */
import { DiscordAPIError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { classifyError, failureText } from '../core/errors.js';
import {
	botMayRevoke,
	hasManageGuild,
	type LedgerInteraction,
	revokeAllowed,
	revokeAuditReason,
} from '../core/ledger.js';
import { deleteInvite } from '../discord/invites.js';
import type { Messages } from '../i18n/index.js';
import type { CommandContext } from '../pipeline/command.js';
import type { InviteStore } from '../store/repository.js';
import type { LedgerInvite } from '../store/types.js';

/** What came of one revoke: the text to show says which. */
export type RevokeResult =
	| { status: 'revoked'; invite: LedgerInvite; at: number }
	| { status: 'gone' | 'raced'; code: string }
	| { status: 'refused'; text: string }
	| { status: 'failed'; text: string };

/** The actor's and the bot's permissions in a channel: the interaction's own, or looked up. */
async function permissionsIn(
	channelId: string,
	interaction: LedgerInteraction,
	context: CommandContext,
): Promise<{ invoker: bigint | undefined; bot: bigint | undefined }> {
	if (channelId === interaction.channelId)
		return { invoker: interaction.actor.permissions, bot: interaction.botPermissions };
	try {
		const found = await context.lookups.channelPermissions?.(channelId);
		return { invoker: found?.invoker, bot: found?.bot };
	} catch (error) {
		// A check that lacks data refuses: unknown permissions grant nothing.
		context.logger.warn({ err: error, channel: channelId }, 'could not look up permissions for a revoke');
		return { invoker: undefined, bot: undefined };
	}
}

/**
 * Revokes one invite of the ledger for `interaction`'s actor. `invite` is the ledger's row,
 * already found in this server. Never throws.
 */
export async function revokeInvite(
	store: InviteStore,
	invite: LedgerInvite,
	interaction: LedgerInteraction & { guildId: string },
	context: CommandContext,
	messages: Messages,
	reason: string | undefined,
): Promise<RevokeResult> {
	const { code } = invite;
	if (invite.deleted) return { status: 'gone', code };
	if (invite.revokedAt !== null) return { status: 'raced', code };
	const inChannel = hasManageGuild(interaction.actor.permissions)
		? { invoker: interaction.actor.permissions, bot: undefined }
		: await permissionsIn(invite.channelId, interaction, context);
	if (!revokeAllowed(invite, interaction.actor, inChannel.invoker))
		return { status: 'refused', text: messages.ledger.notAllowed(code) };
	const bot = hasManageGuild(interaction.botPermissions)
		? interaction.botPermissions
		: (inChannel.bot ?? (await permissionsIn(invite.channelId, interaction, context)).bot);
	if (!botMayRevoke(interaction.botPermissions, bot))
		return { status: 'refused', text: messages.ledger.botCannotRevoke(code, `<#${invite.channelId}>`) };

	// Exactly one caller, on any replica, wins the claim and calls Discord.
	const claim = await store.markRevoked(code, { guildId: interaction.guildId, by: interaction.actor.id, reason });
	if (!claim.ok) return { status: 'failed', text: messages.ledger.unavailable };
	if (!claim.value.won) return { status: 'raced', code };
	try {
		await deleteInvite(context.rest.api, code, { reason: revokeAuditReason(interaction.actor, reason) });
		void store.markDeleted(code);
		return { status: 'revoked', invite, at: claim.value.revokedAt };
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInvite) {
			void store.markDeleted(code);
			return { status: 'gone', code };
		}
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownGuild)
			void store.deleteGuild(interaction.guildId);
		// Not deleted: give the claim back, so another try may win it.
		await store.releaseRevoke(code, { by: interaction.actor.id, revokedAt: claim.value.revokedAt });
		context.logger.warn({ err: error, code, interaction: interaction.interactionId }, 'revoke failed');
		return {
			status: 'failed',
			text: failureText(
				classifyError(error, () => context.clock.now()),
				messages,
			),
		};
	}
}

/**
 * Finds `code` in this server's ledger: an invite of another server, or one not made through
 * `/invite`, is never deleted from here (the bot may hold Manage Server there).
 */
export async function findInLedger(
	store: InviteStore,
	code: string,
	guildId: string,
	messages: Messages,
): Promise<{ ok: true; invite: LedgerInvite } | { ok: false; text: string }> {
	const found = await store.get(code);
	if (!found.ok) return { ok: false, text: messages.ledger.unavailable };
	if (!found.value || found.value.guildId !== guildId) return { ok: false, text: messages.ledger.notFound(code) };
	return { ok: true, invite: found.value };
}

/** The text of a revoke's result, for the member who asked. */
export function revokeText(result: RevokeResult, messages: Messages): string {
	switch (result.status) {
		case 'revoked':
			return messages.ledger.revoked(result.invite.code);
		case 'gone':
			return messages.ledger.alreadyGone(result.code);
		case 'raced':
			return messages.ledger.alreadyRevoked(result.code);
		default:
			return result.text;
	}
}
