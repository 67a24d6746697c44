// The discord.js baselines of the gateway, guild-scale and coldstart suites, as their users run
// them: plain JavaScript under `node` (no tsx, no TypeScript loader, nothing preloaded but what
// the bench passes). `node bench/gateway/discordjs-bot.mjs KIND` with BENCH_API_URL and
// BENCH_TOKEN pointing at a local Discord. KIND:
//
// - `floor`: a discord.js Client (default caches) that only replies; no Discord call but the callback
// - `typical`: how a typical discord.js bot does /invite: default caches,
//   `channel.createInvite()`, then `interaction.reply`
//
// BENCH_SHARDS=auto runs the shards GET /gateway/bot recommends, all in this process
// (discord.js's internal sharding, `shards: 'auto'`), as a bot in thousands of guilds must.
// With an IPC channel, sends `{ type: 'ready' }` once the client is ready (every GUILD_CREATE
// in); bench/plain-child.mjs answers the parent's usage and settle requests.
import { Client, GatewayIntentBits, MessageFlags } from 'discord.js';

const kind = process.argv[2];
const api = process.env.BENCH_API_URL ?? '';
const token = process.env.BENCH_TOKEN ?? '';
if (!api || !token || !['floor', 'typical'].includes(kind ?? '')) {
	process.stderr.write('discordjs-bot: run me from the bench (KIND floor|typical, BENCH_API_URL, BENCH_TOKEN)\n');
	process.exit(2);
}

/** @param {import('discord.js').ChatInputCommandInteraction} interaction */
async function typical(interaction) {
	const channel = interaction.options.getChannel('channel') ?? interaction.channel;
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

/** @param {import('discord.js').ChatInputCommandInteraction} interaction */
async function floor(interaction) {
	await interaction.reply({ content: 'https://discord.gg/floor', flags: MessageFlags.Ephemeral });
}

const client = new Client({
	intents: [GatewayIntentBits.Guilds],
	rest: { api },
	...(process.env.BENCH_SHARDS === 'auto' ? { shards: 'auto' } : {}),
});
const handle = kind === 'floor' ? floor : typical;
client.on('interactionCreate', (interaction) => {
	if (interaction.isChatInputCommand()) void handle(interaction).catch(() => undefined);
});
client.once('clientReady', () => process.send?.({ type: 'ready' }));
process.once('SIGTERM', () => {
	void client
		.destroy()
		.catch(() => undefined)
		.finally(() => process.exit(0));
});
await client.login(token);
