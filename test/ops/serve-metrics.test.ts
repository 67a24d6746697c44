/**
 * `/metrics` as both Node servers answer it (the HTTP endpoint's own port and the ops server):
 * one function, `serveMetrics`, so the two never answer differently.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { InviteMetrics } from '../../src/ops/metrics.js';
import { listen, serveMetrics } from '../../src/ops/server.js';

type Registry = InviteMetrics['registry'];
const PROMETHEUS = 'text/plain; version=0.0.4; charset=utf-8' as const;

const servers: Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function serving(registry: Pick<Registry, 'metrics' | 'contentType'>): Promise<string> {
	const server = createServer((req, res) => void serveMetrics({ registry: registry as Registry }, req, res));
	servers.push(server);
	const address: AddressInfo = await listen(server, 0, '127.0.0.1');
	return `http://127.0.0.1:${address.port}/metrics`;
}

describe('serveMetrics', () => {
	it('answers the registry in its content type, with its length', async () => {
		const url = await serving({
			metrics: async () => 'invites_total 3\n',
			contentType: PROMETHEUS,
		});
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(PROMETHEUS);
		expect(response.headers.get('content-length')).toBe('16');
		expect(await response.text()).toBe('invites_total 3\n');
	});

	it('refuses a method other than GET or HEAD with 405 and what is allowed', async () => {
		const url = await serving({ metrics: async () => '', contentType: PROMETHEUS });
		const response = await fetch(url, { method: 'POST', body: 'x' });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, HEAD');
		expect(await response.json()).toEqual({ error: 'method not allowed' });
	});

	it('answers 500 when the registry cannot be read, instead of leaving the scrape open', async () => {
		const url = await serving({
			metrics: () => Promise.reject(new Error('collector failed')),
			contentType: PROMETHEUS,
		});
		const response = await fetch(url);
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({ error: 'metrics unavailable' });
	});
});
