/**
 * The project compiled the way the Docker image ships it (`tsc -p tsconfig.build.json`, run
 * with plain `node`), for the benchmarks that measure ours "as shipped". Under tsx every
 * closure of ours gets a `__name` call and a property definition each time it is created:
 * 30 µs of an endpoint's request in a profile, which no production host pays.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './children.js';

/** Inside node_modules, so the compiled files resolve the project's packages as dist/ does. */
export const COMPILED_DIR = join(ROOT, 'node_modules', '.cache', 'invite-bench', 'dist');

let compiled: Promise<string> | undefined;

/**
 * Compiles src/ and commands/ into `COMPILED_DIR` (once per bench run, about 10 s) and
 * resolves with that directory: `${dir}/src/http/main.js` is what `node dist/src/http/main.js` runs.
 */
export function compiledProject(): Promise<string> {
	compiled ??= new Promise<string>((resolve, reject) => {
		rmSync(COMPILED_DIR, { recursive: true, force: true });
		const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
		execFile(
			process.execPath,
			[
				tsc,
				'-p',
				'tsconfig.build.json',
				'--outDir',
				COMPILED_DIR,
				'--declaration',
				'false',
				'--sourceMap',
				'false',
			],
			{ cwd: ROOT },
			(error, stdout) => {
				if (error) reject(new Error(`could not compile the project for the bench: ${stdout || error.message}`));
				else {
					// ESM like the project: node_modules/ ends the search for the project's package.json.
					writeFileSync(join(COMPILED_DIR, 'package.json'), '{ "type": "module" }\n');
					resolve(COMPILED_DIR);
				}
			},
		);
	});
	return compiled;
}
