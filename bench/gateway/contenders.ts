/**
 * The gateway bots the `gateway`, `guild-scale` and `coldstart` suites compare, each started
 * as its users start it, under plain `node` (no tsx):
 *
 * - ours: `npm start`'s program, dist/bundle/gateway/main.mjs, built first as `prestart` builds
 *   it (src/tools/prestart-gateway.mjs), configured from its environment with the defaults of
 *   `.env.example` (LOG_LEVEL=info, an SQLite ledger file) but the cooldowns off: a benchmark
 *   sends bursts as a few members, and every answer must carry an invite.
 * - typical / floor: bench/gateway/discordjs-bot.mjs, discord.js with its default caches.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalDiscord } from '../../src/local-discord/index.js';
import { type Child, ROOT, startChild } from '../children.js';

export type GatewayKind = 'floor' | 'typical' | 'ours';

/** What `npm start` runs. */
export const GATEWAY_MAIN = 'dist/bundle/gateway/main.mjs';
/** The discord.js baselines. */
export const DISCORDJS_BOT = 'bench/gateway/discordjs-bot.mjs';

let built = false;

/**
 * Runs `npm start`'s `prestart` (rebuilds dist/bundle/gateway/ when a source is newer, about
 * 2 s) once per bench process; resolves with the program `npm start` runs, relative to the root.
 */
export function gatewayBundle(): string {
	if (!built) {
		const { status, stderr } = spawnSync(process.execPath, ['src/tools/prestart-gateway.mjs'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		if (status !== 0) throw new Error(`could not build ${GATEWAY_MAIN} (prestart): ${stderr.trim()}`);
		built = true;
	}
	return GATEWAY_MAIN;
}

let dataDir: string | undefined;

/** The environment `npm start` reads, pointed at `discord`; the ledger in a scratch folder. */
export function oursEnv(discord: LocalDiscord): Record<string, string> {
	if (!dataDir) {
		const dir = mkdtempSync(join(tmpdir(), 'invite-bench-ledger-'));
		process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
		dataDir = dir;
	}
	return {
		DISCORD_TOKEN: discord.token,
		DISCORD_API_URL: discord.apiUrl,
		LOG_LEVEL: 'info',
		COOLDOWN_PER_USER: '0',
		COOLDOWN_PER_GUILD: '0',
		// One file for the run, created by the first start (as `npm start`'s data/invites.db):
		// later starts open it, as a restarted bot does. The bench starts one ours at a time.
		DATABASE_URL: `sqlite:${join(dataDir, 'invites.db')}`,
		NODE_ENV: 'production',
	};
}

/** The program and arguments of `kind`, and its environment against `discord`. */
export function contenderCommand(
	kind: GatewayKind,
	discord: LocalDiscord,
): { script: string; args: string[]; env: Record<string, string> } {
	if (kind === 'ours') return { script: gatewayBundle(), args: [], env: oursEnv(discord) };
	return {
		script: DISCORDJS_BOT,
		args: [kind],
		env: { BENCH_API_URL: discord.apiUrl, BENCH_TOKEN: discord.token },
	};
}

/** Resolves once every shard of the count the bot asked for is ready (READY and its GUILD_CREATEs sent). */
export async function allShardsReady(discord: LocalDiscord, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	await discord.ready(timeoutMs);
	for (;;) {
		const shards = discord.readyShards;
		if (shards.length > 0 && shards.length >= (shards[0]?.[1] ?? 1)) return;
		if (Date.now() > until)
			throw new Error(`not every shard ready after ${timeoutMs} ms: ${JSON.stringify(shards)}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * Starts `kind` in a child process under plain node, logged into `discord`; resolves once it
 * is ready (every shard's READY out and, for discord.js, its `clientReady`).
 */
export async function startContender(
	kind: GatewayKind,
	discord: LocalDiscord,
	options: { name: string; execArgv?: string[]; env?: Record<string, string>; timeoutMs?: number },
): Promise<Child> {
	const { script, args, env } = contenderCommand(kind, discord);
	const child = startChild({
		name: options.name,
		script,
		args,
		plain: true,
		execArgv: options.execArgv ?? [],
		env: { ...env, ...options.env },
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	try {
		const clientReady = kind === 'ours' ? undefined : child.message('ready', timeoutMs);
		// Fail fast when the child dies before its shards are ready.
		const died = new Promise<never>((_, reject) =>
			child.process.once('exit', (code, signal) =>
				reject(
					new Error(
						`${options.name} exited (${signal ?? code}): ${child.stderr().trim().split('\n').slice(-3).join(' | ')}`,
					),
				),
			),
		);
		died.catch(() => undefined);
		await Promise.race([allShardsReady(discord, timeoutMs), died]);
		if (clientReady) await Promise.race([clientReady, died]);
		return child;
	} catch (error) {
		await child.stop();
		throw error;
	}
}
