/**
 * The floor of the HTTP benchmark: the least an Interactions Endpoint must do. node:http,
 * the Ed25519 verify with node:crypto (401 when it fails), PING, and a type 4 answer to
 * every command, without calling Discord. No endpoint that verifies and answers can spend
 * less CPU per request than this on the same machine.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> node --import tsx bench/http/floor.ts`
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';

const key = createPublicKey({
	key: Buffer.concat([
		Buffer.from('302a300506032b6570032100', 'hex'),
		Buffer.from(process.env.DISCORD_PUBLIC_KEY!, 'hex'),
	]),
	format: 'der',
	type: 'spki',
});

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
		const interaction = JSON.parse(body.toString('utf8')) as { type: number };
		const answer =
			interaction.type === 1
				? { type: 1 }
				: { type: 4, data: { content: 'https://discord.gg/floor', flags: 64 } };
		const text = JSON.stringify(answer);
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
		res.end(text);
	});
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
	server.close();
	server.closeAllConnections();
});
