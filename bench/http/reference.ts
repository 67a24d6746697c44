/**
 * The reference of the HTTP benchmark: `/invite` the way Discord's official example app is
 * built (discord/discord-example-app: express, discord-interactions' `verifyKeyMiddleware`,
 * global `fetch` to call the API), written here in that shape. It is what a user would start
 * from instead of this project: no deadline handling, no permission checks, no retries.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_TOKEN=<token> DISCORD_API_URL=<base> node --import tsx bench/http/reference.ts`
 */
import {
	InteractionResponseFlags,
	InteractionResponseType,
	InteractionType,
	verifyKeyMiddleware,
} from 'discord-interactions';
import express from 'express';

const api = `${process.env.DISCORD_API_URL}/v10`;
const token = process.env.DISCORD_TOKEN!;

interface Option {
	name: string;
	value: unknown;
}

const app = express();
app.post('/interactions', verifyKeyMiddleware(process.env.DISCORD_PUBLIC_KEY!), async (req, res) => {
	const { type, data, channel_id } = req.body as {
		type: number;
		data?: { name?: string; options?: Option[] };
		channel_id: string;
	};
	if (type === InteractionType.PING) {
		res.send({ type: InteractionResponseType.PONG });
		return;
	}
	if (type === InteractionType.APPLICATION_COMMAND && data?.name === 'invite') {
		const options = new Map((data.options ?? []).map((option) => [option.name, option.value]));
		const response = await fetch(`${api}/channels/${channel_id}/invites`, {
			method: 'POST',
			headers: { Authorization: `Bot ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ max_age: 86_400, max_uses: options.get('max_uses') ?? 0 }),
		});
		const invite = (await response.json()) as { code?: string; message?: string };
		res.send({
			type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
			data: {
				content: invite.code
					? `https://discord.gg/${invite.code}`
					: `Could not create an invite: ${invite.message}`,
				flags: InteractionResponseFlags.EPHEMERAL,
			},
		});
		return;
	}
	res.status(400).json({ error: 'unknown command' });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
	server.close();
	server.closeAllConnections();
});
