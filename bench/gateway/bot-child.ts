/**
 * One gateway bot alone in a process under tsx, for the burst suite (ours from the sources).
 * The gateway, guild-scale and coldstart suites run the bots as their users do, under plain
 * node (contenders.ts: `npm start`'s bundle, and discordjs-bot.mjs for discord.js).
 * `node --import tsx bench/gateway/bot-child.ts KIND` with BENCH_API_URL and BENCH_TOKEN
 * pointing at the parent's local Discord. KIND:
 *
 * - `floor`: a discord.js Client (default caches) that only replies; no Discord call but the callback
 * - `typical`: how a typical discord.js bot does /invite: default caches,
 *   `channel.createInvite()`, then `interaction.reply`
 * - `ours`: this project's bot (`startBot` with the commands of `commands/`), as `npm start` runs it;
 *   compiled (bench/build.ts) when BENCH_COMPILED names the output directory
 *
 * BENCH_SHARDS=auto runs the shards GET /gateway/bot recommends, all in this process (discord.js's
 * internal sharding, `shards: 'auto'`), as a bot in thousands of guilds must: Discord closes a
 * session over 2,500 guilds with 4011 (Sharding required). Default: one shard.
 *
 * Sends `{ type: 'ready' }` over IPC once the client is ready (every GUILD_CREATE in), and
 * answers `{ type: 'bench:settle' }` with `{ type: 'settled' }` after full GCs (with
 * --expose-gc), so the parent can read memory that is not garbage. Exits when the parent goes away.
 */

import {
	type ChatInputCommandInteraction,
	Client,
	GatewayIntentBits,
	type GuildBasedChannel,
	MessageFlags,
} from 'discord.js';
import type * as Bot from '../../src/gateway/bot.js';
import type * as Loader from '../../src/gateway/command-loader.js';
import type * as Log from '../../src/log.js';
import { importCompiled } from '../build.js';
import { ROOT } from '../children.js';

const kind = process.argv[2];
const api = process.env.BENCH_API_URL ?? '';
const token = process.env.BENCH_TOKEN ?? '';
if (!api || !token || !process.send || !['floor', 'typical', 'ours'].includes(kind ?? '')) {
	process.stderr.write(
		'bot-child: run me from the bench (KIND floor|typical|ours, BENCH_API_URL, BENCH_TOKEN, IPC)\n',
	);
	process.exit(2);
}
const shardCount = process.env.BENCH_SHARDS === 'auto' ? ('auto' as const) : undefined;
// Why the bot could not start, as the last line of stderr (what the bench quotes), rather
// than the tail of a stack trace.
const fail = (error: unknown): never => {
	const code = (error as { code?: unknown }).code;
	process.stderr.write(
		`bot-child: ${kind} bot failed: ${error instanceof Error ? error.message : String(error)}${code === undefined ? '' : ` (code ${String(code)})`}\n`,
	);
	process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

/** A discord.js client as a typical bot makes one: the Guilds intent, default caches. */
async function plainClient(onCommand: (interaction: ChatInputCommandInteraction) => Promise<void>): Promise<Client> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		rest: { api },
		...(shardCount ? { shards: shardCount } : {}),
	});
	client.on('interactionCreate', (interaction) => {
		if (interaction.isChatInputCommand()) void onCommand(interaction).catch(() => undefined);
	});
	const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
	await client.login(token);
	await ready;
	return client;
}

async function typical(interaction: ChatInputCommandInteraction): Promise<void> {
	const channel = (interaction.options.getChannel('channel') ?? interaction.channel) as GuildBasedChannel | null;
	try {
		if (!channel || !('createInvite' in channel)) throw new Error('not an invitable channel');
		const invite = await channel.createInvite({
			maxAge: 86_400,
			maxUses: interaction.options.getInteger('max_uses') ?? 0,
			unique: interaction.options.getBoolean('unique') ?? false,
			reason: `/invite by ${interaction.user.username} (${interaction.user.id}): ${interaction.options.getString('reason') ?? ''}`,
		});
		await interaction.reply({ content: invite.url, flags: MessageFlags.Ephemeral });
	} catch (error) {
		await interaction.reply({
			content: `Could not create an invite: ${String(error)}`,
			flags: MessageFlags.Ephemeral,
		});
	}
}

let stop: () => Promise<void>;
if (kind === 'ours') {
	// Ours as shipped: compiled, as the Docker image runs it (bench/build.ts), when the bench
	// passes BENCH_COMPILED; otherwise the sources through tsx.
	const from = process.env.BENCH_COMPILED ?? ROOT;
	const { startBot } = await importCompiled<typeof Bot>(from, 'src/gateway/bot.js');
	const { loadCommands } = await importCompiled<typeof Loader>(from, 'src/gateway/command-loader.js');
	const { silentLogger } = await importCompiled<typeof Log>(from, 'src/log.js');
	// A benchmark sends bursts as one member: no cooldowns (the bot has none unless given).
	const bot = await startBot(token, {
		apiUrl: api,
		shardCount,
		commands: await loadCommands(),
		logger: silentLogger,
	});
	stop = () => bot.stop();
} else {
	const client = await plainClient(
		kind === 'floor'
			? (interaction) =>
					interaction
						.reply({ content: 'https://discord.gg/floor', flags: MessageFlags.Ephemeral })
						.then(() => undefined)
			: typical,
	);
	stop = () => client.destroy();
}

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { type?: string }) => {
	if (message?.type !== 'bench:settle') return;
	void (async () => {
		for (let i = 0; i < 3; i++) {
			gc?.();
			await new Promise((resolve) => setImmediate(resolve));
		}
		process.send?.({ type: 'settled' });
	})();
});
process.once('SIGTERM', () => {
	void stop()
		.catch(() => undefined)
		.finally(() => process.exit(0));
});
process.send({ type: 'ready' });
