/**
 * The interactions the HTTP benchmarks send: the users' mix, as payloads from the local
 * Discord's builder, signed with a key made for the run. Shared by the side-by-side suite
 * (suite.ts) and the CPU breakdown (cost-child.ts), so both measure the same requests.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { type InteractionInit, startLocalDiscord } from '../../src/local-discord/index.js';

/** What the fake REST accepts (bench/http/fake-rest.ts's defaults). */
export const TOKEN = 'local-bot-token';
export const APPLICATION_ID = '1100000000000000400';

/** What users send, in turn; none needs a lookup (the payload carries every permission). */
const INITS: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'member', channel: 'general', options: { expires: '2h', max_uses: 10 } },
	{ user: 'helper', channel: 'general', options: { expires: '1 week', reason: 'benchmark' } },
	{ user: 'member', channel: 'announcements', options: { unique: true, expires: 'never' }, locale: 'de' },
];

export interface Keys {
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicKeyHex: string;
}

/** A fresh Ed25519 key pair: the private half signs, the servers get the public one in hex. */
export function keys(): Keys {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const x = publicKey.export({ format: 'jwk' }).x!;
	return { privateKey, publicKey, publicKeyHex: Buffer.from(x, 'base64url').toString('hex') };
}

/** Payload templates from the local Discord's builder: realistic members, permissions, resolved data. */
export async function templates(): Promise<APIChatInputApplicationCommandInteraction[]> {
	const discord = await startLocalDiscord({ host: '127.0.0.1', applicationId: APPLICATION_ID, token: TOKEN });
	try {
		return INITS.map((init) => discord.interaction({ ...init, command: 'invite' }));
	} finally {
		await discord.close();
	}
}

/** One signed interaction, ready to send: the body exactly as signed. */
export interface Signed {
	body: string;
	headers: Record<string, string>;
}

let serial = 0n;
/** `count` distinct interactions (ids and tokens never repeat in a run), signed now. */
export function presign(
	count: number,
	from: readonly APIChatInputApplicationCommandInteraction[],
	privateKey: KeyObject,
): Signed[] {
	const timestamp = Math.floor(Date.now() / 1000).toString();
	const out: Signed[] = new Array(count);
	const base = BigInt(Date.now() - 1_420_070_400_000) << 22n;
	for (let i = 0; i < count; i++) {
		const n = serial++;
		const id = (base + n).toString();
		const body = JSON.stringify({
			...from[i % from.length]!,
			id,
			token: `aW50ZXJhY3Rpb246${id}OmJlbmNo${n.toString(36)}`,
		});
		out[i] = {
			body,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
				'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
				'x-signature-timestamp': timestamp,
			},
		};
	}
	return out;
}
