/**
 * Shared pieces of the benchmarks: results, statistics, deadlines and the table.
 * Nothing here talks to the network.
 */
import { performance } from 'node:perf_hooks';

/** One measured figure: a number with its unit, shown in the table and saved as JSON. */
export interface Figure {
	value: number;
	unit: string;
}

/** The result of one benchmark: its figures and the target it is judged against. */
export interface BenchResult {
	/** Short id, e.g. 'core.pipeline'. */
	id: string;
	/** What was measured, in words. */
	title: string;
	figures: Record<string, Figure>;
	/** The target in words, e.g. 'p99 < 250 ms'. */
	target: string;
	/** undefined = informational (no target). */
	pass: boolean | undefined;
	/** Why it failed or was skipped, or a remark. */
	note?: string | undefined;
	skipped?: boolean | undefined;
}

export const fig = (value: number, unit: string): Figure => ({ value, unit });

/** Nearest-rank percentile of numbers (need not be sorted). */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const MiB = 1024 * 1024;

/** Rejects when `promise` has not settled after `ms`; the timer never holds the process open. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
		timer.unref();
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export const now = (): number => performance.now();

/** Formats a figure for the table: a few significant digits, then the unit. */
export function show(figure: Figure): string {
	const { value, unit } = figure;
	if (!Number.isFinite(value)) return `n/a`;
	const abs = Math.abs(value);
	if (Number.isInteger(value) && abs < 10_000) return unit ? `${value} ${unit}` : String(value);
	const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
	const text = abs >= 10_000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
	return unit ? `${text} ${unit}` : text;
}

/** The readable table: one block per benchmark, figures on one line, target and verdict. */
export function table(results: readonly BenchResult[]): string {
	const verdictOf = (result: BenchResult): string =>
		result.skipped ? 'SKIP' : result.pass === undefined ? 'info' : result.pass ? 'PASS' : 'FAIL';
	const rows = results.map((result) => ({
		verdict: verdictOf(result),
		title: result.title,
		figures: Object.entries(result.figures)
			.map(([name, figure]) => `${name} ${show(figure)}`)
			.join(', '),
		target: result.target,
		note: result.note,
	}));
	const widths = {
		verdict: 4,
		title: Math.max(9, ...rows.map((row) => row.title.length)),
		target: Math.max(6, ...rows.map((row) => row.target.length)),
	};
	const line = (verdict: string, title: string, target: string, figures: string): string =>
		`${verdict.padEnd(widths.verdict)}  ${title.padEnd(widths.title)}  ${target.padEnd(widths.target)}  ${figures}`;
	const out = [
		line('', 'benchmark', 'target', 'measured'),
		line('', '-'.repeat(widths.title), '-'.repeat(widths.target), '-'.repeat(8)),
	];
	for (const row of rows) {
		out.push(line(row.verdict, row.title, row.target, row.figures));
		if (row.note) out.push(`${' '.repeat(widths.verdict + 2)}  ↳ ${row.note}`);
	}
	return out.join('\n');
}

/** A result for a benchmark that could not run (the error is the note; it counts as a failure). */
export function crashed(id: string, title: string, target: string, error: unknown): BenchResult {
	const message = error instanceof Error ? error.message : String(error);
	return { id, title, figures: {}, target, pass: false, note: `did not run: ${message.split('\n')[0]}` };
}
