/**
 * The code blocks the docs mark as snippets, read from the Markdown itself: a fenced block
 * right under `<!-- snippet: NAME -->`. Tests apply them as printed (an indented block, inside
 * a list, loses its indent), so a snippet in the README or docs/ can never fail where a test
 * of it passes. A name printed twice (the README and a guide) must be the same code twice.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const MARKED = /<!-- snippet: ([\w-]+) -->\r?\n([ \t]*)```[\w-]*\r?\n([\s\S]*?)\r?\n\2```/g;

/** Every marked snippet of `files` (Markdown), by name. */
export async function docSnippets(files: readonly string[]): Promise<Map<string, string>> {
	const found = new Map<string, { code: string; where: string }>();
	for (const file of files) {
		const text = await readFile(file, 'utf8');
		for (const [, name, indent, body] of text.matchAll(MARKED)) {
			const code = (body as string)
				.split('\n')
				.map((line) => (line.startsWith(indent as string) ? line.slice((indent as string).length) : line))
				.join('\n');
			const earlier = found.get(name as string);
			if (earlier && earlier.code !== code)
				throw new Error(`snippet "${name}" differs between ${earlier.where} and ${file}`);
			found.set(name as string, { code, where: file });
		}
	}
	return new Map([...found].map(([name, { code }]) => [name, code]));
}

/** README.md and every page under docs/. */
export async function docFiles(root: string): Promise<string[]> {
	const pages = (await readdir(join(root, 'docs'))).filter((file) => file.endsWith('.md')).sort();
	return [join(root, 'README.md'), ...pages.map((page) => join(root, 'docs', page))];
}

/** The snippet `name`, or a failure naming where it should be. */
export function snippet(snippets: ReadonlyMap<string, string>, name: string): string {
	const code = snippets.get(name);
	if (code === undefined) throw new Error(`no <!-- snippet: ${name} --> block in README.md or docs/`);
	return code;
}
