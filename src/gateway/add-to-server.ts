/** The link that adds the gateway bot to a server, with the permissions its commands need. */
import { OAuth2Routes, OAuth2Scopes, PermissionFlagsBits } from 'discord-api-types/v10';

/** Permissions `/invite` needs: Create Invite and View Channel; Manage Roles for `role`. */
export const BOT_PERMISSIONS = PermissionFlagsBits.CreateInstantInvite | PermissionFlagsBits.ViewChannel;
export const BOT_PERMISSIONS_WITH_ROLES = BOT_PERMISSIONS | PermissionFlagsBits.ManageRoles;

/** The URL that adds the bot to a server, with its slash commands. */
export function addToServerUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
	const url = new URL(OAuth2Routes.authorizationURL);
	url.searchParams.set('client_id', applicationId);
	url.searchParams.set('scope', [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '));
	url.searchParams.set('permissions', permissions.toString());
	url.searchParams.set('integration_type', '0');
	return url.toString();
}
