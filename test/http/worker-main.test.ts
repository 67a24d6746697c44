/**
 * `npm run worker` as a process: the Worker in workerd, configured from the same variables as
 * `npm run serve`, answering what a local Discord signs and POSTs, and stopping on SIGTERM.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/index.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Each run's Durable Objects go to a scratch directory (never the repository's .wrangler/). */
const stateDirs: string[] = [];
afterAll(() => {
	for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratchState = (): string => {
	const dir = mkdtempSync(join(tmpdir(), 'worker-state-'));
	stateDirs.push(dir);
	return dir;
};

function runWorker(env: Record<string, string>) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/tools/run-worker.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			LOG_LEVEL: 'info',
			HOST: '127.0.0.1',
			PORT: '0',
			DOTENV_CONFIG_PATH: '/dev/null',
			WORKER_STATE_DIR: scratchState(),
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	const listening = new Promise<string>((resolve, reject) => {
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			const match = /listening on (http:\/\/[^\s"]+)/.exec(stderr);
			if (match?.[1]) resolve(match[1]);
		});
		child.once('exit', () => reject(new Error(`exited before listening:\n${stderr}`)));
	});
	listening.catch(() => undefined);
	const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
		child.once('exit', (code) => resolve({ code, stderr })),
	);
	return { listening, exited, kill: (signal: NodeJS.Signals) => child.kill(signal) };
}

describe('npm run worker', () => {
	it('answers signed /invite, PING and /healthz from workerd, and exits 0 on SIGTERM', async () => {
		const discord = await startLocalDiscord();
		const worker = runWorker({
			DISCORD_TOKEN: discord.token,
			DISCORD_APPLICATION_ID: discord.applicationId,
			DISCORD_PUBLIC_KEY: discord.publicKey,
			DISCORD_API_URL: discord.apiUrl,
		});
		try {
			const url = await worker.listening;
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions$/);
			expect(await (await fetch(new URL('/healthz', url))).json()).toEqual({ status: 'ok' });
			const handle = discord.dispatch(
				discord.interaction({ user: 'member', channel: 'general', command: 'invite' }),
				{
					via: 'http',
					url,
				},
			);
			const message = await handle.message(10_000);
			expect(message.content).toContain('https://discord.gg/');
			expect(message.flags).toBe(64);
			const forged = discord.dispatch(
				discord.interaction({ user: 'member', channel: 'general', command: 'invite' }),
				{
					via: 'http',
					url,
					badSignature: true,
				},
			);
			await expect.poll(() => forged.httpStatus).toBe(401);
		} finally {
			worker.kill('SIGTERM');
			await discord.close();
		}
		const { code, stderr } = await worker.exited;
		expect(code).toBe(0);
		expect(stderr).toMatch(/SIGTERM: stopping workerd/);
		expect(stderr).not.toContain(discord.token);
	});

	it('exits 1 with every configuration problem listed, as npm run serve does', async () => {
		const { code, stderr } = await runWorker({
			DISCORD_TOKEN: '',
			DISCORD_APPLICATION_ID: '',
			DISCORD_PUBLIC_KEY: 'not-hex',
		}).exited;
		expect(code).toBe(1);
		expect(stderr).toMatch(/DISCORD_TOKEN is not set/);
		expect(stderr).toMatch(/DISCORD_PUBLIC_KEY must be 64 hexadecimal/);
	});
});

describe('npm run worker keeps its Durable Objects under WORKER_STATE_DIR', () => {
	const variables = (discord: LocalDiscord, stateDir: string) => ({
		DISCORD_TOKEN: discord.token,
		DISCORD_APPLICATION_ID: discord.applicationId,
		DISCORD_PUBLIC_KEY: discord.publicKey,
		DISCORD_API_URL: discord.apiUrl,
		WORKER_STATE_DIR: stateDir,
	});

	it('refuses with 401 a signed request replayed after a restart, and runs it once', async () => {
		const discord = await startLocalDiscord();
		const stateDir = scratchState();
		const payload = discord.interaction({ user: 'member', channel: 'general', command: 'invite' });
		const invitePosts = () => discord.requestsTo('POST', /\/invites$/).length;
		try {
			const first = runWorker(variables(discord, stateDir));
			try {
				const handle = discord.dispatch(payload, { via: 'http', url: await first.listening });
				expect((await handle.message(10_000)).content).toContain('https://discord.gg/');
			} finally {
				first.kill('SIGTERM');
			}
			expect((await first.exited).code).toBe(0);
			expect(invitePosts()).toBe(1);

			const second = runWorker(variables(discord, stateDir));
			try {
				// Signed again just now: only the object that remembers the id can refuse it.
				const replay = discord.dispatch(payload, { via: 'http', url: await second.listening });
				await expect.poll(() => replay.httpStatus, { timeout: 10_000 }).toBe(401);
				expect(invitePosts()).toBe(1);
			} finally {
				second.kill('SIGTERM');
			}
			const { stderr } = await second.exited;
			expect(stderr).toContain('refused a replayed interaction');
		} finally {
			await discord.close();
		}
	});

	it('answers the sixth /invite in a minute by one user with the cooldown reply and its exact retry time', async () => {
		const discord = await startLocalDiscord();
		const worker = runWorker(variables(discord, scratchState()));
		try {
			const url = await worker.listening;
			let firstAt: { from: number; to: number } | undefined;
			for (let i = 0; i < 5; i++) {
				const handle = discord.dispatch(
					discord.interaction({ user: 'member', channel: 'general', command: 'invite' }),
					{ via: 'http', url },
				);
				expect((await handle.message(10_000)).content).toContain('https://discord.gg/');
				firstAt ??= { from: handle.dispatchedAt, to: Date.now() };
			}
			const posts = discord.requestsTo('POST', /\/invites$/).length;
			const sixth = discord.dispatch(
				discord.interaction({ user: 'member', channel: 'general', command: 'invite', locale: 'fr' }),
				{ via: 'http', url },
			);
			const held = await sixth.message(10_000);
			const retryAt = Number(/<t:(\d+):R>/.exec(held.content ?? '')?.[1]);
			expect(held.content).toBe(MESSAGES.fr!.limit.cooldown(`<t:${retryAt}:R>`));
			expect(held.flags).toBe(64);
			// COOLDOWN_PER_USER's default, 5/60: the first of the five stops counting a minute after it.
			expect(retryAt).toBeGreaterThanOrEqual(Math.ceil((firstAt!.from + 60_000) / 1_000));
			expect(retryAt).toBeLessThanOrEqual(Math.ceil((firstAt!.to + 60_000) / 1_000));
			expect(discord.requestsTo('POST', /\/invites$/)).toHaveLength(posts);
			// Someone else may still make one: the count is the user's.
			const other = discord.dispatch(
				discord.interaction({ user: 'moderator', channel: 'general', command: 'invite' }),
				{ via: 'http', url },
			);
			expect((await other.message(10_000)).content).toContain('https://discord.gg/');
		} finally {
			worker.kill('SIGTERM');
			await worker.exited;
			await discord.close();
		}
	});
});

describe('wrangler.toml', () => {
	it('builds the Worker for `wrangler deploy` offline, into one module that imports no node: module', async () => {
		const out = mkdtempSync(join(tmpdir(), 'wrangler-dry-run-'));
		try {
			const wrangler = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
			const { stdout } = await promisify(execFile)(
				process.execPath,
				[wrangler, 'deploy', '--dry-run', '--outdir', out],
				{
					cwd: ROOT,
					env: {
						...process.env,
						CI: 'true',
						WRANGLER_SEND_METRICS: 'false',
						WRANGLER_LOG_PATH: out,
						// No account is asked for; a proxy that goes nowhere proves nothing reached the network.
						HTTPS_PROXY: 'http://127.0.0.1:9',
						HTTP_PROXY: 'http://127.0.0.1:9',
					},
					timeout: 60_000,
				},
			);
			expect(stdout).toContain('--dry-run: exiting now.');
			const bundle = readFileSync(join(out, 'worker.js'), 'utf8');
			// Code lines only: Kysely's doc comments show `import ... from 'node:fs'` examples.
			expect(bundle).not.toMatch(/^(?!\s*(?:\*|\/\/)).*(?:from\s*["']node:|require\(["']node:)/m);
			expect(bundle).toContain('x-signature-ed25519');
			// wrangler bundles through .wrangler/tmp (gitignored) and leaves no file there.
			const state = join(ROOT, '.wrangler', 'tmp');
			expect(
				existsSync(state)
					? readdirSync(state, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
					: [],
			).toEqual([]);
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});
});
