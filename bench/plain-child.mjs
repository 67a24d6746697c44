// Preloaded into the benchmarked children that run as their users run them, under plain
// `node` (no tsx): ours as `npm start` runs it (dist/bundle/gateway/main.mjs) and the
// discord.js baselines (bench/gateway/discordjs-bot.mjs). The same as child-report.ts, in
// JavaScript: answers `{ type: 'bench:usage' }` with the process's CPU time and memory, and
// `{ type: 'bench:settle' }` with `{ type: 'settled' }` after full GCs (with --expose-gc), so
// the parent reads memory that is not garbage. Never keeps the process alive on its own.
if (process.send) {
	process.on('message', (message) => {
		if (message?.type === 'bench:usage') {
			process.send?.({
				type: 'bench:usage',
				id: message.id,
				cpu: process.cpuUsage(),
				memory: process.memoryUsage(),
			});
		} else if (message?.type === 'bench:settle') {
			void (async () => {
				for (let i = 0; i < 3; i++) {
					globalThis.gc?.();
					await new Promise((resolve) => setImmediate(resolve));
				}
				process.send?.({ type: 'settled' });
			})();
		}
	});
	// The parent gone means the benchmark is over: end quietly instead of lingering.
	process.once('disconnect', () => process.exit(0));
	process.channel?.unref();
}
