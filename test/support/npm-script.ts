/**
 * An npm script's command as npm runs it, without npm in the way: its `pre` script first (a
 * build, when the script has one), then the script's `exec node ...` line as a child process,
 * with extra node flags in front of its own (a preloaded probe).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The scripts of package.json. */
export const scripts = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> })
	.scripts;

/** Runs `pre<script>` when package.json has one, as npm does before `<script>`. */
export function runPreScript(script: string, env: NodeJS.ProcessEnv = process.env): void {
	const pre = scripts[`pre${script}`];
	if (pre)
		execFileSync('sh', ['-c', pre], { cwd: ROOT, env: { ...env, PATH: `${ROOT}node_modules/.bin:${env.PATH}` } });
}

/** The node arguments of `script` (`exec node <args>`); throws for a script that does not exec node. */
export function nodeArguments(script: string): string[] {
	const [command, ...args] = (scripts[script] ?? '').replace(/^exec /, '').split(' ');
	if (command !== 'node') throw new Error(`npm run ${script} does not exec node: ${scripts[script]}`);
	return args;
}

/** Starts `script`'s node process (after its pre script), `flags` before its own arguments. */
export function startScript(script: string, env: NodeJS.ProcessEnv, flags: string[] = [], args: string[] = []) {
	runPreScript(script, env);
	const child = spawn(process.execPath, [...flags, ...nodeArguments(script), ...args], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, exited, stdout: () => stdout, stderr: () => stderr };
}
