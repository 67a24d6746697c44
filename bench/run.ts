/**
 * `npm run bench`: every benchmark in turn, then a table with PASS/FAIL against each target.
 *
 *   npm run bench                      run all; exit 1 when a target is missed
 *   npm run bench -- --no-fail         report only (exit 0 unless a benchmark could not run at all)
 *   npm run bench -- --save            also write bench/results.json
 *   npm run bench -- --only=core,http  run some suites: core, gateway, http, memory, coldstart
 *
 * Loopback only, bounded in count and time: each suite has a deadline, and the process ends
 * by itself once the table is printed.
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchColdStart } from './cold-start.js';
import { benchCore } from './core.js';
import { benchHttpCapacity, benchTransport, startGatewayTransport, startHttpTransport, type Transport } from './e2e.js';
import { type BenchResult, crashed, now, table, withDeadline } from './lib.js';
import { benchMemory } from './memory.js';

const SUITES = ['core', 'gateway', 'http', 'memory', 'coldstart'] as const;
type Suite = (typeof SUITES)[number];

const USAGE = `usage: npm run bench -- [--save] [--no-fail] [--only=${SUITES.join(',')}]`;

function parseArgs(argv: readonly string[]): { save: boolean; fail: boolean; only: Set<Suite> } {
	let save = false;
	let fail = true;
	let only = new Set<Suite>(SUITES);
	for (const arg of argv) {
		if (arg === '--save') save = true;
		else if (arg === '--no-fail') fail = false;
		else if (arg.startsWith('--only=')) {
			const names = arg.slice('--only='.length).split(',').filter(Boolean);
			const unknown = names.filter((name) => !(SUITES as readonly string[]).includes(name));
			if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}\n${USAGE}`);
			only = new Set(names as Suite[]);
		} else if (arg === '--help' || arg === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}\n${USAGE}`);
	}
	return { save, fail, only };
}

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** Starts a transport, runs `body` on it, always closes it. */
async function withTransport(
	start: () => Promise<Transport>,
	body: (transport: Transport) => Promise<BenchResult[]>,
): Promise<BenchResult[]> {
	const transport = await start();
	try {
		return await body(transport);
	} finally {
		await transport.close();
	}
}

interface Step {
	suite: Suite;
	name: string;
	/** Hard limit for the step; measured times are a fraction of it. */
	deadlineMs: number;
	run: () => Promise<BenchResult[]> | BenchResult[];
	/** What to report when the step cannot run. */
	ids: { id: string; title: string; target: string };
}

const STEPS: Step[] = [
	{
		suite: 'core',
		name: 'core (pure functions)',
		deadlineMs: 30_000,
		run: () => benchCore(),
		ids: { id: 'core', title: 'core', target: '-' },
	},
	{
		suite: 'gateway',
		name: 'end to end through the gateway bot',
		deadlineMs: 60_000,
		run: () => withTransport(startGatewayTransport, (transport) => benchTransport(transport)),
		ids: { id: 'gateway', title: 'gateway (discord.js)', target: '-' },
	},
	{
		suite: 'http',
		name: 'end to end through the HTTP endpoint',
		deadlineMs: 60_000,
		run: () => withTransport(startHttpTransport, (transport) => benchTransport(transport)),
		ids: { id: 'http', title: 'HTTP endpoint', target: '-' },
	},
	{
		suite: 'http',
		name: 'HTTP endpoint capacity (REST limit lifted)',
		deadlineMs: 30_000,
		run: () =>
			withTransport(
				() => startHttpTransport({ unthrottled: true }),
				async (transport) => [await benchHttpCapacity(transport)],
			),
		ids: { id: 'http.capacity', title: 'HTTP endpoint capacity', target: '-' },
	},
	{
		suite: 'memory',
		name: 'memory of the gateway bot (child process)',
		deadlineMs: 75_000,
		run: async () => [await benchMemory()],
		ids: { id: 'memory.gateway', title: 'gateway bot memory', target: '-' },
	},
	{
		suite: 'coldstart',
		name: 'cold start (spawned processes)',
		deadlineMs: 150_000,
		run: () => benchColdStart(),
		ids: { id: 'coldstart', title: 'cold start', target: '-' },
	},
];

function gitCommit(): string | undefined {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return undefined;
	}
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const started = now();
	const results: BenchResult[] = [];
	for (const step of STEPS.filter((candidate) => args.only.has(candidate.suite))) {
		log(`${step.name}…`);
		const stepStarted = now();
		try {
			results.push(...(await withDeadline(Promise.resolve(step.run()), step.deadlineMs, step.name)));
		} catch (error) {
			results.push(crashed(step.ids.id, step.ids.title, step.ids.target, error));
		}
		log(`${step.name}: ${((now() - stepStarted) / 1000).toFixed(1)} s`);
	}
	const seconds = (now() - started) / 1000;

	const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load ${loadavg()
		.map((load) => load.toFixed(2))
		.join(' ')}`;
	process.stdout.write(`\n${table(results)}\n\n`);
	const failed = results.filter((result) => result.pass === false);
	const passed = results.filter((result) => result.pass === true);
	process.stdout.write(
		`${passed.length} passed, ${failed.length} failed, ${results.length - passed.length - failed.length} informational/skipped · ${seconds.toFixed(1)} s · node ${process.version} · ${machine}\n`,
	);

	if (args.save) {
		const file = fileURLToPath(new URL('./results.json', import.meta.url));
		const record = {
			date: new Date().toISOString(),
			commit: gitCommit(),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			machine,
			seconds,
			results,
		};
		writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
		process.stdout.write(`saved ${file}\n`);
	}
	if (failed.length === 0) return 0;
	const couldNotRun = failed.some((result) => Object.keys(result.figures).length === 0);
	if (!args.fail) return couldNotRun ? 1 : 0;
	return 1;
}

let code: number;
try {
	code = await main();
} catch (error) {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	code = 2;
}
// Everything is closed by now; exit anyway so a stray handle (a suite that timed out) cannot keep the process alive.
process.exit(code);
