/**
 * The Worker's ledger writer, off workerd: what it does when D1 refuses a write (tries in the
 * request, then hands the write to the durable queue as JSON) and when even the queue's object
 * cannot be reached (the isolate's memory keeps it, with an error line). workerd runs the
 * object itself: test/http/worker-ledger-upkeep.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../src/log-core.js';
import { isLedgerWrite, type LedgerWrite } from '../../src/store/writes.js';
import type { DurableObjectNamespace } from '../../src/worker/durable.js';
import { purgeLedger, workerHandler } from '../../src/worker/host.js';
import { durableLedgerWriter, IN_REQUEST_RETRY_POLICY, LEDGER_WRITES_OBJECT } from '../../src/worker/ledger-writes.js';

const write: LedgerWrite = { kind: 'markDeleted', code: 'abc', at: 1_000 };

/** A binding that records what the Worker hands its objects, or refuses every call. */
function objects(reachable: boolean): DurableObjectNamespace & { calls: { name: unknown; body: unknown }[] } {
	const calls: { name: unknown; body: unknown }[] = [];
	return {
		calls,
		idFromName: (name) => name,
		get: (name) => ({
			async fetch(_url, init) {
				if (!reachable) throw new Error('Durable Object is overloaded');
				calls.push({ name, body: JSON.parse(String(init?.body)) });
				return Response.json({ queued: true });
			},
		}),
	};
}

function logged(): { lines: string[]; logger: ReturnType<typeof createConsoleLogger> } {
	const lines: string[] = [];
	return { lines, logger: createConsoleLogger('info', { write: (line) => lines.push(line) }) };
}

describe('the Worker’s ledger writer', () => {
	it('writes at once when D1 takes the write, and hands nothing on', async () => {
		const namespace = objects(true);
		const { logger } = logged();
		const writer = durableLedgerWriter(namespace, logger).factory(async () => undefined);
		expect(await writer.submit(write)).toBe('written');
		expect(namespace.calls).toEqual([]);
	});

	it('tries again in the request, then hands the write to the durable queue as JSON', async () => {
		const namespace = objects(true);
		const { lines, logger } = logged();
		const waits: number[] = [];
		const durable = durableLedgerWriter(namespace, logger, async (ms) => {
			waits.push(ms);
		});
		let tries = 0;
		const writer = durable.factory(async () => {
			tries++;
			throw new Error('D1_ERROR: no such table: invites');
		});
		expect(await writer.submit(write)).toBe('queued');
		await durable.settled();
		expect(tries).toBe(IN_REQUEST_RETRY_POLICY.maxAttempts);
		expect(waits).toEqual([200, 400]);
		expect(namespace.calls).toEqual([
			{
				name: LEDGER_WRITES_OBJECT,
				body: { op: 'enqueue', write, attempts: IN_REQUEST_RETRY_POLICY.maxAttempts },
			},
		]);
		expect(isLedgerWrite((namespace.calls[0]?.body as { write?: unknown } | undefined)?.write)).toBe(true);
		expect(lines.filter((line) => line.includes('"level":"warn"'))).toHaveLength(3);
	});

	it('lands a write that goes through on a retry in the request, and logs it', async () => {
		const namespace = objects(true);
		const { lines, logger } = logged();
		let tries = 0;
		const writer = durableLedgerWriter(namespace, logger, async () => undefined).factory(async () => {
			if (++tries === 1) throw new Error('D1 overloaded');
		});
		expect(await writer.submit(write)).toBe('written');
		expect(namespace.calls).toEqual([]);
		expect(lines.join('\n')).toContain('ledger write went through on a retry');
	});

	it('keeps the write in the isolate’s memory, with an error line, when the queue’s object is unreachable', async () => {
		const { lines, logger } = logged();
		const writer = durableLedgerWriter(objects(false), logger, async () => undefined).factory(async () => {
			throw new Error('D1 down');
		});
		expect(await writer.submit(write)).toBe('queued');
		expect(writer.depth).toBe(1);
		expect(lines.join('\n')).toContain('ledger write could not reach the durable queue');
		writer.close();
	});
});

describe('isLedgerWrite', () => {
	it('takes the three writes and refuses anything else', () => {
		expect(isLedgerWrite(write)).toBe(true);
		expect(isLedgerWrite({ kind: 'deleteGuild', guildId: '1' })).toBe(true);
		expect(isLedgerWrite({ kind: 'recordInvite', invite: { code: 'x' } })).toBe(true);
		expect(isLedgerWrite({ kind: 'dropTable' })).toBe(false);
		expect(isLedgerWrite({ kind: 'markDeleted', code: 'x' })).toBe(false);
		expect(isLedgerWrite(null)).toBe(false);
	});
});

describe('LEDGER_RETENTION_DAYS on the Worker', () => {
	// Counts every statement prepared: the purge must run none.
	const prepared: string[] = [];
	const db = {
		prepare: (query: string) => {
			prepared.push(query);
			return { bind: () => ({ all: () => Promise.reject(new Error('unused')) }) };
		},
	} as never;
	const env = {
		DISCORD_PUBLIC_KEY: 'a'.repeat(64),
		DISCORD_TOKEN: 'token',
		DISCORD_APPLICATION_ID: '1100000000000000001',
		DB: db,
		LEDGER_RETENTION_DAYS: 'a month',
	};

	it('is a configuration problem like any other variable: 500, and 503 on /healthz', async () => {
		const handler = workerHandler(env);
		expect((await handler(new Request('http://worker/interactions', { method: 'POST' }))).status).toBe(500);
		expect((await handler(new Request('http://worker/healthz'))).status).toBe(503);
	});

	it('skips the scheduled purge with an error line rather than purging with a guess', async () => {
		const lines: string[] = [];
		const log = console.log;
		console.log = (line: string) => lines.push(line);
		try {
			expect(await purgeLedger(env, { cron: '0 */6 * * *', scheduledTime: Date.now() })).toBeNull();
		} finally {
			console.log = log;
		}
		expect(lines.join('\n')).toContain('LEDGER_RETENTION_DAYS: expected a whole number of days');
		expect(prepared).toEqual([]);
	});
});
