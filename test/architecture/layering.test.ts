/**
 * The import arrows point down: transports (gateway, HTTP, the sandbox, the local Discord) sit
 * on the core, the core sits on the Discord routes, and the routes stand alone. Read from the
 * source itself, so a new import that breaks the layering fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? sourceFiles(join(dir, entry.name))
			: entry.name.endsWith('.ts')
				? [join(dir, entry.name)]
				: [],
	);
}

/** Every module a file imports or re-exports, statically or dynamically, as written. */
function specifiers(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/g))
		found.push(match[1] as string);
	for (const match of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) found.push(match[1] as string);
	for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1] as string);
	return found;
}

/** Where each import of the files under `layer` lands: `src/<folder>` for ours, the package name otherwise. */
function importsOf(layer: string): { file: string; target: string }[] {
	return sourceFiles(join(SRC, layer)).flatMap((file) =>
		specifiers(file).map((specifier) => ({
			file: relative(ROOT, file),
			target: specifier.startsWith('.')
				? relative(ROOT, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts')
				: specifier,
		})),
	);
}

const into = (folders: readonly string[]) => (edge: { target: string }) =>
	folders.some((folder) => edge.target === `src/${folder}.ts` || edge.target.startsWith(`src/${folder}/`));

describe('layering', () => {
	it('finds the imports it checks (the reader is not blind)', () => {
		expect(importsOf('core').some(into(['discord']))).toBe(true);
		expect(importsOf('gateway').some(into(['core']))).toBe(true);
	});

	it('src/discord imports nothing else of ours: the routes stand alone', () => {
		const ours = importsOf('discord').filter(
			(edge) => edge.target.startsWith('src/') && !edge.target.startsWith('src/discord/'),
		);
		expect(ours).toEqual([]);
	});

	it('src/core imports no transport, no tool and no operations code', () => {
		const upward = importsOf('core').filter(
			into(['gateway', 'http', 'sandbox', 'local-discord', 'tools', 'config', 'ops', 'entries']),
		);
		expect(upward).toEqual([]);
	});

	it('src/core never loads discord.js, so the HTTP endpoint and other frameworks run without it', () => {
		expect(importsOf('core').filter((edge) => edge.target === 'discord.js')).toEqual([]);
	});

	it('src/store sits on nothing but the logger shape: no core, transport, tool or config', () => {
		const ours = importsOf('store').filter(
			(edge) =>
				edge.target.startsWith('src/') &&
				!edge.target.startsWith('src/store/') &&
				edge.target !== 'src/log-core.ts',
		);
		expect(ours).toEqual([]);
	});

	it('src/i18n depends on nothing of ours', () => {
		expect(
			importsOf('i18n').filter((edge) => edge.target.startsWith('src/') && !edge.target.startsWith('src/i18n/')),
		).toEqual([]);
	});

	it('the local Discord is a Discord, not a client of ours: it imports neither the core nor a transport', () => {
		const ours = importsOf('local-discord').filter(
			into(['core', 'gateway', 'http', 'sandbox', 'tools', 'discord', 'config']),
		);
		expect(ours).toEqual([]);
	});
});
