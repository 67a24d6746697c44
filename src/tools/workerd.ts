/**
 * The Cloudflare Worker (src/http/worker.ts) run locally in workerd, through miniflare's API:
 * bundled with esbuild the way wrangler bundles it (workerd/worker/browser conditions, so
 * @discordjs/rest's web build), with wrangler.toml's compatibility date and flags, and the
 * endpoint's variables handed over as bindings, and wrangler.toml's Durable Objects. Nothing
 * touches the network: no account, no telemetry. The objects live in memory, or under
 * `stateDir` when given. Used by `npm run worker`, the tests and the bench.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { discordApiTypesByFile } from './esbuild-discord-api-types.js';
import { lazyMagicBytes } from './esbuild-lazy.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Worker's entry module. */
export const WORKER_ENTRY = `${ROOT}src/http/worker.ts`;

/**
 * Bundles a Worker entry into one ES module, in memory: as `wrangler deploy` would, plus the
 * discord-api-types plugin (only the enums and routes used).
 */
export async function bundleWorker(entry: string = WORKER_ENTRY): Promise<string> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		target: 'es2022',
		conditions: ['workerd', 'worker', 'browser'],
		mainFields: ['module', 'main'],
		minifySyntax: true,
		minifyWhitespace: true,
		keepNames: true,
		plugins: [discordApiTypesByFile(), lazyMagicBytes],
		write: false,
		logLevel: 'silent',
	});
	const [output] = result.outputFiles;
	if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
	return output.text;
}

/** wrangler.toml's compatibility date and flags, so local runs match the deployed Worker. */
export function wranglerCompatibility(): { compatibilityDate: string; compatibilityFlags: string[] } {
	const toml = readFileSync(`${ROOT}wrangler.toml`, 'utf8');
	const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
	if (!date) throw new Error('wrangler.toml has no compatibility_date');
	const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '';
	return {
		compatibilityDate: date,
		compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? ''),
	};
}

/** wrangler.toml's Durable Object bindings: binding name -> class name (exported by the Worker). */
export function wranglerDurableObjects(): Record<string, string> {
	const toml = readFileSync(`${ROOT}wrangler.toml`, 'utf8');
	const objects: Record<string, string> = {};
	for (const block of toml.split(/^\[\[durable_objects\.bindings\]\]\s*$/m).slice(1)) {
		const name = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
		const className = /^class_name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
		if (name && className) objects[name] = className;
	}
	return objects;
}

/** wrangler.toml's D1 bindings (`[[d1_databases]]` `binding`): binding name -> database name. */
export function wranglerD1Databases(): Record<string, string> {
	const toml = readFileSync(`${ROOT}wrangler.toml`, 'utf8');
	const databases: Record<string, string> = {};
	for (const block of toml.split(/^\[\[d1_databases\]\]\s*$/m).slice(1)) {
		const binding = /^binding\s*=\s*"([^"]+)"/m.exec(block)?.[1];
		const name = /^database_name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
		if (binding) databases[binding] = name ?? binding;
	}
	return databases;
}

/** Where `wrangler dev` keeps Durable Objects under its state directory (`.wrangler/state`). */
export const durableObjectsDir = (stateDir: string): string => `${stateDir.replace(/\/+$/, '')}/v3/do`;

export interface LocalWorkerOptions {
	/** Plain-text bindings: the endpoint's variables (`DISCORD_PUBLIC_KEY`, ...). */
	bindings: Record<string, string>;
	host?: string | undefined;
	/** 0 (the default) picks a free port. */
	port?: number | undefined;
	/** The bundled script; default: `bundleWorker()`. */
	script?: string | undefined;
	/** Each line the Worker writes (console.log / console.error). Default: this process's stderr. */
	onLog?: ((line: string) => void) | undefined;
	/**
	 * Where the Durable Objects are stored (`WORKER_STATE_DIR`), so a restart keeps them.
	 * Default: in memory, gone when workerd stops.
	 */
	stateDir?: string | undefined;
	/**
	 * Binds wrangler.toml's D1 databases (the invite ledger, `DB`), stored beside the objects
	 * under `stateDir` (in memory without one). Default: none, so the Worker runs without a ledger.
	 */
	d1?: boolean | undefined;
}

export interface LocalWorker {
	/** Where the Worker answers, e.g. `http://127.0.0.1:PORT/`. */
	url: URL;
	/** Restarts the Worker with other bindings (and script), on the same port. */
	reconfigure(options: Pick<LocalWorkerOptions, 'bindings' | 'script'>): Promise<void>;
	/**
	 * POSTs `body` (JSON) to the Durable Object `name` of `binding`, as the Worker's own code
	 * does, and returns its JSON answer: objects are reachable only through bindings.
	 */
	callObject<T>(binding: string, name: string, body: unknown): Promise<T>;
	/** Runs the Worker's `scheduled` handler as its Cron Trigger would (`cron` as in wrangler.toml). */
	scheduled(cron: string): Promise<{ outcome: string }>;
	/** The D1 database behind `binding` (with `d1`), as the Worker sees it: to read or break the ledger. */
	d1(binding?: string): Promise<LocalD1>;
	close(): Promise<void>;
}

/** The part of miniflare's D1 proxy a caller uses: one statement at a time. */
export interface LocalD1 {
	prepare(query: string): {
		bind(...values: unknown[]): {
			all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
			run(): Promise<unknown>;
		};
	};
}

/** Starts workerd with the Worker; resolves once it accepts requests. */
export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
	const onLog = options.onLog ?? ((line: string) => void process.stderr.write(`${line}\n`));
	const compatibility = wranglerCompatibility();
	const host = options.host ?? '127.0.0.1';
	let port = options.port ?? 0;
	const configure = async (script: string, bindings: Record<string, string>) => ({
		name: 'invite',
		modules: [{ type: 'ESModule' as const, path: 'worker.mjs', contents: script }],
		...compatibility,
		bindings,
		durableObjects: wranglerDurableObjects(),
		durableObjectsPersist: options.stateDir ? durableObjectsDir(options.stateDir) : false,
		...(options.d1
			? {
					d1Databases: wranglerD1Databases(),
					d1Persist: options.stateDir ? `${options.stateDir.replace(/\/+$/, '')}/v3/d1` : false,
				}
			: {}),
		host,
		port,
		handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
			for (const stream of [stdout, stderr]) {
				let rest = '';
				stream.setEncoding('utf8');
				stream.on('data', (chunk: string) => {
					const lines = (rest + chunk).split('\n');
					rest = lines.pop() ?? '';
					for (const line of lines) if (line.trim() !== '') onLog(line);
				});
			}
		},
	});
	let script = options.script ?? (await bundleWorker());
	const miniflare = new Miniflare(await configure(script, options.bindings));
	let url: URL;
	try {
		url = await miniflare.ready;
	} catch (error) {
		await miniflare.dispose().catch(() => undefined);
		throw error;
	}
	// Keep the port across restarts: clients hold the URL.
	port = Number(url.port);
	return {
		url,
		async reconfigure(next) {
			script = next.script ?? script;
			await miniflare.setOptions(await configure(script, next.bindings));
			await miniflare.ready;
		},
		async callObject<T>(binding: string, name: string, body: unknown): Promise<T> {
			// miniflare's proxy of the binding, typed here by what is used.
			const namespace = (await miniflare.getDurableObjectNamespace(binding)) as unknown as {
				idFromName(name: string): unknown;
				get(id: unknown): { fetch(url: string, init: RequestInit): Promise<Response> };
			};
			const response = await namespace.get(namespace.idFromName(name)).fetch('https://object/', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return (await response.json()) as T;
		},
		async scheduled(cron) {
			// miniflare's Fetcher of the Worker, typed here by what is used.
			const fetcher = (await miniflare.getWorker()) as unknown as {
				scheduled(options: { cron: string; scheduledTime?: Date }): Promise<{ outcome: string }>;
			};
			return fetcher.scheduled({ cron });
		},
		async d1(binding = 'DB') {
			return (await miniflare.getD1Database(binding)) as unknown as LocalD1;
		},
		close: () => miniflare.dispose(),
	};
}
