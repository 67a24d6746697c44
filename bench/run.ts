/**
 * `npm run bench`: every benchmark in turn, then a table with PASS/FAIL against each target.
 *
 *   npm run bench                          run all; exit 1 when a target is missed
 *   npm run bench -- --no-fail             report only (exit 1 only if a benchmark could not run at all)
 *   npm run bench -- --json                every figure as JSON on stdout (the table goes to stderr)
 *   npm run bench -- --save                also write bench/results.json
 *   npm run bench -- --only=http,burst     some suites: core, http, gateway, burst, guild-scale, memory, coldstart
 *
 * The side-by-side suites (http, gateway, guild-scale) run ours beside a floor and what a
 * user would pick instead, in the same run, each in its own process. Loopback only, bounded
 * in count and time: each suite has a deadline, and the process ends by itself once the
 * table is printed. A suite whose baseline cannot run says so and counts as failed.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBurst } from './burst.js';
import { benchColdStart } from './cold-start.js';
import { benchCore } from './core.js';
import { benchGatewaySideBySide } from './gateway/suite.js';
import { benchGuildScale } from './guild-scale.js';
import { benchHttpSideBySide } from './http/suite.js';
import { type BenchResult, crashed, now, table, withDeadline } from './lib.js';
import { benchMemory } from './memory.js';

const SUITES = ['core', 'http', 'gateway', 'burst', 'guild-scale', 'memory', 'coldstart'] as const;
type Suite = (typeof SUITES)[number];

const USAGE = `usage: npm run bench -- [--json] [--save] [--no-fail] [--only=${SUITES.join(',')}]`;

interface Args {
	save: boolean;
	json: boolean;
	fail: boolean;
	only: Set<Suite>;
}

function parseArgs(argv: readonly string[]): Args {
	const args: Args = { save: false, json: false, fail: true, only: new Set<Suite>(SUITES) };
	for (const arg of argv) {
		if (arg === '--save') args.save = true;
		else if (arg === '--json') args.json = true;
		else if (arg === '--no-fail') args.fail = false;
		else if (arg.startsWith('--only=')) {
			const names = arg.slice('--only='.length).split(',').filter(Boolean);
			const unknown = names.filter((name) => !(SUITES as readonly string[]).includes(name));
			if (unknown.length > 0 || names.length === 0)
				throw new Error(`unknown suite ${unknown.join(', ') || '(none)'}\n${USAGE}`);
			args.only = new Set(names as Suite[]);
		} else if (arg === '--help' || arg === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}\n${USAGE}`);
	}
	return args;
}

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

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
		suite: 'http',
		name: 'HTTP endpoints side by side (child processes, autocannon)',
		// About 5 minutes here: 10 s of compiling ours, the rounds of 7 servers, then the CPU breakdown.
		deadlineMs: 600_000,
		run: () => benchHttpSideBySide(undefined, log),
		ids: { id: 'http', title: 'http side by side', target: 'baselines and ours run' },
	},
	{
		suite: 'gateway',
		name: 'gateway bots side by side (child processes)',
		deadlineMs: 180_000,
		run: () => benchGatewaySideBySide(undefined, log),
		ids: { id: 'gateway', title: 'gateway side by side', target: 'baselines and ours run' },
	},
	{
		suite: 'burst',
		name: 'burst: 1000 /invite in one second, global 50/s',
		deadlineMs: 180_000,
		run: () => benchBurst(undefined, log),
		ids: { id: 'burst', title: 'burst', target: 'runs' },
	},
	{
		suite: 'guild-scale',
		name: 'guild-scale: RSS after READY with 1 to 10,000 guilds',
		deadlineMs: 600_000,
		run: () => benchGuildScale(undefined, log),
		ids: { id: 'guildScale', title: 'guild-scale', target: 'baselines and ours run' },
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

/** The machine, as docs/performance.md describes it. */
function machine(): { cpus: number; model: string; load: string; node: string } {
	let model = cpus()[0]?.model.trim() ?? 'unknown CPU';
	try {
		model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
	} catch {
		// Not Linux: os.cpus() said it.
	}
	return {
		cpus: cpus().length,
		model,
		load: loadavg()
			.map((load) => load.toFixed(2))
			.join(' '),
		node: process.version,
	};
}

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
	const loadBefore = machine().load;
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

	const host = machine();
	const failed = results.filter((result) => result.pass === false);
	const passed = results.filter((result) => result.pass === true);
	const summary = `${passed.length} passed, ${failed.length} failed, ${results.length - passed.length - failed.length} informational/skipped · ${seconds.toFixed(1)} s · node ${host.node} · ${host.cpus} × ${host.model} · load ${loadBefore} → ${host.load}`;
	const record = {
		date: new Date().toISOString(),
		commit: gitCommit(),
		command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
		node: host.node,
		platform: `${process.platform} ${process.arch}`,
		machine: { cpus: host.cpus, model: host.model, loadBefore, loadAfter: host.load },
		seconds,
		results,
	};
	const human = process.argv.includes('--json') ? process.stderr : process.stdout;
	human.write(`\n${table(results)}\n\n${summary}\n`);
	if (args.json) process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
	if (args.save) {
		const file = fileURLToPath(new URL('./results.json', import.meta.url));
		writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
		human.write(`saved ${file}\n`);
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
