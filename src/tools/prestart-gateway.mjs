// `prestart` and `prestart:sharded`: rebuilds the gateway bot's bundle (dist/bundle/gateway/,
// what `npm start` and `npm run start:sharded` run: compiled JavaScript, no tsx at run time)
// when a source is newer than it, and does nothing otherwise (a few milliseconds of stat
// calls). Plain JavaScript, so that the check itself needs no tsx; the build does
// (src/tools/build-bundle.ts, about 2 s).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUTS = ['main.mjs', 'sharded.mjs', 'shard-worker.mjs'].map((file) => join(ROOT, 'dist/bundle/gateway', file));
/** What the bundle is built from: our sources and commands, and the installed packages (the lock file). */
const SOURCES = ['src', 'commands', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The newest modification time under `path` (a file, or a folder and everything in it). */
function newest(path) {
	const stat = statSync(path, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

const built = Math.min(...OUTPUTS.map((file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0));
const changed = Math.max(...SOURCES.map((source) => newest(join(ROOT, source))));
if (built < changed) {
	process.stderr.write('Building the gateway bot (dist/bundle/gateway/): a source changed since the last build.\n');
	const { status } = spawnSync(process.execPath, ['--import', 'tsx', 'src/tools/build-bundle.ts', 'gateway'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	process.exitCode = status ?? 1;
}
