/**
 * Benchmark 5: cold start, what every serverless user pays. Two kinds of row, all variants
 * interleaved in one run so machine noise hits them alike (median of `runs`, after one
 * unmeasured round: the OS file cache is warm in real life too):
 *
 * - spawn → first answered /invite, and VmRSS then: bare `node -e` (the floor), a reference
 *   endpoint built like Discord's official example app (bench/reference-endpoint.mjs: express,
 *   discord-interactions' verifyKeyMiddleware, fetch), ours bundled for Node
 *   (dist/bundle/serve.mjs, `npm run build:bundle`, built here first) and ours as the Worker in
 *   workerd (the workerd binary from npm, serving dist/bundle/worker.mjs). The bench's local
 *   Discord signs and POSTs `/invite` until the process answers it (a refused connection is
 *   retried every 2 ms), and serves the Create Channel Invite call.
 * - spawn → first `/invite` answered over the gateway, and VmRSS then: ours as `npm start` runs
 *   it (dist/bundle/gateway/main.mjs) against the typical discord.js bot
 *   (bench/gateway/discordjs-bot.mjs), each spawn logged into a fresh local Discord with one
 *   guild, which dispatches `/invite` as soon as the shard is ready (issue 20: ours at most 0.6×).
 * - spawn → "listening on" log line: `npm run serve` as it runs (tsx) and, when `npm run build`
 *   made dist/, compiled; each against importing the gateway bot (discord.js) the same way.
 *
 * Every process listens on loopback, never talks to discord.com, and is killed once measured.
 * A baseline that cannot run fails the row that needs it: no ratio against nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalDiscord, startLocalDiscord } from '../src/local-discord/index.js';
import { buildBundles } from '../src/tools/build-bundle.js';
import { wranglerCompatibility } from '../src/tools/workerd.js';
import { BENCH_DISCORD } from './discord.js';
import { allShardsReady, contenderCommand, type GatewayKind, gatewayBundle } from './gateway/contenders.js';
import { type BenchResult, fig, median, now } from './lib.js';
import { TARGETS } from './targets.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MARKER = 'bench: imported';
const WORKERD = join(ROOT, 'node_modules', '@cloudflare', 'workerd-linux-64', 'bin', 'workerd');

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

interface Sample {
	ms: number;
	/** VmRSS in bytes at that moment. */
	rss: number;
	/** CPU time (user + system, ms) the process had used by then: what load on the machine cannot stretch. */
	cpu: number;
}

interface Variant {
	id: string;
	title: string;
	/** The program and its arguments; `port` is a free loopback port picked for this spawn. */
	command: (port: number, discord: LocalDiscord) => { file: string; args: string[]; env?: Record<string, string> };
	/**
	 * What "ready" means: a line on stderr, the first `/invite` answered over HTTP, or over the
	 * gateway (`gateway`: each spawn gets a fresh local Discord, passed to `command`).
	 */
	ready: RegExp | 'invite' | 'gateway';
}

const node = (...args: string[]) => ({ file: process.execPath, args });

const importGateway = (specifier: string): string[] => [
	'--input-type=module',
	'-e',
	// Import, say so, then wait to be measured and killed (at most 30 s).
	`await import(${JSON.stringify(specifier)}); process.stderr.write(${JSON.stringify(`${MARKER}\n`)}); setTimeout(() => {}, 30000);`,
];

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

/** User + system CPU time of a live process in ms (Linux, 10 ms ticks); NaN elsewhere. */
function cpuOf(pid: number): number {
	try {
		// Fields after the command name (which sits in parentheses): utime is the 12th, stime the 13th.
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return Number.NaN;
	}
}

/** A loopback port free a moment ago (the spawned process binds it right after). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Dispatches `/invite` to `url` until it is answered: resolves when an answer with an invite
 * arrives (a refused connection means "not up yet": try again), rejects on any other answer.
 */
async function firstInvite(discord: LocalDiscord, url: string, alive: () => boolean): Promise<void> {
	for (;;) {
		if (!alive()) throw new Error('exited before answering');
		const handle = discord.dispatch(
			discord.interaction({ user: 'member', channel: 'general', command: 'invite' }),
			{
				via: 'http',
				url,
			},
		);
		while (handle.httpStatus === undefined) await sleep(1);
		if (handle.httpStatus === 200) {
			const content = handle.responses[0] && 'data' in handle.responses[0] ? handle.responses[0].data : undefined;
			if (!JSON.stringify(content ?? {}).includes('discord.gg/'))
				throw new Error(`answered without an invite: ${JSON.stringify(handle.responses[0])}`);
			return;
		}
		if (handle.httpStatus !== 0) throw new Error(`answered HTTP ${handle.httpStatus}`);
		await sleep(2);
	}
}

/** Dispatches `/invite` over the gateway once a shard is ready; resolves when answered with an invite. */
async function firstGatewayInvite(discord: LocalDiscord, timeoutMs: number): Promise<void> {
	await allShardsReady(discord, timeoutMs);
	const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general', command: 'invite' }), {
		via: 'gateway',
	});
	const answer = await handle.response(timeoutMs);
	if (!JSON.stringify(answer).includes('discord.gg/'))
		throw new Error(`answered without an invite: ${JSON.stringify(answer)}`);
}

/** One spawn: ms until ready, RSS at that moment. Killed after `timeoutMs` at most. */
async function once(variant: Variant, shared: LocalDiscord, timeoutMs = 20_000): Promise<Sample> {
	const own = variant.ready === 'gateway' ? await startLocalDiscord(BENCH_DISCORD) : undefined;
	try {
		return await spawnOnce(variant, own ?? shared, timeoutMs);
	} finally {
		await own?.close();
	}
}

async function spawnOnce(variant: Variant, discord: LocalDiscord, timeoutMs: number): Promise<Sample> {
	const port = await freePort();
	const { file, args, env } = variant.command(port, discord);
	const started = now();
	const child = spawn(file, args, {
		cwd: ROOT,
		env: { ...process.env, ...SERVE_ENV, PORT: String(port), ...env },
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	live.add(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exited.then(() => live.delete(child));
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const alive = () => child.exitCode === null && child.signalCode === null;
	try {
		const ready = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
			child.once('error', reject);
			void exited.then(() => reject(new Error(`exited (${child.exitCode}) before ready`)));
			const done = () => {
				clearTimeout(timer);
				resolve();
			};
			if (variant.ready === 'invite') {
				firstInvite(discord, `http://127.0.0.1:${port}/interactions`, alive).then(done, reject);
			} else if (variant.ready === 'gateway') {
				firstGatewayInvite(discord, timeoutMs).then(done, reject);
			} else {
				const pattern = variant.ready;
				child.stderr.on('data', () => {
					if (pattern.test(stderr)) done();
				});
			}
		});
		await ready;
		const ms = now() - started;
		return child.pid
			? { ms, rss: rssOf(child.pid), cpu: cpuOf(child.pid) }
			: { ms, rss: Number.NaN, cpu: Number.NaN };
	} catch (error) {
		throw new Error(
			`${variant.title}: ${error instanceof Error ? error.message : String(error)}\n${stderr.slice(-500)}`,
		);
	} finally {
		if (alive()) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(killer);
		}
	}
}

/** The workerd config serving the Worker bundle, with the local Discord's variables as bindings. */
function workerdConfig(dir: string, worker: string, discord: LocalDiscord): string {
	writeFileSync(join(dir, 'worker.mjs'), readFileSync(worker));
	const { compatibilityDate, compatibilityFlags } = wranglerCompatibility();
	const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
	const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .invite),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);
const invite :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = ${JSON.stringify(compatibilityDate)},
  compatibilityFlags = [${compatibilityFlags.map((flag) => JSON.stringify(flag)).join(', ')}],
  bindings = [
    ${text('DISCORD_PUBLIC_KEY', discord.publicKey)},
    ${text('DISCORD_TOKEN', discord.token)},
    ${text('DISCORD_APPLICATION_ID', discord.applicationId)},
    ${text('DISCORD_API_URL', discord.apiUrl)},
    ${text('LOG_LEVEL', 'warn')},
  ],
  globalOutbound = "internet",
);
`;
	const file = join(dir, 'config.capnp');
	writeFileSync(file, config);
	return file;
}

/** The variants, in the order they are interleaved. */
function variants(discord: LocalDiscord, bundles: { serve: string; worker: string }, scratch: string): Variant[] {
	const discordEnv = {
		DISCORD_PUBLIC_KEY: discord.publicKey,
		DISCORD_TOKEN: discord.token,
		DISCORD_APPLICATION_ID: discord.applicationId,
		DISCORD_API_URL: discord.apiUrl,
		LOG_LEVEL: 'warn',
	};
	const list: Variant[] = [
		{
			id: 'coldstart.bare',
			title: "bare node -e '' (prints once)",
			command: () => node('-e', "process.stderr.write('ready\\n'); setTimeout(() => {}, 30000)"),
			ready: /ready/,
		},
		{
			id: 'coldstart.reference',
			title: 'reference (express + discord-interactions + fetch)',
			command: () => ({ ...node('bench/reference-endpoint.mjs'), env: discordEnv }),
			ready: 'invite',
		},
		{
			id: 'coldstart.bundle',
			title: 'ours: dist/bundle/serve.mjs (Node)',
			command: () => ({ ...node(bundles.serve), env: discordEnv }),
			ready: 'invite',
		},
	];
	if (existsSync(WORKERD)) {
		const config = workerdConfig(scratch, bundles.worker, discord);
		list.push({
			id: 'coldstart.worker',
			title: 'ours: the Worker in workerd',
			command: (port) => ({
				file: WORKERD,
				args: ['serve', config, 'config', '--socket-addr', `http=127.0.0.1:${port}`],
			}),
			ready: 'invite',
		});
	}
	const gatewayBot = (kind: GatewayKind) => (_port: number, own: LocalDiscord) => {
		const { script, args, env } = contenderCommand(kind, own);
		return { ...node(script, ...args), env: { ...env, LOG_LEVEL: 'info' } };
	};
	list.push(
		{
			id: 'coldstart.gateway.typical',
			title: 'gateway: typical discord.js bot → first /invite',
			command: gatewayBot('typical'),
			ready: 'gateway',
		},
		{
			id: 'coldstart.gateway.ours',
			title: 'gateway: ours as `npm start` runs it → first /invite',
			command: gatewayBot('ours'),
			ready: 'gateway',
		},
		{
			id: 'coldstart.serve.tsx',
			title: 'cold start: serve via tsx → listening',
			command: () => node('--import', 'tsx', 'src/http/main.ts'),
			ready: /listening on http:\/\//,
		},
		{
			id: 'coldstart.gateway.tsx',
			title: '  compare: import gateway/bot.ts via tsx',
			command: () => node('--import', 'tsx', ...importGateway('./src/gateway/bot.ts')),
			ready: new RegExp(MARKER),
		},
	);
	if (existsSync(`${ROOT}dist/src/http/main.js`) && existsSync(`${ROOT}dist/src/gateway/bot.js`)) {
		list.push(
			{
				id: 'coldstart.serve.dist',
				title: 'cold start: dist/src/http/main.js → listening',
				command: () => node('dist/src/http/main.js'),
				ready: /listening on http:\/\//,
			},
			{
				id: 'coldstart.gateway.dist',
				title: '  compare: import dist/src/gateway/bot.js',
				command: () => node(...importGateway('./dist/src/gateway/bot.js')),
				ready: new RegExp(MARKER),
			},
		);
	}
	return list;
}

/** Which variant each "listening" row is compared with. */
const COMPARE: Record<string, string> = {
	'coldstart.serve.tsx': 'coldstart.gateway.tsx',
	'coldstart.serve.dist': 'coldstart.gateway.dist',
};
const LISTENING_TARGETS: Record<string, { maxMedianMs: number; maxRssMiB: number }> = {
	'coldstart.serve.tsx': TARGETS.coldStart.serveTsx,
	'coldstart.serve.dist': TARGETS.coldStart.serveDist,
};
/** Ours against the reference; the Node bundle also against bare node. */
const OURS: Record<string, { maxVsBare?: number }> = {
	'coldstart.bundle': { maxVsBare: 2 },
	'coldstart.worker': {},
};

export async function benchColdStart(runs = 5): Promise<BenchResult[]> {
	const bundles = await buildBundles();
	gatewayBundle();
	const discord = await startLocalDiscord({ ...BENCH_DISCORD, maxRecordedRequests: 50 });
	const scratch = mkdtempSync(join(tmpdir(), 'coldstart-'));
	try {
		const list = variants(discord, bundles, scratch);
		const samples = new Map(list.map((variant) => [variant.id, [] as Sample[]]));
		const failures = new Map<string, string>();
		for (const variant of list) await once(variant, discord).catch(() => undefined);
		for (let run = 0; run < runs; run++) {
			for (const variant of list) {
				try {
					samples.get(variant.id)?.push(await once(variant, discord));
				} catch (error) {
					failures.set(
						variant.id,
						error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
					);
				}
			}
		}
		return report(list, samples, failures);
	} finally {
		rmSync(scratch, { recursive: true, force: true });
		await discord.close();
	}
}

function report(list: Variant[], samples: Map<string, Sample[]>, failures: Map<string, string>): BenchResult[] {
	const MiB = 1024 * 1024;
	const medians = (id: string): { ms: number; rss: number; cpu: number } => {
		const taken = samples.get(id) ?? [];
		return {
			ms: median(taken.map((sample) => sample.ms)),
			rss: median(taken.map((sample) => sample.rss)) / MiB,
			cpu: median(taken.map((sample) => sample.cpu)),
		};
	};
	/** A baseline that failed (or has no sample) makes every row that needs it fail. */
	const usable = (id: string): boolean => !failures.has(id) && (samples.get(id)?.length ?? 0) > 0;
	const bare = medians('coldstart.bare');
	const reference = medians('coldstart.reference');

	const results = list.map((variant): BenchResult => {
		const taken = samples.get(variant.id) ?? [];
		const { ms, rss, cpu } = medians(variant.id);
		const failure = failures.get(variant.id);
		const figures: BenchResult['figures'] =
			taken.length > 0
				? {
						median: fig(ms, 'ms'),
						fastest: fig(Math.min(...taken.map((sample) => sample.ms)), 'ms'),
						RSS: fig(rss, 'MiB'),
						CPU: fig(cpu, 'ms'),
					}
				: {};
		const base = { id: variant.id, title: variant.title, figures, note: failure };
		const ours = OURS[variant.id];
		if (ours) {
			const missing = ['coldstart.bare', 'coldstart.reference'].filter((id) => !usable(id));
			if (missing.length > 0 || failure)
				return {
					...base,
					figures: failure ? {} : figures,
					target: 'at most the reference',
					pass: false,
					note: failure ?? `baseline did not run: ${missing.join(', ')}`,
				};
			figures['time vs reference'] = fig(ms / reference.ms, '×');
			figures['RSS vs reference'] = fig(rss / reference.rss, '×');
			figures['time vs bare'] = fig(ms / bare.ms, '×');
			figures['CPU vs bare'] = fig(cpu / bare.cpu, '×');
			const withinBare = ours.maxVsBare === undefined || ms <= ours.maxVsBare * bare.ms;
			return {
				...base,
				target: `time and RSS ≤ reference${ours.maxVsBare ? `, time ≤ ${ours.maxVsBare}× bare` : ''}`,
				pass: ms <= reference.ms && (Number.isNaN(rss) || rss <= reference.rss) && withinBare,
			};
		}
		if (
			variant.id === 'coldstart.bare' ||
			variant.id === 'coldstart.reference' ||
			variant.id === 'coldstart.gateway.typical'
		)
			return { ...base, target: 'baseline', pass: failure ? false : undefined };
		if (variant.id === 'coldstart.gateway.ours') {
			const max = TARGETS.gatewayVsTypical.maxColdStartRatio;
			if (failure || !usable('coldstart.gateway.typical'))
				return {
					...base,
					target: `≤ ${max}× typical`,
					pass: false,
					note: failure ?? 'baseline did not run: coldstart.gateway.typical',
				};
			const typical = medians('coldstart.gateway.typical');
			figures['time vs typical'] = fig(ms / typical.ms, '×');
			figures['RSS vs typical'] = fig(rss / typical.rss, '×');
			return { ...base, target: `time ≤ ${max}× typical`, pass: ms <= max * typical.ms };
		}
		const compareWith = COMPARE[variant.id];
		if (compareWith && usable(compareWith)) {
			const other = medians(compareWith);
			figures['vs discord.js import'] = fig(ms - other.ms, 'ms');
			figures['RSS vs'] = fig(rss - other.rss, 'MiB');
		}
		const target = LISTENING_TARGETS[variant.id];
		return {
			...base,
			target: target ? `median < ${target.maxMedianMs} ms, RSS < ${target.maxRssMiB} MiB` : 'none (comparison)',
			pass: target
				? failure === undefined && ms < target.maxMedianMs && (Number.isNaN(rss) || rss < target.maxRssMiB)
				: failure === undefined
					? undefined
					: false,
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
