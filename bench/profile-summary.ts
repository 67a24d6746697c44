/**
 * Summarizes `node --cpu-prof` profiles: self time by where the code lives (our src/, each
 * package in node_modules, Node's internals, native/GC), and the top functions. Used with
 * `BENCH_CPU_PROF=DIR npm run bench -- --only=http`, which profiles every server child.
 *
 *   node --import tsx bench/profile-summary.ts DIR/*.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Where a frame's code lives, as one short label. */
export function place(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (modules?.[1]) return modules[1];
	if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
	const src = /\/(src|bench)\/(.+)$/.exec(url);
	if (src) return `${src[1]}/${src[2]?.split('/')[0]}`;
	return url;
}

export function summarize(profile: Profile): {
	total: number;
	byPlace: Map<string, number>;
	byFunction: Map<string, number>;
} {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => {
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	const byPlace = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let total = 0;
	for (const [id, micros] of self) {
		const frame = nodes.get(id)?.callFrame;
		if (!frame || frame.functionName === '(idle)') continue;
		total += micros;
		const where = place(frame.url, frame.functionName);
		byPlace.set(where, (byPlace.get(where) ?? 0) + micros);
		const name = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
		byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
	}
	return { total, byPlace, byFunction };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const file of process.argv.slice(2)) {
		const { total, byPlace, byFunction } = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
		const pct = (micros: number): string => `${((micros / total) * 100).toFixed(1).padStart(5)}%`;
		process.stdout.write(`\n${file}: ${(total / 1000).toFixed(0)} ms of CPU (not idle)\n  by place:\n`);
		for (const [where, micros] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 14))
			process.stdout.write(`    ${pct(micros)}  ${where}\n`);
		process.stdout.write('  top functions (self):\n');
		for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 16))
			process.stdout.write(`    ${pct(micros)}  ${name}\n`);
	}
}
