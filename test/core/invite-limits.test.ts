/**
 * The server's limits on /invite, the /invite-settings options and the invite log's embed:
 * pure functions, values in and out.
 */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../src/core/autocomplete.js';
import { refusalText } from '../../src/core/checks.js';
import { checkLimits, exemptFromLimits, type InviteLimits } from '../../src/core/invite-limits.js';
import { inviteLogMessage } from '../../src/core/invite-log.js';
import { logChannelMissing, readSettingsRequest, type SettingsInvocation } from '../../src/core/settings.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/index.js';
import { makeInvocation } from './helpers.js';

const NONE: InviteLimits = {
	maxExpires: null,
	allowPermanent: true,
	maxUsesLimit: null,
	allowRoles: true,
	requireReason: false,
};
const read = (maxAge = 86_400) => ({ maxAge, moreRoleIds: [] as string[] });

describe('checkLimits', () => {
	it('lets everything through with the defaults', () => {
		expect(checkLimits(makeInvocation(), read(), NONE, en)).toEqual({ ok: true, value: {} });
	});

	it('refuses a chosen expiry longer than max_expires, naming the limit in words', () => {
		const checked = checkLimits(
			makeInvocation({ options: { expires: '2d' } }),
			read(172_800),
			{ ...NONE, maxExpires: 86_400 },
			en,
		);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(refusalText(checked.refusal, en)).toContain('at most 1 day');
	});

	it('shortens the default expiry to max_expires instead of refusing what the member never chose', () => {
		expect(checkLimits(makeInvocation(), read(), { ...NONE, maxExpires: 3_600 }, en)).toEqual({
			ok: true,
			value: { maxAge: 3_600 },
		});
	});

	it('refuses never only when allow_permanent is off', () => {
		const never = makeInvocation({ options: { expires: 'never' } });
		expect(checkLimits(never, read(0), NONE, en).ok).toBe(true);
		expect(checkLimits(never, read(0), { ...NONE, allowPermanent: false }, en)).toMatchObject({
			ok: false,
			refusal: { id: 'permanentNotAllowed' },
		});
	});

	it('fills in max_uses_limit when the member set none, and refuses more or unlimited', () => {
		const limits = { ...NONE, maxUsesLimit: 5 };
		expect(checkLimits(makeInvocation(), read(), limits, en)).toEqual({ ok: true, value: { maxUses: 5 } });
		expect(checkLimits(makeInvocation({ options: { max_uses: 5 } }), read(), limits, en)).toEqual({
			ok: true,
			value: {},
		});
		for (const max_uses of [6, 0])
			expect(checkLimits(makeInvocation({ options: { max_uses } }), read(), limits, en)).toMatchObject({
				ok: false,
				refusal: { id: 'maxUsesOverLimit', args: [5] },
			});
	});

	it('refuses roles when allow_roles is off, and no reason (or blanks) when require_reason is on', () => {
		const role = makeInvocation({ options: { role: { id: '1100000000000000700', name: 'r' } } });
		expect(checkLimits(role, read(), { ...NONE, allowRoles: false }, en)).toMatchObject({
			refusal: { id: 'rolesNotAllowed' },
		});
		const blank = makeInvocation({ options: { reason: '   ' } });
		expect(checkLimits(blank, read(), { ...NONE, requireReason: true }, en)).toMatchObject({
			refusal: { id: 'reasonRequired' },
		});
	});

	it('exempts Manage Server and Administrator, and binds unknown permissions', () => {
		expect(exemptFromLimits(PermissionFlagsBits.ManageGuild)).toBe(true);
		expect(exemptFromLimits(PermissionFlagsBits.Administrator)).toBe(true);
		expect(exemptFromLimits(PermissionFlagsBits.ManageRoles)).toBe(false);
		expect(exemptFromLimits(null)).toBe(false);
	});
});

describe('readSettingsRequest', () => {
	const invocation = (options: SettingsInvocation['options']): SettingsInvocation => ({
		interactionId: '1',
		guildId: '2',
		invoker: { id: '3', username: 'admin', permissions: PermissionFlagsBits.ManageGuild },
		options,
	});

	it('reads max_expires like /invite’s expires, in any language, and never as no limit', () => {
		expect(readSettingsRequest(invocation({ max_expires: '2 Stunden' }), en, [])).toEqual({
			ok: false,
			text: expect.stringContaining("I can't read `2 Stunden` as a duration"),
		});
		expect(
			readSettingsRequest(invocation({ max_expires: '2 Stunden' }), en, [
				{ units: de.durationUnits, never: de.never },
			]),
		).toEqual({ ok: true, value: { kind: 'update', patch: { maxExpires: 7_200 }, logChannel: undefined } });
		expect(readSettingsRequest(invocation({ max_expires: 'never' }), en)).toMatchObject({
			value: { patch: { maxExpires: null } },
		});
		expect(readSettingsRequest(invocation({ max_expires: '8d' }), en)).toEqual({
			ok: false,
			text: expect.stringContaining('`8d` is too long'),
		});
	});

	it('shows with no option, resets alone, and refuses reset with other options', () => {
		expect(readSettingsRequest(invocation({}), en)).toEqual({ ok: true, value: { kind: 'show' } });
		expect(readSettingsRequest(invocation({ reset: true }), en)).toEqual({ ok: true, value: { kind: 'reset' } });
		expect(readSettingsRequest(invocation({ reset: true, allow_roles: false }), en)).toEqual({
			ok: false,
			text: en.settings.resetAlone,
		});
	});

	it('refuses a log channel that is not text or announcement: voice, category, stage, forum', () => {
		for (const type of [
			ChannelType.GuildVoice,
			ChannelType.GuildCategory,
			ChannelType.GuildStageVoice,
			ChannelType.GuildForum,
		])
			expect(readSettingsRequest(invocation({ log_channel: { id: '9', type } }), en), `type ${type}`).toEqual({
				ok: false,
				text: "<#9> can't be the invite log: pick a text or announcement channel.",
			});
	});
});

describe('max_expires autocomplete', () => {
	it('suggests durations as for /invite’s expires', () => {
		const choices = autocompleteChoices({ focused: { name: 'max_expires', value: '2h' }, locale: 'en-US' });
		expect(choices[0]).toEqual({ name: '2 hours', value: '2h' });
	});
});

describe('logChannelMissing', () => {
	const P = PermissionFlagsBits;
	it('names what the bot lacks to post an embed, View Channel alone when it cannot see', () => {
		expect(logChannelMissing(P.ViewChannel | P.SendMessages | P.EmbedLinks, en)).toBeUndefined();
		expect(logChannelMissing(P.Administrator, en)).toBeUndefined();
		expect(logChannelMissing(P.ViewChannel, en)).toBe('**Send Messages** and **Embed Links**');
		expect(logChannelMissing(P.SendMessages | P.EmbedLinks, en)).toBe('**View Channel**');
	});
});

describe('inviteLogMessage', () => {
	const entry = {
		event: 'revoked' as const,
		guildId: '1',
		code: 'abc',
		channelId: '2',
		inviter: { id: '3', username: 'ada' },
		revoker: { id: '4', username: 'mod' },
		expiresAt: null,
		maxUses: 5,
		uses: 2,
		roleIds: ['5'],
		targetUsers: 3,
		reason: 'spam',
		at: 0,
	};

	it('shows who, where, expiry, uses, roles, target users and reason, and pings nobody', () => {
		const body = inviteLogMessage(entry, en);
		expect(body.allowed_mentions).toEqual({ parse: [] });
		const [embed] = body.embeds ?? [];
		expect(embed?.title).toBe('Invite revoked');
		const text = JSON.stringify(embed?.fields);
		for (const part of [
			'<@3> (ada)',
			'<#2>',
			'`abc`',
			'never',
			'2 of 5',
			'<@&5>',
			'3 people',
			'<@4> (mod)',
			'spam',
		])
			expect(text).toContain(part);
	});

	it('is written in the server’s language', () => {
		expect(inviteLogMessage({ ...entry, event: 'created' }, de).embeds?.[0]?.title).toBe('Einladung erstellt');
	});
});
