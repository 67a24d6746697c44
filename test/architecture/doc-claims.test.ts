/**
 * The concrete names the docs print, held to the repository: the npm scripts a reader runs,
 * the files they name, the variables they set, the folders of src/ in the layout, and the
 * values of the shell lines a reader copies. The snippets themselves are run elsewhere
 * (test/package/consumer.test.ts, test/sandbox/examples.test.ts, test/http/*-runtime*).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APPLICATION_ID, DEFAULT_TOKEN } from '../../src/local-discord/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Every text a reader follows: the guides, the config comments, the command files' headers. */
const DOCS = [
	'README.md',
	'CONTRIBUTING.md',
	...readdirSync(join(ROOT, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => `docs/${file}`),
	'src/local-discord/README.md',
	'bench/README.md',
	'.env.example',
	'wrangler.toml',
	'Dockerfile',
	...readdirSync(join(ROOT, 'commands')).map((file) => `commands/${file}`),
];

const pkg = JSON.parse(read('package.json')) as { name: string; scripts: Record<string, string> };

/** `[file, match]` for every match of `pattern` in the docs. */
function mentions(pattern: RegExp, files: readonly string[] = DOCS): Array<[string, string]> {
	return files.flatMap((file) =>
		[...read(file).matchAll(pattern)].map((match): [string, string] => [file, match[1] ?? '']),
	);
}

/** Paths that name a file of the reader's bot (the create-discord-bot template), or a placeholder. */
const NOT_OURS = new Set([
	'src/index.ts',
	'src/commands/index.ts',
	'src/util/registerEvents.ts',
	'src/util/deploy.ts',
	'src/offline-test.ts',
	'commands/invite.js',
	'test/some/file.test.ts',
]);

describe('what the docs name exists', () => {
	it('every `npm run NAME`, `npm start` and `npm test` in the docs is a script of package.json', () => {
		const named = [...mentions(/npm run (?:-s )?([\w:-]*[\w-])/g), ...mentions(/\bnpm (start|test)\b/g)];
		expect(named.length).toBeGreaterThan(50);
		const missing = named.filter(([, script]) => !(script in pkg.scripts));
		expect(missing).toEqual([]);
	});

	it('every file of the repository the docs name (src/, test/, bench/, docker/, commands/, docs/) is there', () => {
		const named = mentions(
			/(?<![\w./@-])((?:src|test|bench|docker|commands|docs)\/[\w./-]*\.(?:ts|mjs|cjs|js|md|sh))\b/g,
		);
		expect(named.length).toBeGreaterThan(50);
		const missing = named.filter(([, path]) => !NOT_OURS.has(path) && !existsSync(join(ROOT, path)));
		expect(missing).toEqual([]);
	});

	it('the layout in docs/architecture.md lists every folder of src/', () => {
		const layout = read('docs/architecture.md');
		const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
		expect(folders.filter(({ name }) => !layout.includes(`\nsrc/${name}/ `))).toEqual([]);
	});
});

describe('the variables the docs list', () => {
	/** The names in the first column of docs/operating.md's Configuration table. */
	const documented = [...read('docs/operating.md').matchAll(/^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)? +\|/gm)].flatMap(
		([, first, second]) => [first as string, ...(second ? [second] : [])],
	);
	/** Every TypeScript and JavaScript source under src/, as one text. */
	const sources = (function collect(dir: string): string {
		return readdirSync(join(ROOT, dir), { withFileTypes: true })
			.map((entry) =>
				entry.isDirectory()
					? collect(`${dir}/${entry.name}`)
					: /\.(?:ts|mjs)$/.test(entry.name)
						? read(`${dir}/${entry.name}`)
						: '',
			)
			.join('\n');
	})('src');

	it('docs/operating.md lists the variables of .env.example, and each is read somewhere in src/', () => {
		expect(documented.length).toBeGreaterThan(15);
		const example = [...read('.env.example').matchAll(/^(?:# )?([A-Z][A-Z_]+)=/gm)].map(
			([, name]) => name as string,
		);
		expect(example.filter((name) => !documented.includes(name))).toEqual([]);
		expect(documented.filter((name) => !sources.includes(name))).toEqual([]);
	});

	it('every variable .env.example sets is one the docs list', () => {
		const set = [...read('.env.example').matchAll(/^([A-Z][A-Z_]+)=/gm)].map(([, name]) => name as string);
		expect(set.length).toBeGreaterThan(10);
		expect(set.filter((name) => !documented.includes(name))).toEqual([]);
	});
});

describe('the shell lines a reader copies', () => {
	it('`npm install discord-invite-command` names this package', () => {
		const installs = mentions(/npm install (discord-invite-command\S*)/g);
		expect(installs.length).toBeGreaterThan(0);
		for (const [, name] of installs) expect([pkg.name, `${pkg.name}/`]).toContain(name.replace(/[`,.]+$/, ''));
	});

	it("docs/testing-your-bot.md's shell block points a bot at the local Discord with its own token and application id", () => {
		const block = /```sh\n([\s\S]*?)\n```/.exec(read('docs/testing-your-bot.md'))?.[1] ?? '';
		expect(block).toContain(`DISCORD_TOKEN=${DEFAULT_TOKEN} `);
		expect(block).toContain(`APPLICATION_ID=${DEFAULT_APPLICATION_ID} `);
		// The port the same page starts the sandbox's local Discord on, with `--external --port`.
		const port = /npm run sandbox -- --external --port (\d+)/.exec(read('docs/testing-your-bot.md'))?.[1];
		expect(block).toContain(`DISCORD_API_URL=http://127.0.0.1:${port}/api `);
		for (const script of block.matchAll(/npm (?:run )?(\w+)$/gm))
			expect(['build', 'deploy', 'start']).toContain(script[1]);
	});

	it('the bundle lines of docs/hosting.md run the script that writes the file they start', () => {
		const block = /```sh\n(npm run build:bundle[\s\S]*?)\n```/.exec(read('docs/hosting.md'))?.[1] ?? '';
		expect(block).toMatch(/^npm run build:bundle\b/);
		expect(block).toContain('node dist/bundle/serve.mjs');
		expect(read('src/tools/build-bundle.ts')).toContain('dist/bundle/serve.mjs');
		expect(pkg.scripts['build:bundle']).toContain('src/tools/build-bundle.ts');
	});
});
