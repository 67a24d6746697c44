/**
 * Property-based probes of the pure core (fast-check, bounded runs): reading options,
 * checking permissions and rendering replies never throw and never allow what they must
 * refuse, for arbitrary option values, arbitrary partial lookups, arbitrary invite responses
 * built from Discord's OpenAPI schema, and arbitrary guild models checked against the local
 * Discord's own permission algorithm.
 */
import { ChannelType, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPermissions, readInviteOptions } from '../../src/core/checks.js';
import { computeChannelPermissions } from '../../src/core/permissions.js';
import { renderInvite } from '../../src/core/render.js';
import type { ChannelPermissions, InviteOptions, RoleStanding } from '../../src/core/types.js';
import { en } from '../../src/i18n/index.js';
import { defaultSeed, seedIds } from '../../src/local-discord/index.js';
import { GuildModel } from '../../src/local-discord/model.js';
import { loadDiscordSpec, specAvailable } from '../support/openapi.js';
import { makeInvocation } from './helpers.js';

const RUNS = { numRuns: 300 };
const P = PermissionFlagsBits;
const bits = fc.bigInt({ min: 0n, max: (1n << 50n) - 1n });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const snowflake = fc.bigInt({ min: 1n << 40n, max: (1n << 62n) - 1n }).map(String);

const options: fc.Arbitrary<InviteOptions> = fc.record(
	{
		channel: maybe(
			fc.record({
				id: snowflake,
				type: maybe(fc.integer({ min: -1, max: 20 }) as fc.Arbitrary<ChannelType>),
				parentId: maybe(fc.option(snowflake, { nil: null })),
				permissions: maybe(bits),
				appPermissions: maybe(bits),
			}),
		),
		expires: maybe(fc.string({ maxLength: 60 })),
		max_uses: maybe(fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double())),
		temporary: maybe(fc.boolean()),
		unique: maybe(fc.boolean()),
		stream_user: maybe(fc.record({ id: snowflake })),
		activity: maybe(fc.string({ maxLength: 30 })),
		role: maybe(
			fc.record({
				id: snowflake,
				name: fc.string(),
				position: maybe(fc.integer({ min: 0, max: 10 })),
				managed: maybe(fc.boolean()),
			}),
		),
		reason: maybe(fc.string({ maxLength: 600 })),
	},
	{ requiredKeys: [] },
);
const channelLookup: fc.Arbitrary<ChannelPermissions | undefined> = maybe(
	fc.record(
		{
			invoker: maybe(bits),
			bot: maybe(bits),
			channel: maybe(
				fc.record({
					type: fc.integer({ min: 0, max: 16 }) as fc.Arbitrary<ChannelType>,
					guildId: maybe(fc.constantFrom('1100000000000000001', '1300000000000000001')),
				}),
			),
		},
		{ requiredKeys: [] },
	),
);
const standing: fc.Arbitrary<RoleStanding | undefined> = maybe(
	fc.record({
		invokerIsOwner: fc.boolean(),
		invokerHighestPosition: fc.integer({ min: 0, max: 10 }),
		botHighestPosition: fc.integer({ min: 0, max: 10 }),
		invokerPermissions: bits,
		botPermissions: bits,
	}),
);

const has = (permissions: bigint | undefined, flag: bigint): boolean =>
	permissions !== undefined && ((permissions & P.Administrator) !== 0n || (permissions & flag) === flag);

describe('the core on arbitrary input', () => {
	it('reads options and checks permissions without throwing, and never allows what it must refuse', () => {
		fc.assert(
			fc.property(
				options,
				bits,
				channelLookup,
				standing,
				maybe(fc.record({ position: fc.integer({ min: 0, max: 10 }), managed: fc.boolean() })),
				(opts, invokerHere, channel, roleStanding, listed) => {
					const invocation = makeInvocation({ options: opts, invoker: { permissions: invokerHere } });
					const read = readInviteOptions(invocation);
					if (!read.ok) return;
					const target = read.value.target;
					// The server's role list, as the roles lookup answers it (or cannot: undefined).
					const roles =
						opts.role && listed
							? new Map([[opts.role.id, { id: opts.role.id, name: '', ...listed }]])
							: undefined;
					const allowed = checkPermissions(
						invocation,
						read.value,
						{ channel, standing: roleStanding, roles },
						en,
					);
					if (!allowed.ok) return;
					// Allowed: the invoker may view and invite there, by what the payload or the lookup said.
					const invoker = target.permissions ?? channel?.invoker;
					expect(has(invoker, P.ViewChannel) && has(invoker, P.CreateInstantInvite)).toBe(true);
					// The type is known (payload or lookup) and invitable.
					const type = target.type ?? channel?.channel?.type;
					expect(type).toBeDefined();
					expect([0, 2, 5, 13, 15, 16]).toContain(type);
					// Never another server's channel.
					expect(channel?.channel?.guildId ?? invocation.guildId).toBe(invocation.guildId);
					if (opts.role) {
						expect(roleStanding).toBeDefined();
						const position = opts.role.position ?? listed?.position;
						expect(position).toBeDefined();
						expect(opts.role.managed ?? listed?.managed).toBe(false);
						expect(position!).toBeLessThan(roleStanding!.botHighestPosition);
						if (!roleStanding!.invokerIsOwner)
							expect(position!).toBeLessThan(roleStanding!.invokerHighestPosition);
					}
					if (opts.expires !== undefined) expect(opts.expires.length).toBeLessThanOrEqual(32);
					if (opts.reason !== undefined) expect(opts.reason.length).toBeLessThanOrEqual(444);
				},
			),
			RUNS,
		);
	});

	it("never allows an invite the local Discord's own permission algorithm would not allow the invoker", () => {
		const memberRoles = ['member', 'helper', 'moderator'] as const;
		fc.assert(
			fc.property(
				fc.record({ everyone: bits, member: bits, helper: bits }),
				fc.array(fc.record({ target: fc.constantFrom('everyone', ...memberRoles), allow: bits, deny: bits }), {
					maxLength: 3,
				}),
				fc.constantFrom('member', 'helper', 'moderator', 'guest'),
				(rolePermissions, overwrites, who) => {
					const guild = new GuildModel(defaultSeed());
					guild.setRolePermissions('@everyone', rolePermissions.everyone);
					guild.setRolePermissions('member', rolePermissions.member);
					guild.setRolePermissions('helper', rolePermissions.helper);
					const channel = guild.channel('general');
					for (const overwrite of overwrites) {
						const role = overwrite.target === 'everyone' ? guild.everyone : guild.role(overwrite.target);
						const existing = channel.permission_overwrites.filter((o) => o.id !== role.id);
						channel.permission_overwrites.splice(0, channel.permission_overwrites.length, ...existing, {
							id: role.id,
							type: OverwriteType.Role,
							allow: overwrite.allow.toString(),
							deny: overwrite.deny.toString(),
						});
					}
					const member = guild.member(who);
					const ours = computeChannelPermissions({
						guildOwnerId: guild.info.owner_id,
						everyoneRoleId: guild.id,
						roles: guild.roles,
						memberId: member.user.id,
						memberRoleIds: member.roles,
						overwrites: channel.permission_overwrites,
					});
					const invocation = makeInvocation({
						channel: { id: channel.id, type: ChannelType.GuildText },
						invoker: { id: member.user.id, permissions: ours },
					});
					const read = readInviteOptions(invocation);
					if (!read.ok) return;
					const allowed = checkPermissions(invocation, read.value, {}, en);
					if (!allowed.ok) return;
					const theirs = guild.permissionsIn(member.user.id, channel.id);
					expect(has(theirs, P.ViewChannel) && has(theirs, P.CreateInstantInvite)).toBe(true);
				},
			),
			RUNS,
		);
		expect(seedIds.channels.general).toBeDefined();
	});

	it.skipIf(!specAvailable)('renders any invite response that fits the OpenAPI schema, without throwing', () => {
		const spec = loadDiscordSpec();
		const operation = spec.paths['/channels/{channel_id}/invites']?.post as {
			responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
		};
		const schema = operation.responses['200']?.content?.['application/json']?.schema;
		const invite = fromSchema(schema, spec.components.schemas, 0);
		fc.assert(
			fc.property(invite, fc.boolean(), (response, unique) => {
				const reply = renderInvite(response as never, { requestedAt: Date.now(), unique, channelId: '1' }, en);
				expect(typeof reply.content).toBe('string');
				expect(reply.flags).toBe(64);
				expect(reply.allowed_mentions).toEqual({ parse: [] });
			}),
			{ numRuns: 200 },
		);
	});

	it('renders arbitrary JSON where an invite belongs, without throwing', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
				const reply = renderInvite(value as never, { requestedAt: 0, channelId: '1' }, en);
				expect(typeof reply.content).toBe('string');
			}),
			RUNS,
		);
	});
});

type Schema = Record<string, unknown>;

/** An arbitrary of the values `schema` describes (refs resolved, depth-bounded). */
function fromSchema(schema: unknown, schemas: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> {
	if (!schema || typeof schema !== 'object' || depth > 6) return fc.constant(null);
	const s = schema as Schema;
	if (typeof s.$ref === 'string') return fromSchema(schemas[s.$ref.split('/').pop() ?? ''], schemas, depth + 1);
	for (const key of ['oneOf', 'anyOf'] as const)
		if (Array.isArray(s[key]))
			return fc.oneof(...(s[key] as unknown[]).map((item) => fromSchema(item, schemas, depth + 1)));
	if (Array.isArray(s.allOf))
		return fc
			.tuple(...(s.allOf as unknown[]).map((item) => fromSchema(item, schemas, depth + 1)))
			.map((parts) => Object.assign({}, ...parts.filter((part) => part && typeof part === 'object')));
	if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
	if ('const' in s) return fc.constant(s.const);
	const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
	return fc.oneof(...types.map((type) => ofType(type, s, schemas, depth)));
}

function ofType(type: string, s: Schema, schemas: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> {
	switch (type) {
		case 'null':
			return fc.constant(null);
		case 'boolean':
			return fc.boolean();
		case 'integer':
			return fc.integer({ min: (s.minimum as number) ?? -10, max: (s.maximum as number) ?? 700_000 });
		case 'number':
			return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
		case 'string':
			if (s.format === 'date-time')
				return fc
					.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
					.map((d) => d.toISOString());
			if (s.format === 'snowflake') return snowflake;
			return fc.string({ maxLength: 40 });
		case 'array':
			return fc.array(fromSchema(s.items, schemas, depth + 1), { maxLength: 3 });
		default: {
			const properties = (s.properties ?? {}) as Record<string, unknown>;
			const required = new Set((s.required as string[] | undefined) ?? []);
			return fc.record(
				Object.fromEntries(
					Object.entries(properties).map(([key, value]) => [key, fromSchema(value, schemas, depth + 1)]),
				),
				{ requiredKeys: Object.keys(properties).filter((key) => required.has(key)) },
			);
		}
	}
}
