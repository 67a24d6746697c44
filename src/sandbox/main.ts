/**
 * `npm run sandbox`: try `/invite` with no Discord account (see cli.ts).
 */
import { runCli } from './cli.js';

try {
	process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`sandbox failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
}
