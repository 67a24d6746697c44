/**
 * The sandbox's command line: try `/invite` with no Discord account. Starts the local Discord with a
 * seeded server, logs the bot into it and opens a prompt where you type slash commands as
 * in Discord. `--script '/invite …'` (repeatable) runs commands and exits; `--json` prints
 * one JSON object per command.
 */
import { type Completer, createInterface, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Locale } from 'discord-api-types/v10';
import { INTERACTIONS_PATH } from '../http/handler.js';
import { MESSAGES } from '../i18n/index.js';
import { renderComponents, renderContent, type TerminalStyle } from './render.js';
import { type CommandResult, Sandbox } from './session.js';

const HELP = `Type slash commands as in Discord, for example:
  /invite
  /invite expires:1h max_uses:5 channel:#general
  /invite channel:#voice stream_user:@streamer
  /invite role:@member as:@moderator        (as: acts as another member)
  /invite as:@guest                         (a member without Create Invite)
  /invite expires:"1 week" reason:"raid cleanup" channel:#announcements
  /invite channel:#voice activity:"Watch Together"   (Tab lists Discord's Activities)
  /invite role:@member more_roles:"@helper @moderator" as:@owner   (several roles)
  /invite users:"@alice @bob" as:@admin     (only these people can accept it)
  /invite users_file:./list.csv as:@admin   (a CSV of user ids, uploaded as Discord would)
  /invites list                             (your invites made with /invite; member:@x as:@admin for another's)
  /invites revoke code:AbCd reason:"leaked" (or member:@member as:@admin: all of theirs)
  /click Revoke                             (clicks a button of the last reply by its label; as:@x clicks as x)
  /click Next                               (turns the page of the last /invites list)
Values with spaces go in quotes. Tab completes option names, names of channels, roles and
members, and asks the bot for expires and activity suggestions (activity lists Discord's own
Activities by name; an application id works too).
Commands: help, members, channels, roles, exit (or Ctrl-D).`;

export interface SandboxCli {
	http: boolean;
	/** Drive a bot started separately against this local Discord. */
	external: boolean;
	port: number | undefined;
	endpoint: string | undefined;
	json: boolean;
	scripts: string[];
	locale: string;
	as: string;
	channel: string;
	color: boolean;
}

/** A command line the sandbox cannot read; the message says why. */
export class UsageError extends Error {}

const USAGE =
	"npm run -s sandbox [-- --http | --external [--port 8080] [--endpoint URL]] [--script '/invite …']… [--json] [--locale de] [--as member] [--channel general] [--no-color]";

/** A Discord locale code in its proper case (`es-419`, `zh-CN`), or undefined when Discord has none such. */
export function discordLocale(text: string): string | undefined {
	return Object.values(Locale).find((locale) => locale.toLowerCase() === text.toLowerCase());
}

/** Whether the text is an http: or https: URL (`--endpoint`). */
function isHttpUrl(text: string): boolean {
	try {
		return /^https?:$/.test(new URL(text).protocol);
	} catch {
		return false;
	}
}

/** node:util parseArgs over the sandbox flags; its errors become a UsageError. */
function readFlags(argv: readonly string[]) {
	try {
		return parseArgs({
			args: [...argv],
			options: {
				http: { type: 'boolean', default: false },
				external: { type: 'boolean', default: false },
				port: { type: 'string' },
				endpoint: { type: 'string' },
				json: { type: 'boolean', default: false },
				script: { type: 'string', multiple: true, default: [] },
				locale: { type: 'string', default: 'en-US' },
				as: { type: 'string', default: 'member' },
				channel: { type: 'string', default: 'general' },
				'no-color': { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
			},
			strict: true,
		});
	} catch (error) {
		throw new UsageError(`${(error as Error).message}\nUsage: ${USAGE}`);
	}
}

/** Reads the sandbox's flags. Throws a UsageError for anything it cannot use. */
export function parseCli(argv: readonly string[]): SandboxCli & { help: boolean } {
	const { values } = readFlags(argv);
	const port = values.port === undefined ? undefined : Number(values.port);
	if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535))
		throw new UsageError(`--port takes a port number, not "${values.port}"`);
	if (values.endpoint !== undefined && !values.external)
		throw new UsageError('--endpoint goes with --external (your own HTTP endpoint)');
	if (values.endpoint !== undefined && !isHttpUrl(values.endpoint))
		throw new UsageError(
			`--endpoint takes the endpoint's URL, e.g. http://127.0.0.1:3000${INTERACTIONS_PATH}, not "${values.endpoint}"`,
		);
	const locale = discordLocale(values.locale ?? 'en-US');
	if (!locale)
		throw new UsageError(
			`"${values.locale}" is not a Discord locale. Discord's locales: ${Object.values(Locale).join(', ')}`,
		);
	return {
		help: values.help ?? false,
		http: values.http ?? false,
		external: values.external ?? false,
		port,
		endpoint: values.endpoint,
		json: values.json ?? false,
		scripts: values.script ?? [],
		locale,
		as: (values.as ?? 'member').replace(/^@/, ''),
		channel: (values.channel ?? 'general').replace(/^#/, ''),
		color: !values['no-color'] && !values.json && !process.env.NO_COLOR,
	};
}

/** The result as one JSON-ready object. */
export function resultJson(result: CommandResult): Record<string, unknown> {
	return {
		input: result.input,
		user: result.user,
		channel: result.channel,
		ok: result.ok,
		...(result.problem ? { problem: result.problem } : {}),
		outcome: result.outcome ?? null,
		reply: result.reply
			? { content: result.reply.content, flags: result.reply.flags, components: result.reply.components }
			: null,
		deferred: result.deferred,
		requests: result.requests.map((request) => ({
			method: request.method,
			path: request.path,
			status: request.status,
			body: request.body,
			...(request.form?.files.length
				? {
						files: request.form.files.map((file) => ({
							field: file.field,
							filename: file.filename,
							text: file.text,
						})),
					}
				: {}),
			...(request.auditLogReason !== undefined ? { auditLogReason: request.auditLogReason } : {}),
			response: request.response,
		})),
		latencyMs: { firstResponse: result.firstResponseMs ?? null, total: result.totalMs ?? null },
	};
}

/** The result as a person reads it: the ephemeral reply, the requests, the timing. */
export function resultText(result: CommandResult, sandbox: Pick<Sandbox, 'names'>, style: TerminalStyle): string {
	const dim = (text: string) => (style.color ? `\u001b[2m${text}\u001b[0m` : text);
	const lines: string[] = [];
	if (result.problem && !result.reply) return `  ${result.problem}\n`;
	if (result.reply) {
		const ephemeral = ((result.reply.flags ?? 0) & 64) === 64;
		lines.push(dim(`  ┌ ${ephemeral ? 'Only you can see this' : 'Visible to everyone'}`));
		for (const line of renderContent(result.reply.content ?? '', sandbox.names, style).split('\n'))
			lines.push(`  │ ${line}`);
		for (const line of renderComponents(result.reply.components, style)) lines.push(`  │ ${line}`);
		lines.push(dim('  └'));
	}
	for (const request of result.requests) {
		lines.push(dim(`  → ${request.method} ${request.path}  ${request.status || '(no answer)'}`));
		if (request.form) lines.push(dim('    multipart/form-data'));
		if (request.body !== undefined)
			lines.push(dim(`    ${request.form ? 'payload_json: ' : ''}${JSON.stringify(request.body)}`));
		for (const file of request.form?.files ?? []) {
			const rows = file.text.split('\n').filter((row) => row !== '');
			const shown = rows.length > 6 ? [...rows.slice(0, 5), `… (${rows.length - 5} more lines)`] : rows;
			lines.push(dim(`    ${file.field} (${file.filename}, ${file.contentType}): ${shown.join(' | ')}`));
		}
		if (request.auditLogReason !== undefined) lines.push(dim(`    X-Audit-Log-Reason: ${request.auditLogReason}`));
	}
	if (result.requests.length === 0 && result.reply)
		lines.push(dim('  → no request to Discord (refused before calling it)'));
	if (result.firstResponseMs !== undefined) {
		const how = result.deferred ? `deferred, then edited after ${result.totalMs ?? '?'} ms` : 'inline';
		lines.push(dim(`  ⏱ answered in ${result.firstResponseMs} ms (${how})`));
	}
	if (result.problem) lines.push(`  ${result.problem}`);
	return `${lines.join('\n')}\n`;
}

/** Runs the sandbox CLI; resolves to the exit code. */
export async function runCli(
	argv: readonly string[],
	io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
		input: process.stdin,
		output: process.stdout,
	},
): Promise<number> {
	let cli: ReturnType<typeof parseCli>;
	try {
		cli = parseCli(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.output.write(`${error.message}\n`);
		return 2;
	}
	if (cli.help) {
		io.output.write(`Usage: ${USAGE}\n\n${HELP}\n`);
		return 0;
	}
	if (!MESSAGES[cli.locale as Locale])
		io.output.write(`(no translation for ${cli.locale} yet: replies fall back to English)\n`);
	const style: TerminalStyle = {
		color: cli.color && (io.output as { isTTY?: boolean }).isTTY === true,
		locale: cli.locale,
	};
	const sandbox = await Sandbox.start({
		transport: cli.external ? 'external' : cli.http ? 'http' : 'gateway',
		port: cli.port,
		endpoint: cli.endpoint,
		locale: cli.locale,
		user: cli.as,
		channel: cli.channel,
	});
	if (cli.external) io.output.write(externalHelp(sandbox, cli.endpoint));
	const print = (text: string) => io.output.write(text);
	try {
		if (cli.scripts.length > 0) {
			let failures = 0;
			for (const line of cli.scripts) {
				const result = await sandbox.run(line);
				if (!result.ok) failures += 1;
				if (cli.json) print(`${JSON.stringify(resultJson(result))}\n`);
				else print(`${result.user} › ${line}\n${resultText(result, sandbox, style)}\n`);
			}
			return failures > 0 ? 1 : 0;
		}
		await prompt(sandbox, cli, style, io.input, io.output);
		return 0;
	} finally {
		await sandbox.close();
	}
}

/** The interactive prompt. Resolves on `exit` or end of input. */
export async function prompt(
	sandbox: Sandbox,
	cli: SandboxCli,
	style: TerminalStyle,
	input: NodeJS.ReadableStream = process.stdin,
	output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
	let rl: Interface | undefined;
	const completer: Completer = ((typed: string, callback: (error: null, result: [string[], string]) => void) => {
		// A Tab that arrives with other keys at once (pasted, or typed while the previous
		// completion was under way) is inserted as a character: take it out of the line, or it
		// reads as a space and the next Tab lists option names instead of the value's choices.
		const line = typed.replace(/\t/g, '');
		if (line !== typed && rl) {
			rl.write(null, { ctrl: true, name: 'u' });
			rl.write(line);
		}
		sandbox
			.complete(line)
			.then((hits) => {
				const word = /\S*$/.exec(line)?.[0] ?? '';
				const valueStart = word.includes(':') ? word.slice(word.indexOf(':') + 1) : word;
				callback(null, [
					hits,
					word.includes(':') && !hits.some((hit) => hit.endsWith(':')) ? valueStart : word,
				]);
			})
			.catch(() => callback(null, [[], line]));
	}) as unknown as Completer;
	const terminal = (output as { isTTY?: boolean }).isTTY === true;
	rl = createInterface({ input, output, completer, terminal, historySize: 100 });
	const write = (text: string) => output.write(text);
	const bot = { gateway: 'bot over the gateway', http: 'bot as the HTTP endpoint', external: 'your own bot' }[
		sandbox.options.transport
	];
	write(`Local Discord sandbox: server "${sandbox.discord.guild.info.name}", ${bot}, locale ${cli.locale}.\n`);
	write(`You are @${cli.as} in #${cli.channel}. Type help for examples, exit to quit.\n\n`);
	rl.setPrompt(`${cli.as} › `);
	// Piped input ends before its buffered lines are read: Node 24 throws on a prompt after that.
	let closed = false;
	rl.once('close', () => {
		closed = true;
	});
	const again = () => {
		if (!closed) rl.prompt();
	};
	again();
	let lines = 0;
	for await (const raw of rl) {
		lines += 1;
		const line = raw.trim();
		// Piped input is not echoed by readline: show what was "typed", as a transcript.
		if (!terminal) write(`${raw}\n`);
		if (line === 'exit' || line === 'quit') break;
		if (line === '') {
			again();
			continue;
		}
		if (line === 'help') write(`${HELP}\n`);
		else if (line === 'members')
			write(
				`${sandbox
					.memberNames()
					.map((name) => `@${name}`)
					.join('  ')}\n`,
			);
		else if (line === 'channels')
			write(`${sandbox.discord.guild.channels.map((channel) => `#${channel.name}`).join('  ')}\n`);
		// @everyone's name already starts with its @.
		else if (line === 'roles')
			write(`${sandbox.discord.guild.roles.map((role) => `@${role.name.replace(/^@/, '')}`).join('  ')}\n`);
		else {
			const result = await sandbox.run(line);
			write(resultText(result, sandbox, style));
		}
		again();
	}
	rl.close();
	// Started without a terminal and given nothing to type (an IDE task, a CI log): show a few
	// commands rather than nothing.
	if (!terminal && lines === 0) {
		write(`(no input: running a short demo; type commands at a terminal, or use --script)\n\n`);
		for (const line of DEMO) {
			write(`${cli.as} › ${line}\n`);
			write(resultText(await sandbox.run(line), sandbox, style));
		}
	}
	write('\n');
}

/** What the sandbox shows when started with no terminal and no input. */
const DEMO = ['/invite expires:1h max_uses:5', '/invite channel:#voice stream_user:@streamer', '/invite as:@guest'];

/**
 * What a bot needs to run against this local Discord: the variables with their real values,
 * ready to paste into a POSIX shell (`npm start`, or `npm run serve` for `--endpoint`), and the
 * Client option a discord.js bot of your own needs to read `DISCORD_API_URL`.
 */
export function externalHelp(sandbox: Pick<Sandbox, 'discord'>, endpoint: string | undefined): string {
	const { discord } = sandbox;
	const env = `DISCORD_API_URL=${discord.apiUrl} DISCORD_TOKEN=${discord.token} DISCORD_APPLICATION_ID=${discord.applicationId}`;
	const rest = `rest: { api: process.env.DISCORD_API_URL ?? 'https://discord.com/api' }`;
	const fallback =
		'  (the fallback keeps it on Discord when the variable is unset; without one, client.rest.options.api is undefined)';
	const usersInvites =
		'For a users: invite, the sandbox shows the reply your bot edits it into once Discord has processed the list.';
	if (endpoint) {
		const url = new URL(endpoint);
		const port = url.port || (url.protocol === 'https:' ? '443' : '80');
		const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
		return [
			`Local Discord at ${discord.apiUrl}. Interactions are signed with its key and POSTed to ${endpoint}.`,
			"Start this project's endpoint in another terminal with:",
			`  ${env} DISCORD_PUBLIC_KEY=${discord.publicKey} HOST=${host} PORT=${port} npm run serve`,
			...(url.pathname === INTERACTIONS_PATH
				? []
				: [
						`  (npm run serve answers on ${INTERACTIONS_PATH}: use --endpoint http://${url.host}${INTERACTIONS_PATH})`,
					]),
			'An endpoint of your own: verify requests with DISCORD_PUBLIC_KEY and call the REST API at DISCORD_API_URL,',
			`with @discordjs/rest: new REST({ api: process.env.DISCORD_API_URL ?? 'https://discord.com/api' }).setToken(process.env.DISCORD_TOKEN)`,
			usersInvites,
			'',
			'',
		].join('\n');
	}
	return [
		`Local Discord at ${discord.apiUrl} (its gateway, ${discord.gatewayUrl}, comes from GET /gateway/bot: nothing to set for it).`,
		"Start this project's bot in another terminal with:",
		`  ${env} npm start`,
		'A discord.js bot of your own takes the same variables (build it first if it runs dist/), with this Client option:',
		`  new Client({ intents: [GatewayIntentBits.Guilds], ${rest} })`,
		fallback,
		'  and logs in with client.login(process.env.DISCORD_TOKEN).',
		`Then type commands here once it is ready. ${usersInvites}`,
		'',
		'',
	].join('\n');
}
