/**
 * SIGTERM or SIGINT to `npm run serve`, `npm run worker` or `npm start` (what systemd, a process manager or some
 * terminals send) stops everything the script started. npm forwards the signal only to its
 * child, the shell of the script: a shell that waited on node died of it and left node (and
 * node's workerd) running as orphans. The scripts `exec` node, so the signal reaches it.
 * Every process of the tree is read from /proc while it runs; after the signal none is left.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const onLinux = process.platform === 'linux';

/** A process as /proc shows it: its parent, its group, and its start time (against pid reuse). */
interface ProcessInfo {
	pid: number;
	ppid: number;
	pgid: number;
	start: string;
	command: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command (2nd field) is in parentheses and may hold spaces: split after its last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (fields[0] === 'Z') return undefined; // a zombie has exited; its parent just has not reaped it
		const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
		return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), start: fields[19] ?? '', command };
	} catch {
		return undefined;
	}
}

function allProcesses(): ProcessInfo[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((name) => readProcess(Number(name)))
		.filter((info): info is ProcessInfo => info !== undefined);
}

/** `root` and every descendant of it, plus every process in `root`'s process group. */
function treeOf(root: number): ProcessInfo[] {
	const all = allProcesses();
	const found = new Map<number, ProcessInfo>();
	for (const info of all) if (info.pgid === root) found.set(info.pid, info);
	for (let grew = true; grew; ) {
		grew = false;
		for (const info of all)
			if (!found.has(info.pid) && (info.pid === root || found.has(info.ppid))) {
				found.set(info.pid, info);
				grew = true;
			}
	}
	return [...found.values()];
}

/** Those of `seen` still alive (same pid and same start time). */
const stillAlive = (seen: readonly ProcessInfo[]): ProcessInfo[] =>
	seen.filter((info) => readProcess(info.pid)?.start === info.start);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!onLinux)('SIGTERM to the npm scripts', () => {
	let discord: LocalDiscord;
	const started: ProcessInfo[] = [];
	// `npm run worker` keeps its Durable Objects there: never in the project's own ./.wrangler/state.
	const workerState = mkdtempSync(join(tmpdir(), 'invite-worker-state-'));
	beforeAll(async () => {
		discord = await startLocalDiscord();
	});
	afterAll(async () => {
		rmSync(workerState, { recursive: true, force: true });
		// Whatever a failed test left behind, by pid: nothing outlives the suite.
		for (const info of stillAlive(started)) {
			try {
				process.kill(info.pid, 'SIGKILL');
			} catch {}
		}
		await discord.close();
	});

	it.each([
		['serve', 'SIGTERM', /listening on http:\/\/\S+/],
		['serve', 'SIGINT', /listening on http:\/\/\S+/],
		['worker', 'SIGTERM', /listening on http:\/\/\S+ \(workerd\)/],
		['worker', 'SIGINT', /listening on http:\/\/\S+ \(workerd\)/],
		['start', 'SIGTERM', /ready as \S+ in 1 server/],
	] as const)(
		'npm run %s, then %s: node (and workerd) stop with npm, leaving no process of its tree',
		async (script, signal, ready) => {
			const npm: ChildProcess = spawn('npm', ['run', script], {
				cwd: ROOT,
				// Its own process group, as a service manager starts it: every process found in it is its own.
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
				env: {
					...process.env,
					DOTENV_CONFIG_PATH: '/dev/null',
					HOST: '127.0.0.1',
					PORT: '0',
					LOG_LEVEL: 'info',
					DISCORD_TOKEN: discord.token,
					DISCORD_APPLICATION_ID: discord.applicationId,
					DISCORD_PUBLIC_KEY: discord.publicKey,
					DISCORD_API_URL: discord.apiUrl,
					WORKER_STATE_DIR: workerState,
					// The ledger in memory: never the project's own ./data/invites.db.
					DATABASE_URL: 'sqlite::memory:',
				},
			});
			const pid = npm.pid as number;
			let output = '';
			// 'close', not 'exit': every line the tree wrote has been read by then.
			const exited = new Promise<number | null>((resolve) => npm.once('close', (code) => resolve(code)));
			await new Promise<void>((resolve, reject) => {
				const read = (chunk: Buffer) => {
					output += chunk.toString();
					if (ready.test(output)) resolve();
				};
				npm.stdout?.on('data', read);
				npm.stderr?.on('data', read);
				void exited.then(() => reject(new Error(`npm run ${script} exited before listening:\n${output}`)));
				setTimeout(() => reject(new Error(`npm run ${script} not listening after 60 s:\n${output}`)), 60_000);
			});
			const tree = treeOf(pid);
			started.push(...tree);
			// npm, node, and for the worker workerd: more than npm alone.
			expect(tree.some((info) => info.command.includes('node') && info.pid !== pid)).toBe(true);
			if (script === 'worker') expect(tree.some((info) => info.command.includes('workerd'))).toBe(true);

			process.kill(pid, signal);
			const code = await Promise.race([exited, sleep(30_000).then(() => 'still running')]);
			expect(code, output).not.toBe('still running');
			let left = stillAlive(tree);
			for (let waited = 0; left.length > 0 && waited < 5_000; waited += 100) {
				await sleep(100);
				left = stillAlive(tree);
			}
			expect(
				left.map((info) => `${info.pid} ${info.command}`),
				output,
			).toEqual([]);
			expect(treeOf(pid)).toEqual([]);
			expect(output).toContain(`${signal}:`);
		},
		90_000,
	);
});
