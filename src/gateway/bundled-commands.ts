/**
 * The command modules of `commands/`, when the gateway bot runs from its bundle
 * (src/tools/build-bundle.ts replaces this module with one that imports every file there,
 * read at build time). From the sources or a tsc build: none, and the loader reads the folder.
 */

/** One file of `commands/` and what it exports. */
export interface BundledCommandFile {
	file: string;
	module: { default?: unknown };
}

export const BUNDLED_COMMANDS: readonly BundledCommandFile[] | undefined = undefined;
