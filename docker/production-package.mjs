// The image's package.json: the package's own dependencies, plus what the programs import
// beyond the library (prom-client is an optional peer of the package; dotenv,
// ioredis and undici, the programs' keep-alive pool in src/discord/pool.ts, development
// dependencies of it), at the ranges package.json gives, so that
// `npm ci --omit=dev` installs them at the versions the lock file pins. Run in the directory
// holding package.json (the Dockerfile's deps stage, and test/package/docker-image.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';

/** What `serve`, `start`, `start:sharded` and `deploy` import at run time besides the package's dependencies. */
// No discord.js: the programs run on @discordjs/ws and @discordjs/rest (it is the drop-in command's peer).
const RUNTIME_EXTRAS = ['prom-client', 'dotenv', 'ioredis', 'undici'];

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const name of RUNTIME_EXTRAS) {
	const range = pkg.devDependencies?.[name] ?? pkg.peerDependencies?.[name];
	if (!range) throw new Error(`${name} is in neither devDependencies nor peerDependencies of package.json`);
	pkg.dependencies[name] = range;
	delete pkg.devDependencies?.[name];
	delete pkg.peerDependencies?.[name];
	delete pkg.peerDependenciesMeta?.[name];
}
writeFileSync('package.json', `${JSON.stringify(pkg, null, '\t')}\n`);
