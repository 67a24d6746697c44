/**
 * Benchmark 4: memory of the gateway bot. The bot runs alone in a child process (so the local
 * Discord, which records every interaction, is not counted); the parent drives interactions
 * over loopback and asks the child for its memory after full GCs. Leak check: heap growth
 * from after the warm-up to after `count` more interactions.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type LocalDiscord, startLocalDiscord } from '../src/local-discord/index.js';
import { BENCH_DISCORD, MIX } from './discord.js';
import { type BenchResult, fig, MiB, pool, withDeadline } from './lib.js';
import { TARGETS } from './targets.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

interface Memory {
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
}

export interface MemorySettings {
	warmup: number;
	count: number;
	/**
	 * `concurrency` in flight, each slot starting at most one interaction per `paceMs`: 45/s,
	 * under the REST clients' own 50 requests/s, so nothing waits in a rate-limit queue.
	 */
	concurrency: number;
	paceMs: number;
}

export const MEMORY_SETTINGS: MemorySettings = { warmup: 400, count: 1000, concurrency: 9, paceMs: 200 };

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: { type?: string }): void => {
			if (message.type !== type) return;
			cleanup();
			resolve(message as T);
		};
		const onExit = (code: number | null): void => {
			cleanup();
			reject(new Error(`the bot process exited (${code}) before sending '${type}'`));
		};
		const cleanup = (): void => {
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

async function drive(discord: LocalDiscord, count: number, settings: MemorySettings, errors: string[]): Promise<void> {
	await pool(count, settings.concurrency, async (index) => {
		const started = Date.now();
		const init = MIX[index % MIX.length]!;
		const handle = discord.dispatch(discord.interaction({ ...init, command: 'invite' }));
		try {
			const message = await handle.message(5_000);
			if (!message.content?.includes('discord.gg/'))
				errors.push(`no invite in the reply: ${message.content ?? ''}`);
		} catch (error) {
			errors.push(error instanceof Error ? error.message : String(error));
		}
		const rest = settings.paceMs - (Date.now() - started);
		if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
	});
}

export async function benchMemory(settings: MemorySettings = MEMORY_SETTINGS): Promise<BenchResult> {
	const target = TARGETS.memory;
	const discord = await startLocalDiscord(BENCH_DISCORD);
	let child: ChildProcess | undefined;
	try {
		child = fork(CHILD, [], {
			cwd: ROOT,
			execArgv: ['--expose-gc', '--import', 'tsx'],
			env: { ...process.env, BENCH_API_URL: discord.apiUrl, BENCH_TOKEN: discord.token, LOG_LEVEL: 'silent' },
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		});
		await withDeadline(nextMessage(child, 'ready'), 20_000, 'the bot process start');
		await discord.ready();
		const measure = async (): Promise<Memory> => {
			const reply = nextMessage<Memory>(child!, 'memory');
			child!.send({ type: 'measure' });
			return withDeadline(reply, 10_000, 'a memory reading');
		};

		const errors: string[] = [];
		const idle = await measure();
		await drive(discord, settings.warmup, settings, errors);
		const before = await measure();
		await drive(discord, settings.count, settings, errors);
		const after = await measure();

		const heapGrowth = after.heapUsed - before.heapUsed;
		const perInteraction = heapGrowth / settings.count;
		return {
			id: 'memory.gateway',
			title: `memory: gateway bot process, ${settings.count} /invite after ${settings.warmup}`,
			figures: {
				'heap idle': fig(idle.heapUsed / MiB, 'MiB'),
				before: fig(before.heapUsed / MiB, 'MiB'),
				after: fig(after.heapUsed / MiB, 'MiB'),
				growth: fig(heapGrowth / 1024, 'KiB'),
				'per /invite': fig(perInteraction, 'B'),
				'RSS before': fig(before.rss / MiB, 'MiB'),
				'RSS after': fig(after.rss / MiB, 'MiB'),
				errors: fig(errors.length, ''),
			},
			target: `heap growth < ${target.maxHeapGrowthKiB} KiB, RSS < ${target.maxRssMiB} MiB, 0 errors`,
			pass:
				errors.length === 0 &&
				heapGrowth < target.maxHeapGrowthKiB * 1024 &&
				after.rss < target.maxRssMiB * MiB,
			note: errors.length > 0 ? `first error: ${errors[0]}` : undefined,
		};
	} finally {
		if (child && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child!.once('exit', resolve));
			child.send({ type: 'stop' });
			await withDeadline(exited, 5_000, 'the bot process stop').catch(() => child!.kill('SIGKILL'));
		}
		await discord.close();
	}
}
