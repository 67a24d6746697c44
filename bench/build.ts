/**
 * The project compiled the way the Docker image ships it (`tsc -p tsconfig.build.json`), for
 * the benchmarks that measure ours "as shipped". Under tsx every closure of ours gets a
 * `__name` call and a property definition each time it is created: about 30 µs of an HTTP
 * request in a profile, which no production host pays. (The bench children keep tsx's loader
 * for their own TypeScript; it leaves compiled `.js` files as they are.)
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './children.js';

/**
 * Inside node_modules, so the compiled files resolve the project's packages as dist/ does; one
 * directory per bench process, so two runs in one checkout never delete each other's files.
 */
const COMPILED_DIR = join(ROOT, 'node_modules', '.cache', 'invite-bench', `${process.pid}`, 'dist');

let compiled: Promise<string> | undefined;

/**
 * Compiles src/ and commands/ (once per bench run, about 10 s) and resolves with the output
 * directory: `${dir}/src/http/main.js` is what `node dist/src/http/main.js` runs. Removed when
 * the bench exits.
 */
export function compiledProject(): Promise<string> {
	compiled ??= new Promise<string>((resolve, reject) => {
		const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
		process.once('exit', () => rmSync(join(COMPILED_DIR, '..'), { recursive: true, force: true }));
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
				if (error)
					return reject(new Error(`could not compile the project for the bench: ${stdout || error.message}`));
				// ESM like the project: node_modules/ ends Node's search for the project's package.json.
				writeFileSync(join(COMPILED_DIR, 'package.json'), '{ "type": "module" }\n');
				resolve(COMPILED_DIR);
			},
		);
	});
	return compiled;
}

/** Imports a module of ours from a compiled tree (`path` as in src/, with `.js`), typed as its source. */
export function importCompiled<T>(dir: string, path: string): Promise<T> {
	return import(pathToFileURL(join(dir, path)).href) as Promise<T>;
}
