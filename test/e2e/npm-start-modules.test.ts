/**
 * What `npm start` and `npm run start:sharded` load: no discord.js (the bot runs on
 * @discordjs/ws and the pipeline; discord.js is only the drop-in command's optional peer), and
 * no tsx (they run the compiled bundle their `pre` script builds). Each script's command runs
 * as npm runs it, with a probe preloaded (test/support/module-probe.mjs) that names, at exit,
 * every module it loaded from the packages asked about.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { startScript } from '../support/npm-script.js';
import { programEnvironment } from '../support/program.js';

const PROBE = fileURLToPath(new URL('../support/module-probe.mjs', import.meta.url));
const PACKAGES = ['discord.js', 'tsx'];

let discord: LocalDiscord | undefined;
const children = new Set<ChildProcess>();
afterEach(async () => {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
	await discord?.close();
	discord = undefined;
});

/** The probe's report: each package asked about, and the modules of it the process loaded. */
function probed(stderr: string): Record<string, string[]> {
	const line = stderr.split('\n').find((text) => text.startsWith('module-probe: '));
	if (!line) throw new Error(`no probe report in:\n${stderr}`);
	return JSON.parse(line.slice('module-probe: '.length)) as Record<string, string[]>;
}

describe('the modules the gateway bot loads', () => {
	it('the probe sees discord.js where it is loaded', () => {
		const { stderr } = spawnSync(
			process.execPath,
			['--import', PROBE, '--input-type=module', '-e', "await import('discord.js');"],
			{ env: { ...process.env, PROBE_PACKAGES: PACKAGES.join(',') }, encoding: 'utf8' },
		);
		expect(probed(stderr)['discord.js']?.length).toBeGreaterThan(0);
	});

	it.each([
		['start', {}, 'add the bot to a server:'],
		['start:sharded', { SHARD_COUNT: '1' }, 'all 1 shard(s) ready'],
	] as const)(
		'npm run %s answers /invite without ever loading discord.js or tsx',
		async (script, extra, ready) => {
			discord = await startLocalDiscord();
			const bot = startScript(
				script,
				programEnvironment({
					DISCORD_TOKEN: discord.token,
					DISCORD_API_URL: discord.apiUrl,
					PROBE_PACKAGES: PACKAGES.join(','),
					...extra,
				}),
				['--import', PROBE],
			);
			children.add(bot.child);
			await expect.poll(() => bot.stderr(), { timeout: 20_000 }).toContain(ready);
			await discord.ready();
			const message = await discord
				.dispatch(discord.interaction({ user: 'member', channel: 'general' }))
				.message();
			expect(message.content).toContain('https://discord.gg/');
			bot.child.kill('SIGTERM');
			expect(await bot.exited).toBe(0);
			expect(probed(bot.stderr())).toEqual({ 'discord.js': [], tsx: [] });
		},
		60_000,
	);
});
