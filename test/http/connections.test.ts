/**
 * Idle and slow connections against `npm run serve` under the common 1,024 descriptor limit:
 * 2,000 connections that send a request line and stop must not lock legitimate clients out.
 * The endpoint runs as a child process whose soft RLIMIT_NOFILE is 1,024 (`ulimit -n` in a
 * shell), so the test process keeps its own limit for the 2,000 client sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionCap, descriptorLimit } from '../../src/http/node-connections.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';

const IDLE = 2_000;

describe('npm run serve under a 1,024 descriptor limit, with 2,000 idle connections open', () => {
	let discord: LocalDiscord;
	let child: ChildProcess;
	let base: string;
	let output = '';
	const idle: Socket[] = [];

	beforeAll(async () => {
		discord = await startLocalDiscord();
		child = spawn('sh', ['-c', 'ulimit -n 1024 && exec "$0" --import tsx src/http/main.ts', process.execPath], {
			cwd: process.cwd(),
			env: {
				PATH: process.env.PATH,
				HOME: process.env.HOME,
				DOTENV_CONFIG_PATH: '/nonexistent/.env',
				LOG_LEVEL: 'info',
				DISCORD_TOKEN: discord.token,
				DISCORD_APPLICATION_ID: discord.applicationId,
				DISCORD_PUBLIC_KEY: discord.publicKey,
				DISCORD_API_URL: discord.apiUrl,
				HOST: '127.0.0.1',
				PORT: '0',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		const url = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the endpoint did not start:\n${output}`)), 15_000);
			const check = () => {
				const found = /listening on (http:\/\/[^\s"]+)\/interactions/.exec(output);
				if (found?.[1]) {
					clearTimeout(timer);
					resolve(found[1]);
				}
			};
			child.stdout?.on('data', check);
			child.stderr?.on('data', check);
		});
		base = url;
	}, 20_000);

	afterAll(async () => {
		for (const socket of idle) socket.destroy();
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		await discord.close();
	});

	it('keeps answering interactions and /healthz while 2,000 connections sit on a request line', async () => {
		const { port } = new URL(base);
		let opened = 0;
		await new Promise<void>((resolve) => {
			for (let i = 0; i < IDLE; i++) {
				const socket = connect(Number(port), '127.0.0.1', () => {
					socket.write('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
					if (++opened === IDLE) resolve();
				});
				socket.on('error', () => {
					if (++opened === IDLE) resolve();
				});
				idle.push(socket);
			}
		});

		const started = Date.now();
		const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
		expect(health.status).toBe(200);
		for (let i = 0; i < 5; i++) {
			const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }), {
				via: 'http',
				url: `${base}/interactions`,
			});
			const message = await handle.message(5_000);
			expect(message.content).toContain('https://discord.gg/');
			expect(handle.httpStatus).toBe(200);
		}
		// Bounded: the whole round is seconds, not the 21 s and more of a lockout.
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(output).not.toContain('EMFILE');
	}, 40_000);
});

describe('connectionCap', () => {
	it('reads the soft descriptor limit from /proc/self/limits', () => {
		const limits =
			'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';
		expect(descriptorLimit(() => limits)).toBe(1024);
		expect(descriptorLimit(() => 'nothing here')).toBeUndefined();
		expect(
			descriptorLimit(() => {
				throw new Error('no /proc here');
			}),
		).toBeUndefined();
	});

	it('stays below the limit with room for outgoing sockets, conservative when unknown, and obeys MAX_CONNECTIONS', () => {
		expect(connectionCap(1024)).toBe(768);
		expect(connectionCap(20_000)).toBe(15_000);
		expect(connectionCap(256)).toBe(128);
		expect(connectionCap(1024, 50)).toBe(50);
	});
});
