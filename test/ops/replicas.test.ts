/**
 * HTTP replicas as they are deployed: separate `npm run serve` processes behind one Redis, in
 * front of the local Discord. A signed request replayed to the other replica gets 401, the
 * cooldown counts across both, and Redis dying in the middle of a burst costs no answer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { createSigner, signedPost, unixSeconds } from '../http/signing-client.js';
import { type RedisServer, startRedis, stopAllRedis } from '../support/redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INVITES = /^\/channels\/\d+\/invites$/;
const signer = createSigner();

interface Replica {
	url: string;
	output: () => string;
	/** The JSON log lines so far. */
	lines: () => Record<string, unknown>[];
	stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

async function startReplica(discord: LocalDiscord, env: Record<string, string>): Promise<Replica> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/http/main.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			DOTENV_CONFIG_PATH: '/nonexistent/.env',
			LOG_LEVEL: 'info',
			HOST: '127.0.0.1',
			PORT: '0',
			DISCORD_TOKEN: discord.token,
			DISCORD_APPLICATION_ID: discord.applicationId,
			DISCORD_PUBLIC_KEY: signer.publicKeyHex,
			DISCORD_API_URL: discord.apiUrl,
			...env,
		},
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
			if (match) resolve(match[1]!);
		});
		child.once('exit', () => reject(new Error(`exited before listening:\n${output}`)));
	});
	return {
		url,
		output: () => output,
		lines: () =>
			output
				.split('\n')
				.filter((line) => line.startsWith('{'))
				.map((line) => JSON.parse(line) as Record<string, unknown>),
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** POSTs a fresh `/invite` by `user` to `url`, signed now; returns the payload, timestamp and answer. */
async function invite(discord: LocalDiscord, url: string, user = 'member') {
	const payload = discord.interaction({ user, channel: 'general' });
	const timestamp = unixSeconds();
	const response = await signedPost(url, payload, { signer, timestamp });
	return { payload, timestamp, response, content: (response.body as { data?: { content?: string } }).data?.content };
}

let redis: RedisServer;
let discord: LocalDiscord;
const replicas: Replica[] = [];
beforeAll(async () => {
	[redis, discord] = await Promise.all([startRedis(), startLocalDiscord()]);
});
afterEach(async () => {
	await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
});
afterAll(async () => {
	for (const child of children) child.kill('SIGKILL');
	await discord.close();
	await redis.stop();
	await stopAllRedis();
});

describe('two HTTP endpoint processes sharing one Redis', () => {
	it('refuses with 401 a signed request replayed to the other replica, and counts the cooldown across both', async () => {
		const env = { REDIS_URL: redis.url, COOLDOWN_PER_USER: '3/60', COOLDOWN_PER_GUILD: '0' };
		const [a, b] = await Promise.all([startReplica(discord, env), startReplica(discord, env)]);
		replicas.push(a, b);
		const posts = () => discord.requestsTo('POST', INVITES).length;

		const first = await invite(discord, a.url, 'moderator');
		expect(first.response.status).toBe(200);
		expect(first.content).toContain('https://discord.gg/');
		const before = posts();
		// The same bytes, signature and timestamp, to the other replica and to the same one.
		for (const url of [b.url, a.url]) {
			const replay = await signedPost(url, first.payload, { signer, timestamp: first.timestamp });
			expect(replay.status).toBe(401);
		}
		expect(posts()).toBe(before);
		expect(b.output()).toContain('refused a replayed interaction');

		// 3 per minute for one user, whichever replica takes the request.
		expect((await invite(discord, b.url, 'moderator')).content).toContain('https://discord.gg/');
		expect((await invite(discord, a.url, 'moderator')).content).toContain('https://discord.gg/');
		const held = await invite(discord, b.url, 'moderator');
		expect(held.response.status).toBe(200);
		expect(held.content).toMatch(/^Too many invites in a short time\. You can make another invite <t:\d+:R>\.$/);
		expect(posts()).toBe(before + 2);
		// Another member is not held back.
		expect((await invite(discord, b.url, 'member')).content).toContain('https://discord.gg/');
		const line = b.lines().find((entry) => entry.msg === 'interaction' && entry.outcome === 'cooldown');
		expect(line).toMatchObject({ cooldown: 'user', delivery: 'inline' });
		const metrics = await (await fetch(new URL('/metrics', b.url))).text();
		expect(metrics).toContain('invite_cooldown_hits_total{scope="user"} 1');
		expect(metrics).toMatch(/^invite_store_redis_up 1$/m);
		expect(b.lines().every((entry) => !('url' in entry) || !String(entry.url).includes(redis.url))).toBe(true);
	}, 30_000);
});

describe('Redis killed in the middle of a burst', () => {
	it('answers every interaction, logs the fallback, and is back on Redis after a restart', async () => {
		const own = await startRedis();
		try {
			const env = { REDIS_URL: own.url, COOLDOWN_PER_USER: '1000/60', COOLDOWN_PER_GUILD: '1000/60' };
			const [a, b] = await Promise.all([startReplica(discord, env), startReplica(discord, env)]);
			replicas.push(a, b);
			const burst = (count: number) =>
				Promise.all(
					Array.from({ length: count }, async (_, i) => {
						const started = performance.now();
						const replica = i % 2 ? b : a;
						const result = await invite(discord, replica.url);
						return { ...result, replica, ms: performance.now() - started };
					}),
				);

			const before = await burst(8);
			await own.kill();
			const during = await burst(8);
			await own.restart();
			// Each replica's client reconnects within its backoff (at most 2 s): wait until an
			// interaction through each one is recorded in Redis again.
			const probe = new Redis(own.url);
			try {
				for (const replica of [a, b])
					await expect
						.poll(
							async () => {
								const sent = await invite(discord, replica.url, 'moderator');
								expect(sent.response.status).toBe(200);
								return probe.exists(`invite:seen:${sent.payload.id}`);
							},
							{ timeout: 15_000, interval: 250 },
						)
						.toBe(1);
			} finally {
				probe.disconnect();
			}
			const after = await burst(8);
			for (const replica of [a, b])
				expect(await fetch(new URL('/metrics', replica.url)).then((r) => r.text())).toMatch(
					/^invite_store_redis_up 1$/m,
				);

			for (const result of [...before, ...during, ...after]) {
				expect(result.response.status).toBe(200);
				expect(result.content).toContain('https://discord.gg/');
			}
			const warned = [a, b].some((replica) =>
				replica
					.lines()
					.some((line) => line.level === 'warn' && /fall back to process memory/.test(String(line.msg))),
			);
			expect(warned).toBe(true);
			const metrics = await Promise.all(
				[a, b].map((r) => fetch(new URL('/metrics', r.url)).then((x) => x.text())),
			);
			expect(metrics.some((text) => /invite_store_fallbacks_total\{operation="replay"\} [1-9]/.test(text))).toBe(
				true,
			);
			// Back on Redis: a replay to the other replica is refused again, and Redis holds the ids.
			const last = after.at(-1)!;
			const other = last.replica === a ? b : a;
			const client = new Redis(own.url);
			try {
				expect(await client.exists(`invite:seen:${last.payload.id}`)).toBe(1);
			} finally {
				client.disconnect();
			}
			const replay = await signedPost(other.url, last.payload, { signer, timestamp: last.timestamp });
			expect(replay.status).toBe(401);
			const slowest = Math.max(...during.map((result) => result.ms));
			console.log(
				`Redis down: ${during.length} interactions answered, slowest ${slowest.toFixed(0)} ms; before ${Math.max(...before.map((r) => r.ms)).toFixed(0)} ms, after ${Math.max(...after.map((r) => r.ms)).toFixed(0)} ms`,
			);
		} finally {
			await own.stop();
		}
	}, 60_000);
});
