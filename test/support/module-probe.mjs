// Preloaded with `node --import ./test/support/module-probe.mjs`: when the process exits, writes
// one line to stderr, `module-probe: {"discord.js":[...],...}`, naming every module it loaded
// from each package of PROBE_PACKAGES (comma-separated, default discord.js). Two views, so
// neither kind of module slips by: ES modules through a resolve hook (module.register; it runs
// off the main thread and reports through a port), CommonJS through require.cache (discord.js
// is CommonJS: its files are there whether imported or required).

import { writeSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const packages = (process.env.PROBE_PACKAGES ?? 'discord.js').split(',').filter(Boolean);
const resolved = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => resolved.add(String(url)));
port1.unref();
register('./module-probe-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

process.on('exit', () => {
	const loaded = [...resolved, ...Object.keys(createRequire(import.meta.url).cache)];
	const found = Object.fromEntries(
		packages.map((name) => [name, [...new Set(loaded.filter((path) => path.includes(`/node_modules/${name}/`)))]]),
	);
	writeSync(2, `module-probe: ${JSON.stringify(found)}\n`);
});
