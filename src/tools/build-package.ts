/**
 * Builds what `npm pack` ships, into lib/ (a mirror of src/ holding only what the package's
 * entries reach): ES modules (`.js`) and CommonJS (`.cjs`, for bots that `require()` on
 * Node 20, which cannot require ES modules), with declarations for both (`.d.ts`, `.d.cts`).
 * tsc writes the declarations and so decides which files the entries reach; esbuild turns
 * each of those files into one module of each format, imports kept, so nothing is bundled
 * twice. Run by `npm run build:package` (and `npm pack` through `prepack`).
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

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
	await build({ ...common, format: 'esm', outExtension: { '.js': '.js' }, plugins: [keepImports('.js')] });
	await build({ ...common, format: 'cjs', outExtension: { '.js': '.cjs' }, plugins: [keepImports('.cjs')] });
	await Promise.all(
		declarations.map(async (file) =>
			writeFile(file.replace(/\.d\.ts$/, '.d.cts'), toCjsSpecifiers(await readFile(file, 'utf8'))),
		),
	);
	return { files: (await filesUnder(LIB)).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { files } = await buildPackage();
	console.log(`lib/: ${files} files`);
}
