import {
	type APIExtendedInvite,
	type APIUser,
	ButtonStyle,
	ChannelType,
	ComponentType,
	InviteTargetType,
	InviteType,
	MessageFlags,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	expiresAt,
	inviteUrl,
	isReused,
	REUSE_CLOCK_TOLERANCE_MS,
	type RenderContext,
	renderInvite,
	snowflakeTimestamp,
	textReply,
} from '../../src/core/render.js';
import { en } from '../../src/i18n/index.js';
import { GUILD_ID, TEXT_CHANNEL_ID, VOICE_CHANNEL_ID } from './helpers.js';

const CREATED_AT = '2026-01-01T00:00:00.000Z';
const CREATED_MS = Date.parse(CREATED_AT);
/** 2026-01-02T00:00:00Z in unix seconds. */
const ONE_DAY_LATER = 1_767_312_000;

const user = (id: string, username: string): APIUser => ({
	id,
	username,
	discriminator: '0',
	global_name: null,
	avatar: null,
});

function guildInvite(
	overrides: { [K in keyof APIExtendedInvite]?: APIExtendedInvite[K] | undefined } = {},
): APIExtendedInvite {
	return {
		type: InviteType.Guild,
		code: 'abcDEF12',
		guild: {
			id: GUILD_ID,
			name: 'Test server',
			splash: null,
			banner: null,
			description: null,
			icon: null,
			features: [],
			verification_level: 0,
			vanity_url_code: null,
			nsfw_level: 0,
			premium_subscription_count: 0,
		},
		channel: { id: TEXT_CHANNEL_ID, type: ChannelType.GuildText, name: 'general' },
		inviter: user('1100000000000000100', 'ada'),
		uses: 0,
		max_uses: 0,
		max_age: 86_400,
		temporary: false,
		created_at: CREATED_AT,
		expires_at: '2026-01-02T00:00:00.000Z',
		...overrides,
	} as APIExtendedInvite;
}

const context = (overrides: Partial<RenderContext> = {}): RenderContext => ({
	requestedAt: CREATED_MS,
	channelId: TEXT_CHANNEL_ID,
	...overrides,
});

describe('renderInvite: a new server invite', () => {
	const reply = renderInvite(guildInvite(), context(), en);

	it('says the invite was created for the channel and shows the link and the code', () => {
		const lines = reply.content.split('\n');
		expect(lines[0]).toBe(`**${en.reply.created(`<#${TEXT_CHANNEL_ID}>`)}**`);
		expect(lines).toContain('https://discord.gg/abcDEF12');
		expect(lines).toContain(`${en.reply.code}: \`abcDEF12\``);
	});

	it('shows the expiry as Discord timestamps, full and relative', () => {
		expect(reply.content).toContain(`${en.reply.expires}: <t:${ONE_DAY_LATER}:f> (<t:${ONE_DAY_LATER}:R>)`);
	});

	it('shows uses without a limit and temporary membership off', () => {
		expect(reply.content).toContain(`${en.reply.uses}: ${en.reply.usesUnlimited(0)}`);
		expect(reply.content).toContain(`${en.reply.temporary}: ${en.reply.temporaryNo}`);
	});

	it('adds a link button to the invite URL', () => {
		expect(reply.components).toEqual([
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.Button,
						style: ButtonStyle.Link,
						label: en.reply.openButton,
						url: 'https://discord.gg/abcDEF12',
					},
				],
			},
		]);
	});

	it('is ephemeral and pings nobody', () => {
		expect(reply.flags).toBe(MessageFlags.Ephemeral);
		expect(reply.allowed_mentions).toEqual({ parse: [] });
	});

	it('does not call a fresh invite reused', () => {
		expect(reply.content).not.toContain(en.reply.reusedHint);
	});
});

describe('renderInvite: details', () => {
	it('says "never" for an invite that never expires', () => {
		const reply = renderInvite(guildInvite({ max_age: 0, expires_at: null }), context(), en);
		expect(reply.content).toContain(`${en.reply.expires}: ${en.reply.neverExpires}`);
		expect(reply.content).not.toContain('<t:');
	});

	it('reads the expiry from expires_at as Discord sends it, never from created_at and max_age', () => {
		const unix = CREATED_MS / 1000 + 7_200;
		const reply = renderInvite(
			guildInvite({ expires_at: new Date(unix * 1000).toISOString(), max_age: 3_600 }),
			context(),
			en,
		);
		expect(reply.content).toContain(`<t:${unix}:f> (<t:${unix}:R>)`);
		// null is Discord's "never expires", whatever max_age says.
		expect(renderInvite(guildInvite({ expires_at: null, max_age: 3_600 }), context(), en).content).toContain(
			`${en.reply.expires}: ${en.reply.neverExpires}`,
		);
	});

	it('shows uses out of the limit and temporary membership on', () => {
		const reply = renderInvite(guildInvite({ max_uses: 10, temporary: true }), context({ unique: true }), en);
		expect(reply.content).toContain(`${en.reply.uses}: ${en.reply.usesOf(0, 10)}`);
		expect(reply.content).toContain(`${en.reply.temporary}: ${en.reply.temporaryYes}`);
	});

	it('names the streamer of a stream invite', () => {
		const streamer = user('1100000000000000200', 'streamer');
		const reply = renderInvite(
			guildInvite({
				channel: { id: VOICE_CHANNEL_ID, type: ChannelType.GuildVoice, name: 'voice' },
				target_type: InviteTargetType.Stream,
				target_user: streamer,
			}),
			context(),
			en,
		);
		expect(reply.content).toContain(`${en.reply.stream}: <@${streamer.id}>`);
	});

	it('names the Activity of an embedded-application invite, with its id', () => {
		const reply = renderInvite(
			guildInvite({
				target_type: InviteTargetType.EmbeddedApplication,
				target_application: { id: '880218394199220334', name: 'Watch Together' },
			}),
			context(),
			en,
		);
		expect(reply.content).toContain(`${en.reply.activity}: Watch Together (\`880218394199220334\`)`);
	});

	it('shows only the Activity id when Discord sends no name', () => {
		const reply = renderInvite(
			guildInvite({
				target_type: InviteTargetType.EmbeddedApplication,
				target_application: { id: '880218394199220334' },
			}),
			context(),
			en,
		);
		expect(reply.content).toContain(`${en.reply.activity}: \`880218394199220334\``);
	});

	it('lists the roles given on joining as role mentions', () => {
		const role = (id: string, name: string) => ({
			id,
			name,
			position: 1,
			color: 0,
			colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
			icon: null,
			unicode_emoji: null,
		});
		const reply = renderInvite(
			guildInvite({ roles: [role('1100000000000000300', 'guest'), role('1100000000000000301', 'visitor')] }),
			context(),
			en,
		);
		expect(reply.content.split('\n')).toContain(
			`${en.reply.roles}: <@&1100000000000000300> and <@&1100000000000000301>`,
		);
	});

	it('leaves out the roles line when no roles are given', () => {
		expect(renderInvite(guildInvite({ roles: [] }), context(), en).content).not.toContain(en.reply.roles);
	});

	it('says the invite was recovered after a lost answer', () => {
		expect(renderInvite(guildInvite(), context({ recovered: true }), en).content.split('\n')[1]).toBe(
			en.reply.recovered,
		);
	});

	it('falls back to the requested channel when the invite names none', () => {
		expect(
			renderInvite(guildInvite({ channel: null }), context({ channelId: VOICE_CHANNEL_ID }), en).content,
		).toContain(`<#${VOICE_CHANNEL_ID}>`);
	});
});

describe('renderInvite: reused invites', () => {
	it('calls an invite with uses an existing one and explains unique', () => {
		const reply = renderInvite(guildInvite({ uses: 3 }), context(), en);
		expect(reply.content.split('\n')[0]).toBe(`**${en.reply.reused(`<#${TEXT_CHANNEL_ID}>`)}**`);
		expect(reply.content).toContain(`-# ${en.reply.reusedHint}`);
	});

	it('calls an invite created well before the request an existing one', () => {
		const reply = renderInvite(
			guildInvite(),
			context({ requestedAt: CREATED_MS + REUSE_CLOCK_TOLERANCE_MS + 1 }),
			en,
		);
		expect(reply.content).toContain(en.reply.reusedHint);
	});

	it('allows the clocks to differ by up to the tolerance', () => {
		expect(isReused(guildInvite(), CREATED_MS + REUSE_CLOCK_TOLERANCE_MS, undefined)).toBe(false);
		expect(isReused(guildInvite(), CREATED_MS + REUSE_CLOCK_TOLERANCE_MS + 1, undefined)).toBe(true);
	});

	it('says Discord handed back an existing invite when the code came back within seconds, whatever the tolerance', () => {
		// `expires:90m`, then `expires:"1h 30m"` two seconds later: the same code, made moments ago.
		const again = CREATED_MS + 2_000;
		expect(isReused(guildInvite(), again, undefined)).toBe(false);
		expect(isReused(guildInvite(), again, undefined, { seenBefore: true })).toBe(true);
		const reply = renderInvite(guildInvite(), context({ requestedAt: again, reuse: { seenBefore: true } }), en);
		expect(reply.content.split('\n')[0]).toBe(`**Discord returned an existing invite to <#${TEXT_CHANNEL_ID}>**`);
	});

	it("calls an invite made before the interaction reused, on Discord's clock, with no tolerance", () => {
		const interactionCreatedAt = CREATED_MS + 1;
		expect(isReused(guildInvite(), CREATED_MS + 1_000, undefined, { interactionCreatedAt })).toBe(true);
	});

	it('calls an invite made after the interaction new even when the host clock runs seconds ahead', () => {
		const interactionCreatedAt = CREATED_MS - 50;
		const hostAhead = CREATED_MS + REUSE_CLOCK_TOLERANCE_MS + 3_000;
		expect(isReused(guildInvite(), hostAhead, undefined, { interactionCreatedAt })).toBe(false);
	});

	it("does not believe an interaction time from the future or from long ago (a fake's id), and uses our clock", () => {
		const requestedAt = CREATED_MS + 1_000;
		expect(isReused(guildInvite(), requestedAt, undefined, { interactionCreatedAt: requestedAt + 3_600_000 })).toBe(
			false,
		);
		expect(isReused(guildInvite(), CREATED_MS + 60_000, undefined, { interactionCreatedAt: 0 })).toBe(true);
		expect(isReused(guildInvite(), requestedAt, undefined, { interactionCreatedAt: 0 })).toBe(false);
	});

	it('never calls an invite reused when unique was sent', () => {
		expect(isReused(guildInvite({ uses: 3 }), CREATED_MS + 60_000, true)).toBe(false);
		expect(renderInvite(guildInvite({ uses: 3 }), context({ unique: true }), en).content).not.toContain(
			en.reply.reusedHint,
		);
	});
});

describe('renderInvite: other invite types and no body', () => {
	it("renders a group DM invite (type 1) with the group's name", () => {
		const invite = guildInvite({
			type: InviteType.GroupDM,
			guild: undefined,
			channel: { id: '1100000000000000400', type: ChannelType.GroupDM, name: 'weekend plans' },
			max_age: 3_600,
			expires_at: '2026-01-01T01:00:00.000Z',
		});
		const reply = renderInvite(invite, context({ unique: true }), en);
		expect(reply.content.split('\n')[0]).toBe(`**${en.reply.groupDm('weekend plans')}**`);
		expect(reply.content).toContain('https://discord.gg/abcDEF12');
		expect(reply.components).toHaveLength(1);
	});

	it('renders a group DM invite without a name with the channel mention', () => {
		const invite = guildInvite({
			type: InviteType.GroupDM,
			channel: { id: '1100000000000000400', type: ChannelType.GroupDM, name: null },
		});
		expect(renderInvite(invite, context({ unique: true }), en).content.split('\n')[0]).toBe(
			`**${en.reply.groupDm('<#1100000000000000400>')}**`,
		);
	});

	it('renders a friend invite (type 2) naming the inviter', () => {
		const invite = guildInvite({ type: InviteType.Friend, guild: undefined, channel: null });
		expect(renderInvite(invite, context({ unique: true }), en).content.split('\n')[0]).toBe(
			`**${en.reply.friend('<@1100000000000000100>')}**`,
		);
	});

	it('renders a friend invite without an inviter', () => {
		const invite = guildInvite({ type: InviteType.Friend, channel: null, inviter: undefined });
		expect(renderInvite(invite, context({ unique: true }), en).content.split('\n')[0]).toBe(
			`**${en.reply.friend('?')}**`,
		);
	});

	it('explains a 204 with no body and offers no button', () => {
		expect(renderInvite(undefined, context(), en)).toEqual(textReply(en.reply.noBody));
		expect(renderInvite(null, context(), en).components).toEqual([]);
	});

	it('treats a body without a code like no body', () => {
		expect(renderInvite({} as APIExtendedInvite, context(), en).content).toBe(en.reply.noBody);
	});
});

describe('helpers', () => {
	it('builds invite URLs on discord.gg', () => {
		expect(inviteUrl('abc')).toBe('https://discord.gg/abc');
	});

	it('prefers expires_at and reports null for a never-expiring invite', () => {
		expect(expiresAt(guildInvite())).toBe(ONE_DAY_LATER);
		expect(expiresAt(guildInvite({ max_age: 0, expires_at: null }))).toBeNull();
	});

	it('makes text replies ephemeral with no components and no pings', () => {
		expect(textReply('hi')).toEqual({
			content: 'hi',
			components: [],
			flags: MessageFlags.Ephemeral,
			allowed_mentions: { parse: [] },
		});
	});
});

describe('snowflakeTimestamp', () => {
	it('reads when Discord made a snowflake, and nothing from what is not one', () => {
		// Discord's docs example: 175928847299117063 was made at 2016-04-30T11:18:25.796Z.
		expect(snowflakeTimestamp('175928847299117063')).toBe(Date.parse('2016-04-30T11:18:25.796Z'));
		expect(snowflakeTimestamp('not-an-id')).toBeUndefined();
	});
});
