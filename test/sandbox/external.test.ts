/**
 * `npm run sandbox -- --external [--endpoint URL]`: what its banner prints is pasted as a
 * person would paste it (the variables line into a shell, the Client option into a discord.js
 * bot of their own), and the bot or endpoint it starts answers `/invite` at the sandbox.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERACTIONS_PATH } from '../../src/http/handler.js';
import { externalHelp, runCli } from '../../src/sandbox/cli.js';
import { Sandbox } from '../../src/sandbox/session.js';
import { freePort } from '../support/free-port.js';

/** A clean environment: no .env file, nothing of the developer's own Discord settings, a ledger in memory (never ./data). */
const cleanEnv = (): NodeJS.ProcessEnv => ({
	PATH: process.env.PATH,
	HOME: process.env.HOME,
	DOTENV_CONFIG_PATH: '/nonexistent/.env',
	DATABASE_URL: 'sqlite::memory:',
});

/** What a child printed, and a way to wait for a line of it. */
interface Child {
	process: ChildProcess;
	output(): string;
	waitFor(text: string, timeoutMs?: number): Promise<void>;
}

const children = new Set<ChildProcess>();
const sandboxes = new Set<Sandbox>();
afterEach(async () => {
	// Each child leads its own process group (npm -> sh -> node): stop the whole group.
	await Promise.all(
		[...children].map(
			(child) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null || child.signalCode !== null) return resolve();
					child.once('exit', () => resolve());
					process.kill(-(child.pid as number), 'SIGTERM');
					setTimeout(() => {
						try {
							process.kill(-(child.pid as number), 'SIGKILL');
						} catch {}
					}, 5_000).unref();
				}),
		),
	);
	children.clear();
	await Promise.all([...sandboxes].map((sandbox) => sandbox.close()));
	sandboxes.clear();
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Child {
	const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	children.add(child);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	return {
		process: child,
		output: () => output,
		waitFor: async (text, timeoutMs = 30_000) => {
			const until = Date.now() + timeoutMs;
			while (!output.includes(text)) {
				if (Date.now() > until || child.exitCode !== null)
					throw new Error(`no "${text}" from the child; it printed:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
	};
}

/** The banner's paste-ready line that ends in `npm ...`: its variables, and the whole line. */
function pasteLine(banner: string, command: string): { line: string; variables: Record<string, string> } {
	const line = banner
		.split('\n')
		.map((text) => text.trim())
		.find((text) => text.endsWith(command));
	expect(line, banner).toBeDefined();
	const variables = Object.fromEntries(
		[...(line as string).matchAll(/(?:^|\s)([A-Z_]+)=(\S+)/g)].map((match) => [match[1], match[2]]),
	) as Record<string, string>;
	return { line: line as string, variables };
}

async function external(endpoint?: string, targetUsersJobMs?: number): Promise<Sandbox> {
	const sandbox = await Sandbox.start({ transport: 'external', endpoint, targetUsersJobMs });
	sandboxes.add(sandbox);
	return sandbox;
}

describe('npm run sandbox -- --external', () => {
	it('prints a line that, pasted into a shell, starts `npm start` against it; a users: invite shows the reply the bot edits it into', async () => {
		// Discord takes a while with the list: the bot answers first, and edits its reply when it is done.
		const sandbox = await external(undefined, 2_500);
		const banner = externalHelp(sandbox, undefined);
		const { line, variables } = pasteLine(banner, 'npm start');
		expect(variables).toEqual({
			DISCORD_API_URL: sandbox.discord.apiUrl,
			DISCORD_TOKEN: sandbox.discord.token,
			DISCORD_APPLICATION_ID: sandbox.discord.applicationId,
		});
		run('sh', ['-c', line], cleanEnv());
		await sandbox.discord.ready(45_000);
		const result = await sandbox.run('/invite users:"@alice @bob" as:@owner');
		expect(result.ok).toBe(true);
		expect(result.reply?.content).toContain('Only these 2 people can accept it');
		expect(result.reply?.content).toContain('Discord has processed the list: 2 people can accept this invite.');
		expect(result.reply?.content).not.toContain('Discord is processing the list');
	}, 60_000);

	it('prints the Client option a discord.js bot of its own needs; pasted into one, with the variables, the bot answers', async () => {
		const sandbox = await external();
		const banner = externalHelp(sandbox, undefined);
		const client = /new Client\(\{.*\}\)/.exec(banner)?.[0];
		expect(client).toBe(
			"new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL ?? 'https://discord.com/api' } })",
		);
		const discordJs = pathToFileURL(createRequire(import.meta.url).resolve('discord.js')).href;
		const dir = await mkdtemp(join(tmpdir(), 'sandbox-own-bot-'));
		try {
			const bot = join(dir, 'bot.mjs');
			await writeFile(
				bot,
				[
					`import { Client, GatewayIntentBits, MessageFlags } from '${discordJs}';`,
					`const client = ${client};`,
					"client.on('interactionCreate', (interaction) => {",
					'\tif (interaction.isChatInputCommand())',
					"\t\tvoid interaction.reply({ content: 'answered through ' + client.rest.options.api, flags: MessageFlags.Ephemeral });",
					'});',
					'await client.login(process.env.DISCORD_TOKEN);',
				].join('\n'),
			);
			const { variables } = pasteLine(banner, 'npm start');
			run(process.execPath, [bot], { ...cleanEnv(), ...variables });
			await sandbox.discord.ready(30_000);
			const result = await sandbox.run('/invite');
			expect(result.reply?.content).toBe(`answered through ${sandbox.discord.apiUrl}`);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('prints a line that, pasted into a shell, starts `npm run serve` on the --endpoint port', async () => {
		const port = await freePort();
		const endpoint = `http://127.0.0.1:${port}${INTERACTIONS_PATH}`;
		const sandbox = await external(endpoint);
		const banner = externalHelp(sandbox, endpoint);
		expect(banner).not.toContain('<port');
		const { line, variables } = pasteLine(banner, 'npm run serve');
		expect(variables).toMatchObject({
			HOST: '127.0.0.1',
			PORT: String(port),
			DISCORD_PUBLIC_KEY: sandbox.discord.publicKey,
		});
		const serve = run('sh', ['-c', line], cleanEnv());
		await serve.waitFor(`listening on http://127.0.0.1:${port}${INTERACTIONS_PATH}`, 45_000);
		const result = await sandbox.run('/invite expires:2h');
		expect(result).toMatchObject({ ok: true, requests: [expect.objectContaining({ body: { max_age: 7_200 } })] });
		expect(result.reply?.content).toContain('https://discord.gg/');
	}, 60_000);

	it('says where npm run serve answers when --endpoint names another path, and refuses an --endpoint that is not a URL', async () => {
		const sandbox = await external('http://localhost:3000/discord');
		const banner = externalHelp(sandbox, 'http://localhost:3000/discord');
		expect(pasteLine(banner, 'npm run serve').variables).toMatchObject({ HOST: 'localhost', PORT: '3000' });
		expect(banner).toContain(
			`npm run serve answers on ${INTERACTIONS_PATH}: use --endpoint http://localhost:3000${INTERACTIONS_PATH}`,
		);
		const output = new PassThrough();
		let printed = '';
		output.on('data', (chunk: Buffer) => {
			printed += chunk.toString();
		});
		expect(await runCli(['--external', '--endpoint', '3000'], { input: new PassThrough(), output })).toBe(2);
		expect(printed).toContain("--endpoint takes the endpoint's URL");
	});
});
