/**
 * The examples a newcomer copies (the sandbox's `help`, the README's and docs/sandbox.md's sandbox commands)
 * name only channels, roles and members the seeded server has: each one runs to an answer
 * from the bot, with no "No role called …" from the sandbox.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../../src/local-discord/seed.js';
import { runCli } from '../../src/sandbox/cli.js';
import { Sandbox } from '../../src/sandbox/session.js';

async function helpText(): Promise<string> {
	const output = new PassThrough();
	let text = '';
	output.on('data', (chunk: Buffer) => {
		text += chunk.toString();
	});
	expect(await runCli(['--help'], { input: new PassThrough(), output })).toBe(0);
	return text;
}

/** The README and the sandbox guide, where the sandbox commands a newcomer copies are printed. */
const readDocs = async (): Promise<string> =>
	(
		await Promise.all(
			['../../README.md', '../../docs/sandbox.md'].map((file) =>
				readFile(new URL(file, import.meta.url), 'utf8'),
			),
		)
	).join('\n');

describe('the sandbox examples', () => {
	it('every /invite in the help and in the README runs against the seed without a sandbox problem, and the help’s make invites', async () => {
		// `/invite` lines only (`/invites` and `/click` have their own test in test/ledger/sandbox.test.ts).
		const help = [...(await helpText()).matchAll(/^ {2}(\/invite(?!s).*?)(?: {2,}\(.*)?$/gm)].map(
			(m) => m[1] as string,
		);
		const readme = await readDocs();
		const scripts = [...readme.matchAll(/--script '(\/invite[^']*)'/g)].map((m) => m[1] as string);
		expect(help.length).toBeGreaterThanOrEqual(8);
		expect(scripts.length).toBeGreaterThanOrEqual(2);

		const dir = await mkdtemp(join(tmpdir(), 'sandbox-examples-'));
		const list = join(dir, 'list.csv');
		await writeFile(list, `user_id\n${defaultSeed().members[0]?.user.id}\n`);
		const sandbox = await Sandbox.start();
		try {
			for (const line of [...help, ...scripts]) {
				const result = await sandbox.run(line.replace('./list.csv', list));
				expect({ line, problem: result.problem }).toEqual({ line, problem: undefined });
				expect({ line, outcome: result.outcome }).toEqual({
					line,
					// The help's examples make invites, except the one that shows a member without Create Invite.
					outcome: help.includes(line)
						? line.includes('as:@guest')
							? 'refused'
							: 'created'
						: expect.stringMatching(/^(created|refused)$/),
				});
			}
		} finally {
			await sandbox.close();
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('names only roles and members of the seed in the README’s option examples', async () => {
		const seed = defaultSeed();
		const known = new Set([
			...seed.roles.map((role) => role.name),
			...seed.members.map((member) => member.user.username),
			...(seed.users ?? []).map((user) => user.username),
		]);
		const readme = await readDocs();
		const mentioned = [
			...readme.matchAll(/\b(?:role|more_roles|users|as|stream_user):("[^"]*"|@\S+?)(?=[\s`'])/g),
		].flatMap((m) => [...(m[1] as string).matchAll(/@([\w-]+)/g)].map((name) => name[1] as string));
		expect(mentioned).toContain('helper');
		// `as:@name` is the README's placeholder, not a name.
		expect(mentioned.filter((name) => name !== 'name' && !known.has(name))).toEqual([]);
	});
});
