/**
 * Where an /invite answer's CPU goes, one step at a time, in one process (no HTTP server, so
 * only what differs between the steps differs): the same signed interactions (interactions.ts),
 * 10 in flight, through
 *
 * 1. verify + one bare undici POST of the invite + the answer's JSON (what floor-invite.ts does);
 * 2. the same with @discordjs/rest (`rest.post`, cap off, over poolRequest) instead of bare undici;
 * 3. ours: the endpoint's whole core (`createInteractionCore` with its two REST clients and
 *    metrics, as `npm run serve` builds it: replay guard in memory, no cooldowns, silent
 *    logger), minus node:http, without the invite ledger;
 * 4. the same with the ledger as `npm run serve` opens it by default: SQLite in a file (here a
 *    temporary directory), each server's settings read and each invite recorded.
 *
 * Steps 2 and 3 run the project compiled (BENCH_COMPILED, see bench/build.ts), as shipped. One
 * warm-up round of each, then interleaved rounds; the parent gets every round's CPU µs per
 * interaction. Env: DISCORD_API_URL (the fake REST's), BENCH_COMPILED, BENCH_COST_ROUNDS,
 * BENCH_COST_INTERACTIONS. Without IPC it prints the figures as JSON.
 */
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type * as Invites from '../../src/discord/invites.js';
import type * as PoolModule from '../../src/discord/pool.js';
import type * as Rest from '../../src/discord/rest.js';
import type * as Handler from '../../src/http/handler.js';
import type * as NodeSignature from '../../src/http/node-signature.js';
import type * as Metrics from '../../src/ops/metrics.js';
import type * as StoreModule from '../../src/store/node.js';
import { importCompiled } from '../build.js';
import { pool } from '../lib.js';
import { bareInvites } from './bare-invite.js';
import { APPLICATION_ID, keys, presign, TOKEN, templates } from './interactions.js';

const api = process.env.DISCORD_API_URL!;
const compiled = process.env.BENCH_COMPILED!;
const rounds = Number(process.env.BENCH_COST_ROUNDS ?? 5);
const perRound = Number(process.env.BENCH_COST_INTERACTIONS ?? 3_000);
const IN_FLIGHT = 10;

const { createInteractionCore } = await importCompiled<typeof Handler>(compiled, 'src/http/handler.js');
const { NodeEd25519PublicKey } = await importCompiled<typeof NodeSignature>(compiled, 'src/http/node-signature.js');
const { createInviteRest } = await importCompiled<typeof Invites>(compiled, 'src/discord/invites.js');
const { poolRequest } = await importCompiled<typeof PoolModule>(compiled, 'src/discord/pool.js');
const { createRest, restOptions } = await importCompiled<typeof Rest>(compiled, 'src/discord/rest.js');
const { createMetrics } = await importCompiled<typeof Metrics>(compiled, 'src/ops/metrics.js');
const { openStore } = await importCompiled<typeof StoreModule>(compiled, 'src/store/node.js');

const signing = keys();
const payloads = await templates();
/** A signed interaction as a host hands it over: the raw body and the two signature headers. */
interface Received {
	body: Buffer;
	signature: string;
	timestamp: string;
}
const received = (count: number): Received[] =>
	presign(count, payloads, signing.privateKey).map(({ body, headers }) => ({
		body: Buffer.from(body),
		signature: headers['x-signature-ed25519']!,
		timestamp: headers['x-signature-timestamp']!,
	}));

/** Steps 1 and 2's common part: the signature, then the channel the invite is for. */
function verified({ body, signature, timestamp }: Received): string {
	if (!verify(null, Buffer.concat([Buffer.from(timestamp), body]), signing.publicKey, Buffer.from(signature, 'hex')))
		throw new Error('bad signature');
	return (JSON.parse(body.toString('utf8')) as { channel_id: string }).channel_id;
}
/** The answer, from an invite the step must have got: a failed POST would measure a cheaper path. */
function answer(invite: { code?: unknown }): string {
	if (typeof invite.code !== 'string') throw new Error(`no invite: ${JSON.stringify(invite).slice(0, 200)}`);
	return JSON.stringify({ type: 4, data: { content: `https://discord.gg/${invite.code}`, flags: 64 } });
}

const invites = bareInvites(api, TOKEN);
async function bare(request: Received): Promise<string> {
	return answer({ code: await invites.create(verified(request)) });
}

const shared = { api, globalRequestsPerSecond: 0, makeRequest: poolRequest(api) };
const plainRest: REST = createRest({ ...restOptions(shared), token: TOKEN });
async function viaRest(request: Received): Promise<string> {
	const channelId = verified(request);
	return answer((await plainRest.post(Routes.channelInvites(channelId), { body: { max_age: 86_400 } })) as object);
}

const coreOptions = () => ({
	publicKey: signing.publicKeyHex,
	verifier: new NodeEd25519PublicKey(signing.publicKeyHex),
	rest: createRest({ ...restOptions(shared), token: TOKEN }),
	inviteRest: createInviteRest({ ...shared, token: TOKEN }),
	applicationId: APPLICATION_ID,
	metrics: createMetrics(),
});
const withoutLedger = createInteractionCore(coreOptions());
const ledgerDir = mkdtempSync(join(tmpdir(), 'invite-bench-ledger-'));
process.once('exit', () => rmSync(ledgerDir, { recursive: true, force: true }));
const store = await openStore({ kind: 'sqlite', path: join(ledgerDir, 'invites.db') });
const withLedger = createInteractionCore({ ...coreOptions(), store });
const open = { closed: false, onClose: () => undefined };
const context = { waitUntil: () => undefined };
async function ours(request: Received, core = withoutLedger): Promise<string> {
	const headers: Record<string, string> = {
		'x-signature-ed25519': request.signature,
		'x-signature-timestamp': request.timestamp,
	};
	const answered = await core(
		{
			method: 'POST',
			path: '/interactions',
			header: (name) => headers[name],
			body: async () => request.body,
			connection: open,
		},
		context,
	);
	if (answered.status !== 200 || !answered.body.includes('discord.gg/'))
		throw new Error(`ours answered ${answered.status}: ${answered.body.slice(0, 200)}`);
	return answered.body;
}

const steps = { bare, rest: viaRest, ours, ledger: (request: Received) => ours(request, withLedger) } as const;
type Step = keyof typeof steps;

/** CPU µs per interaction for one round of `step` (signing happens before the clock starts). */
async function measure(step: Step, count: number): Promise<number> {
	const batch = received(count);
	const run = steps[step];
	const before = process.cpuUsage();
	await pool(batch.length, IN_FLIGHT, async (index) => void (await run(batch[index]!)));
	const used = process.cpuUsage(before);
	return (used.user + used.system) / count;
}

// Ends when the parent stops it (the bench's children all do), so a profile
// (BENCH_CPU_PROF) is written after the figures are sent, never cut short.
process.once('SIGTERM', () => process.exit(0));

const order: Step[] = ['bare', 'rest', 'ours', 'ledger'];
for (const step of order) await measure(step, perRound); // warm-up: optimized code, pools and sockets open
const results: Record<Step, number[]> = { bare: [], rest: [], ours: [], ledger: [] };
for (let r = 0; r < rounds; r++)
	for (const step of [...order.slice(r % order.length), ...order.slice(0, r % order.length)])
		results[step].push(await measure(step, perRound));
if (process.send) process.send({ type: 'bench:cost', results });
else {
	process.stdout.write(`${JSON.stringify(results)}\n`);
	process.exit(0);
}
