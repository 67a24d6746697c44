/**
 * The project's programs as child processes, the way an operator runs them: `node --import
 * tsx <entry>` with a clean environment. Every process started here is killed by `stopAll()`
 * (call it in afterEach/afterAll), so a failed test leaves none behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Program {
	/** stdout and stderr so far, interleaved. */
	output(): string;
	/** Resolves once the output matches; rejects after `timeoutMs` or when the process exits first. */
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<RegExpMatchArray | string>;
	exited: Promise<number | null>;
	kill(signal?: NodeJS.Signals): void;
	readonly pid: number | undefined;
}

const running = new Set<ChildProcess>();

/** A clean environment: no .env file, none of the developer's own Discord settings. */
export function programEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		DOTENV_CONFIG_PATH: '/nonexistent/.env',
		LOG_LEVEL: 'info',
		// A throwaway ledger: programs under test never share (or leave) a database file.
		DATABASE_URL: 'sqlite::memory:',
		...extra,
	};
}

/** Starts `node --import tsx <entry>` (a path from the project root) with `env` (see `programEnvironment`). */
export function startProgram(entry: string, env: NodeJS.ProcessEnv): Program {
	const child = spawn(process.execPath, ['--import', 'tsx', entry], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.add(child);
	let output = '';
	let ended = false;
	const listeners = new Set<() => void>();
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		for (const listener of listeners) listener();
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => {
			running.delete(child);
			ended = true;
			for (const listener of listeners) listener();
			resolve(code);
		}),
	);
	return {
		output: () => output,
		exited,
		pid: child.pid,
		kill: (signal = 'SIGTERM') => child.kill(signal),
		waitFor: (text, timeoutMs = 20_000) =>
			new Promise((resolve, reject) => {
				const done = (settle: () => void) => {
					listeners.delete(check);
					clearTimeout(timer);
					settle();
				};
				const check = () => {
					const match = typeof text === 'string' ? (output.includes(text) ? text : null) : output.match(text);
					if (match) done(() => resolve(match));
					else if (ended) done(() => reject(new Error(`exited before ${String(text)}; output:\n${output}`)));
				};
				const timer = setTimeout(
					() => done(() => reject(new Error(`timed out waiting for ${String(text)}; output:\n${output}`))),
					timeoutMs,
				);
				listeners.add(check);
				check();
			}),
	};
}

/** Kills every program still running (SIGKILL) and waits for them to exit. */
export async function stopAll(): Promise<void> {
	const exits = [...running].map(
		(child) =>
			new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve()))),
	);
	for (const child of running) child.kill('SIGKILL');
	await Promise.all(exits);
}
