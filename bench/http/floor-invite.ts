/**
 * The second floor of the HTTP benchmark: the floor (floor-server.ts) plus the one thing an
 * `/invite` endpoint cannot skip, the Create Channel Invite POST, sent with a bare undici Pool
 * request (no REST library, no checks, no rate-limit handling) before the type 4 answer. Ours
 * over this is what our code and @discordjs/rest cost; this over the floor is what one more
 * HTTP exchange costs on the machine.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_API_URL=<url> DISCORD_TOKEN=<token> node --import tsx bench/http/floor-invite.ts`
 */
import { bareInvites } from './bare-invite.js';
import { startFloor } from './floor-server.js';

const invites = bareInvites(process.env.DISCORD_API_URL!, process.env.DISCORD_TOKEN!);

startFloor((interaction, answer) => {
	if (!interaction.channel_id) return answer(400, { error: 'no channel' });
	invites.create(interaction.channel_id).then(
		(code) => answer(200, { type: 4, data: { content: `https://discord.gg/${code}`, flags: 64 } }),
		() => answer(500, { error: 'no invite' }),
	);
});
// The pool's kept-alive sockets would hold the process open after floor-server.ts closes its server.
process.once('SIGTERM', () => void invites.close());
