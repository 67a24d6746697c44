/**
 * The gateway bot's commands: every file in `commands/` (at the project root) default-exports
 * one pipeline command module (`SlashCommand`, src/pipeline/command.ts), registered by
 * `npm run deploy` and served by `npm start`. A file that exports anything else stops the bot
 * at start with its name, not at the first interaction.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SlashCommand } from '../pipeline/command.js';
import { BUNDLED_COMMANDS, type BundledCommandFile } from './bundled-commands.js';

/** The folder the bot loads commands from (`commands/` at the project root). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A command as the loader accepts it: a pipeline command module. */
export type LoadedCommand = SlashCommand<unknown, unknown>;

/** Which files of a folder are command modules: TypeScript or JavaScript, not declarations. */
export const isCommandFile = (file: string): boolean => /\.(?:ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts');

/**
 * The commands of `dir` (default `commands/`; from the bundle, the files it was built with),
 * keyed by name. Rejects, naming the file, when a default export is not a command module or
 * two files register the same name.
 */
export async function loadCommands(dir?: string): Promise<Map<string, LoadedCommand>> {
	const files = dir === undefined && BUNDLED_COMMANDS ? BUNDLED_COMMANDS : await importFolder(dir ?? COMMANDS_DIR);
	const commands = new Map<string, LoadedCommand>();
	const fileOf = new Map<string, string>();
	for (const { file, module } of files) {
		const command = asCommand(module.default, file);
		const name = command.data.name;
		const other = fileOf.get(name);
		if (other) throw new Error(`commands/${file} and commands/${other} both register /${name}`);
		fileOf.set(name, file);
		commands.set(name, command);
	}
	return commands;
}

async function importFolder(dir: string): Promise<BundledCommandFile[]> {
	const files = (await readdir(dir)).filter(isCommandFile).sort();
	const loaded: BundledCommandFile[] = [];
	for (const file of files)
		loaded.push({ file, module: (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown } });
	return loaded;
}

/** The default export of `file` as a command module, or an error that says what is wrong with it. */
function asCommand(value: unknown, file: string): LoadedCommand {
	const shape =
		'export default a pipeline command module ({ data, read, execute }, a SlashCommand of src/pipeline/command.ts, e.g. `invite` of src/commands/invite.ts)';
	if (typeof value !== 'object' || value === null) throw new Error(`commands/${file} must ${shape}`);
	const command = value as Partial<Record<keyof LoadedCommand, unknown>>;
	const data = command.data as { name?: unknown } | undefined;
	const missing = [
		...(typeof data?.name === 'string' && data.name ? [] : ['data.name']),
		...(typeof command.read === 'function' ? [] : ['read()']),
		...(typeof command.execute === 'function' ? [] : ['execute()']),
	];
	if (missing.length === 0) return value as LoadedCommand;
	// The discord.js guide's shape (what `createInviteCommand()` builds) is for other bots.
	const guide =
		typeof command.execute === 'function' && typeof command.read !== 'function'
			? ' It looks like a discord.js guide command (data, execute(interaction)): those are for discord.js bots; this bot takes the pipeline module it is built on.'
			: '';
	throw new Error(`commands/${file} must ${shape}; it lacks ${missing.join(', ')}.${guide}`);
}
