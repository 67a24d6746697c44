/**
 * The package as a bot author gets it, through the docs as printed: `npm pack` builds the
 * tarball; discord.js's own `create-discord-bot` TypeScript template (the release pinned in
 * template.ts, from the npm registry, cached) gets the drop-in and offline-testing snippets
 * read from README.md and docs/ (not copies: doc-snippets.ts), installs its dependencies and
 * the tarball from the registry, type-checks and builds with the template's own strict
 * settings, and runs the docs' offline test, which deploys and starts the bot against the
 * local Discord of `./testing` and gets `/invite` answered. Then the same with the lowest
 * discord.js of our peer range. Beside the template: a strict consumer without prom-client
 * type-checks every entry but `./metrics` (skipLibCheck off), a CommonJS file `require()`s
 * every entry, the host-free `./fetch` and `./core` load neither pino nor a Node built-in,
 * and the Worker, Bun and Deno snippets of docs/hosting.md resolve and type-check.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeImportsOf, packagesOf } from '../../src/tools/build-package.js';
import { docFiles, docSnippets, snippet } from './doc-snippets.js';
import { applyDocSnippets, templateBot } from './template.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/package/consumer-bot');
const CACHE = join(ROOT, 'node_modules/.cache/consumer-test');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'];

interface PackedFile {
	path: string;
}
interface Packed {
	filename: string;
	files: PackedFile[];
}
interface Manifest {
	name: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;
const failWith =
	(what: string) =>
	(error: { stdout?: string; stderr?: string }): never => {
		throw new Error(`${what}:\n${error.stdout ?? ''}${error.stderr ?? String(error)}`);
	};

/** The template's own build (tsc with its strict @sapphire/ts-config), then the docs' offline test. */
async function buildAndRunOfflineTest(bot: string): Promise<string> {
	await run(NPM, ['run', 'build'], { cwd: bot }).catch(failWith('the template bot does not type-check'));
	const { stdout } = await run(process.execPath, ['dist/offline-test.js'], {
		cwd: bot,
		env: { ...process.env, LOG_LEVEL: 'silent' },
		timeout: 60_000,
	}).catch(failWith('the offline test of docs/testing-your-bot.md failed'));
	return stdout;
}

describe('the packed package in discord.js’s create-discord-bot template, set up as the docs say', () => {
	let work: string;
	let bot: string;
	let packed: Packed;
	let snippets: Map<string, string>;
	let ours: Manifest;
	let firstRun: string;
	/** Checks outside the template's tsconfig (which takes every .ts under its folder), resolving from its node_modules. */
	let extra: string;

	beforeAll(async () => {
		work = await mkdtemp(join(tmpdir(), 'invite-consumer-'));
		bot = join(work, 'template-bot');
		extra = join(work, 'extra');
		snippets = await docSnippets(await docFiles(ROOT));
		ours = await readJson<Manifest>(join(ROOT, 'package.json'));
		// prepack builds lib/ (declarations, ES modules, CommonJS) first.
		const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], {
			cwd: ROOT,
			maxBuffer: 16 * 1024 * 1024,
		});
		packed = (JSON.parse(stdout.slice(stdout.indexOf('['))) as Packed[])[0] as Packed;

		await templateBot(bot, CACHE);
		await applyDocSnippets(bot, snippets);
		// Checks of our own beside the template's files: types of every entry, CommonJS, ./fetch.
		for (const file of ['src/types-check.ts', 'src/require-types.cts', 'require-check.cjs', 'fetch-check.mjs'])
			await cp(join(FIXTURE, file), join(bot, file));

		const manifest = await readJson<Manifest>(join(bot, 'package.json'));
		// The linters and formatter are not part of the build: left out to keep the install short.
		for (const tool of Object.keys(manifest.devDependencies ?? {}))
			if (/^(eslint|prettier)/.test(tool)) delete manifest.devDependencies?.[tool];
		manifest.dependencies = { ...manifest.dependencies, [ours.name]: `file:../${packed.filename}` };
		await writeFile(join(bot, 'package.json'), JSON.stringify(manifest, null, 2));
		await run(NPM, INSTALL, { cwd: bot, maxBuffer: 16 * 1024 * 1024 }).catch(failWith('npm install failed'));
		await mkdir(extra);
		await symlink(join(bot, 'node_modules'), join(extra, 'node_modules'), 'dir');
		firstRun = await buildAndRunOfflineTest(bot);
	}, 400_000);

	afterAll(async () => {
		if (work) await rm(work, { recursive: true, force: true });
	});

	it('ships built JavaScript and declarations for ESM and CommonJS, a LICENSE, and no tests, benchmarks or sandbox', () => {
		const paths = packed.files.map((file) => file.path);
		expect(paths).toContain('LICENSE');
		expect(paths).toContain('package.json');
		for (const entry of ['index', 'http', 'fetch', 'core', 'testing', 'metrics'])
			for (const extension of ['.js', '.d.ts', '.cjs', '.d.cts'])
				expect(paths).toContain(`lib/entries/${entry}${extension}`);
		expect(
			paths.filter(
				(path) =>
					!/^(lib\/.*\.(js|cjs|d\.ts|d\.cts)|LICENSE|README\.md|CHANGELOG\.md|package\.json)$/.test(path),
			),
		).toEqual([]);
		expect(
			paths.filter((path) => /^(test|bench|src|commands)\/|\/sandbox\/|\/tools\/|\.test\./.test(path)),
		).toEqual([]);
	});

	it('type-checks and builds the template with the docs’ snippets, deploys, starts and answers /invite and its autocomplete', async () => {
		const installed = await readJson<{ version: string }>(join(bot, 'node_modules/discord.js/package.json'));
		expect(firstRun).toMatch(/\/invite answered in \d+ ms: \*\*Invite to <#\d+> created\*\*/);
		// The bot registered /invite through the template's deploy script and loader.
		expect(installed.version).toMatch(/^14\./);
	});

	it('type-checks every entry but ./metrics under strict with skipLibCheck off and no prom-client installed', async () => {
		await expect(readFile(join(bot, 'node_modules/prom-client/package.json'))).rejects.toThrow();
		await writeFile(
			join(extra, 'strict-consumer.ts'),
			[
				"import invite, { createInviteCommand } from 'discord-invite-command';",
				"import { runInvite } from 'discord-invite-command/core';",
				"import { handleInteraction } from 'discord-invite-command/fetch';",
				"import { createInteractionHandler, createInteractionServer } from 'discord-invite-command/http';",
				'export const all = [invite, createInviteCommand, runInvite, handleInteraction, createInteractionHandler, createInteractionServer];',
			].join('\n'),
		);
		// The options example of docs/discord-js-bot.md, under the same settings.
		await writeFile(join(extra, 'command-options.ts'), snippet(snippets, 'command-options'));
		await writeFile(
			join(extra, 'tsconfig.strict-consumer.json'),
			JSON.stringify({
				compilerOptions: {
					strict: true,
					skipLibCheck: false,
					noEmit: true,
					module: 'NodeNext',
					moduleResolution: 'NodeNext',
					target: 'ES2022',
					types: ['node'],
				},
				files: ['strict-consumer.ts', 'command-options.ts'],
			}),
		);
		await run(
			process.execPath,
			[join(bot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.strict-consumer.json'],
			{
				cwd: extra,
			},
		).catch(failWith('a strict consumer without prom-client does not type-check'));
	}, 120_000);

	it('works from require() in a CommonJS bot; ./http and ./core never load discord.js, ./fetch neither it nor pino', async () => {
		const { stdout } = await run(process.execPath, ['require-check.cjs'], {
			cwd: bot,
			env: { ...process.env, LOG_LEVEL: 'silent' },
		});
		expect(JSON.parse(stdout)).toEqual({
			commandName: 'invite',
			commandJson: 'invite',
			execute: 'function',
			autocomplete: 'function',
			createInviteCommand: 'function',
			createInteractionHandler: 'function',
			createInteractionServer: 'function',
			fetchHandleInteraction: 'function',
			fetchCreateInteractionHandler: 'function',
			pinoOrDiscordJsLoadedByFetch: false,
			runInvite: 'function',
			inviteCommand: 'invite',
			startLocalDiscord: 'function',
			discordJsLoadedByHttpOrCore: false,
		});
	});

	it('loads the CommonJS command file of docs/discord-js-bot.md as the command', async () => {
		await writeFile(join(extra, 'invite.cjs'), snippet(snippets, 'commonjs-command-file'));
		const { stdout } = await run(
			process.execPath,
			[
				'-e',
				"const c = require('./invite.cjs'); console.log(JSON.stringify([c.data.name, typeof c.execute, typeof c.autocomplete]))",
			],
			{ cwd: extra, env: { ...process.env, LOG_LEVEL: 'silent' } },
		);
		expect(JSON.parse(stdout)).toEqual(['invite', 'function', 'function']);
	});

	it('imports ./fetch as an ES module that answers a health check and refuses an unsigned interaction', async () => {
		const { stdout } = await run(process.execPath, ['fetch-check.mjs'], { cwd: bot, timeout: 30_000 });
		expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({
			createInteractionHandler: 'function',
			createInviteRest: 'function',
			health: 200,
			unsigned: 401,
		});
	});

	it('bundles ./fetch and ./core (import and require) with no Node built-in, pino, ws or discord.js in their graphs', async () => {
		for (const kind of ['import', 'require'] as const) {
			for (const entry of ['discord-invite-command/fetch', 'discord-invite-command/core']) {
				expect(await nodeImportsOf(entry, { resolveDir: bot, kind })).toEqual([]);
				const packages = await packagesOf(entry, { resolveDir: bot, kind });
				for (const banned of ['pino', 'ws', 'discord.js', 'undici', 'prom-client'])
					expect(packages, `${entry} (${kind})`).not.toContain(banned);
			}
			// The same walks see the Node adapter's built-ins and pino: the checks are not blind.
			expect(await nodeImportsOf('discord-invite-command/http', { resolveDir: bot, kind })).toContainEqual(
				expect.stringMatching(/lib\/http\/server\.c?js -> node:http$/),
			);
			expect(await packagesOf('discord-invite-command/http', { resolveDir: bot, kind })).toContain('pino');
		}
	});

	it('resolves and type-checks the Worker, Bun and Deno snippets of docs/hosting.md and the own-host snippet of docs/package.md against the installed package', async () => {
		const dir = extra;
		// Neither runtime is installed here: their globals are declared as far as the snippets use them.
		await writeFile(
			join(dir, 'runtimes.d.ts'),
			[
				'type Handler = (request: Request) => Response | Promise<Response>;',
				'declare const Bun: { env: Record<string, string | undefined>; serve(options: { hostname?: string; port?: number; fetch: Handler }): unknown };',
				'declare const Deno: { env: { toObject(): Record<string, string> }; serve(options: { hostname?: string; port?: number }, handler: Handler): unknown };',
			].join('\n'),
		);
		// Deno's npm: specifier names the same package entry.
		await writeFile(join(dir, 'bun.ts'), snippet(snippets, 'bun-serve'));
		await writeFile(join(dir, 'worker.ts'), snippet(snippets, 'worker-fetch'));
		await writeFile(join(dir, 'own-host.ts'), snippet(snippets, 'own-host'));
		await writeFile(
			join(dir, 'deno.ts'),
			snippet(snippets, 'deno-serve').replace("'npm:discord-invite-command/", "'discord-invite-command/"),
		);
		await writeFile(
			join(dir, 'tsconfig.hosts.json'),
			JSON.stringify({
				compilerOptions: {
					strict: true,
					noEmit: true,
					module: 'ESNext',
					moduleResolution: 'Bundler',
					target: 'ES2022',
					lib: ['ES2022', 'DOM'],
					types: [],
					skipLibCheck: true,
					moduleDetection: 'force',
				},
				files: ['runtimes.d.ts', 'bun.ts', 'deno.ts', 'worker.ts', 'own-host.ts'],
			}),
		);
		expect(snippet(snippets, 'deno-serve')).toContain("from 'npm:discord-invite-command/fetch'");
		await run(process.execPath, [join(bot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.hosts.json'], {
			cwd: extra,
		}).catch(failWith('the Worker, Bun, Deno or own-host snippets do not type-check'));
	}, 60_000);

	it('answers /invite with the lowest discord.js of the peer range', async () => {
		const lowest = (ours.peerDependencies?.['discord.js'] ?? '').replace(/^\^/, '');
		expect(lowest).toMatch(/^14\.\d+\.\d+$/);
		await run(NPM, [...INSTALL, '--save-exact', `discord.js@${lowest}`], { cwd: bot }).catch(
			failWith(`npm install discord.js@${lowest} failed`),
		);
		const installed = await readJson<{ version: string }>(join(bot, 'node_modules/discord.js/package.json'));
		expect(installed.version).toBe(lowest);
		expect(await buildAndRunOfflineTest(bot)).toMatch(
			/\/invite answered in \d+ ms: \*\*Invite to <#\d+> created\*\*/,
		);
	}, 240_000);
});
