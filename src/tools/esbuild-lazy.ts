/**
 * An esbuild plugin for the bundles: @discordjs/rest imports magic-bytes.js (a file-type
 * sniffer whose signature tree is built on load, ~10 ms of a cold start) only to guess the
 * content type of an upload sent without one. The bundles load it on that first call instead.
 */
import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

export const lazyMagicBytes: Plugin = {
	name: 'lazy-magic-bytes',
	setup(build) {
		const real = require.resolve('magic-bytes.js');
		build.onResolve({ filter: /^magic-bytes\.js$/ }, (args) =>
			args.namespace === 'lazy-magic-bytes'
				? { path: real }
				: { path: 'magic-bytes.js', namespace: 'lazy-magic-bytes' },
		);
		build.onLoad({ filter: /.*/, namespace: 'lazy-magic-bytes' }, () => ({
			// esbuild turns this require into a call of the bundled module, run the first time only.
			contents: "export const filetypeinfo = (...args) => require('magic-bytes.js').filetypeinfo(...args);",
			loader: 'js',
			resolveDir: process.cwd(),
		}));
	},
};

/**
 * An esbuild plugin for the Node bundle: CommonJS packages the first `/invite` does not need
 * (ioredis without `REDIS_URL`, prom-client until `/metrics` is scraped) are bundled but run
 * only when first used. An ES module importing CommonJS runs it as soon as the importer
 * loads (ioredis alone was ~35 ms of the cold start): the importers get stand-ins instead, one
 * per imported name, that load the real package on the first call or `new`. A name the
 * stand-in lacks fails the build (esbuild: no matching export), never at run time.
 */
export function lazyCommonJs(packages: Readonly<Record<string, readonly string[]>>): Plugin {
	const names = Object.keys(packages);
	const filter = new RegExp(`^(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
	return {
		name: 'lazy-commonjs',
		setup(build) {
			build.onResolve({ filter }, (args) =>
				args.namespace === 'lazy-commonjs'
					? { path: require.resolve(args.path, { paths: [args.resolveDir] }) }
					: { path: args.path, namespace: 'lazy-commonjs' },
			);
			build.onLoad({ filter: /.*/, namespace: 'lazy-commonjs' }, (args) => {
				const exported = packages[args.path] ?? [];
				const lines = [
					'let real;',
					`const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
					...exported.map(
						(name) =>
							`export const ${name} = function ${name}(...args) { const target = load().${name}; return new.target ? Reflect.construct(target, args, new.target === ${name} ? target : new.target) : target.apply(this, args); };`,
					),
				];
				return { contents: lines.join('\n'), loader: 'js', resolveDir: process.cwd() };
			});
		},
	};
}
