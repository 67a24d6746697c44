// The reference for the cold-start bench: an /invite endpoint built the way Discord's official
// example app builds one (discord/discord-example-app: express, discord-interactions'
// verifyKeyMiddleware, dotenv, and fetch for the REST call). Written for this bench; it does
// the least an /invite can do (one Create Channel Invite, one ephemeral reply) and nothing of
// what ours adds (permission checks, deadline, error mapping, languages). Variables: PORT, HOST,
// DISCORD_PUBLIC_KEY, DISCORD_TOKEN, DISCORD_API_URL (as `npm run serve`).
import 'dotenv/config';
import {
	InteractionResponseFlags,
	InteractionResponseType,
	InteractionType,
	verifyKeyMiddleware,
} from 'discord-interactions';
import express from 'express';

const api = process.env.DISCORD_API_URL ?? 'https://discord.com/api';
const app = express();

app.post('/interactions', verifyKeyMiddleware(process.env.DISCORD_PUBLIC_KEY), async (req, res) => {
	const { type, data, channel_id: channelId } = req.body;
	if (type === InteractionType.PING) return res.send({ type: InteractionResponseType.PONG });
	if (type === InteractionType.APPLICATION_COMMAND && data.name === 'invite') {
		const response = await fetch(`${api}/v10/channels/${channelId}/invites`, {
			method: 'POST',
			headers: { Authorization: `Bot ${process.env.DISCORD_TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ max_age: 86400 }),
		});
		const invite = await response.json();
		if (!response.ok) return res.status(500).json({ error: invite.message });
		return res.send({
			type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
			data: { content: `https://discord.gg/${invite.code}`, flags: InteractionResponseFlags.EPHEMERAL },
		});
	}
	return res.status(400).json({ error: 'unknown interaction type' });
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0', () => {
	console.error(`listening on http://${process.env.HOST}:${server.address().port}/interactions`);
});
process.once('SIGTERM', () => server.close());
