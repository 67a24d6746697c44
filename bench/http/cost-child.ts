/**
 * Where an /invite answer's CPU goes, one step at a time, in one process (no HTTP server, so
 * only what differs between the steps differs): the same signed interactions, 10 in flight,
 * through
 *
 * 1. verify + one bare undici POST of the invite + the answer's JSON (what floor-invite.ts does);
 * 2. the same with @discordjs/rest (`rest.post`, cap off, over poolRequest) instead of bare undici;
 * 3. ours: the endpoint's whole core (`createInteractionCore`, configured as `npm run serve`
 *    configures it: metrics, replay guard, the invite client), minus node:http.
 *
 * Steps 2 and 3 run the project compiled (BENCH_COMPILED, see bench/build.ts), as shipped.
 * Rounds are interleaved; the parent gets the median CPU µs per interaction of each step.
 * Env: DISCORD_API_URL (the fake REST's), DISCORD_TOKEN, DISCORD_APPLICATION_ID, BENCH_COMPILED,
 * BENCH_COST_ROUNDS, BENCH_COST_INTERACTIONS.
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { REST } from '@discordjs/rest';
import { type APIChatInputApplicationCommandInteraction, Routes } from 'discord-api-types/v10';
import { Pool } from 'undici';
import type * as Invites from '../../src/discord/invites.js';
import type * as PoolModule from '../../src/discord/pool.js';
import type * as Rest from '../../src/discord/rest.js';
import type * as Handler from '../../src/http/handler.js';
import type * as NodeSignature from '../../src/http/node-signature.js';
import { type InteractionInit, startLocalDiscord } from '../../src/local-discord/index.js';
import type * as Metrics from '../../src/ops/metrics.js';

const api = process.env.DISCORD_API_URL!;
const token = process.env.DISCORD_TOKEN!;
const applicationId = process.env.DISCORD_APPLICATION_ID!;
const compiled = process.env.BENCH_COMPILED!;
const rounds = Number(process.env.BENCH_COST_ROUNDS ?? 5);
const perRound = Number(process.env.BENCH_COST_INTERACTIONS ?? 3_000);
const IN_FLIGHT = 10;

const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(compiled, path)).href) as Promise<T>;
const { createInteractionCore } = await load<typeof Handler>('src/http/handler.js');
const { NodeEd25519PublicKey } = await load<typeof NodeSignature>('src/http/node-signature.js');
const { createInviteRest } = await load<typeof Invites>('src/discord/invites.js');
const { poolRequest } = await load<typeof PoolModule>('src/discord/pool.js');
const { createRest, restOptions } = await load<typeof Rest>('src/discord/rest.js');
const { createMetrics } = await load<typeof Metrics>('src/ops/metrics.js');

// The http suite's mix (none needs a lookup), from the local Discord's payload builder.
const INITS: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'member', channel: 'general', options: { expires: '2h', max_uses: 10 } },
	{ user: 'helper', channel: 'general', options: { expires: '1 week', reason: 'benchmark' } },
	{ user: 'member', channel: 'announcements', options: { unique: true, expires: 'never' }, locale: 'de' },
];
const discord = await startLocalDiscord({ host: '127.0.0.1', applicationId, token });
const templates: APIChatInputApplicationCommandInteraction[] = INITS.map((init) =>
	discord.interaction({ ...init, command: 'invite' }),
);
await discord.close();

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeyHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

interface Signed {
	body: Buffer;
	headers: Record<string, string>;
}
let serial = 0n;
/** Distinct interactions (ours refuses a replayed id), signed now. */
function presign(count: number): Signed[] {
	const timestamp = Math.floor(Date.now() / 1000).toString();
	const base = BigInt(Date.now() - 1_420_070_400_000) << 22n;
	return Array.from({ length: count }, (_, i) => {
		const id = (base + serial++).toString();
		const body = Buffer.from(JSON.stringify({ ...templates[i % templates.length], id, token: `bench-${id}` }));
		const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
		return { body, headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
	});
}

const key = createPublicKey({
	key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.export({ format: 'jwk' }).x! },
	format: 'jwk',
});
/** Step 1 and 2's common part: the signature, and the channel the invite is for. */
function verified(signed: Signed): string {
	const { signature, timestamp } = {
		signature: signed.headers['x-signature-ed25519']!,
		timestamp: signed.headers['x-signature-timestamp']!,
	};
	if (!verify(null, Buffer.concat([Buffer.from(timestamp), signed.body]), key, Buffer.from(signature, 'hex')))
		throw new Error('bad signature');
	return (JSON.parse(signed.body.toString('utf8')) as { channel_id: string }).channel_id;
}
const answer = (code: string): string =>
	JSON.stringify({ type: 4, data: { content: `https://discord.gg/${code}`, flags: 64 } });

const origin = new URL(api).origin;
const pool = new Pool(origin);
const apiPath = new URL(api).pathname;
const bareHeaders = { authorization: `Bot ${token}`, 'content-type': 'application/json' };
async function bare(signed: Signed): Promise<string> {
	const channelId = verified(signed);
	const response = await pool.request({
		path: `${apiPath}/v10/channels/${channelId}/invites`,
		method: 'POST',
		headers: bareHeaders,
		body: JSON.stringify({ max_age: 86_400 }),
	});
	return answer(((await response.body.json()) as { code: string }).code);
}

const shared = { api, globalRequestsPerSecond: 0, makeRequest: poolRequest(api) };
const plainRest: REST = createRest({ ...restOptions(shared), token });
async function viaRest(signed: Signed): Promise<string> {
	const channelId = verified(signed);
	const invite = (await plainRest.post(Routes.channelInvites(channelId), { body: { max_age: 86_400 } })) as {
		code: string;
	};
	return answer(invite.code);
}

const core = createInteractionCore({
	publicKey: publicKeyHex,
	verifier: new NodeEd25519PublicKey(publicKeyHex),
	rest: createRest({ ...restOptions(shared), token }),
	inviteRest: createInviteRest({ ...shared, token }),
	applicationId,
	metrics: createMetrics(),
});
const open = { closed: false, onClose: () => undefined };
const context = { waitUntil: () => undefined };
async function ours(signed: Signed): Promise<string> {
	const answered = await core(
		{
			method: 'POST',
			path: '/interactions',
			header: (name) => signed.headers[name],
			body: async () => signed.body,
			connection: open,
		},
		context,
	);
	if (answered.status !== 200 || !answered.body.includes('discord.gg/'))
		throw new Error(`ours answered ${answered.status}: ${answered.body.slice(0, 200)}`);
	return answered.body;
}

const steps = { bare, rest: viaRest, ours } as const;
type Step = keyof typeof steps;

/** CPU µs per interaction for one round of `step`. */
async function measure(step: Step, count: number): Promise<number> {
	const batch = presign(count);
	const run = steps[step];
	let next = 0;
	const before = process.cpuUsage();
	await Promise.all(
		Array.from({ length: IN_FLIGHT }, async () => {
			while (next < batch.length) await run(batch[next++]!);
		}),
	);
	const used = process.cpuUsage(before);
	return (used.user + used.system) / count;
}

const order: Step[] = ['bare', 'rest', 'ours'];
for (const step of order) await measure(step, perRound); // warm-up: compiled, pools and sockets open
const results: Record<Step, number[]> = { bare: [], rest: [], ours: [] };
for (let r = 0; r < rounds; r++)
	for (const step of [...order.slice(r % order.length), ...order.slice(0, r % order.length)])
		results[step].push(await measure(step, perRound));
await pool.close();
// Exits by itself once the parent has the figures (a profile, BENCH_CPU_PROF, is written at exit).
if (process.send) process.send({ type: 'bench:cost', results }, () => process.exit(0));
else {
	process.stdout.write(`${JSON.stringify(results)}\n`);
	process.exit(0);
}
