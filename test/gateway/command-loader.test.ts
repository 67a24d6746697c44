/**
 * The gateway bot's command loader: every file of `commands/` default-exports a pipeline
 * command module, and a file that does not stops the bot at start with the file's name.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invite } from '../../src/commands/invite.js';
import { inviteSettings } from '../../src/commands/invite-settings.js';
import { invites } from '../../src/commands/invites.js';
import { loadCommands } from '../../src/gateway/command-loader.js';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A folder holding `files` (name → ES module source). */
async function folder(files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'commands-'));
	dirs.push(dir);
	for (const [name, source] of Object.entries(files)) await writeFile(join(dir, name), source);
	return dir;
}

const MODULE =
	'export default { data: { name: "ping", description: "Ping" }, read: () => ({ ok: true, value: {} }), execute: async () => ({}) };';

describe('loadCommands', () => {
	it('loads the pipeline modules of commands/, keyed by name', async () => {
		const commands = await loadCommands();
		expect([...commands.keys()].sort()).toEqual(['invite', 'invite-settings', 'invites']);
		expect(commands.get('invite')).toBe(invite);
		expect(commands.get('invites')).toBe(invites);
		expect(commands.get('invite-settings')).toBe(inviteSettings);
	});

	it('takes .js and .mjs files of another folder, and leaves declarations and other files out', async () => {
		const dir = await folder({ 'ping.mjs': MODULE, 'ping.d.ts': 'export {};', 'README.md': '# not a command' });
		expect([...(await loadCommands(dir)).keys()]).toEqual(['ping']);
	});

	it('refuses a discord.js guide command, naming the file and saying what it lacks', async () => {
		const dir = await folder({
			'guide.mjs': 'export default { data: { name: "guide", toJSON() { return {}; } }, async execute() {} };',
		});
		await expect(loadCommands(dir)).rejects.toThrow(
			/^commands\/guide\.mjs must export default a pipeline command module .*lacks read\(\)\. It looks like a discord\.js guide command/,
		);
	});

	it('refuses a file without a default export, and one without a name', async () => {
		await expect(loadCommands(await folder({ 'empty.mjs': 'export const x = 1;' }))).rejects.toThrow(
			/^commands\/empty\.mjs must export default a pipeline command module/,
		);
		await expect(
			loadCommands(await folder({ 'nameless.mjs': 'export default { data: {}, read() {}, execute() {} };' })),
		).rejects.toThrow(/commands\/nameless\.mjs .*lacks data\.name/);
	});

	it('refuses two files that register the same name', async () => {
		const dir = await folder({ 'a.mjs': MODULE, 'b.mjs': MODULE });
		await expect(loadCommands(dir)).rejects.toThrow('commands/b.mjs and commands/a.mjs both register /ping');
	});
});
