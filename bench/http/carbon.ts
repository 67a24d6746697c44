/**
 * A peer of the HTTP benchmark: `/invite` on Carbon (@buape/carbon), served on Node the way
 * Carbon's own Node adapter did (`@buape/carbon/adapters/node` up to 0.15.0: `Hono.serve` of
 * `createHandler(client)`; 0.16.0 ships only the fetch and Bun adapters, so this wires the
 * fetch one to @hono/node-server the same way). One `Command` whose `run` makes the Create
 * Channel Invite call through Carbon's channel structure (`channel.createInvite`, over its
 * `RequestClient`) and replies with the link.
 *
 * Carbon answers an interaction the way its design does: the reply is a POST of the
 * interaction callback (with `with_response=true`) to Discord's REST, and the HTTP answer is
 * a bare 202 once the command finished. So each /invite costs Carbon two REST calls, and its
 * latency includes both. The signature is checked by Carbon (Web Crypto Ed25519). Settings
 * for a long-running server: `runtimeProfile: 'persistent'`, the deploy and events routes off.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_TOKEN=<token> DISCORD_APPLICATION_ID=<id> DISCORD_API_URL=<base> node --import tsx bench/http/carbon.ts`
 */
import {
	ApplicationCommandOptionType,
	Client,
	Command,
	type CommandInteraction,
	type CommandOption,
} from '@buape/carbon';
import { createHandler } from '@buape/carbon/adapters/fetch';
import { serve } from '@hono/node-server';

const port = Number(process.env.PORT);

class InviteCommand extends Command {
	name = 'invite';
	override description = 'Create an invite to this channel';
	override options: CommandOption[] = [
		{ type: ApplicationCommandOptionType.String, name: 'expires', description: 'How long the invite lasts' },
		{ type: ApplicationCommandOptionType.Integer, name: 'max_uses', description: 'How many uses' },
		{ type: ApplicationCommandOptionType.Boolean, name: 'unique', description: 'A new code' },
		{ type: ApplicationCommandOptionType.String, name: 'reason', description: 'For the audit log' },
	];
	override ephemeral = true;

	async run(interaction: CommandInteraction): Promise<void> {
		const channel = interaction.channel;
		if (!channel || !('createInvite' in channel)) {
			await interaction.reply({ content: 'Invites cannot be made here.' });
			return;
		}
		try {
			const invite = await channel.createInvite({
				max_age: 86_400,
				max_uses: interaction.options.getInteger('max_uses') ?? 0,
			});
			await interaction.reply({ content: `https://discord.gg/${invite.code}` });
		} catch (error) {
			await interaction.reply({ content: `Could not create an invite: ${(error as Error).message}` });
		}
	}
}

const client = new Client(
	{
		baseUrl: `http://127.0.0.1:${port}`,
		clientId: process.env.DISCORD_APPLICATION_ID!,
		publicKey: process.env.DISCORD_PUBLIC_KEY!,
		token: process.env.DISCORD_TOKEN!,
		runtimeProfile: 'persistent',
		requestOptions: { baseUrl: `${process.env.DISCORD_API_URL}/v10` },
		disableDeployRoute: true,
		disableEventsRoute: true,
	},
	{ commands: [new InviteCommand()] },
);

const handle = createHandler(client);
const server = serve({ fetch: (request) => handle(request, {}), port, hostname: '127.0.0.1' });

process.once('SIGTERM', () => {
	server.close();
	process.exit(0);
});
