import { type APIExtendedInvite, InviteTargetType, InviteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { canListInvites, findLostInvite } from '../../src/core/lost-invite.js';
import { REUSE_CLOCK_TOLERANCE_MS } from '../../src/core/render.js';
import type { ChannelInviteRequest } from '../../src/core/types.js';

const BOT = '1100000000000000500';
const CHANNEL = '1100000000000000010';
const REQUESTED_AT = Date.parse('2026-12-01T12:00:00.000Z');

const request = (body: ChannelInviteRequest['body'] = { max_age: 3_600 }): ChannelInviteRequest => ({
	channelId: CHANNEL,
	body,
	reason: '/invite by ada (1)',
});

function invite(overrides: Partial<APIExtendedInvite> = {}): APIExtendedInvite {
	return {
		type: InviteType.Guild,
		code: 'abc',
		channel: null,
		inviter: { id: BOT, username: 'bot', discriminator: '0', global_name: null, avatar: null },
		uses: 0,
		max_uses: 0,
		max_age: 3_600,
		temporary: false,
		created_at: new Date(REQUESTED_AT + 200).toISOString(),
		expires_at: null,
		...overrides,
	} as APIExtendedInvite;
}

describe('findLostInvite', () => {
	it('finds the one invite the bot made with our settings after the request', () => {
		const ours = invite({ code: 'ours' });
		const found = findLostInvite(
			[invite({ code: 'old', created_at: '2020-01-01T00:00:00Z' }), ours],
			request(),
			BOT,
			REQUESTED_AT,
		);
		expect(found?.code).toBe('ours');
	});

	it('accepts a creation time within the clock tolerance before the request, not beyond', () => {
		const at = (ms: number) => invite({ created_at: new Date(REQUESTED_AT - ms).toISOString() });
		expect(findLostInvite([at(REUSE_CLOCK_TOLERANCE_MS)], request(), BOT, REQUESTED_AT)).toBeDefined();
		expect(findLostInvite([at(REUSE_CLOCK_TOLERANCE_MS + 1)], request(), BOT, REQUESTED_AT)).toBeUndefined();
	});

	it('never hands out an invite someone else made, one already used, or one with other settings', () => {
		const other = { id: '1', username: 'x', discriminator: '0', global_name: null, avatar: null };
		for (const candidate of [
			invite({ inviter: other }),
			invite({ uses: 1 }),
			invite({ max_age: 86_400 }),
			invite({ max_uses: 5 }),
			invite({ temporary: true }),
			invite({ target_type: InviteTargetType.Stream }),
		])
			expect(findLostInvite([candidate], request(), BOT, REQUESTED_AT)).toBeUndefined();
	});

	it('compares roles as sets', () => {
		const roles = [{ id: '2' }, { id: '1' }] as NonNullable<APIExtendedInvite['roles']>;
		const body = { max_age: 3_600, role_ids: ['1', '2'] };
		expect(findLostInvite([invite({ roles })], request(body), BOT, REQUESTED_AT)).toBeDefined();
		expect(findLostInvite([invite()], request(body), BOT, REQUESTED_AT)).toBeUndefined();
	});

	it('hands out neither of two identical candidates', () => {
		expect(
			findLostInvite([invite({ code: 'a' }), invite({ code: 'b' })], request(), BOT, REQUESTED_AT),
		).toBeUndefined();
	});
});

describe('canListInvites', () => {
	it('needs Manage Channels or Administrator, and known permissions', () => {
		expect(canListInvites(PermissionFlagsBits.ManageChannels)).toBe(true);
		expect(canListInvites(PermissionFlagsBits.Administrator)).toBe(true);
		expect(canListInvites(PermissionFlagsBits.CreateInstantInvite)).toBe(false);
		expect(canListInvites(undefined)).toBe(false);
		expect(canListInvites(null)).toBe(false);
	});
});
