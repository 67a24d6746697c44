/**
 * The second floor of the HTTP benchmark: the floor (bench/http/floor.ts) plus the one thing
 * an `/invite` endpoint cannot skip, the Create Channel Invite POST, sent with a bare undici
 * Pool request (no REST library, no checks, no rate-limit handling) before the type 4 answer.
 * Ours over this is what our code and @discordjs/rest cost; this over the floor is what one
 * more HTTP exchange costs on the machine.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> DISCORD_API_URL=<url> DISCORD_TOKEN=<token> node --import tsx bench/http/floor-invite.ts`
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { Pool } from 'undici';

const key = createPublicKey({
	key: Buffer.concat([
		Buffer.from('302a300506032b6570032100', 'hex'),
		Buffer.from(process.env.DISCORD_PUBLIC_KEY!, 'hex'),
	]),
	format: 'der',
	type: 'spki',
});
const api = new URL(process.env.DISCORD_API_URL!);
const pool = new Pool(api.origin);
const headers = { authorization: `Bot ${process.env.DISCORD_TOKEN}`, 'content-type': 'application/json' };

const answer = (res: ServerResponse, status: number, body: object): void => {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
};

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

const server = createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		const body = Buffer.concat(chunks);
		const signature = req.headers['x-signature-ed25519'];
		const timestamp = req.headers['x-signature-timestamp'];
		const valid =
			typeof signature === 'string' &&
			typeof timestamp === 'string' &&
			verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
		if (!valid) {
			res.writeHead(401).end();
			return;
		}
		const interaction = JSON.parse(body.toString('utf8')) as { type: number; channel_id?: string };
		if (interaction.type === 1) return answer(res, 200, { type: 1 });
		if (!interaction.channel_id) return answer(res, 400, { error: 'no channel' });
		invite(interaction.channel_id).then(
			(code) => answer(res, 200, { type: 4, data: { content: `https://discord.gg/${code}`, flags: 64 } }),
			() => answer(res, 500, { error: 'no invite' }),
		);
	});
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
	server.close();
	server.closeAllConnections();
	void pool.close();
});
