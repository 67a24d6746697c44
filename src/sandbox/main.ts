/**
 * `npm run sandbox`: try `/invite` with no Discord account (see cli.ts).
 */
import { runCli } from './cli.js';

// `npm run sandbox | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

try {
	process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`sandbox failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
}
