/**
 * Builds what `npm pack` ships, into lib/ (a mirror of src/ holding only what the package's
 * entries reach): ES modules (`.js`) and CommonJS (`.cjs`, for bots that `require()` on
 * Node 20, which cannot require ES modules), with declarations for both (`.d.ts`, `.d.cts`).
 * tsc writes the declarations and so decides which files the entries reach; esbuild turns
 * each of those files into one module of each format, imports kept, so nothing is bundled
 * twice. Run by `npm run build:package` (and `npm pack` through `prepack`). The build fails
 * on any esbuild warning, and if a host-free entry (`./fetch` for Workers, Deno and Bun;
 * `./core` for any framework) reaches a Node built-in or a Node-only package (pino, undici,
 * ws, discord.js, prom-client).
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = join(ROOT, 'lib');
const SRC = join(ROOT, 'src');

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true });
	const nested = await Promise.all(
		entries.map((entry) =>
			entry.isDirectory() ? filesUnder(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
		),
	);
	return nested.flat();
}

/** Relative specifiers `./x.js` become `./x.cjs` in the CommonJS files and their declarations. */
const toCjsSpecifiers = (code: string): string =>
	code.replace(
		/(['"])(\.{1,2}\/[^'"]*?)\.js\1/g,
		(_match, quote: string, path: string) => `${quote}${path}.cjs${quote}`,
	);

/** Keeps every import an import (of the sibling module in the same format), never inlined. */
const keepImports = (extension: '.js' | '.cjs'): Plugin => ({
	name: 'keep-imports',
	setup(builder) {
		builder.onResolve({ filter: /.*/ }, (args) => {
			if (args.kind === 'entry-point') return undefined;
			if (!args.path.startsWith('.')) return { path: args.path, external: true };
			return { path: args.path.replace(/\.js$/, extension), external: true };
		});
	},
});

/** Entries that must run where Node's built-ins do not exist (a Worker without `nodejs_compat`). */
export const HOST_FREE_ENTRIES = ['fetch', 'core'] as const;

/** Packages a host-free entry must not load: logging (pino), Node's HTTP client, the gateway's WebSocket, discord.js. */
const NODE_ONLY_PACKAGES: readonly string[] = ['pino', 'undici', 'ws', 'discord.js', 'prom-client'];

const BUILTINS = new Set(builtinModules);
const isBuiltin = (specifier: string): boolean =>
	specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] as string);

/** The npm package a bundled file belongs to (`node_modules/@scope/name/...` -> `@scope/name`). */
const packageOfPath = (file: string): string | undefined => {
	const at = file.lastIndexOf('node_modules/');
	if (at < 0) return undefined;
	const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
	return first?.startsWith('@') ? `${first}/${second}` : first;
};

/**
 * Every npm package in the whole module graph of `entry`, resolved as {@link nodeImportsOf}
 * resolves it (a Worker's bundler), sorted: what a host-free entry makes its host load.
 */
export async function packagesOf(
	entry: string,
	options: { resolveDir?: string; kind?: 'import' | 'require' } = {},
): Promise<string[]> {
	const inputs = Object.keys((await workerGraph(entry, options)).inputs);
	return [...new Set(inputs.map(packageOfPath).filter((name) => name !== undefined))].sort();
}

/** The metafile of `entry`'s graph as a Worker's bundler resolves it, Node built-ins left external. */
async function workerGraph(
	entry: string,
	options: { resolveDir?: string | undefined; kind?: 'import' | 'require' | undefined },
): Promise<Metafile> {
	const statement =
		options.kind === 'require' ? `require(${JSON.stringify(entry)});` : `import ${JSON.stringify(entry)};`;
	const result = await build({
		stdin: { contents: statement, resolveDir: options.resolveDir ?? ROOT, loader: 'js' },
		bundle: true,
		write: false,
		metafile: true,
		format: 'esm',
		platform: 'neutral',
		conditions: ['workerd', 'worker', 'browser'],
		mainFields: ['module', 'main'],
		logLevel: 'silent',
		plugins: [
			{
				name: 'report-builtins',
				setup(builder) {
					builder.onResolve({ filter: /.*/ }, (args) =>
						isBuiltin(args.path) ? { path: args.path, external: true } : undefined,
					);
				},
			},
		],
	});
	return result.metafile;
}

/**
 * Every import of a Node built-in (`node:x` or bare `fs`) in the whole module graph of `entry`
 * (a file, or a package specifier resolved from `resolveDir`), dependencies included, as a
 * Worker's bundler resolves them (wrangler's `workerd`/`worker`/`browser` conditions, no
 * `node`): `importer -> specifier` lines, empty when the graph is host-free.
 */
export async function nodeImportsOf(
	entry: string,
	options: { resolveDir?: string; kind?: 'import' | 'require' } = {},
): Promise<string[]> {
	const metafile = await workerGraph(entry, options);
	return Object.entries(metafile.inputs).flatMap(([file, input]) =>
		input.imports.filter((found) => isBuiltin(found.path)).map((found) => `${file} -> ${found.path}`),
	);
}

export async function buildPackage(): Promise<{ files: number }> {
	await rm(LIB, { recursive: true, force: true });
	execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.package.json'], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	const declarations = (await filesUnder(LIB)).filter((file) => file.endsWith('.d.ts'));
	const sources = declarations.map((file) => join(SRC, relative(LIB, file)).replace(/\.d\.ts$/, '.ts'));
	const common = {
		entryPoints: sources,
		outbase: SRC,
		outdir: LIB,
		bundle: true,
		platform: 'node',
		target: 'node20',
		logLevel: 'warning',
		// The translations stay readable (and a third of the size) instead of \u escapes.
		charset: 'utf8',
		tsconfig: join(ROOT, 'tsconfig.json'),
	} as const;
	const builds = [
		await build({ ...common, format: 'esm', outExtension: { '.js': '.js' }, plugins: [keepImports('.js')] }),
		await build({
			...common,
			format: 'cjs',
			outExtension: { '.js': '.cjs' },
			plugins: [keepImports('.cjs')],
			// A CommonJS module has no import.meta: the code that reads import.meta.url (log.ts's
			// require for pino-pretty) falls back to the module's own `require` when it is undefined.
			define: { 'import.meta.url': 'undefined' },
		}),
	];
	// A warning (an empty import.meta, a require that cannot resolve) is a broken build: fail.
	const warnings = builds.flatMap((result) => result.warnings);
	if (warnings.length > 0)
		throw new Error(`the package build warned:\n${warnings.map((warning) => warning.text).join('\n')}`);
	await Promise.all(
		declarations.map(async (file) =>
			writeFile(file.replace(/\.d\.ts$/, '.d.cts'), toCjsSpecifiers(await readFile(file, 'utf8'))),
		),
	);
	for (const entry of HOST_FREE_ENTRIES)
		for (const extension of ['.js', '.cjs'] as const) {
			const file = join(LIB, 'entries', `${entry}${extension}`);
			const found = await nodeImportsOf(file, { kind: extension === '.cjs' ? 'require' : 'import' });
			if (found.length > 0)
				throw new Error(`lib/entries/${entry}${extension} must not reach Node built-ins:\n${found.join('\n')}`);
			const packages = await packagesOf(file, { kind: extension === '.cjs' ? 'require' : 'import' });
			const banned = packages.filter((name) => NODE_ONLY_PACKAGES.includes(name));
			if (banned.length > 0)
				throw new Error(`lib/entries/${entry}${extension} must not load ${banned.join(', ')}`);
		}
	return { files: (await filesUnder(LIB)).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { files } = await buildPackage();
	console.log(`lib/: ${files} files`);
}
