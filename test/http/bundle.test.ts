/**
 * `npm run build:bundle`: the endpoint as one ES module for serverless Node. Run from a
 * directory with no node_modules (so nothing but Node itself is loaded at run time), it
 * answers what the local Discord signs and POSTs, like `npm run serve`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDiscord } from '../../src/local-discord/index.js';
import { buildBundles } from '../../src/tools/build-bundle.js';

describe('the bundled endpoint (dist/bundle/serve.mjs)', () => {
	let dir: string;
	let bundle: string;
	beforeAll(async () => {
		const built = await buildBundles();
		dir = mkdtempSync(join(tmpdir(), 'bundle-'));
		bundle = join(dir, 'serve.mjs');
		copyFileSync(built.serve, bundle);
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('imports only node: built-ins, and no discord-api-types index', () => {
		const text = readFileSync(bundle, 'utf8');
		const imports = [...text.matchAll(/(?:^|[;\s])import\s*(?:[\w{},\s*]+from\s*)?["']([^"']+)["']/g)].map(
			(m) => m[1],
		);
		expect(imports.length).toBeGreaterThan(0);
		expect(imports.filter((specifier) => !specifier?.startsWith('node:'))).toEqual([]);
		expect(text).not.toContain('GatewayIntentBits');
	});

	it('answers a signed /invite and a forged one from a directory without node_modules', async () => {
		const discord = await startLocalDiscord();
		const child = spawn(process.execPath, [bundle], {
			cwd: dir,
			env: {
				PATH: process.env.PATH,
				DOTENV_CONFIG_PATH: '/dev/null',
				HOST: '127.0.0.1',
				PORT: '0',
				LOG_LEVEL: 'info',
				DISCORD_TOKEN: discord.token,
				DISCORD_APPLICATION_ID: discord.applicationId,
				DISCORD_PUBLIC_KEY: discord.publicKey,
				DISCORD_API_URL: discord.apiUrl,
			},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			const url = await new Promise<string>((resolve, reject) => {
				child.stderr.on('data', (chunk: Buffer) => {
					stderr += chunk.toString();
					const match = /listening on (http:\/\/[^\s"]+)/.exec(stderr);
					if (match?.[1]) resolve(match[1]);
				});
				void exited.then(() => reject(new Error(`exited before listening:\n${stderr}`)));
			});
			const handle = discord.dispatch(
				discord.interaction({ user: 'member', channel: 'general', command: 'invite' }),
				{
					via: 'http',
					url,
				},
			);
			const message = await handle.message(10_000).catch((error: unknown) => {
				throw new Error(`${String(error)} http ${handle.httpStatus}\n${stderr}`);
			});
			expect(message.content).toContain('https://discord.gg/');
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
			child.kill('SIGTERM');
			await discord.close();
		}
		expect(await exited).toBe(0);
	});
});
