/**
 * Benchmark 5: cold start. Spawns the HTTP endpoint as `npm run serve` runs it
 * (`node --import tsx src/http/main.ts`) and, when `npm run build` has made dist/, compiled
 * (`node dist/src/http/main.js`): time from spawn to its "listening on" log line, and its RSS
 * then (VmRSS from /proc). For comparison, the cost of importing the gateway bot (discord.js)
 * the same ways. Median of `runs`, the variants interleaved so machine noise hits all alike.
 * Every process listens on 127.0.0.1:0, is sent SIGTERM once measured, and never talks to
 * Discord (DISCORD_API_URL points at a closed loopback port).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchResult, fig, median, now } from './lib.js';
import { TARGETS } from './targets.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MARKER = 'bench: imported';

/** A configuration the endpoint accepts (src/config.ts): made-up values, loopback only. */
const SERVE_ENV = {
	DISCORD_TOKEN: 'local-bot-token',
	DISCORD_APPLICATION_ID: '1200000000000000001',
	DISCORD_PUBLIC_KEY: 'a'.repeat(64),
	// Discard port: nothing listens, and the endpoint never calls it before an interaction.
	DISCORD_API_URL: 'http://127.0.0.1:9/api',
	HOST: '127.0.0.1',
	PORT: '0',
	LOG_LEVEL: 'info',
};

interface Variant {
	id: string;
	/** The discord.js import this start is compared with (same loader). */
	compareWith?: string;
	title: string;
	args: string[];
	/** The line on stderr that means "ready". */
	ready: RegExp;
	target: { maxMedianMs: number; maxRssMiB: number } | undefined;
}

const importGateway = (specifier: string): string[] => [
	'--input-type=module',
	'-e',
	// Import, say so, then wait to be measured and killed (at most 30 s).
	`await import(${JSON.stringify(specifier)}); process.stderr.write(${JSON.stringify(`${MARKER}\n`)}); setTimeout(() => {}, 30000);`,
];

function variants(): Variant[] {
	const dist = existsSync(`${ROOT}dist/src/http/main.js`) && existsSync(`${ROOT}dist/src/gateway/bot.js`);
	const listening = /listening on http:\/\//;
	const imported = new RegExp(MARKER);
	const list: Variant[] = [
		{
			id: 'coldstart.serve.tsx',
			title: 'cold start: serve via tsx → listening',
			args: ['--import', 'tsx', 'src/http/main.ts'],
			ready: listening,
			target: TARGETS.coldStart.serveTsx,
			compareWith: 'coldstart.gateway.tsx',
		},
		{
			id: 'coldstart.gateway.tsx',
			title: '  compare: import gateway/bot.ts via tsx',
			args: ['--import', 'tsx', ...importGateway('./src/gateway/bot.ts')],
			ready: imported,
			target: undefined,
		},
	];
	if (dist) {
		list.push(
			{
				id: 'coldstart.serve.dist',
				title: 'cold start: dist/src/http/main.js → listening',
				args: ['dist/src/http/main.js'],
				ready: listening,
				target: TARGETS.coldStart.serveDist,
				compareWith: 'coldstart.gateway.dist',
			},
			{
				id: 'coldstart.gateway.dist',
				title: '  compare: import dist/src/gateway/bot.js',
				args: importGateway('./dist/src/gateway/bot.js'),
				ready: imported,
				target: undefined,
			},
		);
	}
	return list;
}

/** Children still running: killed if this process ends first (a deadline, an exception). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/** VmRSS of a live process in bytes (Linux); NaN elsewhere. */
function rssOf(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

/** One spawn: ms until the ready line, RSS at that moment. Killed after `timeoutMs` at most. */
function once(variant: Variant, timeoutMs = 20_000): Promise<{ ms: number; rss: number }> {
	return new Promise((resolve, reject) => {
		const started = now();
		const child = spawn(process.execPath, variant.args, {
			cwd: ROOT,
			env: { ...process.env, ...SERVE_ENV },
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		live.add(child);
		child.once('exit', () => live.delete(child));
		let stderr = '';
		let done = false;
		const finish = (error: Error | undefined, value?: { ms: number; rss: number }): void => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			if (child.exitCode === null && child.signalCode === null) {
				child.once('exit', () => (error ? reject(error) : resolve(value!)));
				child.kill('SIGTERM');
				// SIGTERM lets the endpoint close gracefully; make sure it does end.
				setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
			} else if (error) reject(error);
			else resolve(value!);
		};
		const timer = setTimeout(
			() => finish(new Error(`${variant.title}: not ready after ${timeoutMs} ms\n${stderr}`)),
			timeoutMs,
		);
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (!done && variant.ready.test(stderr)) {
				const ms = now() - started;
				finish(undefined, { ms, rss: rssOf(child.pid!) });
			}
		});
		child.once('error', (error) => finish(error));
		child.once('exit', (code) =>
			finish(new Error(`${variant.title}: exited (${code}) before ready\n${stderr.slice(-500)}`)),
		);
	});
}

export async function benchColdStart(runs = 5): Promise<BenchResult[]> {
	const list = variants();
	const samples = new Map(list.map((variant) => [variant.id, [] as { ms: number; rss: number }[]]));
	const failures = new Map<string, string>();
	// One unmeasured round first: the OS file cache, and tsx's transform cache, are warm in real life too.
	for (const variant of list) await once(variant).catch(() => undefined);
	for (let run = 0; run < runs; run++) {
		for (const variant of list) {
			try {
				samples.get(variant.id)!.push(await once(variant));
			} catch (error) {
				failures.set(variant.id, error instanceof Error ? error.message.split('\n')[0]! : String(error));
			}
		}
	}
	const medians = (id: string): { ms: number; rss: number } => {
		const taken = samples.get(id) ?? [];
		return {
			ms: median(taken.map((sample) => sample.ms)),
			rss: median(taken.map((sample) => sample.rss)) / (1024 * 1024),
		};
	};
	const results = list.map((variant): BenchResult => {
		const taken = samples.get(variant.id)!;
		const { ms, rss } = medians(variant.id);
		const failure = failures.get(variant.id);
		const target = variant.target;
		const figures: BenchResult['figures'] = {
			median: fig(ms, 'ms'),
			fastest: fig(Math.min(...taken.map((sample) => sample.ms)), 'ms'),
			RSS: fig(rss, 'MiB'),
		};
		if (variant.compareWith) {
			const other = medians(variant.compareWith);
			figures['vs discord.js import'] = fig(ms - other.ms, 'ms');
			figures['RSS vs'] = fig(rss - other.rss, 'MiB');
		}
		return {
			id: variant.id,
			title: variant.title,
			figures,
			target: target ? `median < ${target.maxMedianMs} ms, RSS < ${target.maxRssMiB} MiB` : 'none (comparison)',
			pass: target
				? failure === undefined && ms < target.maxMedianMs && (Number.isNaN(rss) || rss < target.maxRssMiB)
				: failure === undefined
					? undefined
					: false,
			note: failure,
		};
	});
	if (!list.some((variant) => variant.id === 'coldstart.serve.dist')) {
		results.push({
			id: 'coldstart.serve.dist',
			title: 'cold start: dist/src/http/main.js → listening',
			figures: {},
			target: '-',
			pass: undefined,
			skipped: true,
			note: 'no dist/: run `npm run build` first to measure the compiled endpoint',
		});
	}
	return results;
}
