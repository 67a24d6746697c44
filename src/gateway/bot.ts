/**
 * The gateway bot: a discord.js Client with only the Guilds intent and caches cut to what
 * `/invite` reads, and a dispatcher that routes chat-input and autocomplete interactions to
 * the commands in `commands/`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	Client,
	type ClientOptions,
	Events,
	GatewayIntentBits,
	type Interaction,
	MessageFlags,
	Options,
} from 'discord.js';
import { OAuth2Routes, OAuth2Scopes, PermissionFlagsBits } from 'discord-api-types/v10';
import { restOptions } from '../discord/rest.js';
import { type Logger, silentLogger } from '../log.js';
import type { GuideCommand } from './command.js';

/** The folder the bot loads commands from (`commands/` at the project root). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A command module as the loader accepts it: the guide shape, autocomplete optional. */
export type LoadedCommand = Pick<GuideCommand, 'data' | 'execute'> & Partial<Pick<GuideCommand, 'autocomplete'>>;

/** Imports every command module in `dir` (default export `{ data, execute }`), keyed by name. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, LoadedCommand>> {
	const commands = new Map<string, LoadedCommand>();
	const files = (await readdir(dir))
		.filter((file) => /\.(?:ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'))
		.sort();
	for (const file of files) {
		const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: Partial<LoadedCommand> };
		const command = module.default;
		if (!command?.data?.name || typeof command.execute !== 'function')
			throw new Error(`${file} does not export default { data, execute }`);
		commands.set(command.data.name, command as LoadedCommand);
	}
	return commands;
}

/** Permissions `/invite` needs: Create Invite and View Channel; Manage Roles for `role`. */
export const BOT_PERMISSIONS = PermissionFlagsBits.CreateInstantInvite | PermissionFlagsBits.ViewChannel;
export const BOT_PERMISSIONS_WITH_ROLES = BOT_PERMISSIONS | PermissionFlagsBits.ManageRoles;

/** The URL that adds the bot to a server, with its slash commands. */
export function addToServerUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
	const url = new URL(OAuth2Routes.authorizationURL);
	url.searchParams.set('client_id', applicationId);
	url.searchParams.set('scope', [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '));
	url.searchParams.set('permissions', permissions.toString());
	url.searchParams.set('integration_type', '0');
	return url.toString();
}

export interface BotOptions {
	/** @discordjs/rest's `api` (base URL without the version). */
	apiUrl?: string | undefined;
	/** Global REST cap, requests per second (`DISCORD_REST_GLOBAL_RPS`); 0 = off. Default 50. */
	restGlobalRps?: number | undefined;
	/**
	 * Shards this process runs, all of them (`SHARD_COUNT`: a number, or `auto` for Discord's
	 * recommendation). Default one. Ignored under discord.js's ShardingManager, which tells
	 * each process its shards.
	 */
	shardCount?: number | 'auto' | undefined;
	commands: Map<string, LoadedCommand>;
	logger?: Logger | undefined;
}

/** A Client that keeps only what `/invite` reads: guilds, channels, roles, and the bot's own member. */
export function createClient(options: Pick<BotOptions, 'apiUrl' | 'restGlobalRps' | 'shardCount'> = {}): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: restOptions({ api: options.apiUrl, globalRequestsPerSecond: options.restGlobalRps }),
		...shardOptions(options.shardCount),
		makeCache: Options.cacheWithLimits({
			...Options.DefaultMakeCacheSettings,
			ApplicationCommandManager: 0,
			AutoModerationRuleManager: 0,
			BaseGuildEmojiManager: 0,
			DMMessageManager: 0,
			GuildBanManager: 0,
			GuildEmojiManager: 0,
			GuildForumThreadManager: 0,
			GuildInviteManager: 0,
			GuildMessageManager: 0,
			GuildScheduledEventManager: 0,
			GuildStickerManager: 0,
			GuildTextThreadManager: 0,
			MessageManager: 0,
			PresenceManager: 0,
			ReactionManager: 0,
			ReactionUserManager: 0,
			StageInstanceManager: 0,
			ThreadMemberManager: 0,
			VoiceStateManager: 0,
			// Members and users arrive with each interaction; keep a few, and always the bot.
			GuildMemberManager: { maxSize: 100, keepOverLimit: (member) => member.id === member.client.user.id },
			UserManager: { maxSize: 100, keepOverLimit: (user) => user.id === user.client.user.id },
		}),
	});
}

/**
 * discord.js's `shards`/`shardCount`. Always explicit outside a ShardingManager: the Client
 * otherwise reads `SHARD_COUNT` from the environment itself, where ours may say `auto`.
 */
function shardOptions(count: BotOptions['shardCount']): Pick<ClientOptions, 'shards' | 'shardCount'> {
	if (process.env.SHARDING_MANAGER) return {};
	if (count === 'auto') return { shards: 'auto' };
	const total = count ?? 1;
	return { shards: Array.from({ length: total }, (_, id) => id), shardCount: total };
}

/** Routes interactions to commands; every chat-input interaction gets an answer. */
export function createDispatcher(
	commands: Map<string, LoadedCommand>,
	logger: Logger = silentLogger,
): (interaction: Interaction) => Promise<void> {
	return async (interaction) => {
		if (interaction.isAutocomplete()) return dispatchAutocomplete(interaction, commands, logger);
		if (!interaction.isChatInputCommand()) return;
		const command = commands.get(interaction.commandName);
		if (!command) {
			logger.warn('unknown command', { name: interaction.commandName });
			await answer(interaction, `\`/${interaction.commandName}\` is not a command of this bot any more.`, logger);
			return;
		}
		try {
			await command.execute(interaction);
		} catch (error) {
			logger.error('command failed', { name: interaction.commandName, error });
			await answer(interaction, 'Something went wrong running this command.', logger);
		}
	};
}

async function dispatchAutocomplete(
	interaction: AutocompleteInteraction,
	commands: Map<string, LoadedCommand>,
	logger: Logger,
): Promise<void> {
	const command = commands.get(interaction.commandName);
	try {
		if (command?.autocomplete) await command.autocomplete(interaction);
		else await interaction.respond([]);
	} catch (error) {
		logger.warn('autocomplete failed', { name: interaction.commandName, error });
	}
}

/** A last-resort ephemeral answer, whatever state the interaction is in. */
async function answer(interaction: ChatInputCommandInteraction, content: string, logger: Logger): Promise<void> {
	try {
		if (interaction.deferred) await interaction.editReply({ content });
		else if (!interaction.replied) await interaction.reply({ content, flags: MessageFlags.Ephemeral });
	} catch (error) {
		logger.warn('could not answer the interaction', { error });
	}
}

/** A running bot: the client, and a stop that closes the gateway. */
export interface Bot {
	client: Client;
	stop(): Promise<void>;
}

/** Logs in and resolves once the client is ready. Rejects when the token is refused. */
export async function startBot(token: string, options: BotOptions): Promise<Bot> {
	const logger = options.logger ?? silentLogger;
	const client = createClient(options);
	client.on(Events.InteractionCreate, createDispatcher(options.commands, logger));
	client.on(Events.Error, (error) => logger.error('client error', { error }));
	client.on(Events.Warn, (message) => logger.warn(message));
	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	try {
		await client.login(token);
		await ready;
	} catch (error) {
		await client.destroy();
		throw error;
	}
	return { client, stop: () => client.destroy() };
}
