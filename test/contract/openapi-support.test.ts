import {
	ApplicationCommandType,
	ChannelType,
	InteractionResponseType,
	InviteTargetType,
	InviteType,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	loadDiscordSpec,
	openapiTimings,
	spec,
	specAvailable,
	validateCreateInviteRequest,
	validateCreateInviteResponse,
	validateRequest,
	validateResponse,
	validateSchema,
} from '../support/openapi.js';

const GUILD_ID = '1100000000000000001';
const CHANNEL_ID = '1100000000000000002';
const USER_ID = '1100000000000000003';
const TARGET_USER_ID = '1100000000000000004';
const ROLE_ID = '1100000000000000005';

/** A guild invite as POST /channels/{id}/invites returns it (Discord's documented shape, plus what the spec requires). */
function guildInvite(): Record<string, unknown> {
	return {
		type: InviteType.Guild,
		code: 'aBcD1234',
		guild_id: GUILD_ID,
		guild: {
			id: GUILD_ID,
			name: 'Test Guild',
			splash: null,
			banner: null,
			description: null,
			icon: null,
			features: [],
			verification_level: 0,
			vanity_url_code: null,
			nsfw_level: 0,
			nsfw: false,
			premium_subscription_count: 0,
		},
		channel: { id: CHANNEL_ID, type: ChannelType.GuildText, name: 'general' },
		inviter: {
			id: USER_ID,
			username: 'inviter',
			avatar: null,
			discriminator: '0',
			public_flags: 0,
			flags: 0,
			global_name: null,
			primary_guild: null,
		},
		uses: 0,
		max_uses: 5,
		max_age: 3600,
		temporary: false,
		created_at: '2025-01-01T00:00:00.000000+00:00',
		expires_at: '2025-01-01T01:00:00.000000+00:00',
	};
}

const title = spec.available
	? 'Discord OpenAPI contract support'
	: `Discord OpenAPI contract support — SKIPPED: ${spec.reason}`;

describe.skipIf(!spec.available)(title, () => {
	it("loads Discord's OpenAPI 3.1 spec once and reports it available", () => {
		expect(specAvailable).toBe(true);
		const doc = loadDiscordSpec();
		expect(doc.openapi).toMatch(/^3\.1/);
		expect(loadDiscordSpec()).toBe(doc);
		expect(doc.paths['/channels/{channel_id}/invites']).toHaveProperty('post');
	});

	describe('Create Channel Invite request body', () => {
		it('accepts a guild invite body with max_age, max_uses, temporary and unique', () => {
			const r = validateCreateInviteRequest({ max_age: 3600, max_uses: 5, temporary: false, unique: true });
			expect(r.errors).toEqual([]);
			expect(r.valid).toBe(true);
			expect(r.guild.valid).toBe(true);
			expect(r.full.valid).toBe(true);
		});

		it('accepts a stream invite targeting a user', () => {
			const r = validateCreateInviteRequest({
				max_age: 3600,
				target_type: InviteTargetType.Stream,
				target_user_id: TARGET_USER_ID,
			});
			expect(r.errors).toEqual([]);
			expect(r.valid).toBe(true);
		});

		it('accepts role_ids as an array of snowflakes', () => {
			const r = validateCreateInviteRequest({
				max_age: 3600,
				max_uses: 5,
				temporary: false,
				unique: true,
				role_ids: [ROLE_ID],
			});
			expect(r.errors).toEqual([]);
			expect(r.valid).toBe(true);
		});

		it('accepts an empty body because every field is optional', () => {
			expect(validateCreateInviteRequest({})).toMatchObject({ valid: true, errors: [] });
		});

		it("accepts max_age 0 (never expires) and the spec's guild maximum of 5184000 seconds", () => {
			expect(validateCreateInviteRequest({ max_age: 0 }).valid).toBe(true);
			expect(validateCreateInviteRequest({ max_age: 5_184_000 }).valid).toBe(true);
		});

		it('accepts null for nullable fields', () => {
			const r = validateCreateInviteRequest({
				max_age: null,
				max_uses: null,
				temporary: null,
				unique: null,
				target_type: null,
			});
			expect(r.errors).toEqual([]);
		});

		it('rejects max_age given as a string, in both the guild schema and the full request schema', () => {
			const r = validateCreateInviteRequest({ max_age: 'abc' });
			expect(r.valid).toBe(false);
			expect(r.guild.valid).toBe(false);
			expect(r.full.valid).toBe(false);
			expect(r.guild.errors.join('\n')).toContain('/max_age must be integer,null');
		});

		it('rejects max_age above 5184000 or below 0', () => {
			expect(validateCreateInviteRequest({ max_age: 5_184_001 }).valid).toBe(false);
			expect(validateCreateInviteRequest({ max_age: -1 }).valid).toBe(false);
			expect(validateCreateInviteRequest({ max_age: 1.5 }).valid).toBe(false);
		});

		it('rejects max_uses above 100', () => {
			const r = validateCreateInviteRequest({ max_uses: 101 });
			expect(r.valid).toBe(false);
			expect(r.errors.join('\n')).toContain('/max_uses must be <= 100');
		});

		it('rejects booleans sent as strings', () => {
			expect(validateCreateInviteRequest({ temporary: 'false' }).valid).toBe(false);
			expect(validateCreateInviteRequest({ unique: 1 }).valid).toBe(false);
		});

		it('rejects target types other than stream (1) and embedded application (2)', () => {
			// 3 (ROLE_SUBSCRIPTIONS_PURCHASE) is in the spec's enum but discord-api-types has no name for it.
			expect(validateCreateInviteRequest({ target_type: 3 }).valid).toBe(false);
			expect(validateCreateInviteRequest({ target_type: '1' }).valid).toBe(false);
		});

		it('rejects a target_user_id that is not a snowflake string', () => {
			expect(
				validateCreateInviteRequest({ target_type: InviteTargetType.Stream, target_user_id: 123 }).valid,
			).toBe(false);
			expect(
				validateCreateInviteRequest({ target_type: InviteTargetType.Stream, target_user_id: 'abc' }).valid,
			).toBe(false);
			expect(
				validateCreateInviteRequest({ target_type: InviteTargetType.Stream, target_user_id: '0123' }).valid,
			).toBe(false);
		});

		it('rejects duplicate or non-snowflake role_ids', () => {
			expect(validateCreateInviteRequest({ role_ids: [ROLE_ID, ROLE_ID] }).valid).toBe(false);
			expect(validateCreateInviteRequest({ role_ids: [42] }).valid).toBe(false);
		});

		it('rejects a body that is not an object', () => {
			expect(validateCreateInviteRequest([]).valid).toBe(false);
			expect(validateCreateInviteRequest('max_age=3600').valid).toBe(false);
		});

		it('catches wrong types the full request schema lets through via its group DM branch', () => {
			// The operation's schema is anyOf(CreateGroupDMInviteRequest, CreateGuildInviteRequest)
			// and the group DM branch only constrains max_age, so it matches this body.
			const r = validateCreateInviteRequest({ max_uses: 'x' });
			expect(r.full.valid).toBe(true);
			expect(r.guild.valid).toBe(false);
			expect(r.valid).toBe(false);
		});

		it('tolerates unknown fields because the spec does not set additionalProperties: false', () => {
			expect(validateCreateInviteRequest({ max_age: 3600, no_such_field: true }).valid).toBe(true);
		});
	});

	describe('Create Channel Invite response body', () => {
		it("accepts a guild invite in Discord's documented shape", () => {
			expect(validateCreateInviteResponse(200, guildInvite())).toEqual({ valid: true, errors: [] });
		});

		it('accepts a never-expiring invite whose expires_at is null', () => {
			expect(validateCreateInviteResponse(200, { ...guildInvite(), max_age: 0, expires_at: null }).valid).toBe(
				true,
			);
		});

		it('rejects a guild invite missing a required field, naming the field', () => {
			const { code: _code, ...noCode } = guildInvite();
			const r = validateCreateInviteResponse(200, noCode);
			expect(r.valid).toBe(false);
			expect(r.errors.join('\n')).toContain("must have required property 'code'");
		});

		it('rejects a guild invite without guild_id, which the spec requires', () => {
			const { guild_id: _guildId, ...noGuildId } = guildInvite();
			const r = validateCreateInviteResponse(200, noGuildId);
			expect(r.valid).toBe(false);
			expect(r.errors).toContain(
				"GuildInviteResponse: (root) must have required property 'guild_id' [#/required]",
			);
		});

		it('rejects an inviter missing fields UserResponse requires', () => {
			const invite = guildInvite();
			invite.inviter = { id: USER_ID, username: 'inviter', avatar: null, discriminator: '0' };
			const r = validateCreateInviteResponse(200, invite);
			expect(r.valid).toBe(false);
			expect(r.errors.join('\n')).toContain("/inviter must have required property 'primary_guild'");
		});

		it('rejects wrongly typed fields and timestamps that are not date-times', () => {
			expect(validateCreateInviteResponse(200, { ...guildInvite(), uses: '0' }).valid).toBe(false);
			expect(validateCreateInviteResponse(200, { ...guildInvite(), created_at: 'yesterday' }).valid).toBe(false);
			expect(validateCreateInviteResponse(200, { ...guildInvite(), guild_id: 1 }).valid).toBe(false);
		});

		it('rejects integers outside int32 where the spec says int32', () => {
			expect(validateCreateInviteResponse(200, { ...guildInvite(), uses: 2 ** 31 }).valid).toBe(false);
		});

		it('rejects an unknown invite type', () => {
			expect(validateCreateInviteResponse(200, { ...guildInvite(), type: 3 }).valid).toBe(false);
		});

		it('accepts an empty 204 and rejects a 204 that carries a body', () => {
			expect(validateCreateInviteResponse(204, undefined).valid).toBe(true);
			expect(validateCreateInviteResponse(204, '').valid).toBe(true);
			expect(validateCreateInviteResponse(204, guildInvite()).valid).toBe(false);
		});

		it('validates 4XX bodies against ErrorResponse and 429 bodies against RatelimitedResponse', () => {
			expect(
				validateCreateInviteResponse(403, {
					code: RESTJSONErrorCodes.MissingPermissions,
					message: 'Missing Permissions',
				}).valid,
			).toBe(true);
			expect(validateCreateInviteResponse(403, { message: 'Missing Permissions' }).valid).toBe(false);
			expect(
				validateCreateInviteResponse(429, {
					code: 0,
					message: 'You are being rate limited.',
					retry_after: 1.5,
					global: false,
				}).valid,
			).toBe(true);
			expect(validateCreateInviteResponse(429, { code: 0, message: 'You are being rate limited.' }).valid).toBe(
				false,
			);
		});

		it("holds nested form errors to the spec's Error schema, whose code is an integer", () => {
			// Real Discord puts string codes (e.g. "NUMBER_TYPE_MAX") in nested _errors; the spec says integer.
			const formError = (code: unknown) => ({
				code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
				message: 'Invalid Form Body',
				errors: {
					max_age: { _errors: [{ code, message: 'int value should be less than or equal to 5184000.' }] },
				},
			});
			expect(validateCreateInviteResponse(400, formError(1)).valid).toBe(true);
			expect(validateCreateInviteResponse(400, formError('NUMBER_TYPE_MAX')).valid).toBe(false);
		});

		it('treats a status the spec does not document as a contract violation', () => {
			const r = validateCreateInviteResponse(302, undefined);
			expect(r.valid).toBe(false);
			expect(r.errors[0]).toContain('status 302 is not documented');
		});
	});

	describe('generic validators', () => {
		it('validates against a component schema given its name or its full $ref', () => {
			expect(validateSchema('SnowflakeType', '1').valid).toBe(true);
			expect(validateSchema('#/components/schemas/SnowflakeType', 'x').valid).toBe(false);
			expect(validateSchema('InviteTypes', 0).valid).toBe(true);
			expect(validateSchema('InviteTypes', 7).valid).toBe(false);
		});

		it('throws for a schema name the spec does not have', () => {
			expect(() => validateSchema('NoSuchSchema', {})).toThrow(/no schema components\/schemas\/NoSuchSchema/);
		});

		it('finds operations by concrete path or by a template with different parameter names', () => {
			const body = {
				url: 'wss://gateway.discord.gg',
				shards: 1,
				session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
			};
			expect(validateResponse('GET', '/gateway/bot', 200, body).errors).toEqual([]);
			expect(validateResponse('GET', '/gateway/bot', 200, { url: 'wss://gateway.discord.gg' }).valid).toBe(false);
			expect(validateResponse('POST', '/channels/123/invites', 200, guildInvite()).valid).toBe(true);
			// The spec names these {webhook_id}/{webhook_token}; the literal @original beats {message_id}.
			expect(
				validateResponse('PATCH', '/webhooks/{application_id}/{interaction_token}/messages/@original', 200, {})
					.valid,
			).toBe(false);
		});

		it('validates request bodies of other operations', () => {
			const commands = [
				{ name: 'invite', description: 'Create an invite', type: ApplicationCommandType.ChatInput },
			];
			expect(validateRequest('PUT', '/applications/{application_id}/commands', commands).errors).toEqual([]);
			expect(validateRequest('PUT', '/applications/{application_id}/commands', [{ name: 5 }]).valid).toBe(false);
			expect(
				validateRequest('POST', '/interactions/{interaction_id}/{interaction_token}/callback', {
					type: InteractionResponseType.ChannelMessageWithSource,
					data: { content: 'hi' },
				}).valid,
			).toBe(true);
			expect(
				validateRequest('POST', '/interactions/{interaction_id}/{interaction_token}/callback', { type: 999 })
					.valid,
			).toBe(false);
			expect(
				validateResponse('POST', '/interactions/{interaction_id}/{interaction_token}/callback', 204, undefined)
					.valid,
			).toBe(true);
		});

		it('throws for an operation the spec does not have', () => {
			expect(() => validateResponse('GET', '/no/such/route', 200, {})).toThrow(/no path matching/);
			expect(() => validateResponse('PUT', '/gateway/bot', 200, {})).toThrow(/no PUT \/gateway\/bot/);
		});

		it('compiles each validator once and reuses it', () => {
			validateCreateInviteRequest({});
			const compiled = Object.keys(openapiTimings.compileMs).length;
			validateCreateInviteRequest({ max_age: 1 });
			validateCreateInviteResponse(200, guildInvite());
			expect(Object.keys(openapiTimings.compileMs).length).toBe(compiled);
		});
	});
});
