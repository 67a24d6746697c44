/**
 * A real `redis-server` for one test: on a free loopback port, no persistence, in a temp dir of
 * its own; stopped (and the dir removed) by `stop()`. `kill()` and `restart()` drive the
 * "Redis went away in the middle" cases on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface RedisServer {
	port: number;
	url: string;
	/** SIGKILL: gone at once, as a crashed Redis is (connections reset). */
	kill(): Promise<void>;
	/** Starts it again on the same port (empty: nothing was saved). */
	restart(): Promise<void>;
	/** Stops it and removes its directory. */
	stop(): Promise<void>;
}

/** All servers still running, so a failed test leaves none behind (see `stopAllRedis`). */
const running = new Set<ChildProcess>();

async function launch(port: number, dir: string): Promise<ChildProcess> {
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			// DEBUG SLEEP from loopback: how a test makes Redis slow.
			'--enable-debug-command',
			'local',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	running.add(child);
	child.once('exit', () => running.delete(child));
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited (${code}):\n${output}`));
		});
	});
	// Drained so a chatty server never blocks on a full pipe.
	child.stdout?.resume();
	child.stderr?.resume();
	return child;
}

const exited = (child: ChildProcess): Promise<void> =>
	child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', () => resolve()));

/** Starts a redis-server on a free loopback port (a few tries, should another process take the port first). */
export async function startRedis(): Promise<RedisServer> {
	const dir = await mkdtemp(join(tmpdir(), 'invite-redis-'));
	let child: ChildProcess | undefined;
	let port = 0;
	for (let attempt = 0; !child; attempt++) {
		port = await freePort();
		try {
			child = await launch(port, dir);
		} catch (error) {
			if (attempt >= 2) {
				await rm(dir, { recursive: true, force: true });
				throw error;
			}
		}
	}
	let current: ChildProcess = child;
	const kill = async (): Promise<void> => {
		current.kill('SIGKILL');
		await exited(current);
	};
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		kill,
		async restart() {
			current = await launch(port, dir);
		},
		async stop() {
			current.kill('SIGTERM');
			const timer = setTimeout(() => current.kill('SIGKILL'), 3_000);
			await exited(current);
			clearTimeout(timer);
			await rm(dir, { recursive: true, force: true });
		},
	};
}

/** Kills every server a test file started and did not stop (an `afterAll` safety net). */
export async function stopAllRedis(): Promise<void> {
	await Promise.all(
		[...running].map((child) => {
			child.kill('SIGKILL');
			return exited(child);
		}),
	);
}
