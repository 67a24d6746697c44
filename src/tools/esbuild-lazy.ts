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
