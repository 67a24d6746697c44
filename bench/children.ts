/**
 * Child processes for the side-by-side benchmarks: each server or bot runs alone, so its CPU
 * time (`process.cpuUsage`, reported over IPC by child-report.ts) and memory are its own.
 * Every child listens on a free loopback port found at run time and is stopped (SIGTERM, then
 * SIGKILL) by the parent; none outlives the benchmark.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { withDeadline } from './lib.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REPORT = fileURLToPath(new URL('./child-report.ts', import.meta.url));
const PLAIN_REPORT = fileURLToPath(new URL('./plain-child.mjs', import.meta.url));

/** CPU time in µs and memory, as the child saw them. */
export interface Usage {
	cpu: NodeJS.CpuUsage;
	memory: NodeJS.MemoryUsage;
}

export interface Child {
	name: string;
	process: ChildProcess;
	/** The last lines the child wrote to stderr (for a failure message). */
	stderr(): string;
	usage(): Promise<Usage>;
	/** The next IPC message of this type. */
	message<T>(type: string, timeoutMs: number): Promise<T>;
	stop(): Promise<void>;
}

export interface ChildOptions {
	name: string;
	/** A TypeScript or JavaScript file, relative to the project root. */
	script: string;
	args?: string[];
	env?: Record<string, string>;
	/** Extra node flags, after the loaders (so a TypeScript preload works). */
	execArgv?: string[];
	/**
	 * Plain `node`, as users run a JavaScript program: no tsx loader (about 35 MiB and 300 ms
	 * of a start), the JavaScript usage reporter (plain-child.mjs) preloaded instead.
	 */
	plain?: boolean;
}

/** Forks `script` under tsx (or plain node, `plain`) with the usage reporter preloaded. */
export function startChild(options: ChildOptions): Child {
	// BENCH_CPU_PROF=DIR profiles every child (`node --cpu-prof`); see profile-summary.ts.
	const profile = process.env.BENCH_CPU_PROF
		? [
				'--cpu-prof',
				`--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`,
				`--cpu-prof-name=${options.name.replace(/\W+/g, '-')}-${Date.now()}.cpuprofile`,
			]
		: [];
	const child = fork(options.script, options.args ?? [], {
		cwd: ROOT,
		execArgv: [
			...profile,
			...(options.plain ? ['--import', PLAIN_REPORT] : ['--import', 'tsx', '--import', REPORT]),
			...(options.execArgv ?? []),
		],
		env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
		stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
	});
	let tail = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (chunk: string) => {
		tail = (tail + chunk).slice(-4_000);
	});
	let nextId = 0;
	const message = <T>(type: string, timeoutMs: number, match: (m: Record<string, unknown>) => boolean = () => true) =>
		withDeadline(
			new Promise<T>((resolve, reject) => {
				const onMessage = (m: Record<string, unknown>): void => {
					if (m?.type !== type || !match(m)) return;
					cleanup();
					resolve(m as T);
				};
				const onExit = (code: number | null, signal: string | null): void => {
					cleanup();
					reject(
						new Error(
							`${options.name} exited (${signal ?? code}) before '${type}': ${tail.trim().split('\n').slice(-3).join(' | ')}`,
						),
					);
				};
				const cleanup = (): void => {
					child.off('message', onMessage);
					child.off('exit', onExit);
				};
				child.on('message', onMessage);
				child.once('exit', onExit);
			}),
			timeoutMs,
			`${options.name}: '${type}'`,
		);
	return {
		name: options.name,
		process: child,
		stderr: () => tail,
		message: (type, timeoutMs) => message(type, timeoutMs),
		async usage() {
			const id = nextId++;
			const reply = message<Usage>('bench:usage', 5_000, (m) => m.id === id);
			child.send({ type: 'bench:usage', id });
			return reply;
		},
		stop: () => stopChild(child),
	};
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	try {
		await withDeadline(exited, 5_000, 'child stop');
	} catch {
		child.kill('SIGKILL');
		await exited;
	}
}

/** A loopback port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (!address || typeof address === 'string') throw new Error('no free port');
	return address.port;
}

/** Resolves once something accepts connections on 127.0.0.1:port; rejects when `child` dies first. */
export async function waitForPort(port: number, child: Child, timeoutMs = 20_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (child.process.exitCode !== null || child.process.signalCode !== null)
			throw new Error(
				`${child.name} exited before listening: ${child.stderr().trim().split('\n').slice(-3).join(' | ')}`,
			);
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > until) throw new Error(`${child.name} did not listen on port ${port} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** CPU ms spent between two readings. */
export const cpuMs = (before: Usage, after: Usage): number =>
	(after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
