/**
 * One gateway bot alone in a process under tsx, for the burst suite (ours from the sources).
 * The gateway, guild-scale and coldstart suites run the bots as their users do, under plain
 * node (contenders.ts: `npm start`'s bundle, and discordjs-bot.mjs for discord.js).
 * `node --import tsx bench/gateway/bot-child.ts ours` with BENCH_API_URL and BENCH_TOKEN
 * pointing at the parent's local Discord: this project's bot (`startBot` with the commands of
 * `commands/`), compiled (bench/build.ts) when BENCH_COMPILED names the output directory.
 *
 * BENCH_SHARDS=auto runs the shards GET /gateway/bot recommends, all in this process, as a bot
 * in thousands of guilds must: Discord closes a session over 2,500 guilds with 4011 (Sharding
 * required). Default: one shard.
 *
 * Sends `{ type: 'ready' }` over IPC once the bot is ready (every shard's READY), and
 * answers `{ type: 'bench:settle' }` with `{ type: 'settled' }` after full GCs (with
 * --expose-gc), so the parent can read memory that is not garbage. Exits when the parent goes away.
 */

import type * as Bot from '../../src/gateway/bot.js';
import type * as Loader from '../../src/gateway/command-loader.js';
import type * as Log from '../../src/log.js';
import { importCompiled } from '../build.js';
import { ROOT } from '../children.js';

const kind = process.argv[2];
const api = process.env.BENCH_API_URL ?? '';
const token = process.env.BENCH_TOKEN ?? '';
if (!api || !token || !process.send || kind !== 'ours') {
	process.stderr.write('bot-child: run me from the bench (ours, BENCH_API_URL, BENCH_TOKEN, IPC)\n');
	process.exit(2);
}
const shardCount = process.env.BENCH_SHARDS === 'auto' ? ('auto' as const) : undefined;
// Why the bot could not start, as the last line of stderr (what the bench quotes), rather
// than the tail of a stack trace.
const fail = (error: unknown): never => {
	const code = (error as { code?: unknown }).code;
	process.stderr.write(
		`bot-child: ${kind} bot failed: ${error instanceof Error ? error.message : String(error)}${code === undefined ? '' : ` (code ${String(code)})`}\n`,
	);
	process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// Ours as shipped: compiled, as the Docker image runs it (bench/build.ts), when the bench
// passes BENCH_COMPILED; otherwise the sources through tsx.
const from = process.env.BENCH_COMPILED ?? ROOT;
const { startBot } = await importCompiled<typeof Bot>(from, 'src/gateway/bot.js');
const { loadCommands } = await importCompiled<typeof Loader>(from, 'src/gateway/command-loader.js');
const { silentLogger } = await importCompiled<typeof Log>(from, 'src/log.js');
// A benchmark sends bursts as one member: no cooldowns (the bot has none unless given).
const bot = await startBot(token, {
	apiUrl: api,
	shardCount,
	commands: await loadCommands(),
	logger: silentLogger,
});
const stop = () => bot.stop();

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { type?: string }) => {
	if (message?.type !== 'bench:settle') return;
	void (async () => {
		for (let i = 0; i < 3; i++) {
			gc?.();
			await new Promise((resolve) => setImmediate(resolve));
		}
		process.send?.({ type: 'settled' });
	})();
});
process.once('SIGTERM', () => {
	void stop()
		.catch(() => undefined)
		.finally(() => process.exit(0));
});
process.send({ type: 'ready' });
