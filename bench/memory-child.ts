/**
 * The gateway bot alone in a process, for benchmark 4 (memory). Started by bench/memory.ts as
 * `node --expose-gc --import tsx bench/memory-child.ts` with BENCH_API_URL and BENCH_TOKEN
 * pointing at the parent's local Discord (loopback). Talks over IPC:
 *   → { type: 'ready' } once logged in
 *   ← { type: 'measure' }  → { type: 'memory', rss, heapUsed, ..., cached } after full GCs (`cached`: cache and REST map sizes)
 *   ← { type: 'stop' }     → logs out and exits
 * Exits by itself when the parent goes away or after a hard time limit.
 */
import { startBot } from '../src/gateway/bot.js';
import { loadCommands } from '../src/gateway/command-loader.js';
import { silentLogger } from '../src/log.js';

const HARD_LIMIT_MS = 90_000;

const apiUrl = process.env.BENCH_API_URL;
const token = process.env.BENCH_TOKEN;
if (!apiUrl || !token || !process.send) {
	process.stderr.write(
		'memory-child: run me from bench/memory.ts (needs BENCH_API_URL, BENCH_TOKEN and an IPC channel)\n',
	);
	process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
	process.stderr.write('memory-child: needs node --expose-gc\n');
	process.exit(2);
}

const send = (message: unknown): void => void process.send?.(message);
setTimeout(() => process.exit(3), HARD_LIMIT_MS).unref();
process.once('disconnect', () => process.exit(4));

// No cooldowns: the bot has none unless given.
const bot = await startBot(token, { apiUrl, commands: await loadCommands(), logger: silentLogger });
// BENCH_LEAK=1 retains every interaction, a leak on purpose: the run must then FAIL, which
// shows the growth bound in targets.ts can tell a leak from warm-up.
const leaked: unknown[] = [];
if (process.env.BENCH_LEAK) bot.manager.on('dispatch', (payload) => void leaked.push(payload));

/** Full collections until the heap stops shrinking (at most 5), then the figures. */
async function measure(): Promise<void> {
	let last = Number.POSITIVE_INFINITY;
	for (let i = 0; i < 5; i++) {
		gc!();
		// Let finalizers and weak callbacks run between collections.
		await new Promise((resolve) => setImmediate(resolve));
		const used = process.memoryUsage().heapUsed;
		if (used >= last) break;
		last = used;
	}
	const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
	// The bot runs on @discordjs/ws and keeps no cache: only REST's maps can grow.
	const cached = {
		guilds: 0,
		channels: 0,
		users: 0,
		members: 0,
		restHandlers: bot.rest.handlers.size,
		restHashes: bot.rest.hashes.size,
	};
	send({ type: 'memory', rss, heapUsed, heapTotal, external, arrayBuffers, cached });
}

process.on('message', (message: { type?: string }) => {
	if (message.type === 'measure') void measure();
	if (message.type === 'stop') {
		void bot
			.stop()
			.catch(() => undefined)
			.finally(() => process.exit(0));
	}
});
send({ type: 'ready' });
