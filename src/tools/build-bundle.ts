/**
 * `npm run build:bundle`: the HTTP endpoint as single ES modules, tree-shaken, with no tsx (or
 * any node_modules) at run time. What a serverless host starts cold:
 *
 *   dist/bundle/serve.mjs   Node (`node dist/bundle/serve.mjs`, same variables as `npm run serve`)
 *   dist/bundle/worker.mjs  the Cloudflare Worker, as `wrangler deploy` bundles it
 *
 * `... build-bundle.ts gateway` builds the gateway bot's bundle instead (what `npm start` and
 * `npm run start:sharded` run; their `pre` scripts call it when a source changed):
 *
 *   dist/bundle/gateway/main.mjs          `npm start`
 *   dist/bundle/gateway/sharded.mjs       `npm run start:sharded`
 *   dist/bundle/gateway/shard-worker.mjs  its worker thread
 *
 * The Node bundle takes @discordjs/rest's web build (global fetch) instead of its Node build,
 * which would load the undici package beside the fetch Node already has: less to parse, and
 * the same REST client (queues, rate limits, retries) as on Workers. discord-api-types
 * contributes only the enums and routes used (see esbuild-discord-api-types.ts).
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { isCommandFile } from '../gateway/command-loader.js';
import { discordApiTypesByFile } from './esbuild-discord-api-types.js';
import { lazyCommonJs, lazyMagicBytes } from './esbuild-lazy.js';
import { bundleWorker } from './workerd.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE_DIR = `${ROOT}dist/bundle/`;

/**
 * prom-client's index loads its Pushgateway (http, https, zlib) and its cluster aggregator
 * (cluster, child_process) eagerly, as CommonJS a bundler cannot shake. The endpoint uses
 * neither (src/ops/metrics.ts: registry, counters, gauges, histograms, default metrics): in the
 * bundle they are stand-ins that throw if ever constructed.
 */
const promClientUnused: Plugin = {
	name: 'prom-client-unused',
	setup(build) {
		build.onResolve({ filter: /^\.\/lib\/(pushgateway|cluster)$/ }, (args) =>
			/[\\/]prom-client[\\/]index\.js$/.test(args.importer)
				? { path: args.path, namespace: 'prom-client-unused' }
				: undefined,
		);
		build.onLoad({ filter: /.*/, namespace: 'prom-client-unused' }, (args) => ({
			contents: `module.exports = class { constructor() { throw new Error(${JSON.stringify(`prom-client ${args.path} is left out of this bundle`)}); } };`,
			loader: 'js',
		}));
	},
};

/**
 * @vladfrangu/async_event_emitter (under @discordjs/rest) carries a browser copy of Node's
 * `util.inspect` (node-inspect-extracted, ~140 KiB) and evaluates it on load, to format an
 * unhandled 'error' event. On Node the real one is built in: the Node bundle uses `node:util`.
 */
const nodeInspect: Plugin = {
	name: 'node-inspect',
	setup(build) {
		const copy = 'var import_inspect = __toESM(require_inspect(), 1);';
		build.onLoad({ filter: /[\\/]@vladfrangu[\\/]async_event_emitter[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(copy))
				throw new Error(`${args.path}: its inspect copy is no longer where the bundle expects`);
			return {
				contents: `import * as __nodeUtil from 'node:util';\n${source.replace(copy, 'var import_inspect = { default: __nodeUtil };')}`,
				loader: 'js',
			};
		});
	},
};

/**
 * `npm run serve` sends its REST requests through undici's Pool (src/discord/pool.ts): less
 * CPU per request, but the undici package to load (the bundle grows from 738 to 1,160 KiB). The bundle is for hosts that
 * start cold, so it keeps @discordjs/rest's web build on Node's own fetch: here `poolRequest`
 * gives no transport, and @discordjs/rest's own is used.
 */
const noPool: Plugin = {
	name: 'no-pool',
	setup(build) {
		build.onResolve({ filter: /[\\/]discord[\\/]pool\.js$/ }, () => ({ path: 'pool', namespace: 'no-pool' }));
		build.onLoad({ filter: /.*/, namespace: 'no-pool' }, () => ({
			contents: 'export const poolRequest = () => undefined;',
			loader: 'js',
		}));
	},
};

/** How both Node bundles (the endpoint's, the gateway bot's) are built: one minified ES module per entry. */
const NODE_BUNDLE = {
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minifySyntax: true,
	minifyWhitespace: true,
	minifyIdentifiers: true,
	keepNames: true,
	sourcemap: 'linked',
	legalComments: 'linked',
	// CommonJS dependencies (dotenv) require Node's built-ins: give the ES module a require.
	banner: {
		js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	logLevel: 'warning',
} as const satisfies BuildOptions;

/** What both Node bundles leave out or load late (each build gets its own plugin instances). */
function nodeBundlePlugins(): Plugin[] {
	return [
		discordApiTypesByFile(),
		lazyMagicBytes,
		lazyCommonJs({
			ioredis: ['Redis'],
			'prom-client': ['Counter', 'Gauge', 'Histogram', 'Registry', 'collectDefaultMetrics'],
		}),
		promClientUnused,
		nodeInspect,
	];
}

/** Builds both bundles; resolves with their paths. */
export async function buildBundles(): Promise<{ serve: string; worker: string }> {
	mkdirSync(BUNDLE_DIR, { recursive: true });
	const serve = `${BUNDLE_DIR}serve.mjs`;
	await build({
		entryPoints: [`${ROOT}src/http/main.ts`],
		outfile: serve,
		...NODE_BUNDLE,
		// The ledger's drivers stay out: better-sqlite3 is a native addon a bundle cannot hold, pg
		// is needed only on Postgres. Both are loaded on first use (src/store/node.ts); a host
		// without them in node_modules runs without the ledger, and says so in its log.
		external: ['better-sqlite3', 'pg'],
		plugins: [...nodeBundlePlugins(), noPool],
		alias: { '@discordjs/rest': `${ROOT}node_modules/@discordjs/rest/dist/web.mjs` },
	});
	const worker = `${BUNDLE_DIR}worker.mjs`;
	writeFileSync(worker, await bundleWorker());
	return { serve, worker };
}

export const GATEWAY_BUNDLE_DIR = `${BUNDLE_DIR}gateway/`;

/**
 * The gateway bot's commands in its bundle: the loader's `bundled-commands.js` becomes a module
 * that imports every file of `commands/` (listed now, as the loader would list them at start),
 * so `loadCommands()` validates and serves the same files from the bundle.
 */
const bundledCommands: Plugin = {
	name: 'bundled-commands',
	setup(build) {
		build.onResolve({ filter: /[\\/]bundled-commands\.js$/ }, () => ({
			path: 'bundled-commands',
			namespace: 'bundled-commands',
		}));
		build.onLoad({ filter: /.*/, namespace: 'bundled-commands' }, () => {
			const files = readdirSync(`${ROOT}commands`).filter(isCommandFile).sort();
			return {
				contents: [
					...files.map(
						(file, i) => `import * as command${i} from ${JSON.stringify(`${ROOT}commands/${file}`)};`,
					),
					`export const BUNDLED_COMMANDS = [${files.map((file, i) => `{ file: ${JSON.stringify(file)}, module: command${i} }`).join(', ')}];`,
				].join('\n'),
				loader: 'js',
				resolveDir: ROOT,
			};
		});
	},
};

/**
 * Builds the gateway bot's bundle (three self-contained ES modules, no code shared between
 * them) and resolves with its folder. Each file is written whole and then renamed into place:
 * a bot starting while another process rebuilds reads the old file or the new one, never half.
 */
export async function buildGatewayBundle(): Promise<string> {
	mkdirSync(GATEWAY_BUNDLE_DIR, { recursive: true });
	const result = await build({
		entryPoints: {
			main: `${ROOT}src/gateway/main.ts`,
			sharded: `${ROOT}src/gateway/sharded.ts`,
			// shardWorkerPath() finds it beside sharded.mjs, by the bundle's extension.
			'shard-worker': `${ROOT}src/gateway/shard-worker.ts`,
		},
		outdir: GATEWAY_BUNDLE_DIR,
		outExtension: { '.js': '.mjs' },
		write: false,
		...NODE_BUNDLE,
		// The ledger's drivers as in the endpoint's bundle; ws's and @discordjs/ws's optional
		// native helpers are loaded when installed, and skipped otherwise, as from node_modules.
		external: ['better-sqlite3', 'pg', 'zlib-sync', 'bufferutil', 'utf-8-validate'],
		plugins: [bundledCommands, ...nodeBundlePlugins()],
	});
	for (const file of result.outputFiles) {
		const temporary = `${file.path}.${process.pid}.tmp`;
		writeFileSync(temporary, file.contents);
		renameSync(temporary, file.path);
	}
	return GATEWAY_BUNDLE_DIR;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	if (process.argv[2] === 'gateway') process.stdout.write(`${await buildGatewayBundle()}\n`);
	else {
		const { serve, worker } = await buildBundles();
		process.stdout.write(`${serve}\n${worker}\n`);
	}
}
