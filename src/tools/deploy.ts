/**
 * `npm run deploy`: registers the commands in `commands/` by bulk overwrite, in
 * `DISCORD_GUILD_ID` when set (instant), else globally. Fetches what is registered first and
 * writes only when something changed. `--dry-run` prints the JSON and touches nothing.
 */
import { pathToFileURL } from 'node:url';
import { REST } from '@discordjs/rest';
import { type APIApplicationCommand, type RESTPutAPIApplicationCommandsJSONBody, Routes } from 'discord-api-types/v10';
import { loadConfigOrReport } from '../config.js';
import { restOptions } from '../discord/rest.js';
import { loadCommands } from '../gateway/command-loader.js';
import { describeDiff, diffCommands, isEmptyDiff } from './command-diff.js';

/** Runs deploy; resolves to the exit code. `print` receives each output line. */
export async function deploy(
	argv: readonly string[],
	print: (line: string) => void = console.log,
	env?: NodeJS.ProcessEnv,
): Promise<number> {
	const dryRun = argv.includes('--dry-run');
	const config = loadConfigOrReport(dryRun ? [] : ['token', 'applicationId'], print, env);
	if (!config) return 1;
	const commands = await loadCommands();
	const body: RESTPutAPIApplicationCommandsJSONBody = [...commands.values()].map((command) => command.data);
	if (dryRun) {
		print(JSON.stringify(body, null, 2));
		return 0;
	}

	const rest = new REST(restOptions({ api: config.apiUrl, globalRequestsPerSecond: config.restGlobalRps })).setToken(
		config.token,
	);
	const route = config.guildId
		? Routes.applicationGuildCommands(config.applicationId, config.guildId)
		: Routes.applicationCommands(config.applicationId);
	const where = config.guildId ? `server ${config.guildId}` : 'all servers (global)';
	try {
		// Without with_localizations Discord leaves the *_localizations out, and every run would
		// look like a change.
		const registered = (await rest.get(route, {
			query: new URLSearchParams({ with_localizations: 'true' }),
		})) as APIApplicationCommand[];
		const diff = diffCommands(body, registered);
		if (isEmptyDiff(diff)) {
			print(`Commands in ${where} are up to date; nothing written.`);
			return 0;
		}
		for (const line of describeDiff(diff)) print(line);
		await rest.put(route, { body });
		print(
			`Registered ${body.length} command(s) in ${where}.${config.guildId ? '' : ' Global commands can take a moment to show up in clients.'}`,
		);
		return 0;
	} catch (error) {
		const status = (error as { status?: number }).status;
		if (status === 401)
			print('Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (Bot → Reset Token).');
		else if (status === 403 || status === 404)
			print(
				`Discord refused (HTTP ${status}): check DISCORD_APPLICATION_ID${config.guildId ? ' and that the bot is in DISCORD_GUILD_ID' : ''}.`,
			);
		else print(`Deploy failed: ${(error as Error).message}`);
		return 1;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
	process.exitCode = await deploy(process.argv.slice(2));
