/**
 * A real Postgres for one test file: its own cluster (`initdb`) in a temp dir, on a free
 * loopback port, with no fsync; stopped (and the dir removed) by `stop()`. `kill()` and
 * `restart()` drive the "database went away" cases on the same port and data. initdb refuses
 * to run as root: as root, every Postgres binary runs as the `postgres` system user
 * (`runuser`), and the temp dir is handed to that user.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface PostgresServer {
	port: number;
	/** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth on loopback). */
	url: string;
	/** Immediate shutdown: connections drop at once, as when the server crashes. */
	kill(): Promise<void>;
	/** Starts it again on the same port and data. */
	restart(): Promise<void>;
	/** Stops it and removes its directory. */
	stop(): Promise<void>;
}

/** Every cluster still running, so a failed test leaves none behind (see `stopAllPostgres`). */
const running = new Set<string>();

/** Debian's binaries (`postgresql` package): the newest installed major version, or `PG_BIN`. */
async function binDir(): Promise<string> {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	if (!newest) throw new Error('Postgres is not installed: apt-get install postgresql (see .ci/run)');
	return `/usr/lib/postgresql/${newest}/bin`;
}

const asRoot = process.getuid?.() === 0;

/** Runs a Postgres binary, as the `postgres` user when we are root. */
async function pg(binary: string, args: string[]): Promise<string> {
	const bin = join(await binDir(), binary);
	const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	const { stdout } = await run(file, argv, { timeout: 60_000 });
	return stdout;
}

async function ownedByPostgres(dir: string): Promise<void> {
	if (!asRoot) return;
	const { stdout } = await run('id', ['-u', 'postgres']);
	const { stdout: group } = await run('id', ['-g', 'postgres']);
	await chown(dir, Number(stdout.trim()), Number(group.trim()));
}

/** Starts a fresh cluster on a free loopback port (a few tries, should another process take the port first). */
export async function startPostgres(): Promise<PostgresServer> {
	const dir = await mkdtemp(join(tmpdir(), 'invite-postgres-'));
	await ownedByPostgres(dir);
	const data = join(dir, 'data');
	await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	let port = 0;
	const start = async () =>
		pg('pg_ctl', [
			'-D',
			data,
			'-l',
			join(dir, 'log'),
			'-w',
			'-t',
			'30',
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
			'start',
		]);
	for (let attempt = 0; ; attempt++) {
		port = await freePort();
		try {
			await start();
			break;
		} catch (error) {
			if (attempt >= 2) {
				const log = await readFile(join(dir, 'log'), 'utf8').catch(() => '');
				await rm(dir, { recursive: true, force: true });
				throw new Error(`postgres did not start: ${String(error)}\n${log}`);
			}
		}
	}
	running.add(data);
	const stopWith = async (mode: 'fast' | 'immediate') => {
		await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => undefined);
		running.delete(data);
	};
	return {
		port,
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		kill: () => stopWith('immediate'),
		async restart() {
			await start();
			running.add(data);
		},
		async stop() {
			await stopWith('fast');
			await rm(dir, { recursive: true, force: true });
		},
	};
}

/** Stops every cluster a test file started and did not stop (an `afterAll` safety net). */
export async function stopAllPostgres(): Promise<void> {
	await Promise.all(
		[...running].map(async (data) => {
			await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
			running.delete(data);
		}),
	);
}
