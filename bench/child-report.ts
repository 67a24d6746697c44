/**
 * Preloaded into every benchmarked child (`node --import tsx --import ./bench/child-report.ts ...`):
 * answers the parent's `{ type: 'bench:usage' }` over IPC with the process's own CPU time and
 * memory, so the parent can charge CPU per request to the server that spent it. Does nothing
 * without an IPC channel, and never keeps the process alive on its own.
 */
interface UsageRequest {
	type?: unknown;
	id?: unknown;
}

if (process.send) {
	process.on('message', (message: UsageRequest) => {
		if (message?.type !== 'bench:usage') return;
		process.send?.({
			type: 'bench:usage',
			id: message.id,
			cpu: process.cpuUsage(),
			memory: process.memoryUsage(),
		});
	});
	// The parent gone means the benchmark is over: end quietly instead of lingering.
	process.once('disconnect', () => process.exit(0));
	process.channel?.unref();
}
