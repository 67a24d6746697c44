/**
 * `npm run build:bundle`: the HTTP endpoint as single ES modules, tree-shaken, with no tsx (or
 * any node_modules) at run time. What a serverless host starts cold:
 *
 *   dist/bundle/serve.mjs   Node (`node dist/bundle/serve.mjs`, same variables as `npm run serve`)
 *   dist/bundle/worker.mjs  the Cloudflare Worker, as `wrangler deploy` bundles it
 *
 * The Node bundle takes @discordjs/rest's web build (global fetch) instead of its Node build,
 * which would load the undici package beside the fetch Node already has: less to parse, and
 * the same REST client (queues, rate limits, retries) as on Workers. discord-api-types
 * contributes only the enums and routes used (see esbuild-discord-api-types.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { discordApiTypesByFile } from './esbuild-discord-api-types.js';
import { bundleWorker } from './workerd.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE_DIR = `${ROOT}dist/bundle/`;

/** Builds both bundles; resolves with their paths. */
export async function buildBundles(): Promise<{ serve: string; worker: string }> {
	mkdirSync(BUNDLE_DIR, { recursive: true });
	const serve = `${BUNDLE_DIR}serve.mjs`;
	await build({
		entryPoints: [`${ROOT}src/http/main.ts`],
		outfile: serve,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		minifySyntax: true,
		minifyWhitespace: true,
		keepNames: true,
		sourcemap: 'linked',
		legalComments: 'linked',
		plugins: [discordApiTypesByFile()],
		alias: { '@discordjs/rest': `${ROOT}node_modules/@discordjs/rest/dist/web.mjs` },
		// CommonJS dependencies (dotenv) require Node's built-ins: give the ES module a require.
		banner: {
			js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
		},
		logLevel: 'warning',
	});
	const worker = `${BUNDLE_DIR}worker.mjs`;
	writeFileSync(worker, await bundleWorker());
	return { serve, worker };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { serve, worker } = await buildBundles();
	process.stdout.write(`${serve}\n${worker}\n`);
}
