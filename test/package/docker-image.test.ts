/**
 * The Docker image without a Docker engine (none runs on these machines): the Dockerfile's
 * production-dependencies step as the Dockerfile writes it (offline, from the npm cache our own
 * `npm ci` filled), the build as its build stage makes it, and then the image's entrypoint
 * running `serve` and `start` against the local Discord with nothing but those dependencies.
 * What this cannot show: the base image, file ownership, the HEALTHCHECK timing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The deps stage's `RUN` line of the Dockerfile, split at `&&`, without the cache cleaning. */
async function depsStageCommands(): Promise<string[]> {
	const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
	const stage = dockerfile.split(/^FROM /m).find((part) => /^\S+ AS deps$/m.test(part.split('\n')[0] ?? ''));
	if (!stage) throw new Error('the Dockerfile has no deps stage');
	const runLine = /^RUN ((?:.*\\\n)*.*)$/m.exec(stage)?.[1];
	if (!runLine) throw new Error('the deps stage has no RUN line');
	return runLine
		.replace(/\\\n/g, ' ')
		.split('&&')
		.map((command) => command.trim())
		.filter((command) => !command.startsWith('npm cache clean'));
}

/**
 * better-sqlite3's GitHub releases, on loopback: its install script (prebuild-install) fetches
 * `v{version}/better-sqlite3-v{version}-node-v{abi}-{platform}-{arch}.tar.gz` from the host
 * `npm_config_better_sqlite3_binary_host` names. Served: this machine's own build of the addon
 * (for the Node running the tests), packed as a release asset is. Records what was asked.
 */
async function prebuiltBinaryHost(dir: string): Promise<{ url: string; asked: string[]; server: Server }> {
	const { version } = JSON.parse(await readFile(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
		version: string;
	};
	const asset = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
	await mkdir(join(dir, 'build/Release'), { recursive: true });
	await cp(
		join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
		join(dir, 'build/Release/better_sqlite3.node'),
	);
	await run('tar', ['-czf', asset, 'build'], { cwd: dir });
	const asked: string[] = [];
	const server = createServer((request, response) => {
		asked.push(request.url ?? '');
		if (request.url !== `/v${version}/${asset}`) return void response.writeHead(404).end();
		response.writeHead(200, { 'content-type': 'application/gzip' });
		createReadStream(join(dir, asset)).pipe(response);
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, server };
}

let image: string;
let discord: LocalDiscord | undefined;
let binaries: Awaited<ReturnType<typeof prebuiltBinaryHost>> | undefined;
const children = new Set<ChildProcess>();

beforeAll(async () => {
	image = await mkdtemp(join(tmpdir(), 'invite-image-'));
	for (const file of ['package.json', 'package-lock.json', 'docker'])
		await cp(join(ROOT, file), join(image, file), { recursive: true });
	binaries = await prebuiltBinaryHost(join(image, '.releases'));
	for (const command of await depsStageCommands())
		await run('sh', ['-c', command], {
			cwd: image,
			env: {
				...process.env,
				npm_config_offline: 'true',
				npm_config_update_notifier: 'false',
				npm_config_better_sqlite3_binary_host: binaries.url,
				// The rebuild fetches nothing from npm: its cache (where prebuild-install keeps what it
				// downloads) is this run's own, not the user's ~/.npm; `npm ci` needs the user's, offline.
				...(command.startsWith('npm rebuild') ? { npm_config_cache: join(image, '.npm-cache') } : {}),
			},
		});
	await rm(join(image, '.releases'), { recursive: true, force: true });
	await run(
		process.execPath,
		[join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(image, 'dist')],
		{
			cwd: ROOT,
		},
	);
}, 180_000);

afterEach(async () => {
	for (const child of children) child.kill('SIGKILL');
	await discord?.close();
	discord = undefined;
});

afterAll(async () => {
	binaries?.server.close();
	if (image) await rm(image, { recursive: true, force: true });
});

/** The image's entrypoint with a clean environment, as `docker run --env-file` gives it. */
function entrypoint(program: string, env: Record<string, string>) {
	const child = spawn('sh', ['docker/entrypoint.sh', program], {
		cwd: image,
		env: {
			PATH: process.env.PATH,
			HOME: image,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			DOTENV_CONFIG_PATH: '/nonexistent/.env',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	let output = '';
	const waiters = new Set<() => void>();
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		for (const waiter of waiters) waiter();
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<number | null>((done) =>
		child.on('exit', (code) => {
			children.delete(child);
			for (const waiter of waiters) waiter();
			done(code);
		}),
	);
	const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
		new Promise<RegExpExecArray>((done, fail) => {
			const check = () => {
				const match = pattern.exec(output);
				if (match) {
					waiters.delete(check);
					clearTimeout(timer);
					done(match);
				} else if (child.exitCode !== null) {
					waiters.delete(check);
					clearTimeout(timer);
					fail(new Error(`exited ${child.exitCode} before ${pattern}:\n${output}`));
				}
			};
			const timer = setTimeout(() => {
				waiters.delete(check);
				fail(new Error(`timed out waiting for ${pattern}:\n${output}`));
			}, timeoutMs);
			waiters.add(check);
			check();
		});
	return { exited, waitFor, output: () => output, kill: (signal: NodeJS.Signals) => child.kill(signal) };
}

describe('the Docker image, run without an engine', () => {
	it('installs only production dependencies: the runtime extras yes, the tools and discord.js no', async () => {
		const installed = new Set(await readdir(join(image, 'node_modules')));
		for (const name of ['prom-client', 'dotenv', 'ioredis', 'pino', '@discordjs'])
			expect(installed.has(name), name).toBe(true);
		// discord.js too: no program of the image loads it.
		for (const name of [
			'discord.js',
			'tsx',
			'vitest',
			'typescript',
			'esbuild',
			'wrangler',
			'autocannon',
			'express',
		])
			expect(installed.has(name), name).toBe(false);
	});

	it("builds better-sqlite3 from its release's prebuilt binary, so the default SQLite ledger opens", async () => {
		expect(binaries?.asked.some((path) => path.endsWith('.tar.gz'))).toBe(true);
		const addon = join(image, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
		const { stdout } = await run(
			process.execPath,
			[
				'-e',
				`const D = require(${JSON.stringify(join(image, 'node_modules/better-sqlite3'))}); console.log(new D(':memory:').prepare('select 41 + 1 as n').get().n)`,
			],
			{ cwd: image },
		);
		expect(stdout.trim()).toBe('42');
		expect((await readdir(dirname(addon))).includes('better_sqlite3.node')).toBe(true);
	});

	it('`serve` answers /invite from the local Discord, passes its HEALTHCHECK and stops on SIGTERM', async () => {
		discord = await startLocalDiscord();
		const serve = entrypoint('serve', {
			PORT: '0',
			DISCORD_TOKEN: discord.token,
			DISCORD_APPLICATION_ID: discord.applicationId,
			DISCORD_PUBLIC_KEY: discord.publicKey,
			DISCORD_API_URL: discord.apiUrl,
		});
		const url = (await serve.waitFor(/listening on (http:\/\/[^\s"]+)/))[1]!;
		const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
			via: 'http',
			url,
		});
		const answer = (await handle.message()).content ?? '';
		expect(answer).toContain('https://discord.gg/');
		const code = /discord\.gg\/(\S+)/.exec(answer)?.[1];
		const port = new URL(url).port;
		const health = await run(process.execPath, ['docker/healthcheck.mjs'], {
			cwd: image,
			env: { PATH: process.env.PATH, PORT: port, METRICS_PORT: '9' },
		});
		expect(health.stderr).toBe('');
		serve.kill('SIGTERM');
		expect(await serve.exited).toBe(0);
		expect(serve.output()).not.toContain(discord.token);
		expect(serve.output()).not.toContain('could not be opened');
		// The default DATABASE_URL, sqlite:./data/invites.db under the image's WORKDIR, kept the invite.
		const { stdout } = await run(
			process.execPath,
			[
				'-e',
				`const D = require(${JSON.stringify(join(image, 'node_modules/better-sqlite3'))}); console.log(JSON.stringify(new D('data/invites.db', { readonly: true }).prepare('select code from invites').all()))`,
			],
			{ cwd: image },
		);
		expect(JSON.parse(stdout)).toEqual([{ code }]);
	}, 60_000);

	it('`start` logs in, answers /invite over the gateway, serves /healthz and stops on SIGTERM', async () => {
		discord = await startLocalDiscord();
		const bot = entrypoint('start', {
			METRICS_PORT: '0',
			DISCORD_TOKEN: discord.token,
			DISCORD_API_URL: discord.apiUrl,
		});
		const metrics = (await bot.waitFor(/metrics on (http:\/\/[^\s"]+)/))[1]!;
		await bot.waitFor(/add the bot to a server:/);
		await discord.ready();
		const message = await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		expect(message.content).toContain('https://discord.gg/');
		expect((await fetch(new URL('/healthz', metrics))).status).toBe(200);
		bot.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		expect(bot.output()).not.toContain(discord.token);
	}, 60_000);
});
