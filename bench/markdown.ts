/**
 * Turns the JSON of a run (`npm run bench -- --json > run.json`) into the Markdown table the
 * docs/performance.md shows, with the machine and the command.
 *
 *   node --import tsx bench/markdown.ts run.json
 */
import { readFileSync } from 'node:fs';
import { type BenchResult, show } from './lib.js';

interface Run {
	date: string;
	commit?: string;
	command: string;
	node: string;
	machine: { cpus: number; model: string; loadBefore: string; loadAfter: string };
	seconds: number;
	results: BenchResult[];
}

const file = process.argv[2];
if (!file) {
	process.stderr.write('usage: node --import tsx bench/markdown.ts run.json\n');
	process.exit(2);
}
// `npm run bench -- --json > run.json` also writes npm's own header lines ("> ... bench") to
// stdout before the JSON (unless run with --silent): the record starts at the first "{" line.
const text = readFileSync(file, 'utf8');
const start = text.search(/^\{/m);
if (start === -1) {
	process.stderr.write(`${file}: no JSON record of a run in it\n`);
	process.exit(1);
}
const run = JSON.parse(text.slice(start)) as Run;
const verdict = (result: BenchResult): string =>
	result.skipped ? 'skip' : result.pass === undefined ? '' : result.pass ? 'PASS' : '**FAIL**';
const cell = (text: string): string => text.replaceAll('|', '\\|');
const lines = [
	`${run.date.slice(0, 16).replace('T', ' ')} UTC, commit ${run.commit ?? '?'}: \`${run.command}\`, ${run.seconds.toFixed(0)} s; ${run.machine.cpus} × ${run.machine.model} (nproc ${run.machine.cpus}), Node ${run.node}, load average ${run.machine.loadBefore} before, ${run.machine.loadAfter} after.`,
	'',
	'| benchmark | measured | target | |',
	'| --- | --- | --- | --- |',
	...run.results.map((result) => {
		const figures = Object.entries(result.figures)
			.map(([name, figure]) => `${name} ${show(figure)}`)
			.join(', ');
		const note = result.note ? ` (${result.note})` : '';
		return `| ${cell(result.title)} | ${cell(figures + note)} | ${cell(result.target)} | ${verdict(result)} |`;
	}),
];
process.stdout.write(`${lines.join('\n')}\n`);
