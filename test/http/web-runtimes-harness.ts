/**
 * The README's `Deno.serve` and `Bun.serve` snippets, run as printed by the runtimes the npm
 * registry's `deno` and `bun` packages ship (devDependencies), against a local Discord.
 *
 * Each snippet is read from the documentation at run time: the fenced code block that calls
 * `Deno.serve(` (or `Bun.serve(`), in README.md or, once moved, in a Markdown file under docs/.
 * It imports `discord-invite-command/fetch` (Deno: `npm:discord-invite-command/fetch`), which a
 * scratch `node_modules` resolves to the entry bundled as a Worker is (fixtures/tuned-fetch.ts:
 * the entry itself unless `TEST_TUNING` is set). A few lines run before it make the server
 * listen on 127.0.0.1, port 0 (the snippet says 0.0.0.0:8080) and print the port; nothing else
 * changes. One runtime process per transport: the variables are read from its environment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIInteraction } from 'discord-api-types/v10';
import {
	type InteractionHandle,
	type InteractionInit,
	type LocalDiscord,
	startLocalDiscord,
} from '../../src/local-discord/index.js';
import { bundleWorker } from '../../src/tools/workerd.js';
import type { Transport, TransportOptions } from '../e2e/scenarios.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./fixtures/tuned-fetch.ts', import.meta.url));

export type WebRuntime = 'deno' | 'bun';

/** The runtime binaries the devDependencies installed. */
export const RUNTIME_BIN: Record<WebRuntime, string> = {
	deno: join(ROOT, 'node_modules', '.bin', 'deno'),
	bun: join(ROOT, 'node_modules', '.bin', 'bun'),
};

/** What each snippet calls, which is how its code block is found. */
const MARKER: Record<WebRuntime, string> = { deno: 'Deno.serve(', bun: 'Bun.serve(' };

/** README.md, then every Markdown file under docs/ (where the README's sections are moving). */
function documentation(): { file: string; text: string }[] {
	const files = [join(ROOT, 'README.md')];
	const walk = (dir: string): void => {
		if (!existsSync(dir)) return;
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (entry.name.endsWith('.md')) files.push(join(dir, entry.name));
		}
	};
	walk(join(ROOT, 'docs'));
	return files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/**
 * The documented snippet for `runtime`: the first fenced `ts` block that calls its `serve`.
 * Throws when there is none, so moving or renaming the snippet fails the test, never skips it.
 */
export function documentedSnippet(runtime: WebRuntime): { file: string; code: string } {
	for (const { file, text } of documentation())
		for (const block of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
			const code = block[1] ?? '';
			if (code.includes(MARKER[runtime])) return { file, code };
		}
	throw new Error(`no \`\`\`ts block calling ${MARKER[runtime]} in README.md or docs/`);
}

/** Runs before the snippet: listen on loopback, port 0, and say where. */
const PRELUDE: Record<WebRuntime, string> = {
	deno: `const serve = Deno.serve;
Deno.serve = (options, handler) =>
	serve({ ...options, hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(\`listening on \${port}\`) }, handler);
await import('./snippet.ts');
`,
	bun: `const serve = Bun.serve;
Bun.serve = (options) => {
	const server = serve({ ...options, hostname: '127.0.0.1', port: 0 });
	console.log(\`listening on \${server.port}\`);
	return server;
};
await import('./snippet.ts');
`,
};

/** A scratch directory: the snippet, its prelude, and the package it imports. */
async function prepare(runtime: WebRuntime): Promise<{ dir: string; args: string[] }> {
	const dir = mkdtempSync(join(tmpdir(), `${runtime}-snippet-`));
	const pkg = join(dir, 'node_modules', 'discord-invite-command');
	mkdirSync(pkg, { recursive: true });
	writeFileSync(
		join(pkg, 'package.json'),
		JSON.stringify({ name: 'discord-invite-command', type: 'module', exports: { './fetch': './fetch.mjs' } }),
	);
	writeFileSync(join(pkg, 'fetch.mjs'), await bundleWorker(ENTRY));
	// Deno takes `npm:` imports from this node_modules as it is: nothing is downloaded.
	writeFileSync(join(dir, 'deno.json'), JSON.stringify({ nodeModulesDir: 'manual' }));
	const { code } = documentedSnippet(runtime);
	writeFileSync(join(dir, 'snippet.ts'), code);
	writeFileSync(join(dir, 'main.mjs'), PRELUDE[runtime]);
	return { dir, args: documentedCommand(runtime, code) };
}

/**
 * The command line the snippet's own comment gives (`// Deno: deno run --allow-net --allow-env
 * deno.ts`, `... bun run bun.ts`), its file replaced by the prelude; `run` alone without one.
 */
export function documentedCommand(runtime: WebRuntime, code: string): string[] {
	const match = new RegExp(`\\b${runtime} run((?:\\s+--?[\\w-]+(?:=\\S+)?)*)\\s+\\S+\\.ts\\b`).exec(code);
	const flags = match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
	return ['run', ...flags, 'main.mjs'];
}

export interface WebRuntimeHarness extends Transport {
	url: string;
	/** What the runtime wrote to stderr so far (warnings, the handler's error logs). */
	stderr(): string;
	deliver(payload: APIInteraction): InteractionHandle;
}

export interface WebRuntimeTransports {
	start(options?: TransportOptions): Promise<WebRuntimeHarness>;
	/** Removes the scratch directory (after every transport is closed). */
	stop(): Promise<void>;
}

/** Transports that run the documented snippet under `runtime`, one process each. */
export function webRuntimeTransports(runtime: WebRuntime): WebRuntimeTransports {
	let prepared: Promise<{ dir: string; args: string[] }> | undefined;
	return {
		async start(options = {}) {
			prepared ??= prepare(runtime);
			const { dir: cwd, args } = await prepared;
			const discord: LocalDiscord = await startLocalDiscord(options.discord);
			const tuning = {
				deferAfterMs: options.deferAfterMs,
				inviteTimeoutMs: options.requestTimeoutMs,
				maxRateLimitWaitMs: options.maxRateLimitWaitMs,
				attachmentTimeoutMs: options.attachmentTimeoutMs,
				jobPollDelaysMs: options.jobPollDelaysMs,
			};
			const env: Record<string, string> = {
				PATH: process.env.PATH ?? '',
				HOME: cwd,
				DENO_DIR: join(cwd, '.deno'),
				DENO_NO_UPDATE_CHECK: '1',
				NO_COLOR: '1',
				DISCORD_PUBLIC_KEY: discord.publicKey,
				DISCORD_TOKEN: discord.token,
				DISCORD_APPLICATION_ID: discord.applicationId,
				DISCORD_API_URL: discord.apiUrl,
				LOG_LEVEL: options.logger ? 'warn' : 'error',
			};
			if (Object.values(tuning).some((value) => value !== undefined)) env.TEST_TUNING = JSON.stringify(tuning);
			const child: ChildProcess = spawn(RUNTIME_BIN[runtime], args, {
				cwd,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stderr = '';
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
				stderr += chunk;
				if (!options.logger) process.stderr.write(`${runtime}: ${chunk}`);
			});
			// stdout: the port, then the handler's log lines (console.log), each to the scenario's logger.
			let listening: (port: number) => void = () => undefined;
			let rest = '';
			child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
				const lines = (rest + chunk).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) {
					const port = /^listening on (\d+)$/.exec(line)?.[1];
					if (port) listening(Number(port));
					else if (line.trim() !== '') options.logger?.warn(line);
				}
			});
			let port: number;
			try {
				port = await new Promise<number>((resolve, reject) => {
					listening = resolve;
					child.once('exit', (code) =>
						reject(new Error(`${runtime} exited (${code}) before listening:\n${stderr}`)),
					);
					child.once('error', reject);
				});
			} catch (error) {
				await discord.close();
				throw error;
			}
			const url = `http://127.0.0.1:${port}/interactions`;
			const deliver = (payload: APIInteraction): InteractionHandle =>
				discord.dispatch(payload, { via: 'http', url });
			return {
				discord,
				url,
				stderr: () => stderr,
				deliver,
				invite: (init: Omit<InteractionInit, 'command'>) =>
					deliver(discord.interaction({ ...init, command: 'invite' })),
				autocomplete: (init) => deliver(discord.autocomplete({ ...init, command: 'invite' })),
				command: (init) => deliver(discord.interaction(init)),
				async close() {
					child.kill('SIGTERM');
					await exited;
					await discord.close();
				},
			};
		},
		async stop() {
			if (prepared) rmSync((await prepared).dir, { recursive: true, force: true });
		},
	};
}
