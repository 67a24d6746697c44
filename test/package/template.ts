/**
 * discord.js's `create-discord-bot` TypeScript template, as `npm pack create-discord-bot`
 * ships it (the template folder is in the tarball), made into a bot as `npm create
 * discord-bot` would, and the docs' drop-in and offline-testing snippets applied to it at the
 * places the docs name. The tarball is fetched once from the npm registry and kept under
 * node_modules/.cache.
 */
import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { snippet } from './doc-snippets.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The template release the docs are tested against (pinned: a new one is a deliberate bump). */
export const TEMPLATE = {
	name: 'create-discord-bot',
	version: '1.0.0',
	folder: 'package/template/TypeScript',
} as const;

/** The template's tarball, from the cache or the npm registry (`npm pack`). */
async function templateTarball(cacheDir: string): Promise<string> {
	const file = join(cacheDir, `${TEMPLATE.name}-${TEMPLATE.version}.tgz`);
	try {
		await access(file);
	} catch {
		await mkdir(cacheDir, { recursive: true });
		await run(NPM, ['pack', `${TEMPLATE.name}@${TEMPLATE.version}`, '--pack-destination', cacheDir, '--silent'], {
			cwd: cacheDir,
		});
	}
	return file;
}

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The TypeScript template copied to `into`, its placeholders filled as create-discord-bot fills
 * them for npm (`[REPLACE_IMPORT_EXT]` = `js`, `[REPLACE_ME]` = the folder's name).
 */
export async function templateBot(into: string, cacheDir: string): Promise<void> {
	const tarball = await templateTarball(cacheDir);
	const unpacked = await mkdtemp(join(tmpdir(), 'create-discord-bot-'));
	try {
		await run('tar', ['-xzf', tarball, '-C', unpacked]);
		const template = join(unpacked, TEMPLATE.folder);
		try {
			await access(join(template, 'package.json'));
		} catch {
			throw new Error(`${TEMPLATE.name}@${TEMPLATE.version} has no ${TEMPLATE.folder}/package.json`);
		}
		await cp(template, into, { recursive: true });
	} finally {
		await rm(unpacked, { recursive: true, force: true });
	}
	for (const file of await filesUnder(into)) {
		const text = await readFile(file, 'utf8');
		const filled = text.replaceAll('[REPLACE_IMPORT_EXT]', 'js').replaceAll('[REPLACE_ME]', 'template-bot');
		if (filled !== text) await writeFile(file, filled);
	}
}

/** `text` with the one match of `pattern` replaced; a template that moved fails loudly. */
function replaceOnce(text: string, pattern: RegExp, replacement: (indent: string) => string, where: string): string {
	const matches = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))];
	if (matches.length !== 1)
		throw new Error(`${where}: expected one ${pattern} in the template, found ${matches.length}`);
	return text.replace(pattern, (...args) => replacement((args[1] as string | undefined) ?? ''));
}

const indented = (code: string, indent: string): string =>
	code
		.split('\n')
		.map((line) => (line ? indent + line : line))
		.join('\n');

async function edit(file: string, change: (text: string) => string): Promise<void> {
	await writeFile(file, change(await readFile(file, 'utf8')));
}

/**
 * The docs' snippets applied where the docs say: the command file, the `Command` type with
 * `autocomplete?` (and its import), the autocomplete route before the command route, the
 * buttons' one-line wiring after `registerEvents` (docs/discord-js-bot.md); the Client's and
 * the deploy script's `rest.api` from `DISCORD_API_URL`, and the offline test script
 * (docs/testing-your-bot.md).
 */
export async function applyDocSnippets(bot: string, snippets: ReadonlyMap<string, string>): Promise<void> {
	const src = join(bot, 'src');
	await writeFile(join(src, 'commands/invite.ts'), `${snippet(snippets, 'command-file')}\n`);

	const commandType = snippet(snippets, 'command-type');
	const imports = commandType
		.split('\n')
		.filter((line) => line.startsWith('import '))
		.join('\n');
	const type = commandType.slice(commandType.indexOf('export type Command'));
	await edit(join(src, 'commands/index.ts'), (text) =>
		replaceOnce(
			replaceOnce(text, /^import type \{[^}]*\} from 'discord\.js';$/m, () => imports, 'commands/index.ts'),
			/export type Command = \{[\s\S]*?\n\};/,
			() => type,
			'commands/index.ts',
		),
	);
	await edit(join(src, 'util/registerEvents.ts'), (text) =>
		replaceOnce(
			text,
			/^([ \t]*)if \(interaction\.isCommand\(\)\) \{$/m,
			(indent) =>
				`${indented(snippet(snippets, 'autocomplete-route'), indent)}\n\n${indent}if (interaction.isCommand()) {`,
			'util/registerEvents.ts',
		),
	);
	const wiring = snippet(snippets, 'component-wiring');
	const wiringImports = wiring
		.split('\n')
		.filter((line) => line.startsWith('import '))
		.join('\n');
	const wiringCode = wiring
		.split('\n')
		.filter((line) => !line.startsWith('import '))
		.join('\n')
		.trim();
	await edit(join(src, 'index.ts'), (text) =>
		replaceOnce(
			replaceOnce(
				`${wiringImports}\n${text}`,
				/^const client = new Client\(.*\);$/m,
				() => snippet(snippets, 'client-rest'),
				'index.ts',
			),
			/^registerEvents\(commands, events, client\);$/m,
			() => `registerEvents(commands, events, client);\n\n${wiringCode}`,
			'index.ts',
		),
	);
	await edit(join(src, 'util/deploy.ts'), (text) =>
		replaceOnce(text, /^const rest = new REST\(.*\);$/m, () => snippet(snippets, 'deploy-rest'), 'util/deploy.ts'),
	);
	await writeFile(join(src, 'offline-test.ts'), `${snippet(snippets, 'offline-test')}\n`);
}
