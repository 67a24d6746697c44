/**
 * An esbuild plugin for the bundles: `discord-api-types/v10` is one CommonJS index that loads
 * every enum and route of the API (about 210 KiB, a tenth of the endpoint's start-up). Its
 * enums are plain objects, not `const enum`s a bundler could inline. So each value the
 * bundled code imports (an enum such as `ChannelType`, `Routes`) is taken from the one file of
 * discord-api-types that defines it: the values are still discord-api-types' own, only the
 * rest is left out. A name this cannot place fails the build; it never guesses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

const require = createRequire(import.meta.url);
// The package root: v10.js sits there (the exports map hides package.json).
const PACKAGE = dirname(require.resolve('discord-api-types/v10'));
/** Where v10's values live (the other versions and the RPC/voice typings are not v10). */
const SEARCHED = [
	'payloads/common.js',
	'payloads/v10',
	'rest/common.js',
	'rest/v10',
	'gateway/common.js',
	'gateway/v10.js',
	'globals.js',
	'utils',
];

const VALUE_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']discord-api-types\/v10["']/g;
const OTHER_IMPORT =
	/import\s+\*\s+as\s+\w+\s+from\s*["']discord-api-types\/v10["']|require\(["']discord-api-types\/v10["']\)/;

/** The value names `source` imports from discord-api-types/v10 (`type` imports left out). */
export function valueImports(source: string, file: string): string[] {
	if (OTHER_IMPORT.test(source)) throw new Error(`${file}: import discord-api-types/v10 by name, not as a namespace`);
	const names: string[] = [];
	for (const match of source.matchAll(VALUE_IMPORT)) {
		if (/^import\s+type\b/.test(match[0])) continue;
		for (const part of (match[1] ?? '').split(',')) {
			const name = part
				.trim()
				.split(/\s+as\s+/)[0]
				?.trim();
			if (name && !name.startsWith('type ')) names.push(name);
		}
	}
	return names;
}

function jsFiles(path: string): string[] {
	if (statSync(path).isFile()) return [path];
	return readdirSync(path, { recursive: true, encoding: 'utf8' })
		.filter((entry) => entry.endsWith('.js'))
		.map((entry) => join(path, entry));
}

/** Every file of discord-api-types/v10 with its source, read once. */
let catalogue: { file: string; source: string }[] | undefined;

/** The file that defines `name` (`exports.NAME = ...`, as TypeScript emits enums and consts). */
function definingFile(name: string): string {
	catalogue ??= SEARCHED.flatMap((path) => jsFiles(join(PACKAGE, path))).map((file) => ({
		file,
		source: readFileSync(file, 'utf8'),
	}));
	const defines = new RegExp(`exports\\.${name}\\s*=`);
	const found = catalogue.filter((entry) => defines.test(entry.source));
	if (found.length !== 1)
		throw new Error(`discord-api-types/v10: ${found.length === 0 ? 'no' : 'more than one'} file defines ${name}`);
	return found[0]?.file ?? '';
}

/**
 * The plugin: each module that imports discord-api-types/v10 gets a module of its own that
 * re-exports just the values it imports, each from the file defining it.
 */
export function discordApiTypesByFile(): Plugin {
	return {
		name: 'discord-api-types-by-file',
		setup(build) {
			build.onResolve({ filter: /^discord-api-types\/v10$/ }, (args) => ({
				path: args.importer,
				namespace: 'discord-api-types-by-file',
			}));
			build.onLoad({ filter: /.*/, namespace: 'discord-api-types-by-file' }, (args) => {
				const byFile = new Map<string, string[]>();
				for (const name of new Set(valueImports(readFileSync(args.path, 'utf8'), args.path))) {
					const file = definingFile(name);
					byFile.set(file, [...(byFile.get(file) ?? []), name]);
				}
				const contents = [...byFile]
					.map(([file, names]) => `export { ${names.sort().join(', ')} } from ${JSON.stringify(file)};`)
					.join('\n');
				return { contents, loader: 'js', resolveDir: PACKAGE };
			});
		},
	};
}
