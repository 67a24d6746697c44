/**
 * `/invite-settings` and the server's limits on `/invite`, end to end at the pipeline: the
 * real REST clients against the local Discord, a store on a real SQLite file in a temp dir,
 * payloads delivered over the local Discord's gateway to a raw host that hands them to the
 * pipeline (the hosts' own wiring of the store is another branch's).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { type APIInteraction, type APIMessage, PermissionFlagsBits, Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/invite.js';
import { inviteLogFailures, postInviteLog } from '../../src/commands/invite-log.js';
import { inviteCommand } from '../../src/core/command.js';
import type { InviteOutcome } from '../../src/core/invite.js';
import { inviteSettingsCommand } from '../../src/core/settings.js';
import { createInviteRest } from '../../src/discord/invites.js';
import { createRest, restOptions } from '../../src/discord/rest.js';
import { startBot } from '../../src/gateway/bot.js';
import { loadCommands } from '../../src/gateway/command-loader.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { restResponder } from '../../src/pipeline/responder.js';
import type { InviteStore } from '../../src/store/index.js';
import { openStore } from '../../src/store/node.js';
import { recordingLogger } from '../core/helpers.js';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'invite-settings-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

const started: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const stop of started.reverse()) await stop().catch(() => undefined);
	started.length = 0;
});

let files = 0;
const P = PermissionFlagsBits;
/** The seed's bot role, plus what a log channel needs (the seed gives no Embed Links). */
const BOT_WITH_LOG =
	P.CreateInstantInvite | P.ManageRoles | P.ViewChannel | P.ManageGuild | P.SendMessages | P.EmbedLinks;

/** The local Discord, a store on a fresh SQLite file, and a raw gateway host feeding the pipeline. */
async function setup(options: { store?: boolean } = {}) {
	const local = await startLocalDiscord();
	started.push(() => local.close());
	const store: InviteStore | undefined =
		options.store === false ? undefined : await openStore({ kind: 'sqlite', path: join(dir, `s${++files}.db`) });
	if (store) started.push(() => store.close());
	const api = createRest({ ...restOptions({ api: local.apiUrl }), token: local.token });
	const create = createInviteRest({ api: local.apiUrl, token: local.token });
	// Registered as `npm run deploy` would: the option types come from the registration.
	await api.put(Routes.applicationCommands(local.applicationId), { body: [inviteCommand, inviteSettingsCommand] });
	const logger = recordingLogger();
	const outcomes: InviteOutcome[] = [];
	const pipeline = createPipeline<InviteOutcome>({
		commands: COMMANDS,
		rest: { api, create },
		transport: 'gateway',
		logger,
		store,
		onOutcome: (outcome) => outcomes.push(outcome),
	});
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: local.apiUrl } });
	started.push(() => client.destroy());
	client.ws.on(GatewayDispatchEvents.InteractionCreate, (payload: APIInteraction) => {
		void pipeline.handle(payload, restResponder(api, payload as never));
	});
	await client.login(local.token);
	await local.ready();
	const run = async (
		user: string,
		command: string,
		commandOptions: Record<string, string | number | boolean> = {},
	) => {
		const handle = local.dispatch(
			local.interaction({ command, user, channel: 'general', options: commandOptions }),
		);
		return handle.message();
	};
	const createInvites = () => local.requestsTo('POST', `/channels/${seedIds.channels.general}/invites`).length;
	return { local, store, logger, outcomes, run, createInvites };
}

const settingsOf = async (store: InviteStore | undefined) => {
	const read = await store?.getSettings(seedIds.guild);
	if (!read?.ok) throw new Error('settings unreadable');
	return read.value;
};

describe('/invite-settings', () => {
	it('shows the defaults, saves a change, and resets, each in an ephemeral answer', async () => {
		const { run, store } = await setup();
		const shown = await run('admin', 'invite-settings');
		expect(shown.flags).toBe(64);
		expect(shown.content).toContain('Invite settings of this server');
		expect(shown.content).toContain('Most uses per invite: no limit');

		const saved = await run('admin', 'invite-settings', {
			max_expires: '2h',
			max_uses_limit: 5,
			allow_permanent: false,
			allow_roles: false,
			require_reason: true,
		});
		expect(saved.content).toContain('Saved.');
		expect(saved.content).toContain('Longest expiry: 2 hours');
		expect(await settingsOf(store)).toMatchObject({
			maxExpires: 7_200,
			maxUsesLimit: 5,
			allowPermanent: false,
			allowRoles: false,
			requireReason: true,
		});

		const reset = await run('admin', 'invite-settings', { reset: true });
		expect(reset.content).toContain('Every setting is back to its default.');
		expect(await settingsOf(store)).toMatchObject({ maxExpires: null, maxUsesLimit: null, allowPermanent: true });
	});

	it('refuses a member without Manage Server at run time, whatever the registration', async () => {
		const { run, store } = await setup();
		const answer = await run('moderator', 'invite-settings', { max_uses_limit: 1 });
		expect(answer.content).toContain('You need **Manage Server**');
		expect(answer.flags).toBe(64);
		expect((await settingsOf(store)).maxUsesLimit).toBeNull();
	});

	it('is registered for Manage Server only, in the server only', () => {
		expect(inviteSettingsCommand.default_member_permissions).toBe(P.ManageGuild.toString());
		expect(inviteSettingsCommand.contexts).toEqual([0]);
		expect(inviteSettingsCommand.options?.map((option) => option.name)).toEqual([
			'log_channel',
			'max_expires',
			'allow_permanent',
			'max_uses_limit',
			'allow_roles',
			'require_reason',
			'reset',
		]);
	});

	it('says clearly that a host without a database keeps no settings', async () => {
		const { run } = await setup({ store: false });
		const answer = await run('admin', 'invite-settings');
		expect(answer.content).toContain('runs without a database');
	});

	it('says the settings are unavailable when the database is down', async () => {
		const { run, store } = await setup();
		await run('admin', 'invite-settings');
		// Closed after its first use: every query fails from now on, as with a database down.
		await store?.close();
		const answer = await run('admin', 'invite-settings', { max_uses_limit: 3 });
		expect(answer.content).toContain('unavailable right now');
	});

	it('looks up the bot’s permissions in the log channel when the payload does not carry them', async () => {
		const { local, store } = await setup();
		const payload = local.interaction({
			command: 'invite-settings',
			user: 'admin',
			channel: 'general',
			options: { log_channel: 'announcements' },
		});
		const channels = payload.data.resolved?.channels as Record<string, { app_permissions?: string }>;
		delete channels[seedIds.channels.announcements]?.app_permissions;
		const answer = await local.dispatch(payload).message();
		expect(answer.content).toContain('**Embed Links**');
		expect(local.requestsTo('GET', `/channels/${seedIds.channels.announcements}`).length).toBeGreaterThan(0);
		expect((await settingsOf(store)).logChannelId).toBeNull();
	});

	it('refuses a log channel the bot cannot post in, naming what it lacks, and changes nothing', async () => {
		const { run, store } = await setup();
		// The seed's bot role has no Embed Links.
		const answer = await run('admin', 'invite-settings', { log_channel: 'general' });
		expect(answer.content).toContain("I can't post the invite log in");
		expect(answer.content).toContain('**Embed Links**');
		expect((await settingsOf(store)).logChannelId).toBeNull();
	});
});

describe('the server limits on /invite', () => {
	async function limited(settings: Parameters<InviteStore['updateSettings']>[1]) {
		const context = await setup();
		const written = await context.store?.updateSettings(seedIds.guild, settings);
		expect(written?.ok).toBe(true);
		return context;
	}

	it.each([
		[
			'an expiry longer than max_expires',
			{ maxExpires: 3_600 },
			{ expires: '2h' },
			'invites can last at most 1 hour',
		],
		['expires:never when allow_permanent is off', { allowPermanent: false }, { expires: 'never' }, 'never expire'],
		['max_uses above max_uses_limit', { maxUsesLimit: 5 }, { max_uses: 10 }, 'at most 5 uses per invite'],
		['unlimited uses (0) under max_uses_limit', { maxUsesLimit: 5 }, { max_uses: 0 }, 'at most 5 uses per invite'],
		['a role when allow_roles is off', { allowRoles: false }, { role: 'member' }, "doesn't allow giving roles"],
		['no reason when require_reason is on', { requireReason: true }, {}, 'needs a reason'],
	])('refuses %s before any call to Discord', async (_name, settings, options, text) => {
		const { run, createInvites, local } = await limited(settings);
		const before = local.requests.length;
		const answer = await run('moderator', 'invite', options);
		expect(answer.content).toContain(text);
		expect(answer.flags).toBe(64);
		expect(createInvites()).toBe(0);
		// Nothing but the interaction's own answer reached Discord: no lookup either.
		expect(local.requests.slice(before).filter((request) => !request.path.startsWith('/interactions/'))).toEqual(
			[],
		);
	});

	it('gives an invite without max_uses the server limit, and says so', async () => {
		const { run, local } = await limited({ maxUsesLimit: 5 });
		const answer = await run('member', 'invite');
		expect(answer.content).toContain('https://discord.gg/');
		expect(answer.content).toContain("Limited to 5 uses by this server's settings.");
		const [sent] = local.requestsTo('POST', `/channels/${seedIds.channels.general}/invites`);
		expect(sent?.body).toMatchObject({ max_uses: 5 });
	});

	it('gives an invite without expires the longest expiry allowed when the default is longer', async () => {
		const { run, local } = await limited({ maxExpires: 3_600 });
		const answer = await run('member', 'invite');
		expect(answer.content).toContain('Expires after 1 hour');
		const [sent] = local.requestsTo('POST', `/channels/${seedIds.channels.general}/invites`);
		expect(sent?.body).toMatchObject({ max_age: 3_600 });
	});

	it('does not bind members with Manage Server', async () => {
		const { run, createInvites } = await limited({ maxUsesLimit: 5, allowPermanent: false, requireReason: true });
		const answer = await run('admin', 'invite', { expires: 'never', max_uses: 0 });
		expect(answer.content).toContain('https://discord.gg/');
		expect(createInvites()).toBe(1);
	});

	it('refuses a bound member, and lets a Manage Server member through, while the settings are unreadable', async () => {
		const { run, store, createInvites } = await limited({ maxUsesLimit: 5 });
		await store?.close();
		const refused = await run('member', 'invite');
		expect(refused.content).toContain("couldn't read this server's invite settings");
		expect(createInvites()).toBe(0);
		const allowed = await run('admin', 'invite');
		expect(allowed.content).toContain('https://discord.gg/');
	});
});

describe('the invite log', () => {
	const posted = (local: LocalDiscord): APIMessage[] =>
		local.guild.messages.filter((record) => record.channel_id === seedIds.channels.general).map((r) => r.message);

	it('posts every invite made in the log channel as an embed that pings nobody', async () => {
		const { run, local, outcomes } = await setup();
		local.guild.setRolePermissions('invite bot', BOT_WITH_LOG);
		const set = await run('admin', 'invite-settings', { log_channel: 'general' });
		expect(set.content).toContain('Saved.');
		await run('member', 'invite', { reason: 'for the party' });
		await expect.poll(() => outcomes.length).toBe(1);
		expect(await outcomes[0]?.logged).toBe('posted');
		const [message] = posted(local);
		expect(message?.embeds?.[0]?.title).toBe('Invite created');
		expect(JSON.stringify(message?.embeds?.[0]?.fields)).toContain(`<@${seedIds.users.member}>`);
		expect(JSON.stringify(message?.embeds?.[0]?.fields)).toContain('for the party');
		const [request] = local.requestsTo('POST', `/channels/${seedIds.channels.general}/messages`);
		expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] } });
		expect(message?.mentions).toEqual([]);
		// Fire and forget: the log is posted after the member's answer went out.
		const [callback] = local.requests.filter(
			(request) => request.path.startsWith('/interactions/') && request.body !== undefined,
		);
		expect(request!.at).toBeGreaterThanOrEqual(callback!.at);
	});

	it('posts a revoke through postInviteLog, reading the log channel from the store', async () => {
		const { local, store } = await setup();
		local.guild.setRolePermissions('invite bot', BOT_WITH_LOG);
		await store?.updateSettings(seedIds.guild, { logChannelId: seedIds.channels.general });
		const rest = createInviteRest({ api: local.apiUrl, token: local.token });
		const result = await postInviteLog(
			{
				event: 'revoked',
				guildId: seedIds.guild,
				code: 'abcdef',
				channelId: seedIds.channels.general,
				inviter: { id: seedIds.users.member, username: 'member' },
				revoker: { id: seedIds.users.admin, username: 'admin' },
				expiresAt: null,
				maxUses: 0,
				reason: 'not needed',
				at: Date.now(),
			},
			{ rest, store, locale: 'en-US' },
		);
		expect(result).toBe('posted');
		const [message] = posted(local);
		expect(message?.embeds?.[0]?.title).toBe('Invite revoked');
		expect(JSON.stringify(message?.embeds?.[0]?.fields)).toContain(`<@${seedIds.users.admin}> (admin)`);
		expect(message?.mentions).toEqual([]);
	});

	it('never fails an /invite when the bot can no longer post in the log channel: logged and counted', async () => {
		const { run, local, outcomes, logger } = await setup();
		local.guild.setRolePermissions('invite bot', BOT_WITH_LOG);
		await run('admin', 'invite-settings', { log_channel: 'general' });
		local.guild.setRolePermissions('invite bot', BOT_WITH_LOG & ~P.EmbedLinks);
		const refusedBefore = inviteLogFailures.refused;
		const answer = await run('member', 'invite');
		expect(answer.content).toContain('https://discord.gg/');
		await expect.poll(() => outcomes.length).toBe(1);
		expect(await outcomes[0]?.logged).toBe('refused');
		expect(inviteLogFailures.refused).toBe(refusedBefore + 1);
		expect(logger.lines.some((line) => line.message.includes('cannot post in the log channel'))).toBe(true);
	});
});

describe('commands/invite-settings.ts (a command file our bot loads)', () => {
	it('is loaded with /invite and /invites from commands/ and answers through the gateway bot, over REST callbacks', async () => {
		const local = await startLocalDiscord();
		started.push(() => local.close());
		const commands = await loadCommands();
		expect([...commands.keys()].sort()).toEqual(['invite', 'invite-settings', 'invites']);
		const rest = createRest({ ...restOptions({ api: local.apiUrl }), token: local.token });
		await rest.put(Routes.applicationCommands(local.applicationId), { body: [inviteSettingsCommand] });
		const bot = await startBot(local.token, { apiUrl: local.apiUrl, commands, logger: silentLogger });
		started.push(() => bot.stop());
		await local.ready();
		const refused = await local
			.dispatch(local.interaction({ command: 'invite-settings', user: 'member', channel: 'general' }))
			.message();
		expect(refused.content).toContain('You need **Manage Server**');
		// A bot started without a store says so.
		const answer = await local
			.dispatch(local.interaction({ command: 'invite-settings', user: 'admin', channel: 'general' }))
			.message();
		expect(answer.content).toContain('runs without a database');
	});
});
