/**
 * The package as a bot author gets it: `npm pack` builds the tarball, which is installed
 * offline into a scratch bot shaped like discord.js's create-discord-bot TypeScript template
 * (test/package/consumer-bot), type-checked there under `strict`, loaded through the
 * template's loader, and asked for an `/invite` over the local Discord from the package's own
 * `./testing` entry; a CommonJS file `require()`s every entry, and the host-free `./fetch`
 * entry is imported, run, and bundled as a Worker's bundler would, with no Node built-in
 * anywhere in its graph. No network: the bot's
 * package-lock.json is cut from ours, so `npm ci --offline` takes every dependency from the
 * npm cache that our own `npm ci` filled.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeImportsOf } from '../../src/tools/build-package.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/package/consumer-bot');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface LockEntry {
	version?: string;
	resolved?: string;
	integrity?: string;
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	peerDependenciesMeta?: Record<string, { optional?: boolean }>;
	dev?: boolean;
	optional?: boolean;
	devOptional?: boolean;
	peer?: boolean;
	[key: string]: unknown;
}
interface Lock {
	packages: Record<string, LockEntry>;
}
interface PackedFile {
	path: string;
	size: number;
}
interface Packed {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackedFile[];
}

const nameAt = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where Node would find `name` from the package at `from` (a lock path), as npm laid it out. */
function locate(lock: Lock, from: string, name: string): string | undefined {
	let base = from;
	for (;;) {
		const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
		if (lock.packages[candidate]) return candidate;
		if (!base) return undefined;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut < 0 ? '' : base.slice(0, cut);
	}
}

/**
 * The entries of our lock that `roots` need (their dependencies, transitively, where npm put
 * them), each with the registry URL npm fetched it from, which is how the npm cache knows it.
 */
function closure(lock: Lock, roots: readonly string[], registry: string): Record<string, LockEntry> {
	const out: Record<string, LockEntry> = {};
	const visit = (from: string, name: string, optional: boolean): void => {
		const path = locate(lock, from, name);
		if (!path) {
			if (optional) return;
			throw new Error(`${name} (needed by ${from || 'the consumer'}) is not in package-lock.json`);
		}
		if (out[path]) return;
		const {
			dev: _dev,
			optional: _optional,
			devOptional: _devOptional,
			peer: _peer,
			...entry
		} = lock.packages[path] as LockEntry;
		const name_ = nameAt(path);
		const file = name_.includes('/') ? name_.slice(name_.indexOf('/') + 1) : name_;
		out[path] = { ...entry, resolved: `${registry}${name_}/-/${file}-${entry.version}.tgz` };
		for (const dependency of Object.keys(entry.dependencies ?? {})) visit(path, dependency, false);
		for (const dependency of Object.keys(entry.optionalDependencies ?? {})) visit(path, dependency, true);
		for (const [dependency] of Object.entries(entry.peerDependencies ?? {}))
			visit(path, dependency, entry.peerDependenciesMeta?.[dependency]?.optional === true);
	};
	for (const root of roots) visit('', root, false);
	return out;
}

describe('the packed package in a create-discord-bot style consumer', () => {
	let work: string;
	let bot: string;
	let packed: Packed;

	beforeAll(async () => {
		work = await mkdtemp(join(tmpdir(), 'invite-consumer-'));
		bot = join(work, 'bot');
		// prepack builds lib/ (declarations, ES modules, CommonJS) first.
		const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], {
			cwd: ROOT,
			maxBuffer: 16 * 1024 * 1024,
		});
		packed = (JSON.parse(stdout.slice(stdout.indexOf('['))) as Packed[])[0] as Packed;
		const tarball = join(work, packed.filename);

		const ours = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
			name: string;
			version: string;
			dependencies: Record<string, string>;
			devDependencies: Record<string, string>;
			peerDependencies: Record<string, string>;
			peerDependenciesMeta: Record<string, { optional?: boolean }>;
			engines: Record<string, string>;
		};
		const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
		// The registry our npm ci fetched from: the cache knows each tarball by that URL.
		const registry = (await run(NPM, ['config', 'get', 'registry'], { cwd: ROOT })).stdout
			.trim()
			.replace(/\/?$/, '/');
		const consumerDependencies = {
			[ours.name]: `file:../${packed.filename}`,
			'discord.js': ours.devDependencies['discord.js'] as string,
			'@types/node': ours.devDependencies['@types/node'] as string,
		};
		const integrity = `sha512-${createHash('sha512')
			.update(await readFile(tarball))
			.digest('base64')}`;
		const consumerLock = {
			name: 'consumer-bot',
			version: '1.0.0',
			lockfileVersion: 3,
			requires: true,
			packages: {
				'': { name: 'consumer-bot', version: '1.0.0', dependencies: consumerDependencies },
				[`node_modules/${ours.name}`]: {
					version: ours.version,
					resolved: `file:../${packed.filename}`,
					integrity,
					license: 'MIT',
					dependencies: ours.dependencies,
					peerDependencies: ours.peerDependencies,
					peerDependenciesMeta: ours.peerDependenciesMeta,
					engines: ours.engines,
				},
				...closure(lock, [...Object.keys(ours.dependencies), 'discord.js', '@types/node'], registry),
			},
		};

		await cp(FIXTURE, bot, { recursive: true });
		await writeFile(
			join(bot, 'package.json'),
			JSON.stringify(
				{
					name: 'consumer-bot',
					version: '1.0.0',
					private: true,
					type: 'module',
					dependencies: consumerDependencies,
				},
				null,
				2,
			),
		);
		await writeFile(join(bot, 'package-lock.json'), JSON.stringify(consumerLock, null, 2));
		await run(NPM, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: bot });
		// Our TypeScript, the consumer's strict tsconfig: type-checks and emits the bot.
		await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
			cwd: bot,
		}).catch((error: { stdout?: string }) => {
			throw new Error(`the consumer bot does not type-check:\n${error.stdout ?? String(error)}`);
		});
	}, 120_000);

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

	it('answers /invite and its autocomplete through the template’s loader, over the local Discord of ./testing', async () => {
		const { stdout } = await run(process.execPath, ['dist/offline-test.js'], {
			cwd: bot,
			env: { ...process.env, LOG_LEVEL: 'silent' },
			timeout: 30_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
			registered: number;
			commands: number;
			content: string;
			ephemeral: boolean;
			inviteBody: unknown;
			suggestions: { type: number; data: { choices: { name: string; value: string }[] } };
			ping: string;
		};
		expect(result.registered).toBe(2);
		expect(result.commands).toBe(1);
		expect(result.inviteBody).toEqual({ max_age: 3_600, max_uses: 5 });
		expect(result.content).toMatch(/https:\/\/discord\.gg\/\w+/);
		expect(result.ephemeral).toBe(true);
		expect(result.suggestions.type).toBe(8);
		expect(result.suggestions.data.choices[0]).toEqual({ name: '1 hour, 30 minutes', value: '1h30m' });
		expect(result.ping).toBe('Pong!');
	});

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

	it('imports ./fetch as an ES module that answers a health check and refuses an unsigned interaction', async () => {
		const { stdout } = await run(process.execPath, ['fetch-check.mjs'], { cwd: bot, timeout: 30_000 });
		expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({
			createInteractionHandler: 'function',
			createInviteRest: 'function',
			health: 200,
			unsigned: 401,
		});
	});

	it('bundles ./fetch for a Worker (import and require) with no Node built-in in its graph, where ./http has some', async () => {
		for (const kind of ['import', 'require'] as const) {
			expect(await nodeImportsOf('discord-invite-command/fetch', { resolveDir: bot, kind })).toEqual([]);
			// The same walk sees the Node adapter's built-ins: the check is not blind.
			expect(await nodeImportsOf('discord-invite-command/http', { resolveDir: bot, kind })).toContainEqual(
				expect.stringMatching(/lib\/http\/server\.c?js -> node:http$/),
			);
		}
	});
});
