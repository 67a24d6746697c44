import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { ApplicationCommandOptionType, MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_ACTIVITIES } from '../../src/core/activities.js';
import { startBot } from '../../src/gateway/bot.js';
import { loadCommands } from '../../src/gateway/command-loader.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/index.js';
import { DISCORD_ACTIVITY_APPLICATIONS } from '../../src/local-discord/seed.js';
import { runCli } from '../../src/sandbox/cli.js';
import { convertValue, parseCommandLine, stripSigil } from '../../src/sandbox/parse.js';
import { relativeTime } from '../../src/sandbox/render.js';
import { Sandbox } from '../../src/sandbox/session.js';

/** Runs the sandbox CLI in-process and returns what it printed and its exit code. */
async function cli(argv: string[], input = ''): Promise<{ code: number; out: string }> {
	const stdin = new PassThrough();
	const stdout = new PassThrough();
	let out = '';
	stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	stdin.end(input);
	const code = await runCli(argv, { input: stdin, output: stdout });
	return { code, out };
}

/** One line of `--json` output, as far as these tests read it. */
interface JsonResult {
	input: string;
	user: string;
	ok: boolean;
	outcome: string | null;
	deferred: boolean;
	reply: { content: string; flags: number } | null;
	requests: { method: string; path: string; status: number; response: { code?: string } }[];
	latencyMs: { firstResponse: number | null; total: number | null };
}

describe('npm run sandbox -- --script', () => {
	it('creates an invite and shows the reply, the request Discord received and the time it took', async () => {
		const { code, out } = await cli(['--script', '/invite expires:1h max_uses:5 channel:#general']);
		expect(code).toBe(0);
		expect(out).toContain('member › /invite expires:1h max_uses:5 channel:#general');
		expect(out).toContain('Only you can see this');
		expect(out).toMatch(/Invite to #general created/);
		expect(out).toMatch(/\[ Open invite \] https:\/\/discord\.gg\/\w+/);
		expect(out).toMatch(/Expires: .+ \(in (an|1) hour\)/);
		expect(out).toContain('→ POST /channels/1100000000000000202/invites  200');
		expect(out).toContain('{"max_age":3600,"max_uses":5}');
		expect(out).toContain('X-Audit-Log-Reason: /invite by member (1100000000000000304)');
		expect(out).toMatch(/answered in \d+ ms \(inline\)/);
	});

	it('takes more_roles:"@helper @moderator", users:"@alice @bob" and users_file:./list.csv as Discord would send them', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'sandbox-'));
		const list = join(dir, 'list.csv');
		try {
			await writeFile(list, 'user_id\n1100000000000000309\n');
			const { code, out } = await cli([
				'--script',
				`/invite more_roles:"@helper @moderator" users:"@alice @bob" users_file:${list} as:@owner`,
			]);
			expect(code).toBe(0);
			expect(out).toContain('GET /attachments/');
			expect(out).toContain('multipart/form-data');
			expect(out).toContain(
				'payload_json: {"max_age":86400,"role_ids":["1100000000000000102","1100000000000000103"]}',
			);
			expect(out).toContain(
				'target_users_file (target_users.csv, text/csv): user_id | 1100000000000000310 | 1100000000000000311 | 1100000000000000309',
			);
			expect(out).toContain('Only these 3 people can accept it');
			expect(out).toContain('Discord has processed the list: 3 people can accept this invite.');
			const missing = await cli(['--script', '/invite users:"@nobody" as:@owner']);
			expect(missing.out).toContain('No user called "nobody"');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('shows a refused member the refusal, with no request to Discord, and still exits 0', async () => {
		const { code, out } = await cli(['--script', '/invite as:@guest']);
		expect(code).toBe(0);
		expect(out).toContain('guest › /invite as:@guest');
		expect(out).toContain('You need Create Invite in #general');
		expect(out).toContain('no request to Discord');
	});

	it('refuses an out-of-range expires as the user would see it', async () => {
		const { code, out } = await cli(['--script', '/invite expires:8d']);
		expect(code).toBe(0);
		expect(out).toContain('8d is too long');
		expect(out).not.toContain('→ POST');
	});

	it('prints one JSON object per command with --json', async () => {
		const { code, out } = await cli(['--json', '--script', '/invite expires:2h', '--script', '/invite as:@guest']);
		expect(code).toBe(0);
		const [created, refused] = out
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as JsonResult);
		expect(created).toMatchObject({
			input: '/invite expires:2h',
			user: 'member',
			ok: true,
			outcome: 'created',
			deferred: false,
			reply: { flags: MessageFlags.Ephemeral },
		});
		expect(created!.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/channels/1100000000000000202/invites',
				status: 200,
				body: { max_age: 7_200 },
				auditLogReason: '/invite by member (1100000000000000304)',
			}),
		]);
		expect(created!.reply?.content).toContain(`https://discord.gg/${created!.requests[0]?.response.code}`);
		expect(created!.latencyMs).toEqual({ firstResponse: expect.any(Number), total: expect.any(Number) });
		expect(refused).toMatchObject({ user: 'guest', ok: true, outcome: 'refused', requests: [] });
	});

	it('refuses unknown flags and locales with a usage line, and says when a locale has no translation', async () => {
		expect(await cli(['--bogus'])).toMatchObject({
			code: 2,
			out: expect.stringContaining("Unknown option '--bogus'"),
		});
		expect(await cli(['--locale', 'xx'])).toMatchObject({
			code: 2,
			out: expect.stringContaining('"xx" is not a Discord locale'),
		});
		const swedish = await cli(['--locale', 'sv-SE', '--script', '/invite']);
		expect(swedish.out).toContain('no translation for sv-SE yet');
		expect((await cli(['--locale', 'ES-419', '--script', '/invite'])).out).toContain(
			'Invitación a #general creada',
		);
	});

	it('runs /invite-settings: its options parsed, a member without Manage Server refused', async () => {
		const { code, out } = await cli([
			'--script',
			'/invite-settings as:@admin max_uses_limit:5 allow_roles:false max_expires:2h',
			'--script',
			'/invite-settings as:@moderator',
		]);
		expect(code).toBe(0);
		expect(out).toContain('admin › /invite-settings as:@admin max_uses_limit:5 allow_roles:false max_expires:2h');
		// The sandbox runs with a throwaway SQLite ledger: the settings are saved.
		expect(out).toContain('Saved.');
		expect(out).not.toContain('runs without a database');
		expect(out).toContain('Manage Server');
		const bogus = await cli(['--script', '/invite-settings bogus:1']);
		expect(bogus.code).toBe(1);
		expect(bogus.out).toContain('/invite-settings has no option "bogus"');
	});

	it('exits non-zero when a script line is not a command the sandbox can run', async () => {
		const { code, out } = await cli(['--script', '/invite bogus:1']);
		expect(code).toBe(1);
		expect(out).toContain('/invite has no option "bogus"');
	});

	it('speaks the user’s language with --locale, and reads durations in it', async () => {
		const { code, out } = await cli(['--locale', 'de', '--script', '/invite expires:"2 Stunden"']);
		expect(code).toBe(0);
		expect(out).toContain('Einladung für #general erstellt');
		expect(out).toContain('{"max_age":7200}');
		expect(out).toMatch(/in 2 Stunden/);
	});

	it('takes the option names a German client shows, and the English ones too', async () => {
		const { code, out } = await cli([
			'--locale',
			'de',
			'--script',
			'/invite ablauf:1h max_nutzungen:3 kanal:#voice',
			'--script',
			'/invite expires:1h',
		]);
		expect(code).toBe(0);
		expect(out).toContain('Einladung für #voice erstellt');
		expect(out).toContain('{"max_age":3600,"max_uses":3}');
		expect(out.match(/Einladung für #\w+ erstellt/g)).toHaveLength(2);
	});

	it('drives the HTTP endpoint with --http', async () => {
		const { code, out } = await cli(['--http', '--json', '--script', '/invite']);
		expect(code).toBe(0);
		expect(JSON.parse(out.trim())).toMatchObject({
			ok: true,
			outcome: 'created',
			reply: { flags: MessageFlags.Ephemeral },
		});
	});

	it('runs as `npm run sandbox` does, and its exit status says whether the bot answered as it should', async () => {
		const run = promisify(execFile);
		const ok = await run(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts', '--script', '/invite'], {
			cwd: process.cwd(),
		});
		expect(ok.stdout).toContain('https://discord.gg/');
		await expect(
			run(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts', '--script', '/nope'], {
				cwd: process.cwd(),
			}),
		).rejects.toMatchObject({ code: 1 });
	}, 30_000);
});

describe('the sandbox prompt', () => {
	it('takes commands from its input, answers help, and quits on exit', async () => {
		const { code, out } = await cli([], 'help\n/invite expires:30m\nmembers\nexit\n');
		expect(code).toBe(0);
		expect(out).toContain('Local Discord sandbox');
		expect(out).toContain('Type slash commands as in Discord');
		expect(out).toContain('activity:"Watch Together"   (Tab lists Discord\'s Activities)');
		expect(out).not.toContain('#"text channels"');
		expect(out).toMatch(/Invite to #general created/);
		expect(out).toContain('@guest');
	});

	it('shows a short demo when started with no terminal and nothing to read', async () => {
		const { code, out } = await cli([], '');
		expect(code).toBe(0);
		expect(out).toContain('running a short demo');
		expect(out).toMatch(/Invite to #general created/);
		expect(out).toContain('You need Create Invite');
	});

	it('lists the roles with one @ each, @everyone too', async () => {
		const { out } = await cli([], 'roles\nexit\n');
		expect(out).toContain('@everyone  ');
		expect(out).not.toContain('@@');
	});

	it('quits cleanly at the end of input (Ctrl-D)', async () => {
		const { code } = await cli([], '/invite\n');
		expect(code).toBe(0);
	});
});

describe('the sandbox session', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(() => sandbox.close());

	it('completes option names, names in the server, and expires through the bot’s autocomplete', async () => {
		expect(await sandbox.complete('/inv')).toEqual(['/invite ', '/invite-settings ']);
		expect(await sandbox.complete('/invite-')).toEqual(['/invite-settings ']);
		expect(await sandbox.complete('/invite exp')).toEqual(['expires:']);
		expect(await sandbox.complete('/invite expires:1h ma')).toEqual(['max_uses:']);
		expect(await sandbox.complete('/invite channel:#vo')).toEqual(['#voice']);
		expect(await sandbox.complete('/invite as:@gu')).toEqual(['@guest']);
		expect(await sandbox.complete('/invite expires:2h30')).toEqual([]);
		expect(await sandbox.complete('/invite channel:#te')).toEqual(['"#text channels"']);
		expect(await sandbox.complete('/invite role:@every')).toEqual(['@everyone']);
		expect(await sandbox.complete('/invite expires:90m')).toEqual(['1h30m']);
		expect(await sandbox.complete('/invite activity:pok')).toEqual(['"Poker Night"']);
		expect(await sandbox.complete('/invite expires:')).toEqual(['30m', '1h', '6h', '12h', '1d', '7d', 'never']);
	});

	it('completes activity on the names a person reads, and on the id while digits are typed', async () => {
		expect(await sandbox.complete('/invite activity:w')).toEqual(['"Watch Together"', '"Word Snacks"']);
		expect(await sandbox.complete('/invite activity:"Wo')).toEqual(['"Word Snacks"']);
		// A name that contains the text but does not start with it, when none starts with it.
		expect(await sandbox.complete('/invite activity:kword')).toEqual(['Awkword']);
		expect(await sandbox.complete('/invite activity:7558')).toEqual(['755827207812677713']);
		const all = await sandbox.complete('/invite activity:');
		expect(all).toHaveLength(DISCORD_ACTIVITIES.length);
		expect(all.every((name) => !/^\d+$/.test(name))).toBe(true);
	});

	it('creates an invite for every Activity the bot suggests, by name or by id, as Discord would', async () => {
		expect(DISCORD_ACTIVITIES.map((activity) => activity.applicationId)).toEqual(
			DISCORD_ACTIVITY_APPLICATIONS.map((app) => app.id),
		);
		for (const { name, applicationId } of DISCORD_ACTIVITIES) {
			for (const typed of [`"${name}"`, applicationId]) {
				const result = await sandbox.run(`/invite channel:#voice activity:${typed}`);
				expect({ typed, outcome: result.outcome }).toEqual({ typed, outcome: 'created' });
				expect(result.requests[0]?.body).toMatchObject({ target_application_id: applicationId });
				expect(result.reply?.content).toContain(`${name} (\`${applicationId}\`)`);
			}
		}
	});

	it('suggests sensible lifetimes for a bare number: 1 is an hour or a day, never a second', async () => {
		expect(await sandbox.complete('/invite expires:1')).toEqual(['1h', '12h', '1d']);
		expect(await sandbox.complete('/invite expires:5')).toEqual(['5h', '5d', '5m']);
	});

	it('answers unknown names, quoted names and @everyone as a person types them, without crashing', async () => {
		expect(await sandbox.run('/invite channel:#nope')).toMatchObject({
			ok: false,
			problem: expect.stringContaining('No channel called "nope". Try: #text channels, #general'),
		});
		expect(await sandbox.run('/invite role:@nobody as:@owner')).toMatchObject({
			ok: false,
			problem: expect.stringContaining('No role called "nobody"'),
		});
		expect((await sandbox.run('/invite channel:#"text channels"')).reply?.content).toContain('is a category');
		expect((await sandbox.run('/invite role:@everyone as:@owner')).reply?.content).toContain(
			'@everyone is given to everyone already',
		);
		expect((await sandbox.run('/invite expires:1 week')).problem).toContain('with quotes around spaces');
		expect((await sandbox.run('/invite expires:"1 week"')).requests[0]?.body).toEqual({ max_age: 604_800 });
	});

	it('tells the invoker when Discord has no job for the list (10124), instead of leaving "processing" standing', async () => {
		sandbox.discord.inject('GET', /\/target-users\/job-status$/, {
			status: 404,
			body: { code: RESTJSONErrorCodes.UnknownInviteTargetUsersJob, message: 'Unknown invite target users job' },
		});
		const result = await sandbox.run('/invite users:"@alice" as:@owner');
		expect(result.reply?.content).toContain(`⚠️ ${en.error.unknownTargetUsersJob}`);
		expect(result.reply?.content).not.toContain(en.reply.targetUsersProcessing);
	});

	it('answers an invite code Discord calls invalid or taken (50020) in the invoker’s language', async () => {
		const german = await Sandbox.start({ locale: 'de' });
		try {
			german.discord.inject('POST', /\/invites$/, {
				status: 400,
				body: {
					code: RESTJSONErrorCodes.InviteCodeInvalidOrTaken,
					message: 'Invite code is either invalid or taken.',
				},
			});
			const result = await german.run('/invite');
			expect(result.reply?.content).toBe(de.error.inviteCodeTaken);
			expect(result.reply?.flags).toBe(MessageFlags.Ephemeral);
		} finally {
			await german.close();
		}
	});

	it('marks an answer the bot should not have given as not ok', async () => {
		sandbox.discord.inject('POST', /\/invites$/, {
			status: 500,
			body: { message: '500: Internal Server Error', code: 0 },
		});
		const result = await sandbox.run('/invite unique:true');
		expect(result.ok).toBe(false);
		expect(result.outcome).toBe('failed');
		expect(result.reply?.content).toContain('HTTP 500');
	});

	it('reads quoted values and the as: option', () => {
		expect(parseCommandLine('/invite reason:"raid cleanup" as:@guest max_uses:3')).toEqual({
			ok: true,
			value: { command: 'invite', options: { reason: 'raid cleanup', max_uses: '3' }, as: '@guest' },
		});
		expect(parseCommandLine('invite')).toMatchObject({ ok: false });
		expect(stripSigil('@&mods')).toBe('mods');
		expect(stripSigil('<@&123>')).toBe('123');
		expect(stripSigil('#general')).toBe('general');
	});

	it('reads True and False in any case, as a person types them', async () => {
		const unique = { type: ApplicationCommandOptionType.Boolean, name: 'unique', description: 'x' } as const;
		for (const raw of ['True', 'TRUE', 'true', 'yes'])
			expect(convertValue(unique, raw)).toEqual({ ok: true, value: true });
		for (const raw of ['False', 'FALSE', 'no'])
			expect(convertValue(unique, raw)).toEqual({ ok: true, value: false });
		expect((await sandbox.run('/invite unique:True')).requests[0]?.body).toEqual({ max_age: 86_400, unique: true });
	});

	it('says where quotes do not pair up, instead of quoting the rest back in more quotes', () => {
		expect(parseCommandLine('/invite reason:""unterminated"')).toEqual({
			ok: false,
			error: `The quotes don't pair up in reason:""unterminated": put a value with spaces in one pair of quotes, e.g. reason:"raid cleanup"`,
		});
		expect(parseCommandLine('/invite reason:"raid cleanup')).toEqual({
			ok: false,
			error: `The quotes don't pair up in reason:"raid: put a value with spaces in one pair of quotes, e.g. reason:"raid cleanup"`,
		});
		expect(parseCommandLine("/invite reason:it's")).toEqual({
			ok: true,
			value: { command: 'invite', options: { reason: "it's" }, as: undefined },
		});
	});

	it('shows relative times as Discord does', () => {
		const now = 1_700_000_000_000;
		expect(relativeTime(now / 1000 + 3_599, { color: false, locale: 'en-US', now })).toBe('in 1 hour');
		expect(relativeTime(now / 1000 + 86_400, { color: false, locale: 'en-US', now })).toBe('tomorrow');
		expect(relativeTime(now / 1000 + 7 * 86_400, { color: false, locale: 'en-US', now })).toBe('in 7 days');
	});
});

describe('the sandbox with a bot of your own (--external)', () => {
	it('drives a bot started separately against its local Discord, and says when none is connected', async () => {
		const sandbox = await Sandbox.start({ transport: 'external' });
		try {
			expect((await sandbox.run('/invite')).problem).toBe(
				`No bot is connected yet: start one with DISCORD_API_URL=${sandbox.discord.apiUrl} DISCORD_TOKEN=${sandbox.discord.token} DISCORD_APPLICATION_ID=${sandbox.discord.applicationId} npm start in another terminal (or log your own bot in), then try again.`,
			);
			const bot = await startBot(sandbox.discord.token, {
				apiUrl: sandbox.discord.apiUrl,
				commands: await loadCommands(),
			});
			try {
				await sandbox.discord.ready();
				const result = await sandbox.run('/invite expires:2h');
				expect(result).toMatchObject({
					ok: true,
					requests: [expect.objectContaining({ body: { max_age: 7_200 } })],
				});
				expect(result.reply?.content).toContain('https://discord.gg/');
			} finally {
				await bot.stop();
			}
		} finally {
			await sandbox.close();
		}
	});

	it('prints how to start your own bot against it', async () => {
		const { code, out } = await cli(['--external', '--port', '0'], 'exit\n');
		expect(code).toBe(0);
		expect(out).toMatch(
			/DISCORD_API_URL=http:\/\/127\.0\.0\.1:\d+\/api DISCORD_TOKEN=\S+ DISCORD_APPLICATION_ID=\d+ npm start/,
		);
		expect(out).toContain('your own bot');
	});
});
