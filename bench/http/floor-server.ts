/**
 * What both HTTP floors share: node:http, the body read into a Buffer, the Ed25519 verify with
 * node:crypto (401 when it fails), PING, and a JSON answer. `answerCommand` decides the answer
 * to every other interaction. Listens on PORT (loopback), stops on SIGTERM.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';

/** An interaction as the floors read it. */
export interface FloorInteraction {
	type: number;
	channel_id?: string;
}

/** Answers with status and JSON body. */
export type Answer = (status: number, body: object) => void;

export function startFloor(answerCommand: (interaction: FloorInteraction, answer: Answer) => void): void {
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
			const answer: Answer = (status, json) => {
				const text = JSON.stringify(json);
				res.writeHead(status, {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(text),
				});
				res.end(text);
			};
			const interaction = JSON.parse(body.toString('utf8')) as FloorInteraction;
			if (interaction.type === 1) answer(200, { type: 1 });
			else answerCommand(interaction, answer);
		});
	});
	server.listen(Number(process.env.PORT), '127.0.0.1');
	process.once('SIGTERM', () => {
		server.close();
		server.closeAllConnections();
	});
}
