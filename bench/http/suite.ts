/**
 * The `http` suite: Interactions Endpoints side by side, each in its own process, against a
 * fast fake REST (bench/http/fake-rest.ts) in another, driven by autocannon at 10 and 50
 * connections with pre-signed, distinct interactions:
 *
 * - floor: node:http + node:crypto verify + a type 4 answer, no REST call (bench/http/floor.ts)
 * - floor + invite: the same plus one bare undici POST of the invite (bench/http/floor-invite.ts):
 *   the least an /invite endpoint spends; ours over it is our code and @discordjs/rest
 * - reference: Discord's official example shape, express + discord-interactions + fetch
 *   (bench/http/reference.ts)
 * - the framework peers a user would pick instead: slash-create (its FastifyServer,
 *   bench/http/slash-create.ts) and Carbon (@buape/carbon on @hono/node-server, bench/http/carbon.ts),
 *   each making the same one Create Channel Invite call
 * - ours, client-side global cap off, and ours as shipped: `src/http/main.ts` compiled as the
 *   Docker image ships it (bench/build.ts), configured through its environment like `npm run serve`
 *
 * Then the CPU breakdown (cost-child.ts): where ours' CPU per answer goes, step by step.
 *
 * Rounds are short and interleaved (every server once per concurrency, in a rotating order,
 * then again), so a busy neighbour on this shared machine hits all alike; each figure is the
 * median of the rounds, with the spread of req/s. The load generator runs in this process
 * and shares the machine's cores with the servers. CPU per request is the child's own
 * `process.cpuUsage()` over the round divided by the 2xx answers it gave.
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { compiledProject } from '../build.js';
import { type Child, cpuMs, freePort, startChild, waitForPort } from '../children.js';
import { type BenchResult, crashed, type Figure, fig, median, percentile } from '../lib.js';
import { TARGETS } from '../targets.js';
import { APPLICATION_ID, keys, presign, type Signed, TOKEN, templates } from './interactions.js';

export interface HttpSettings {
	/** Seconds per measured round. */
	seconds: number;
	rounds: number;
	warmupSeconds: number;
	concurrencies: readonly number[];
	/** Rounds of the step-by-step CPU breakdown (bench/http/cost-child.ts); 0 skips it. */
	costRounds: number;
	/** Only these servers (for a quick look at one change); the ratio rows need the floor, the reference and ours. */
	servers?: readonly ServerId[];
}

/**
 * Warm-up: 3 s per server and concurrency before the measured rounds. With 1 s, the first
 * measured round of ours still ran half-compiled code (1.70 ms CPU/req at 10 connections in
 * round 1, 0.97-1.02 in rounds 2 and 3 of the same run).
 */
export const HTTP_SETTINGS: HttpSettings = {
	seconds: 3,
	rounds: 3,
	warmupSeconds: 3,
	concurrencies: [10, 50],
	costRounds: 5,
};

export type ServerId = 'floor' | 'floor-invite' | 'reference' | 'slash-create' | 'carbon' | 'ours-cap-off' | 'ours';

/** The baselines: their rows are information (`info`), failed only when their answers lack the invite. */
const BASELINES: readonly ServerId[] = ['floor-invite', 'reference', 'slash-create', 'carbon'];
/** The framework peers, compared with ours (cap off) in a row of their own. */
const PEERS: readonly ServerId[] = ['slash-create', 'carbon'];

interface ServerSpec {
	id: ServerId;
	title: string;
	script: string;
	env: Record<string, string>;
	execArgv?: string[];
	/**
	 * Requests per second offered over all connections (autocannon's `overallRate`), for a server
	 * whose REST is capped: unpaced, each deferred answer frees its connection at once, the
	 * offered load climbs far past the cap and the queue ends in refusals. Default: unpaced.
	 */
	offeredRate?: number;
}

interface Round {
	rate: number;
	p50: number;
	p99: number;
	errors: number;
	cpuPerRequest: number;
	answered: number;
	/**
	 * Invites the fake REST created per 2xx answer, 1 for a server that made one for each (0 for
	 * the floor). autocannon stops a round on the clock and drops the requests in flight; the
	 * server may still make their invites (or not: ours makes none when its deferral cannot
	 * reach anybody). Those invites are not counted against the answers: up to one per request
	 * cut off, the invites beyond the answers are theirs (see `invitesPerAnswer`).
	 */
	invitesPerAnswer: number;
}

/** What the fake REST has answered so far, by route (`invite`, `edit`, `callback`, ...). */
type Counts = () => Promise<Record<string, number>>;

/**
 * Sends one interaction and checks the answer carries an invite: the server can serve the
 * benchmark. A server that answers through the interaction callback instead (Carbon: a bare
 * 202 after its callback POST) must have sent the fake REST a callback with the link.
 */
async function check(url: string, signed: Signed, counts: Counts): Promise<void> {
	const before = (await counts())['callback-invite'] ?? 0;
	const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
	const text = await response.text();
	if (response.status === 202) {
		if (((await counts())['callback-invite'] ?? 0) === before)
			throw new Error(`answered 202 without a callback carrying an invite: ${text.slice(0, 200)}`);
		return;
	}
	if (response.status !== 200) throw new Error(`answered ${response.status}: ${text.slice(0, 200)}`);
	const answer = JSON.parse(text) as { type?: number; data?: { content?: string } };
	if (answer.type === 4 && !answer.data?.content?.includes('discord.gg/'))
		throw new Error(`no invite in the answer: ${text.slice(0, 200)}`);
	if (answer.type !== 4 && answer.type !== 5) throw new Error(`unexpected answer: ${text.slice(0, 200)}`);
}

/** The fake REST's counts once they stopped changing (for 300 ms; 5 s at most). */
async function settle(counts: Counts): Promise<Record<string, number>> {
	let last = await counts();
	for (const until = Date.now() + 5_000; Date.now() < until; ) {
		await new Promise((resolve) => setTimeout(resolve, 300));
		const now = await counts();
		if (now.invite === last.invite && now.edit === last.edit) return now;
		last = now;
	}
	return last;
}

/** One autocannon round against one server. */
async function round(
	server: { child: Child; url: string; spec: ServerSpec },
	connections: number,
	seconds: number,
	pool: Signed[],
	counts: Counts,
): Promise<Round & { exhausted: boolean }> {
	let next = 0;
	let responses = 0;
	let exhausted = false;
	const latencies: number[] = [];
	const invitesBefore = (await counts()).invite ?? 0;
	const before = await server.child.usage();
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{
				url: server.url,
				connections,
				duration: seconds,
				...(server.spec.offeredRate ? { overallRate: server.spec.offeredRate } : {}),
				timeout: 10,
				requests: [
					{
						method: 'POST',
						setupRequest: (request) => {
							const signed = pool[next++];
							if (!signed) {
								// Out of distinct interactions: stop rather than repeat one (ours refuses replays).
								exhausted = true;
								instance.stop();
								return { ...request, ...pool[pool.length - 1]! };
							}
							return {
								...request,
								body: signed.body,
								headers: { ...request.headers, ...signed.headers },
							};
						},
					},
				],
			},
			(error, finished) => (error ? reject(error) : resolve(finished)),
		);
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			responses++;
			if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
		});
	});
	// Deferred answers (ours as shipped, past 1.5 s in the 50/s queue) get their invite and the
	// edit after the answer: wait until the fake REST is quiet, so both count for this round.
	const settled = await settle(counts);
	const after = await server.child.usage();
	const invites = (settled.invite ?? 0) - invitesBefore;
	const answered = result['2xx'];
	// Sent (each request takes one interaction from the pool when autocannon writes it) and not
	// answered when the clock stopped.
	const inFlight = Math.max(0, Math.min(next, pool.length) - responses);
	return {
		rate: answered / result.duration,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		errors: result.non2xx + result.errors + result.timeouts,
		cpuPerRequest: answered > 0 ? cpuMs(before, after) / answered : Number.NaN,
		answered,
		invitesPerAnswer: invitesPerAnswer(invites, answered, inFlight),
		exhausted,
	};
}

/**
 * Invites per 2xx answer, not counting the invites of requests cut off by the round's end.
 * Of `invites`, those for answered requests are at least `invites - inFlight` (one each at
 * most for the requests cut off) and, without duplicates, at most `answered`: the figure is
 * 1 when the excess is no more than the requests cut off (at 50 answers a second and 10
 * connections, 160 invites for 150 answers read 1.07 before), above 1 only for invites no
 * request cut off explains (duplicates), and below 1 when answers came without one. So up to
 * one duplicate per request cut off stays unseen here: the burst suite counts duplicates
 * exactly (each of its interactions comes from another member, whom the audit-log reason names).
 */
export function invitesPerAnswer(invites: number, answered: number, inFlight: number): number {
	if (answered <= 0) return 0;
	return Math.max(invites - inFlight, Math.min(invites, answered)) / answered;
}

/** Below this share of answers with an invite, a round measured something else (e.g. cooldown refusals). */
const MIN_INVITES_PER_ANSWER = 0.95;

const spread = (values: readonly number[]): string =>
	`${Math.round(Math.min(...values))}-${Math.round(Math.max(...values))}`;

export async function benchHttpSideBySide(
	settings: HttpSettings = HTTP_SETTINGS,
	log: (line: string) => void = () => {},
): Promise<BenchResult[]> {
	const signing = keys();
	const payloads = await templates();
	const children: Child[] = [];
	try {
		const restPort = await freePort();
		const rest = startChild({
			name: 'fake REST',
			script: 'bench/http/fake-rest.ts',
			env: { PORT: String(restPort), BENCH_TOKEN: TOKEN, BENCH_APPLICATION_ID: APPLICATION_ID },
		});
		children.push(rest);
		await waitForPort(restPort, rest);
		const counts: Counts = () =>
			new Promise((resolve) => {
				rest.process.once('message', (m: { counts: Record<string, number> }) => resolve(m.counts));
				rest.process.send({ type: 'bench:counts' });
			});
		const apiUrl = `http://127.0.0.1:${restPort}/api`;
		const common = {
			DISCORD_PUBLIC_KEY: signing.publicKeyHex,
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_API_URL: apiUrl,
			HOST: '127.0.0.1',
			LOG_LEVEL: 'silent',
		};
		// Four users send everything: ours' cooldowns (5 a minute per user, 60 per server by
		// default) would answer nearly every request "too many invites" without calling Discord,
		// so ours runs without them, like the gateway bench's bot. Every answer must come with an
		// invite the fake REST made (`invitesPerAnswer`).
		const ours = { ...common, NODE_ENV: 'production', COOLDOWN_PER_USER: '0', COOLDOWN_PER_GUILD: '0' };
		const oursMain =
			settings.servers && !settings.servers.some((id) => id.startsWith('ours'))
				? ''
				: join(await compiledProject(), 'src/http/main.js');
		const specs: ServerSpec[] = [
			{ id: 'floor', title: 'floor (node:http + verify)', script: 'bench/http/floor.ts', env: common },
			{
				id: 'floor-invite',
				title: 'floor + the invite POST (bare undici, no checks)',
				script: 'bench/http/floor-invite.ts',
				env: common,
			},
			{
				id: 'reference',
				title: 'reference (express + discord-interactions + fetch)',
				script: 'bench/http/reference.ts',
				env: common,
			},
			{
				id: 'slash-create',
				title: 'slash-create (FastifyServer, its REST client)',
				script: 'bench/http/slash-create.ts',
				env: common,
			},
			{
				id: 'carbon',
				title: 'Carbon (@hono/node-server; replies by callback POST)',
				script: 'bench/http/carbon.ts',
				env: common,
			},
			{
				id: 'ours-cap-off',
				title: 'ours, global cap off',
				script: oursMain,
				env: { ...ours, DISCORD_REST_GLOBAL_RPS: '0' },
			},
			// At 40 offered a second, under the 50/s cap it ships with: what a bot within Discord's
			// global limit sees (an answer per request, the time it takes).
			{
				id: 'ours',
				title: 'ours, as shipped (50 requests/s cap, 40/s offered)',
				script: oursMain,
				env: ours,
				offeredRate: 40,
			},
		];
		const servers = new Map<ServerId, { spec: ServerSpec; child: Child; url: string }>();
		for (const spec of specs.filter((candidate) => settings.servers?.includes(candidate.id) ?? true)) {
			const port = await freePort();
			const child = startChild({
				name: spec.id,
				script: spec.script,
				env: { ...spec.env, PORT: String(port) },
				...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
			});
			children.push(child);
			await waitForPort(port, child);
			const url = `http://127.0.0.1:${port}/interactions`;
			try {
				await check(url, presign(1, payloads, signing.privateKey)[0]!, counts);
			} catch (error) {
				throw new Error(`${spec.id} cannot serve the benchmark: ${(error as Error).message}`);
			}
			servers.set(spec.id, { spec, child, url });
		}

		// Pools are sized from the last rate seen; the first guess errs large.
		const lastRate = new Map<string, number>();
		const poolFor = (id: ServerId, connections: number, seconds: number): Signed[] => {
			const rate = lastRate.get(`${id}:${connections}`) ?? 4_000;
			return presign(Math.ceil(rate * seconds * 1.6) + connections * 4, payloads, signing.privateKey);
		};
		for (const [id, server] of servers) {
			for (const connections of settings.concurrencies) {
				log(`http: warm-up ${id} at ${connections}`);
				const warm = await round(
					server,
					connections,
					settings.warmupSeconds,
					poolFor(id, connections, settings.warmupSeconds),
					counts,
				);
				lastRate.set(`${id}:${connections}`, warm.rate);
			}
		}
		const rounds = new Map<string, Round[]>();
		const order = [...servers.keys()];
		for (let r = 0; r < settings.rounds; r++) {
			for (const connections of settings.concurrencies) {
				const rotated = [...order.slice(r % order.length), ...order.slice(0, r % order.length)];
				for (const id of rotated) {
					const key = `${id}:${connections}`;
					let measured = await round(
						servers.get(id)!,
						connections,
						settings.seconds,
						poolFor(id, connections, settings.seconds),
						counts,
					);
					if (measured.exhausted) {
						// Faster than the pool allowed for: measure again with a pool sized from this round.
						lastRate.set(key, measured.rate * 2);
						measured = await round(
							servers.get(id)!,
							connections,
							settings.seconds,
							poolFor(id, connections, settings.seconds),
							counts,
						);
					}
					lastRate.set(key, measured.rate);
					rounds.set(key, [...(rounds.get(key) ?? []), measured]);
					log(
						`http: round ${r + 1} ${id} at ${connections}: ${measured.rate.toFixed(0)}/s, p99 ${measured.p99.toFixed(1)} ms, ${measured.cpuPerRequest.toFixed(3)} ms CPU/req`,
					);
				}
			}
		}
		const results = report(settings, servers, rounds, await counts());
		if (oursMain && settings.costRounds > 0) {
			log('http: CPU per answer, step by step');
			// A breakdown that cannot run says so in its own row; the rounds above stand.
			results.push(
				await costLadder(apiUrl, settings.costRounds).catch((error: unknown) =>
					crashed('http.cost', COST_TITLE, COST_TARGET, error),
				),
			);
		}
		return results;
	} finally {
		await Promise.all(children.map((child) => child.stop()));
	}
}

interface Summary {
	rate: number;
	p50: number;
	p99: number;
	errors: number;
	cpu: number;
	rates: number[];
	/** The lowest share of answers that came with an invite, over the rounds. */
	invitesPerAnswer: number;
}

function summarize(list: readonly Round[]): Summary {
	return {
		rate: median(list.map((r) => r.rate)),
		p50: median(list.map((r) => r.p50)),
		p99: median(list.map((r) => r.p99)),
		errors: list.reduce((sum, r) => sum + r.errors, 0),
		cpu: median(list.map((r) => r.cpuPerRequest)),
		rates: list.map((r) => r.rate),
		invitesPerAnswer: Math.min(...list.map((r) => r.invitesPerAnswer)),
	};
}

function report(
	settings: HttpSettings,
	servers: Map<ServerId, { spec: ServerSpec }>,
	rounds: Map<string, Round[]>,
	counts: Record<string, number>,
): BenchResult[] {
	const results: BenchResult[] = [];
	const target = TARGETS.httpSideBySide;
	for (const connections of settings.concurrencies) {
		const of = (id: ServerId): Summary => summarize(rounds.get(`${id}:${connections}`) ?? []);
		for (const [id, { spec }] of servers) {
			const s = of(id);
			const figures: Record<string, Figure> = {
				'req/s': fig(s.rate, '/s'),
				p50: fig(s.p50, 'ms'),
				p99: fig(s.p99, 'ms'),
				errors: fig(s.errors, ''),
				'CPU/req': fig(s.cpu, 'ms'),
				...(id === 'floor' ? {} : { 'invites/answer': fig(s.invitesPerAnswer, '') }),
			};
			// An answer without an invite (a cooldown, an error text) costs far less than one with:
			// such a run measures the wrong path and says so.
			const invites = id === 'floor' || s.invitesPerAnswer >= MIN_INVITES_PER_ANSWER;
			results.push({
				id: `http.${id}.c${connections}`,
				title: `http c=${connections}: ${spec.title}`,
				figures,
				target:
					id === 'floor'
						? '(baseline)'
						: BASELINES.includes(id)
							? '(baseline) an invite per answer'
							: '0 errors, an invite per answer',
				pass:
					id === 'floor'
						? undefined
						: BASELINES.includes(id)
							? invites
								? undefined
								: false
							: s.errors === 0 && invites,
				note: invites
					? `req/s over ${s.rates.length} rounds: ${spread(s.rates)}`
					: `only ${(s.invitesPerAnswer * 100).toFixed(0)}% of its answers came with an invite: not the path measured`,
			});
		}
		if (!servers.has('ours-cap-off') || !servers.has('reference') || !servers.has('floor')) continue;
		const ours = of('ours-cap-off');
		const reference = of('reference');
		const floor = of('floor');
		const rateRatio = ours.rate / reference.rate;
		const cpuRatio = ours.cpu / reference.cpu;
		const floorCpuRatio = ours.cpu / floor.cpu;
		const p99Ratio = ours.p99 / reference.p99;
		results.push({
			id: `http.ratios.c${connections}`,
			title: `http c=${connections}: ours (cap off) vs reference, floor`,
			figures: {
				'req/s ×ref': fig(rateRatio, '×'),
				'p99 ×ref': fig(p99Ratio, '×'),
				'CPU/req ×ref': fig(cpuRatio, '×'),
				'CPU/req ×floor': fig(floorCpuRatio, '×'),
				'req/s ×floor': fig(ours.rate / floor.rate, '×'),
				// What our code and @discordjs/rest add to the least an endpoint that makes the invite spends.
				...(servers.has('floor-invite')
					? { 'CPU/req ×floor+invite': fig(ours.cpu / of('floor-invite').cpu, '×') }
					: {}),
			},
			target: `≥ ${target.minRateVsReference}× req/s, p99 < ref, CPU ≤ ${target.maxCpuVsReference}× ref and ≤ ${target.maxCpuVsFloor}× floor`,
			pass:
				rateRatio >= target.minRateVsReference &&
				p99Ratio < 1 &&
				cpuRatio <= target.maxCpuVsReference &&
				floorCpuRatio <= target.maxCpuVsFloor,
		});
		const peers = PEERS.filter((id) => servers.has(id));
		if (peers.length > 0)
			results.push({
				id: `http.peers.c${connections}`,
				title: `http c=${connections}: ours (cap off) vs the framework peers`,
				figures: Object.fromEntries(
					peers.flatMap((id) => {
						const peer = of(id);
						return [
							[`req/s ×${id}`, fig(ours.rate / peer.rate, '×')],
							[`CPU/req ×${id}`, fig(ours.cpu / peer.cpu, '×')],
							[`p99 ×${id}`, fig(ours.p99 / peer.p99, '×')],
						];
					}),
				),
				target: '(comparison)',
				pass: undefined,
			});
	}
	const lookups = Object.entries(counts)
		.filter(([key]) => key !== 'invite' && key !== 'edit' && key !== 'callback' && key !== 'callback-invite')
		.map(([key, value]) => `${key} ${value}`);
	if (lookups.length > 0) {
		const last = results.at(-1)!;
		last.note = `the fake REST also answered: ${lookups.join(', ')}`;
	}
	return results;
}

/**
 * Where ours' CPU per answer goes beyond the floor's invite POST, measured step by step in
 * one process (bench/http/cost-child.ts): what @discordjs/rest adds to a bare undici request,
 * what our core adds to that, and what the invite ledger (SQLite, as shipped) adds to ours.
 */
const COST_TITLE = 'http: CPU per answer step by step (one process, 10 in flight, no HTTP server)';
const COST_TARGET = '(where the CPU goes)';

async function costLadder(apiUrl: string, rounds: number): Promise<BenchResult> {
	const child = startChild({
		name: 'cost ladder',
		script: 'bench/http/cost-child.ts',
		env: { DISCORD_API_URL: apiUrl, BENCH_COMPILED: await compiledProject(), BENCH_COST_ROUNDS: String(rounds) },
	});
	try {
		const { results } = await child.message<{ results: Record<'bare' | 'rest' | 'ours' | 'ledger', number[]> }>(
			'bench:cost',
			180_000,
		);
		const ms = (values: readonly number[]): number => median(values) / 1_000;
		const bare = ms(results.bare);
		const rest = ms(results.rest);
		const ours = ms(results.ours);
		const ledger = ms(results.ledger);
		return {
			id: 'http.cost',
			title: COST_TITLE,
			figures: {
				'verify + bare invite POST': fig(bare, 'ms'),
				'with @discordjs/rest': fig(rest, 'ms'),
				'ours (whole core)': fig(ours, 'ms'),
				'@discordjs/rest adds': fig(rest - bare, 'ms'),
				'our core adds': fig(ours - rest, 'ms'),
				'with the ledger (SQLite file)': fig(ledger, 'ms'),
				'the ledger adds': fig(ledger - ours, 'ms'),
			},
			target: COST_TARGET,
			pass: undefined,
			note: `medians of ${rounds} interleaved rounds; ours over the bare step ${(ours / bare).toFixed(2)}×, with the ledger ${(ledger / bare).toFixed(2)}×`,
		};
	} finally {
		await child.stop();
	}
}
