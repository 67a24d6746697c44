/**
 * Client-side cost of one REST GET through @discordjs/rest against the local Discord, in a
 * child process per transport, three interleaved rounds: `poolRequest` (src/discord/pool.ts),
 * @discordjs/rest's own strategy with its `agent` option (an undici Agent, or a Pool for the
 * API's origin), and its default (undici's global dispatcher). Decides whether the pool's
 * rewrite still pays. Run: `node --import tsx bench/rest-transport.ts`.
 */
import { fork } from 'node:child_process';
import { Routes } from 'discord-api-types/v10';
import { Agent, Pool } from 'undici';
import { poolRequest } from '../src/discord/pool.js';
import { createRest, restOptions } from '../src/discord/rest.js';

const mode = process.argv[2];
if (!mode) {
	const { startLocalDiscord, seedIds } = await import('../src/local-discord/index.js');
	const discord = await startLocalDiscord({ defaultBucket: { limit: 1_000_000, windowMs: 1_000 } });
	const rows: string[] = [];
	for (const round of [1, 2, 3])
		for (const m of ['pool', 'agent', 'pool-origin', 'default']) {
			const child = fork(
				new URL(import.meta.url).pathname,
				[m, discord.apiUrl, discord.token, seedIds.channels.general],
				{
					execArgv: ['--import', 'tsx'],
					stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
				},
			);
			let out = '';
			child.stdout!.on('data', (d) => (out += d));
			await new Promise((r) => child.on('exit', r));
			rows.push(`round ${round} ${out.trim()}`);
		}
	console.log(rows.join('\n'));
	await discord.close();
} else {
	const [api, token, channel] = process.argv.slice(3) as [string, string, string];
	const shared = { api, globalRequestsPerSecond: 0 };
	const opts =
		mode === 'pool'
			? { ...restOptions({ ...shared, makeRequest: poolRequest(api) }) }
			: mode === 'agent'
				? { ...restOptions(shared), agent: new Agent({ connections: 128, pipelining: 1 }) }
				: mode === 'pool-origin'
					? { ...restOptions(shared), agent: new Pool(new URL(api).origin) }
					: restOptions(shared);
	const rest = createRest({ ...opts, token });
	const N = 3000;
	for (let i = 0; i < 300; i++) await rest.get(Routes.channel(channel));
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	for (let i = 0; i < N; i++) await rest.get(Routes.channel(channel));
	const wall = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	console.log(
		`${mode.padEnd(12)} ${(wall / N).toFixed(3)} ms/req wall, ${((cpu.user + cpu.system) / N).toFixed(1)} µs CPU/req (client process)`,
	);
	rest.clearHashSweeper();
	rest.clearHandlerSweeper();
	process.exit(0);
}
