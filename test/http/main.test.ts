/**
 * `npm run serve` as a process: configuration errors, listening, health, graceful shutdown,
 * and the promise that discord.js is never loaded on this path.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { createSigner, signedPost } from './signing-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./fixtures/module-probe.mjs', import.meta.url));
const signer = createSigner();

interface Serve {
	/** Resolves with the URL once the process logs it is listening. */
	listening: Promise<string>;
	exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
	kill(signal: NodeJS.Signals): void;
}

function serve(env: Record<string, string>): Serve {
	const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, 'src/http/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const listening = new Promise<string>((resolve, reject) => {
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			const match = /listening on (http:\/\/[^\s"]+)/.exec(stderr);
			if (match) resolve(match[1]!);
		});
		child.once('exit', () => reject(new Error(`exited before listening:\n${stderr}`)));
	});
	listening.catch(() => undefined);
	const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
		child.once('exit', (code) => resolve({ code, stdout, stderr })),
	);
	return { listening, exited, kill: (signal) => child.kill(signal) };
}

const CONFIG = {
	DISCORD_TOKEN: 'local-bot-token',
	DISCORD_APPLICATION_ID: '1200000000000000001',
	DISCORD_PUBLIC_KEY: signer.publicKeyHex,
	DISCORD_API_URL: 'http://127.0.0.1:9/api',
};

describe('npm run serve', () => {
	it('listens, answers health and PING, shuts down on SIGTERM with exit 0, and never loads discord.js', async () => {
		const process = serve(CONFIG);
		const url = await process.listening;
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions$/);
		expect((await fetch(new URL('/healthz', url))).status).toBe(200);
		expect((await signedPost(url, { id: '1', type: InteractionType.Ping }, { signer })).body).toEqual({
			type: InteractionResponseType.Pong,
		});
		const scrape = await fetch(new URL('/metrics', url));
		expect(scrape.status).toBe(200);
		expect(scrape.headers.get('content-type')).toContain('text/plain');
		const metrics = await scrape.text();
		expect(metrics).toContain('# TYPE invite_interactions_total counter');
		expect(metrics).toContain('process_cpu_seconds_total');
		process.kill('SIGTERM');
		const { code, stdout, stderr } = await process.exited;
		expect(code).toBe(0);
		expect(stderr).toMatch(/SIGTERM: finishing the interactions in flight/);
		// Logs are JSON, one object per line (stderr is a pipe here, not a terminal).
		for (const line of stderr.trim().split('\n'))
			expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String) });

		const modules = JSON.parse(stdout.trim().split('\n').at(-1)!) as { esm: string[]; cjs: string[] };
		const loaded = [...modules.esm, ...modules.cjs];
		// The probe sees what it should: our core and @discordjs/rest.
		expect(loaded.some((module) => module.includes('/src/core/invite.ts'))).toBe(true);
		expect(loaded.some((module) => module.includes('/node_modules/@discordjs/rest/'))).toBe(true);
		expect(
			// @discordjs/formatters (13 kB, only discord-api-types beneath it) writes the mentions: allowed.
			loaded.filter((module) =>
				/[\\/]node_modules[\\/](discord\.js|@discordjs[\\/](ws|builders|voice))[\\/]/.test(module),
			),
		).toEqual([]);
		expect(loaded.filter((module) => /\/src\/gateway\//.test(module))).toEqual([]);
	});

	it('exits 1 with every configuration problem listed', async () => {
		const { code, stderr } = await serve({
			DISCORD_TOKEN: '',
			DISCORD_APPLICATION_ID: '',
			DISCORD_PUBLIC_KEY: 'not-hex',
		}).exited;
		expect(code).toBe(1);
		expect(stderr).toMatch(/DISCORD_TOKEN is not set/);
		expect(stderr).toMatch(/DISCORD_APPLICATION_ID is not set/);
		expect(stderr).toMatch(/DISCORD_PUBLIC_KEY must be 64 hexadecimal/);
	});
});
