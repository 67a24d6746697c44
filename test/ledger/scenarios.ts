/**
 * `/invites list`, `/invites revoke` and the Revoke button of `/invite`, written once and run
 * over every host that serves them: the gateway bot, the HTTP endpoint and the discord.js
 * drop-in, each with its ledger on a real SQLite file in a temp dir (`onSqlite`), and the
 * Worker in workerd on D1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIInteraction, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import {
	type InteractionHandle,
	type InteractionInit,
	type LocalDiscord,
	type LocalDiscordOptions,
	moreGuildSeeds,
} from '../../src/local-discord/index.js';
import { seedIds } from '../../src/local-discord/seed.js';
import { openStore } from '../../src/store/node.js';
import type { InviteStore } from '../../src/store/repository.js';
import type { LedgerInvite } from '../../src/store/types.js';

/** What the scenarios need of a host. */
export interface LedgerHost {
	discord: LocalDiscord;
	/** The ledger the host writes, as the scenarios read it (empty at the start). */
	store: InviteStore;
	/** Delivers any interaction payload the way this host receives it. */
	deliver(payload: APIInteraction): InteractionHandle;
	/** Stops the host and closes its store. */
	close(): Promise<void>;
}

export type StartLedgerHost = (options: { discord?: LocalDiscordOptions }) => Promise<LedgerHost>;

/** A Node host with its ledger on a real SQLite file of its own, in a temp dir removed at close. */
export function onSqlite(
	start: (options: { store: InviteStore; discord?: LocalDiscordOptions }) => Promise<Omit<LedgerHost, 'store'>>,
): StartLedgerHost {
	return async (options) => {
		const dir = await mkdtemp(join(tmpdir(), 'invites-ledger-'));
		const store = await openStore({ kind: 'sqlite', path: join(dir, 'invites.db') });
		const host = await start({ ...options, store });
		return {
			...host,
			store,
			async close() {
				await host.close();
				await store.close();
				await rm(dir, { recursive: true, force: true });
			},
		};
	};
}

const { users, channels } = seedIds;
const DELETES = /^\/invites\/[\w-]+$/;

/** The invite code in an `/invite` reply. */
export const codeOf = (content: string | undefined): string => {
	const match = /discord\.gg\/([\w-]+)/.exec(content ?? '');
	if (!match?.[1]) throw new Error(`no invite link in ${content}`);
	return match[1];
};

/** The ledger's row for `code` once the write-behind wrote it. */
export async function rowOf(store: InviteStore, code: string): Promise<LedgerInvite> {
	for (let tries = 0; tries < 200; tries++) {
		const found = await store.get(code);
		if (found.ok && found.value) return found.value;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`no ledger row for ${code}`);
}

export function ledgerScenarios(name: string, start: StartLedgerHost): void {
	describe(`/invites over ${name}`, () => {
		let store: InviteStore;
		let host: LedgerHost | undefined;
		afterEach(async () => {
			await host?.close();
			host = undefined;
		});
		const boot = async (discord?: LocalDiscordOptions) => {
			host = await start(discord ? { discord } : {});
			store = host.store;
			return host;
		};
		const run = (init: Omit<InteractionInit, 'channel'> & { channel?: string }) => {
			if (!host) throw new Error('no host');
			return host.deliver(host.discord.interaction({ ...init, channel: init.channel ?? 'general' }));
		};
		/** `/invite` as `user`; answers the code, once the ledger has it. */
		const invite = async (user: string, options: InteractionInit['options'] = {}) => {
			const reply = await run({ user, command: 'invite', options: { unique: true, ...options } }).message();
			const code = codeOf(reply.content);
			await rowOf(store, code);
			return { code, reply };
		};
		const invites = (user: string, subcommand: 'list' | 'revoke', options: InteractionInit['options'] = {}) =>
			run({ user, command: 'invites', subcommand, options }).message();
		const deletes = () => host?.discord.requestsTo('DELETE', DELETES) ?? [];
		/** `/invite` by member, once the ledger has it; then `clicker` presses its Revoke button. */
		const inviteThenRevokeClick = async (clicker: string) => {
			const { discord } = await boot();
			const handle = run({ user: 'member', command: 'invite', options: { unique: true } });
			const reply = await handle.message();
			const code = codeOf(reply.content);
			await rowOf(store, code);
			const click = host?.deliver(
				discord.component({ user: clicker, message: handle, customId: `invite:revoke:${code}` }),
			);
			return { handle, reply, code, click };
		};

		it('lists your own live invites, newest first, with live uses and expiry as a Discord timestamp', async () => {
			await boot();
			const first = await invite('member', { max_uses: 5 });
			const second = await invite('member');
			await invite('helper');
			const reply = await invites('member', 'list');
			expect(reply.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
			const lines = (reply.content ?? '').split('\n');
			expect(lines[0]).toBe('Your invites made with /invite:');
			expect(lines[1]).toContain(second.code);
			expect(lines[2]).toContain(first.code);
			expect(lines[2]).toContain('0 of 5');
			expect(lines[2]).toContain(`<#${channels.general}>`);
			expect(reply.content).toMatch(/<t:\d+:R>/);
			expect(reply.content).not.toContain('Manage Server');
			expect(lines).toHaveLength(3);
		});

		it('lists only the invites of the channel that channel: names', async () => {
			await boot();
			const inGeneral = await invite('member');
			const inAnnouncements = await invite('member', { channel: 'announcements' });
			const reply = await invites('member', 'list', { channel: 'announcements' });
			expect(reply.content).toContain(inAnnouncements.code);
			expect(reply.content).toContain(`<#${channels.announcements}>`);
			expect(reply.content).not.toContain(inGeneral.code);
			expect(reply.content).not.toContain(`<#${channels.general}>`);
			const none = await invites('member', 'list', { channel: 'staff' });
			expect(none.content).not.toContain(inGeneral.code);
			expect(none.content).not.toContain(inAnnouncements.code);
		});

		it('lists another member’s invites only for members with Manage Server', async () => {
			await boot();
			const made = await invite('member');
			const refused = await invites('helper', 'list', { member: 'member' });
			expect(refused.content).toContain('Manage Server');
			expect(refused.content).not.toContain(made.code);
			const allowed = await invites('admin', 'list', { member: 'member' });
			expect(allowed.content).toContain(made.code);
			expect(allowed.content).toContain(`<@${users.member}>`);
		});

		it('says in one line why uses are missing when the bot lacks Manage Server, and lists the ledger’s data', async () => {
			const discord = await boot();
			const made = await invite('member');
			discord.discord.guild.setRolePermissions(
				'invite bot',
				PermissionFlagsBits.CreateInstantInvite |
					PermissionFlagsBits.ManageRoles |
					PermissionFlagsBits.ViewChannel,
			);
			const reply = await invites('member', 'list');
			expect(reply.content).toContain(made.code);
			expect(reply.content).toContain('I need **Manage Server**');
			expect(discord.discord.requestsTo('GET', /\/guilds\/\d+\/invites$/)).toHaveLength(0);
		});

		it('pages more than 10 invites with buttons only the member who ran the list may press', async () => {
			const { discord } = await boot();
			const codes: string[] = [];
			for (let index = 0; index < 11; index++) codes.push((await invite('member')).code);
			const handle = run({ user: 'member', command: 'invites', subcommand: 'list' });
			const first = await handle.message();
			expect(first.content).toContain(codes[10]);
			expect(first.content).not.toContain(`\`${codes[0]}\``);
			const row = first.components?.[0] as { components: Array<{ custom_id: string }> } | undefined;
			const next = row?.components[1];
			if (!next) throw new Error('no Next button');
			const stranger = host?.deliver(
				discord.component({ user: 'helper', message: handle, customId: next.custom_id }),
			);
			expect((await stranger?.message())?.content).toBe('Only the member who ran this list can turn its pages.');
			const click = host?.deliver(
				discord.component({ user: 'member', message: handle, customId: next.custom_id }),
			);
			await click?.response();
			await expect.poll(() => handle.state?.content).toContain(`\`${codes[0]}\``);
			expect(handle.state?.content).toContain('Page 2');
		});

		it('suggests for code: only the invites you may revoke (all of them with Manage Server)', async () => {
			const { discord } = await boot();
			const own = await invite('member');
			const other = await invite('helper');
			const suggest = async (user: string) => {
				const answer = await host
					?.deliver(
						discord.autocomplete({
							user,
							channel: 'general',
							command: 'invites',
							subcommand: 'revoke',
							options: { code: '' },
							focused: 'code',
						}),
					)
					.response();
				return ((answer as { data?: { choices?: Array<{ value: string }> } })?.data?.choices ?? []).map(
					(choice) => choice.value,
				);
			};
			expect(await suggest('member')).toEqual([own.code]);
			expect((await suggest('admin')).sort()).toEqual([own.code, other.code].sort());
		});

		it('revokes your own invite with the audit-log reason naming who and why', async () => {
			await boot();
			const made = await invite('member');
			const reply = await invites('member', 'revoke', { code: made.code, reason: 'posted by mistake' });
			expect(reply.content).toBe(`Invite \`${made.code}\` revoked.`);
			const [deleted] = deletes();
			expect(deleted?.path).toBe(`/invites/${made.code}`);
			expect(deleted?.auditLogReason).toBe(`/invites revoke by Member (${users.member}): posted by mistake`);
			expect((await rowOf(store, made.code)).revokedBy).toBe(users.member);
		});

		it('refuses to revoke someone else’s invite without calling Delete Invite', async () => {
			await boot();
			const made = await invite('member');
			const reply = await invites('helper', 'revoke', { code: made.code });
			expect(reply.content).toContain(`You can’t revoke \`${made.code}\``);
			expect(deletes()).toHaveLength(0);
		});

		it('lets a member with Manage Server revoke any invite of the ledger', async () => {
			await boot();
			const made = await invite('member');
			const reply = await invites('admin', 'revoke', { code: made.code });
			expect(reply.content).toBe(`Invite \`${made.code}\` revoked.`);
			expect(deletes()).toHaveLength(1);
		});

		it('revokes every live invite of a member at once (member:, Manage Server only)', async () => {
			await boot();
			const made = [await invite('member'), await invite('member')];
			const kept = await invite('helper');
			const refused = await invites('helper', 'revoke', { member: 'member' });
			expect(refused.content).toContain('Manage Server');
			expect(deletes()).toHaveLength(0);
			const reply = await invites('admin', 'revoke', { member: 'member' });
			expect(reply.content).toBe(`Revoked 2 invite(s) of <@${users.member}>.`);
			expect(
				deletes()
					.map((request) => request.path)
					.sort(),
			).toEqual(made.map(({ code }) => `/invites/${code}`).sort());
			expect((await rowOf(store, kept.code)).revokedAt).toBeNull();
		});

		it('never deletes an invite of another server, whatever the code says', async () => {
			const { discord } = await boot({ guilds: moreGuildSeeds(1) });
			const other = discord.guilds[1];
			if (!other) throw new Error('no second guild');
			const reply = await host
				?.deliver(
					discord.interaction({
						guild: other.id,
						user: 'member',
						channel: other.channel('general').id,
						command: 'invite',
						options: { unique: true },
					}),
				)
				.message();
			const code = codeOf(reply?.content);
			await rowOf(store, code);
			const refused = await invites('admin', 'revoke', { code });
			expect(refused.content).toBe(`No invite \`${code}\` made with /invite in this server.`);
			expect(deletes()).toHaveLength(0);
		});

		it('says an invite already gone is gone, and marks it deleted in the ledger', async () => {
			const { discord } = await boot();
			const made = await invite('member');
			// Deleted behind the bot's back (Server Settings -> Invites), the ledger not told.
			discord.guild.deleteInvite(made.code);
			const reply = await invites('member', 'revoke', { code: made.code });
			expect(reply.content).toBe(`Invite \`${made.code}\` was already gone.`);
			await expect.poll(async () => (await rowOf(store, made.code)).deleted).toBe(true);
		});

		it('the Revoke button on the /invite reply revokes it and edits the reply to say by whom and when', async () => {
			const { handle, code, click } = await inviteThenRevokeClick('member');
			await click?.response();
			await expect
				.poll(() => handle.state?.content)
				.toMatch(new RegExp(`^Invite \`${code}\` was revoked by <@${users.member}> <t:\\d+:f>\\.$`));
			expect(deletes().map((request) => request.path)).toEqual([`/invites/${code}`]);
			expect(deletes()[0]?.auditLogReason).toBe(`/invites revoke by Member (${users.member})`);
			expect(click?.rejected).toEqual([]);
		});

		it('refuses a Revoke click by a member who may not revoke it, in a note to them alone, the reply untouched', async () => {
			const { handle, code, click, reply } = await inviteThenRevokeClick('helper');
			const note = await click?.message();
			expect(note?.content).toContain(`You can’t revoke \`${code}\``);
			expect((note?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
			expect(handle.state?.content).toBe(reply.content);
			expect(deletes()).toHaveLength(0);
			expect((await rowOf(store, code)).revokedAt).toBeNull();
		});
	});
}
