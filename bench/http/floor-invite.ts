/**
 * The second floor of the HTTP benchmark: the floor (floor-server.ts) plus the one thing an
 * `/invite` endpoint cannot skip, the Create Channel Invite POST, sent with a bare undici Pool
 * request (no REST library, no checks, no rate-limit handling) before the type 4 answer. Ours
 * over this is what our code and @discordjs/rest cost; this over the floor is what one more
 * HTTP exchange costs on the machine.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_API_URL=<url> DISCORD_TOKEN=<token> node --import tsx bench/http/floor-invite.ts`
 */
import { Pool } from 'undici';
import { startFloor } from './floor-server.js';

const api = new URL(process.env.DISCORD_API_URL!);
const pool = new Pool(api.origin);
const headers = { authorization: `Bot ${process.env.DISCORD_TOKEN}`, 'content-type': 'application/json' };

async function invite(channelId: string): Promise<string> {
	const response = await pool.request({
		path: `${api.pathname}/v10/channels/${channelId}/invites`,
		method: 'POST',
		headers,
		body: JSON.stringify({ max_age: 86_400 }),
	});
	const created = (await response.body.json()) as { code?: string };
	if (response.statusCode !== 200 || !created.code) throw new Error(`invite: ${response.statusCode}`);
	return created.code;
}

startFloor((interaction, answer) => {
	if (!interaction.channel_id) return answer(400, { error: 'no channel' });
	invite(interaction.channel_id).then(
		(code) => answer(200, { type: 4, data: { content: `https://discord.gg/${code}`, flags: 64 } }),
		() => answer(500, { error: 'no invite' }),
	);
});
// The pool's kept-alive sockets would hold the process open after floor-server.ts closes its server.
process.once('SIGTERM', () => void pool.close());
