/**
 * The Cloudflare Worker in workerd (miniflare's API, as `npm run worker` runs it) with a local
 * Discord that signs and POSTs interactions to it and serves its REST calls. One workerd per
 * test file: `start()` gives it the bindings of a fresh local Discord (a restart of the
 * isolate, ~0.1 s, on the same port); closing a transport hands workerd back to the one
 * started before it, and `stop()` ends workerd.
 */
import { fileURLToPath } from 'node:url';
import type { APIInteraction } from 'discord-api-types/v10';
import {
	type InteractionHandle,
	type InteractionInit,
	type LocalDiscord,
	startLocalDiscord,
} from '../../src/local-discord/index.js';
import { bundleWorker, type LocalWorker, startLocalWorker } from '../../src/tools/workerd.js';
import type { Transport, TransportOptions } from '../e2e/scenarios.js';

const ENTRY = fileURLToPath(new URL('./fixtures/tuned-worker.ts', import.meta.url));

export interface WorkerdHarness extends Transport {
	/** The Worker in workerd (its Durable Objects: `callObject`). */
	worker: LocalWorker;
	/** The Interactions Endpoint URL. */
	url: string;
	/** Every line the Worker logged while this transport was active. */
	logs: string[];
	deliver(payload: APIInteraction): InteractionHandle;
}

interface Active {
	bindings: Record<string, string>;
	onLog: (line: string) => void;
}

export interface WorkerdTransports {
	start(options?: TransportOptions): Promise<WorkerdHarness>;
	/** Ends workerd (after every transport is closed). */
	stop(): Promise<void>;
}

export interface WorkerdTransportsOptions {
	/**
	 * Bindings over the defaults. The cooldowns are off by default (COOLDOWN_PER_USER and
	 * COOLDOWN_PER_GUILD `0`), as the other transports' harnesses have none: the scenarios make
	 * more invites a minute than the limits allow.
	 */
	bindings?: Record<string, string>;
	/** Binds wrangler.toml's D1 database (the ledger, in memory). Default off, as the other harnesses run without a store. */
	d1?: boolean;
}

export function workerdTransports(init: WorkerdTransportsOptions = {}): WorkerdTransports {
	let worker: LocalWorker | undefined;
	let script: string | undefined;
	const stack: Active[] = [];
	const onLog = (line: string): void => stack.at(-1)?.onLog(line);
	const apply = async (active: Active): Promise<LocalWorker> => {
		script ??= await bundleWorker(ENTRY);
		if (!worker) worker = await startLocalWorker({ script, bindings: active.bindings, onLog, d1: init.d1 });
		else await worker.reconfigure({ bindings: active.bindings });
		return worker;
	};

	return {
		async start(options = {}) {
			const discord: LocalDiscord = await startLocalDiscord(options.discord);
			const logs: string[] = [];
			const tuning = {
				deferAfterMs: options.deferAfterMs,
				inviteTimeoutMs: options.requestTimeoutMs,
				maxRateLimitWaitMs: options.maxRateLimitWaitMs,
				attachmentTimeoutMs: options.attachmentTimeoutMs,
				jobPollDelaysMs: options.jobPollDelaysMs,
			};
			const active: Active = {
				bindings: {
					DISCORD_PUBLIC_KEY: discord.publicKey,
					DISCORD_TOKEN: discord.token,
					DISCORD_APPLICATION_ID: discord.applicationId,
					DISCORD_API_URL: discord.apiUrl,
					LOG_LEVEL: options.logger ? 'warn' : 'error',
					COOLDOWN_PER_USER: '0',
					COOLDOWN_PER_GUILD: '0',
					...init.bindings,
					...(Object.values(tuning).some((value) => value !== undefined)
						? { TEST_TUNING: JSON.stringify(tuning) }
						: {}),
				},
				onLog: (line) => {
					logs.push(line);
					if (options.logger) options.logger.warn(line);
					else process.stderr.write(`workerd: ${line}\n`);
				},
			};
			stack.push(active);
			let url: string;
			let running: LocalWorker;
			try {
				running = await apply(active);
				url = new URL('/interactions', running.url).href;
			} catch (error) {
				stack.pop();
				await discord.close();
				throw error;
			}
			const deliver = (payload: APIInteraction): InteractionHandle =>
				discord.dispatch(payload, { via: 'http', url });
			return {
				discord,
				worker: running,
				url,
				logs,
				deliver,
				invite: (init: Omit<InteractionInit, 'command'>) =>
					deliver(discord.interaction({ ...init, command: 'invite' })),
				autocomplete: (init) => deliver(discord.autocomplete({ ...init, command: 'invite' })),
				command: (init) => deliver(discord.interaction(init)),
				async close() {
					await discord.close();
					stack.splice(stack.indexOf(active), 1);
					const previous = stack.at(-1);
					if (previous && worker) await worker.reconfigure({ bindings: previous.bindings });
				},
			};
		},
		async stop() {
			await worker?.close();
			worker = undefined;
		},
	};
}
