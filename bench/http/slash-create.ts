/**
 * A peer of the HTTP benchmark: `/invite` on slash-create, the way its README sets up a Node
 * interactions endpoint: a `SlashCreator` with its `FastifyServer` (fastify's defaults: no
 * logger), one `SlashCommand` whose `run` makes the Create Channel Invite call through the
 * creator's own REST client (`creator.requestHandler`, its per-route sequential buckets) and
 * returns the link, which slash-create sends as the type 4 answer. The signature is checked
 * by slash-create itself (tweetnacl, against `publicKey`). Production settings: no debug
 * listeners, no command sync (the benchmark's interactions need no registered command).
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_TOKEN=<token> DISCORD_APPLICATION_ID=<id> DISCORD_API_URL=<base> node --import tsx bench/http/slash-create.ts`
 */
import fastify from 'fastify';
import {
	type CommandContext,
	CommandOptionType,
	FastifyServer,
	type MessageOptions,
	SlashCommand,
	SlashCreator,
} from 'slash-create';

const creator = new SlashCreator({
	applicationID: process.env.DISCORD_APPLICATION_ID!,
	publicKey: process.env.DISCORD_PUBLIC_KEY!,
	token: process.env.DISCORD_TOKEN!,
	serverHost: '127.0.0.1',
	serverPort: Number(process.env.PORT),
	rest: { baseURL: `${process.env.DISCORD_API_URL}/v10` },
});

class InviteCommand extends SlashCommand {
	constructor(owner: SlashCreator) {
		super(owner, {
			name: 'invite',
			description: 'Create an invite to this channel',
			options: [
				{ type: CommandOptionType.STRING, name: 'expires', description: 'How long the invite lasts' },
				{ type: CommandOptionType.INTEGER, name: 'max_uses', description: 'How many uses' },
				{ type: CommandOptionType.BOOLEAN, name: 'unique', description: 'A new code' },
				{ type: CommandOptionType.STRING, name: 'reason', description: 'For the audit log' },
			],
		});
	}

	override async run(ctx: CommandContext): Promise<MessageOptions> {
		const maxUses = typeof ctx.options.max_uses === 'number' ? ctx.options.max_uses : 0;
		try {
			const invite = await this.creator.requestHandler.request<{ code: string }>(
				'POST',
				`/channels/${ctx.channelID}/invites`,
				{ auth: true, body: { max_age: 86_400, max_uses: maxUses } },
			);
			return { content: `https://discord.gg/${invite.code}`, ephemeral: true };
		} catch (error) {
			return { content: `Could not create an invite: ${(error as Error).message}`, ephemeral: true };
		}
	}
}

// `new FastifyServer()` makes this same app (`fastify()`, defaults); made here to close it on SIGTERM.
const app = fastify();
creator.withServer(new FastifyServer(app)).registerCommand(new InviteCommand(creator));
await creator.startServer();

process.once('SIGTERM', () => {
	void app.close().then(() => process.exit(0));
});
