import { ChannelType, InviteTargetType, PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	AUDIT_LOG_REASON_LIMIT,
	auditLogReason,
	buildRequest,
	type Checked,
	checkPermissions,
	lookupsNeeded,
	REASON_OPTION_MAX_LENGTH,
	type ReadOptions,
	type Refusal,
	readInviteOptions,
	refusalText,
} from '../../src/core/checks.js';
import type { RoleStanding } from '../../src/core/types.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/index.js';
import { ja } from '../../src/i18n/ja.js';
import {
	BOT_PERMISSIONS,
	GUILD_ID,
	INVITER_PERMISSIONS,
	INVOKER_ID,
	type InvocationOverrides,
	makeInvocation,
	TEXT_CHANNEL_ID,
	VOICE_CHANNEL_ID,
	voiceChannel,
} from './helpers.js';

const STREAMER = { id: '1100000000000000200', username: 'streamer' };
const ACTIVITY_ID = '880218394199220334';
const ROLE = { id: '1100000000000000300', name: 'guest', position: 3, managed: false };

function refusal<T>(result: Checked<T>): Refusal {
	if (result.ok)
		throw new Error(
			`expected a refusal, got ${JSON.stringify(result.value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
		);
	return result.refusal;
}

function read(overrides: InvocationOverrides = {}): ReadOptions {
	const result = readInviteOptions(makeInvocation(overrides));
	if (!result.ok) throw new Error(`refused: ${result.refusal.id}`);
	return result.value;
}

describe('readInviteOptions: where the invite points', () => {
	it('refuses outside a server', () => {
		expect(refusal(readInviteOptions(makeInvocation({ guildId: null }))).id).toBe('notInGuild');
	});

	it('accepts every channel type Discord can make invites for', () => {
		for (const type of [
			ChannelType.GuildText,
			ChannelType.GuildVoice,
			ChannelType.GuildAnnouncement,
			ChannelType.GuildStageVoice,
			ChannelType.GuildForum,
			ChannelType.GuildMedia,
		]) {
			expect(readInviteOptions(makeInvocation({ channel: { type } })).ok).toBe(true);
		}
	});

	it('refuses a thread and points to its parent channel', () => {
		const parentId = '1100000000000000011';
		const result = refusal(
			readInviteOptions(
				makeInvocation({
					options: { channel: { id: '1100000000000000012', type: ChannelType.PublicThread, parentId } },
				}),
			),
		);
		expect(result.id).toBe('threadNotInvitable');
		expect(refusalText(result, en)).toContain(`<#${parentId}>`);
		expect(refusalText(result, en)).toContain('<#1100000000000000012>');
	});

	it('refuses a private thread the command ran in, even without knowing its parent', () => {
		const result = refusal(readInviteOptions(makeInvocation({ channel: { type: ChannelType.PrivateThread } })));
		expect(result.id).toBe('threadNotInvitable');
		expect(refusalText(result, en)).toContain(`<#${TEXT_CHANNEL_ID}>`);
	});

	it('refuses a category and says to pick a channel in it', () => {
		const result = refusal(
			readInviteOptions(
				makeInvocation({
					options: { channel: { id: '1100000000000000013', type: ChannelType.GuildCategory } },
				}),
			),
		);
		expect(result.id).toBe('categoryNotInvitable');
	});

	it('refuses other channel types such as a server directory', () => {
		expect(refusal(readInviteOptions(makeInvocation({ channel: { type: ChannelType.GuildDirectory } }))).id).toBe(
			'channelNotInvitable',
		);
	});

	it('lets Discord decide when the channel type is unknown', () => {
		expect(readInviteOptions(makeInvocation({ channel: { type: undefined } })).ok).toBe(true);
	});

	it('targets the channel option when given, else the channel the command ran in', () => {
		expect(read().target.id).toBe(TEXT_CHANNEL_ID);
		expect(read({ options: { channel: voiceChannel() } }).target.id).toBe(VOICE_CHANNEL_ID);
	});
});

describe('readInviteOptions: expires', () => {
	it('defaults to one day when expires is not given', () => {
		expect(read().maxAge).toBe(86_400);
	});

	it.each([
		['0', 0],
		['never', 0],
		['604800', 604_800],
		['7d', 604_800],
		['90m', 5_400],
		['2h30m', 9_000],
		['1h 30m', 5_400],
		['3d', 259_200],
		['1.5h', 5_400],
	])('reads expires %j as max_age %i', (expires, maxAge) => {
		expect(read({ options: { expires } }).maxAge).toBe(maxAge);
	});

	it('refuses 604801 seconds as too long, quoting the input', () => {
		const result = refusal(readInviteOptions(makeInvocation({ options: { expires: '604801' } })));
		expect(result).toEqual({ id: 'expiresTooLong', args: ['604801'] });
	});

	it('refuses an unreadable expires, quoting the input', () => {
		const result = refusal(readInviteOptions(makeInvocation({ options: { expires: 'tomorrow-ish' } })));
		expect(result).toEqual({ id: 'expiresUnreadable', args: ['tomorrow-ish'] });
		expect(refusalText(result, en)).toContain('`tomorrow-ish`');
	});
});

describe('readInviteOptions: max_uses', () => {
	it.each([0, 1, 100])('accepts max_uses %i', (max_uses) => {
		expect(readInviteOptions(makeInvocation({ options: { max_uses } })).ok).toBe(true);
	});

	it.each([-1, 101, 1.5, Number.NaN])('refuses max_uses %d', (max_uses) => {
		expect(refusal(readInviteOptions(makeInvocation({ options: { max_uses } })))).toEqual({
			id: 'maxUsesOutOfRange',
			args: [max_uses],
		});
	});
});

describe('readInviteOptions: stream and Activity targets', () => {
	it('refuses stream_user and activity together', () => {
		const options = { channel: voiceChannel(), stream_user: STREAMER, activity: ACTIVITY_ID };
		expect(refusal(readInviteOptions(makeInvocation({ options }))).id).toBe('streamAndActivity');
	});

	it('refuses a stream target on a text channel, naming the channel', () => {
		const result = refusal(readInviteOptions(makeInvocation({ options: { stream_user: STREAMER } })));
		expect(result).toEqual({ id: 'targetNeedsVoice', args: [`<#${TEXT_CHANNEL_ID}>`] });
	});

	it('refuses an Activity target on a text channel', () => {
		expect(refusal(readInviteOptions(makeInvocation({ options: { activity: ACTIVITY_ID } }))).id).toBe(
			'targetNeedsVoice',
		);
	});

	it('accepts a stream or Activity target on voice and stage channels', () => {
		expect(
			readInviteOptions(makeInvocation({ options: { channel: voiceChannel(), stream_user: STREAMER } })).ok,
		).toBe(true);
		expect(
			readInviteOptions(
				makeInvocation({
					options: { channel: voiceChannel({ type: ChannelType.GuildStageVoice }), activity: ACTIVITY_ID },
				}),
			).ok,
		).toBe(true);
	});

	it.each(['abc', '', '1234', '88021839419922033x'])(
		'refuses activity %j because it is not an application id',
		(activity) => {
			expect(
				refusal(readInviteOptions(makeInvocation({ options: { channel: voiceChannel(), activity } }))),
			).toEqual({
				id: 'activityNotAnId',
				args: [activity],
			});
		},
	);
});

describe('readInviteOptions: reason and role', () => {
	it('accepts a reason of exactly the option limit and refuses one character more', () => {
		expect(
			readInviteOptions(makeInvocation({ options: { reason: 'r'.repeat(REASON_OPTION_MAX_LENGTH) } })).ok,
		).toBe(true);
		expect(
			refusal(
				readInviteOptions(makeInvocation({ options: { reason: 'r'.repeat(REASON_OPTION_MAX_LENGTH + 1) } })),
			),
		).toEqual({
			id: 'reasonTooLong',
			args: [REASON_OPTION_MAX_LENGTH],
		});
	});

	it('refuses the @everyone role, whose id is the server id', () => {
		expect(
			refusal(
				readInviteOptions(
					makeInvocation({ options: { role: { ...ROLE, id: GUILD_ID, name: '@everyone', position: 0 } } }),
				),
			).id,
		).toBe('roleIsEveryone');
	});

	it('refuses a role managed by an integration', () => {
		const result = refusal(readInviteOptions(makeInvocation({ options: { role: { ...ROLE, managed: true } } })));
		expect(result).toEqual({ id: 'roleIsManaged', args: [`<@&${ROLE.id}>`] });
	});
});

describe('lookupsNeeded', () => {
	it('needs nothing when the payload carries both permissions and no role is given', () => {
		expect(lookupsNeeded(makeInvocation())).toEqual({ roleStanding: false, channelPermissions: false, roles: [] });
	});

	it('needs the role standing when a role is given', () => {
		expect(lookupsNeeded(makeInvocation({ options: { role: ROLE } })).roleStanding).toBe(true);
	});

	it("needs channel permissions when the picked channel lacks the bot's or the invoker's", () => {
		expect(
			lookupsNeeded(makeInvocation({ options: { channel: voiceChannel({ appPermissions: undefined }) } }))
				.channelPermissions,
		).toBe(true);
		expect(
			lookupsNeeded(makeInvocation({ options: { channel: voiceChannel({ permissions: undefined }) } }))
				.channelPermissions,
		).toBe(true);
		expect(lookupsNeeded(makeInvocation({ appPermissions: null })).channelPermissions).toBe(true);
	});
});

describe('checkPermissions', () => {
	const check = (overrides: InvocationOverrides, looked: Parameters<typeof checkPermissions>[2] = {}) => {
		const invocation = makeInvocation(overrides);
		const options = readInviteOptions(invocation);
		if (!options.ok) throw new Error(`refused: ${options.refusal.id}`);
		return checkPermissions(invocation, options.value, looked, en);
	};

	it('passes a member and a bot who both may create invites', () => {
		expect(check({})).toEqual({ ok: true, value: true });
	});

	it('refuses an invoker without Create Invite in the target channel, naming the permission', () => {
		const result = refusal(
			check({ invoker: { permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages } }),
		);
		expect(result.id).toBe('invokerMissing');
		expect(refusalText(result, en)).toBe(
			`You need **Create Invite** in <#${TEXT_CHANNEL_ID}> to invite people there.`,
		);
	});

	it("names every permission the member lacks as one list in the reader's language, with its word for and", () => {
		const lacking = { invoker: { permissions: PermissionFlagsBits.SendMessages } };
		const text = (messages: typeof en) => {
			const invocation = makeInvocation(lacking);
			const options = readInviteOptions(invocation);
			if (!options.ok) throw new Error(options.refusal.id);
			return refusalText(refusal(checkPermissions(invocation, options.value, {}, messages)), messages);
		};
		expect(text(en)).toBe(
			`You need **View Channel** and **Create Invite** in <#${TEXT_CHANNEL_ID}> to invite people there.`,
		);
		expect(text(de)).toBe(
			`Du brauchst **Kanal ansehen** und **Einladung erstellen** in <#${TEXT_CHANNEL_ID}>, um dorthin einzuladen.`,
		);
		expect(text(ja)).toContain(`${ja.permission.ViewChannel}、${ja.permission.CreateInstantInvite}`);
	});

	it('names only View Channel when that is all the bot lacks', () => {
		const result = refusal(check({ appPermissions: PermissionFlagsBits.CreateInstantInvite }));
		expect(result.id).toBe('botMissing');
		const text = refusalText(result, en);
		expect(text).toContain(en.permission.ViewChannel);
		expect(text).not.toContain(en.permission.CreateInstantInvite);
	});

	it('names only Create Invite when that is all the bot lacks', () => {
		const result = refusal(check({ appPermissions: PermissionFlagsBits.ViewChannel }));
		const text = refusalText(result, en);
		expect(text).toContain(en.permission.CreateInstantInvite);
		expect(text).not.toContain(en.permission.ViewChannel);
	});

	it('names only View Channel when the bot cannot see the channel, since nothing else counts there', () => {
		const result = refusal(check({ appPermissions: PermissionFlagsBits.SendMessages }));
		expect(result.args[1]).toBe(en.permission.ViewChannel);
	});

	it('checks the permissions of the picked channel, not of the channel the command ran in', () => {
		const picked = voiceChannel({ appPermissions: PermissionFlagsBits.ViewChannel });
		const result = refusal(check({ options: { channel: picked } }));
		expect(result).toEqual({
			id: 'botMissing',
			args: [`<#${VOICE_CHANNEL_ID}>`, en.permission.CreateInstantInvite],
		});
	});

	it('uses looked-up channel permissions when the payload has none', () => {
		const picked = voiceChannel({ permissions: undefined, appPermissions: undefined });
		expect(
			refusal(
				check(
					{ options: { channel: picked } },
					{ channel: { invoker: PermissionFlagsBits.ViewChannel, bot: BOT_PERMISSIONS } },
				),
			).id,
		).toBe('invokerMissing');
		expect(
			check({ options: { channel: picked } }, { channel: { invoker: INVITER_PERMISSIONS, bot: BOT_PERMISSIONS } })
				.ok,
		).toBe(true);
	});

	it("lets Discord decide about the bot when the bot's permissions are unknown", () => {
		expect(check({ appPermissions: null }).ok).toBe(true);
	});

	it("refuses when the invoker's permissions are unknown, since Discord never checks the invoker", () => {
		expect(refusal(check({ invoker: { permissions: null } })).id).toBe('cannotVerify');
	});

	it('refuses an invoker who cannot see the picked channel, even with Create Invite', () => {
		const picked = voiceChannel({ permissions: PermissionFlagsBits.CreateInstantInvite });
		expect(refusal(check({ options: { channel: picked } }))).toEqual({
			id: 'invokerMissing',
			args: [`<#${VOICE_CHANNEL_ID}>`, en.permission.ViewChannel],
		});
	});

	it('treats Administrator as implying every permission, for the invoker and the bot', () => {
		const admin = PermissionFlagsBits.Administrator;
		expect(check({ invoker: { permissions: admin }, appPermissions: admin })).toEqual({ ok: true, value: true });
		const standing: RoleStanding = {
			invokerIsOwner: false,
			invokerHighestPosition: 10,
			botHighestPosition: 10,
			invokerPermissions: admin,
			botPermissions: admin,
		};
		expect(
			check({ invoker: { permissions: admin }, appPermissions: admin, options: { role: ROLE } }, { standing }).ok,
		).toBe(true);
	});

	describe('with a role to give', () => {
		const manager = INVITER_PERMISSIONS | PermissionFlagsBits.ManageRoles;
		const bot = BOT_PERMISSIONS | PermissionFlagsBits.ManageRoles;
		const withRole = (position: number): InvocationOverrides => ({
			invoker: { permissions: INVITER_PERMISSIONS },
			appPermissions: BOT_PERMISSIONS,
			options: { role: { ...ROLE, position } },
		});
		const standing = (overrides: Partial<RoleStanding> = {}): RoleStanding => ({
			invokerIsOwner: false,
			invokerHighestPosition: 5,
			botHighestPosition: 5,
			invokerPermissions: manager,
			botPermissions: bot,
			...overrides,
		});

		it("gives a role below both the invoker's and the bot's highest role", () => {
			expect(check(withRole(4), { standing: standing() }).ok).toBe(true);
		});

		it('refuses an invoker without Manage Roles server-wide', () => {
			expect(
				refusal(check(withRole(1), { standing: standing({ invokerPermissions: INVITER_PERMISSIONS }) })).id,
			).toBe('roleNeedsManageRoles');
		});

		it("ignores bit 28 in the channel's permissions, where an overwrite makes it Manage Permissions", () => {
			const overrides = withRole(1);
			overrides.invoker = { permissions: manager };
			overrides.appPermissions = bot;
			expect(
				refusal(check(overrides, { standing: standing({ invokerPermissions: INVITER_PERMISSIONS }) })).id,
			).toBe('roleNeedsManageRoles');
			expect(refusal(check(overrides, { standing: standing({ botPermissions: BOT_PERMISSIONS }) })).id).toBe(
				'botNeedsManageRoles',
			);
		});

		it('refuses when the bot lacks Manage Roles server-wide', () => {
			expect(refusal(check(withRole(1), { standing: standing({ botPermissions: BOT_PERMISSIONS }) })).id).toBe(
				'botNeedsManageRoles',
			);
		});

		it("refuses a role at the same position as the invoker's highest", () => {
			const result = refusal(check(withRole(5), { standing: standing({ botHighestPosition: 9 }) }));
			expect(result).toEqual({ id: 'roleNotBelowInvoker', args: [`<@&${ROLE.id}>`] });
		});

		it("refuses a role above the invoker's highest", () => {
			expect(refusal(check(withRole(7), { standing: standing({ botHighestPosition: 9 }) })).id).toBe(
				'roleNotBelowInvoker',
			);
		});

		it('lets the server owner give a role above their highest, even without Manage Roles', () => {
			expect(
				check(withRole(7), {
					standing: standing({
						invokerIsOwner: true,
						invokerHighestPosition: 0,
						botHighestPosition: 9,
						invokerPermissions: INVITER_PERMISSIONS,
					}),
				}).ok,
			).toBe(true);
		});

		it("still refuses the owner a role at or above the bot's highest", () => {
			const result = refusal(
				check(withRole(9), { standing: standing({ invokerIsOwner: true, botHighestPosition: 9 }) }),
			);
			expect(result).toEqual({ id: 'roleNotBelowBot', args: [`<@&${ROLE.id}>`] });
		});

		it("refuses a role at the same position as the bot's highest", () => {
			expect(
				refusal(
					check(withRole(5), { standing: standing({ invokerHighestPosition: 9, botHighestPosition: 5 }) }),
				).id,
			).toBe('roleNotBelowBot');
		});

		it('refuses to give a role when the standing could not be looked up: nobody else would check the invoker', () => {
			expect(refusal(check(withRole(1))).id).toBe('cannotVerify');
		});
	});
});

describe('buildRequest', () => {
	const build = (overrides: InvocationOverrides = {}) => {
		const invocation = makeInvocation(overrides);
		const options = readInviteOptions(invocation);
		if (!options.ok) throw new Error(`refused: ${options.refusal.id}`);
		return buildRequest(invocation, options.value);
	};

	it('always sends max_age, one day by default, and nothing the user did not ask for', () => {
		expect(build()).toEqual({
			channelId: TEXT_CHANNEL_ID,
			body: { max_age: 86_400 },
			reason: `/invite by ada (${INVOKER_ID})`,
		});
	});

	it('sends max_age 0 for a never-expiring invite', () => {
		expect(build({ options: { expires: 'never' } }).body).toEqual({ max_age: 0 });
	});

	it('passes max_uses, temporary and unique through, including false and 0', () => {
		expect(build({ options: { max_uses: 0, temporary: false, unique: true } }).body).toEqual({
			max_age: 86_400,
			max_uses: 0,
			temporary: false,
			unique: true,
		});
	});

	it("targets a stream with the streaming user's id", () => {
		const request = build({ options: { channel: voiceChannel(), stream_user: STREAMER } });
		expect(request.channelId).toBe(VOICE_CHANNEL_ID);
		expect(request.body).toEqual({
			max_age: 86_400,
			target_type: InviteTargetType.Stream,
			target_user_id: STREAMER.id,
		});
		expect(request.body.target_type).toBe(1);
	});

	it('targets an Activity with the trimmed application id', () => {
		const request = build({ options: { channel: voiceChannel(), activity: ` ${ACTIVITY_ID} ` } });
		expect(request.body).toEqual({
			max_age: 86_400,
			target_type: InviteTargetType.EmbeddedApplication,
			target_application_id: ACTIVITY_ID,
		});
		expect(request.body.target_type).toBe(2);
	});

	it('gives the role through role_ids', () => {
		expect(build({ options: { role: ROLE } }).body.role_ids).toEqual([ROLE.id]);
	});
});

describe('auditLogReason', () => {
	const reasonFor = (username: string, reason?: string, id = INVOKER_ID) =>
		auditLogReason(makeInvocation({ invoker: { id, username }, options: { reason } }));

	it('names the invoker when no reason is given', () => {
		expect(reasonFor('ada')).toBe(`/invite by ada (${INVOKER_ID})`);
	});

	it('names the invoker before the trimmed reason', () => {
		expect(reasonFor('ada', '  for the meetup  ')).toBe(`/invite by ada (${INVOKER_ID}): for the meetup`);
	});

	it('ignores a reason of only spaces', () => {
		expect(reasonFor('ada', '   ')).toBe(`/invite by ada (${INVOKER_ID})`);
	});

	it('keeps the longest accepted reason whole with a 32-character name and a 20-digit id, at exactly 512 characters', () => {
		const reason = 'r'.repeat(REASON_OPTION_MAX_LENGTH);
		const text = reasonFor('n'.repeat(32), reason, '12345678901234567890');
		expect(text).toHaveLength(AUDIT_LOG_REASON_LIMIT);
		expect(text.endsWith(reason)).toBe(true);
	});

	it('never exceeds 512 characters and still names the invoker with a long reason and a long username', () => {
		const username = 'n'.repeat(40);
		const text = reasonFor(username, 'r'.repeat(2_000));
		expect(text.length).toBeLessThanOrEqual(512);
		expect(text.startsWith(`/invite by ${username} (${INVOKER_ID}): `)).toBe(true);
	});

	// Regression, fixed (src/core/checks.ts, auditLogReason: `full.slice(0, AUDIT_LOG_REASON_LIMIT - 1)`): the cut
	// counts UTF-16 code units, so it can split an emoji's surrogate pair. The lone surrogate
	// makes @discordjs/rest's `encodeURIComponent(reason)` for X-Audit-Log-Reason throw
	// "URIError: URI malformed", and the invite request fails. Reachable whenever the text is
	// cut (e.g. a transport that does not run readInviteOptions' reason limit first).
	it('cuts a long reason without splitting an emoji, so the header stays URL-encodable', () => {
		const prefix = `/invite by ada (${INVOKER_ID}): `;
		// Put an emoji's two halves either side of the cut at 511 code units.
		const reason = `${'r'.repeat(511 - prefix.length - 1)}${'😀'.repeat(100)}`;
		const text = reasonFor('ada', reason);
		expect(text.length).toBeLessThanOrEqual(512);
		expect(() => encodeURIComponent(text)).not.toThrow();
	});

	it('leaves room in the reason option for the longest prefix', () => {
		expect(REASON_OPTION_MAX_LENGTH + '/invite by  (): '.length + 32 + 20).toBe(512);
	});
});

describe('refusalText', () => {
	it("fills the refusal's values into the reader's message", () => {
		expect(refusalText({ id: 'maxUsesOutOfRange', args: [101] }, en)).toBe(en.check.maxUsesOutOfRange(101));
		expect(refusalText({ id: 'notInGuild', args: [] }, en)).toBe(en.check.notInGuild);
	});
});

describe('readInviteOptions: free-text options longer than Discord lets them be', () => {
	it.each([
		['expires', 33],
		['activity', 21],
	] as const)('refuses %s of %i characters before reading it', (name, length) => {
		const result = refusal(readInviteOptions(makeInvocation({ options: { [name]: '1'.repeat(length) } })));
		expect(result).toEqual({ id: 'optionTooLong', args: [name, length - 1] });
	});

	it('answers 60,000 characters of expires at once, without reading them', () => {
		const started = performance.now();
		const result = refusal(readInviteOptions(makeInvocation({ options: { expires: `${'1'.repeat(60_000)}!` } })));
		expect(result.id).toBe('optionTooLong');
		expect(performance.now() - started).toBeLessThan(1_000);
	});
});
