/**
 * The payload's `resolved` role says position 1; the server's role list (what Get Guild
 * returns, or discord.js's cache of it) says 4, above the moderator's highest role (3). The
 * stricter reading wins on both hosts: refused, and no invite is created.
 */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDiscord } from '../../src/local-discord/index.js';
import { startHttpHarness } from '../http/harness.js';
import { startGatewayHarness } from '../support/gateway-harness.js';

const INVITES = /^\/channels\/\d+\/invites$/;
const VIP = '1100000000000000399';

/** Adds `vip` at position 4 (above the moderator's 3) and builds `/invite role:vip` whose payload says 1. */
function tamperedInvite(discord: LocalDiscord): APIChatInputApplicationCommandInteraction {
	if (!discord.guild.roles.some((role) => role.id === VIP))
		discord.guild.addRole({
			id: VIP,
			name: 'vip',
			position: 4,
			permissions: String(PermissionFlagsBits.CreateInstantInvite),
		});
	const payload = discord.interaction({
		user: 'moderator',
		channel: 'general',
		command: 'invite',
		options: { role: 'vip' },
	}) as APIChatInputApplicationCommandInteraction;
	const resolved = payload.data.resolved?.roles?.[VIP];
	if (!resolved) throw new Error('the payload resolves no vip role');
	resolved.position = 1;
	return payload;
}

describe.each([
	[
		'the HTTP endpoint',
		async () => {
			const harness = await startHttpHarness();
			return { discord: harness.discord, deliver: harness.deliver, close: () => harness.close() };
		},
	],
	[
		'the gateway bot',
		async () => {
			const harness = await startGatewayHarness();
			return {
				discord: harness.discord,
				deliver: (payload: APIChatInputApplicationCommandInteraction) => harness.discord.dispatch(payload),
				close: () => harness.close(),
			};
		},
	],
])('%s, when the payload and the server disagree on a role', (_host, start) => {
	let host: Awaited<ReturnType<typeof start>>;
	beforeAll(async () => {
		host = await start();
	});
	afterAll(() => host.close());

	it('refuses a role the payload puts at 1 and Get Guild at 4, above the member, and creates no invite', async () => {
		const before = host.discord.requestsTo('POST', INVITES).length;
		const message = await host.deliver(tamperedInvite(host.discord)).message();
		expect(message.content).toContain(`<@&${VIP}>`);
		expect(message.content).toContain('is not below your highest role');
		expect(host.discord.requestsTo('POST', INVITES).length).toBe(before);
		expect(host.discord.guild.invites.some((invite) => invite.role_ids.includes(VIP))).toBe(false);
	});
});
