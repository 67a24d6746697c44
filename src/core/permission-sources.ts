/**
 * When two sources of permission data disagree, the stricter reading wins. The interaction's
 * payload (`resolved` roles and channels, `member.permissions`, `app_permissions`) and what the
 * lookups return (Get Guild's roles, Get Guild Member, Get Channel's overwrites, or discord.js's
 * cache) can differ: a stale cache, a role moved between the click and the check, a payload
 * that is not what we think. Every check fails closed, so the merge does too. Pure.
 */
import type { InvocationRole } from './types.js';

/**
 * A role as the stricter of two readings: the higher position (the hierarchy check refuses
 * more), managed when either says so. One reading alone is taken as it is; an unknown field
 * stays unknown only when both lack it (the check then refuses).
 */
export function stricterRole(
	payload: InvocationRole | undefined,
	looked: InvocationRole | undefined,
): InvocationRole | undefined {
	if (!payload || !looked) return payload ?? looked;
	const positions = [payload.position, looked.position].filter((p): p is number => p !== undefined);
	const managed = [payload.managed, looked.managed].filter((m): m is boolean => m !== undefined);
	return {
		...looked,
		...payload,
		position: positions.length > 0 ? Math.max(...positions) : undefined,
		managed: managed.length > 0 ? managed.some(Boolean) : undefined,
	};
}

/**
 * Permissions as the stricter of two readings: only what both grant (a member's permissions
 * in the payload vs computed from their roles; a channel's resolved permissions vs computed
 * from its overwrites). Unknown (`undefined` or `null`) on one side: the other reading.
 */
export function stricterPermissions(
	payload: bigint | null | undefined,
	looked: bigint | null | undefined,
): bigint | undefined {
	if (payload === undefined || payload === null) return looked ?? undefined;
	if (looked === undefined || looked === null) return payload;
	return payload & looked;
}
