import { readdir, stat } from 'node:fs/promises';
import { type Command, predicate } from '../commands/index.js';

/** The template's loader: every module of the folder whose default export is a command. */
export async function loadCommands(dir: URL): Promise<Map<string, Command>> {
	const commands = new Map<string, Command>();
	for (const file of await readdir(dir)) {
		const url = new URL(file, dir);
		if ((await stat(url)).isDirectory() || file === 'index.js' || !file.endsWith('.js')) continue;
		const structure: unknown = (await import(url.href)).default;
		if (predicate(structure)) commands.set(structure.data.name, structure);
	}
	return commands;
}
