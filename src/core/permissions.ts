/**
 * Discord's documented permission computation, pure: guild-wide base permissions from
 * @everyone and the member's roles, then a channel's overwrites in Discord's order. For
 * transports without a cache (the HTTP endpoint) when the payload does not carry the
 * permissions already.
 * @see https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
import { OverwriteType, PermissionFlagsBits, type Snowflake } from 'discord-api-types/v10';

/** Every permission bit Discord defines: what the owner and administrators have. */
export const ALL_PERMISSION_FLAGS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** Bits as Discord sends them (a decimal string) or already read. */
export type PermissionBits = bigint | string;

/** A channel permission overwrite (`permission_overwrites[]`). */
export interface PermissionOverwrite {
	id: Snowflake;
	type: OverwriteType;
	allow: PermissionBits;
	deny: PermissionBits;
}

export interface PermissionSources {
	/** `owner_id` of the guild: the owner has every permission. */
	guildOwnerId: Snowflake;
	/** The @everyone role's id, which is the guild's id. */
	everyoneRoleId: Snowflake;
	/** The guild's roles (at least @everyone and the member's). */
	roles: readonly { id: Snowflake; permissions: PermissionBits }[];
	/** The user whose permissions are computed. */
	memberId: Snowflake;
	/** Their roles, without @everyone. */
	memberRoleIds: readonly Snowflake[];
	/** The channel's overwrites; for a thread, its parent channel's. */
	overwrites: readonly PermissionOverwrite[];
}

const bits = (value: PermissionBits): bigint => (typeof value === 'bigint' ? value : BigInt(value));

/**
 * Reads a permission bit set as the payload carries it (a decimal string); anything else is
 * unknown (undefined), never zero.
 */
export function readPermissionBits(value: unknown): bigint | undefined {
	if (typeof value === 'bigint') return value;
	return typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : undefined;
}

/** Guild-wide permissions: owner has all; else @everyone OR each role; Administrator means all. */
export function computeBasePermissions(input: Omit<PermissionSources, 'overwrites'>): bigint {
	if (input.memberId === input.guildOwnerId) return ALL_PERMISSION_FLAGS;
	const roles = new Map(input.roles.map((role) => [role.id, bits(role.permissions)]));
	let permissions = roles.get(input.everyoneRoleId) ?? 0n;
	for (const id of input.memberRoleIds) permissions |= roles.get(id) ?? 0n;
	return (permissions & PermissionFlagsBits.Administrator) === 0n ? permissions : ALL_PERMISSION_FLAGS;
}

/**
 * A member's permissions in a channel: base permissions, then the @everyone overwrite, then
 * the member's role overwrites together (all denies, then all allows), then the member's own
 * overwrite. Without View Channel nothing else counts; without Send Messages the bits that
 * only make sense when sending go too (Discord's implicit permissions).
 */
export function computeChannelPermissions(input: PermissionSources): bigint {
	const base = computeBasePermissions(input);
	if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSION_FLAGS;

	const apply = (
		permissions: bigint,
		overwrite: { allow: PermissionBits; deny: PermissionBits } | undefined,
	): bigint => (overwrite ? (permissions & ~bits(overwrite.deny)) | bits(overwrite.allow) : permissions);

	let permissions = apply(
		base,
		input.overwrites.find((o) => o.id === input.everyoneRoleId),
	);

	const memberRoles = new Set(input.memberRoleIds);
	let allow = 0n;
	let deny = 0n;
	for (const overwrite of input.overwrites) {
		if (
			overwrite.type !== OverwriteType.Role ||
			overwrite.id === input.everyoneRoleId ||
			!memberRoles.has(overwrite.id)
		)
			continue;
		allow |= bits(overwrite.allow);
		deny |= bits(overwrite.deny);
	}
	permissions = (permissions & ~deny) | allow;

	permissions = apply(
		permissions,
		input.overwrites.find((o) => o.type === OverwriteType.Member && o.id === input.memberId),
	);

	if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
	if ((permissions & PermissionFlagsBits.SendMessages) === 0n) {
		permissions &= ~(
			PermissionFlagsBits.MentionEveryone |
			PermissionFlagsBits.SendTTSMessages |
			PermissionFlagsBits.AttachFiles |
			PermissionFlagsBits.EmbedLinks
		);
	}
	return permissions;
}
