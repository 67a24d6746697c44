/**
 * `npm start`, `npm run start:sharded` and `npm run sandbox` print no warnings: no Node process warning (discord.js's
 * UnsupportedCacheOverwriteWarning used to print five at every start, three of them after the
 * sandbox prompt) and no log line at warn level or above, on a normal start and answer. Runs
 * each script's command from package.json, as npm runs it, and reads its stderr.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { startScript } from '../support/npm-script.js';
import { programEnvironment } from '../support/program.js';

let discord: LocalDiscord | undefined;
const children = new Set<ChildProcess>();

afterEach(async () => {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
	await discord?.close();
	discord = undefined;
});

/** Starts `npm run <script> [args]`'s command (`exec node ...`) with `env`, after its `pre` script (a build) if it has one. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
	const started = startScript(script, env, [], args);
	children.add(started.child);
	return started;
}

/** Node's process warnings, and log lines at warn level or above. */
function warnings(stderr: string): string[] {
	return stderr
		.split('\n')
		.filter(
			(line) =>
				/Warning\b/.test(line) ||
				/^\(node:\d+\)/.test(line) ||
				/"level":"(?:warn|error|fatal)"/.test(line) ||
				/"level":(?:40|50|60)\b/.test(line),
		);
}

describe('no warnings', () => {
	it('npm start logs in, answers /invite and stops without one', async () => {
		discord = await startLocalDiscord();
		const bot = run(
			'start',
			[],
			programEnvironment({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl }),
		);
		await expect.poll(() => bot.stderr(), { timeout: 20_000 }).toContain('add the bot to a server:');
		await discord.ready();
		const message = await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		expect(message.content).toContain('https://discord.gg/');
		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		expect(bot.stderr()).toContain('SIGTERM: shutting down');
		expect(warnings(bot.stderr())).toEqual([]);
	}, 30_000);

	it('npm run start:sharded runs its shard workers without one', async () => {
		discord = await startLocalDiscord();
		const bot = run(
			'start:sharded',
			[],
			programEnvironment({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SHARD_COUNT: '1' }),
		);
		await expect.poll(() => bot.stderr(), { timeout: 20_000 }).toContain('all 1 shard(s) ready');
		const message = await discord.dispatch(discord.interaction({ user: 'member', channel: 'general' })).message();
		expect(message.content).toContain('https://discord.gg/');
		bot.child.kill('SIGTERM');
		expect(await bot.exited).toBe(0);
		expect(warnings(bot.stderr())).toEqual([]);
	}, 30_000);

	it('npm run sandbox drives the gateway bot without one', async () => {
		const sandbox = run('sandbox', ['--script', '/invite'], programEnvironment({}));
		expect(await sandbox.exited).toBe(0);
		expect(sandbox.stdout()).toContain('https://discord.gg/');
		expect(warnings(sandbox.stderr())).toEqual([]);
		expect(sandbox.stderr()).toBe('');
	}, 30_000);
});
