/**
 * Downloads of `users_file` reach only Discord's CDN (or a non-Discord API origin: the local
 * Discord), follow no redirect off those hosts, connect to no private, loopback or link-local
 * address unless the API origin itself is loopback, and hold at most one memory budget
 * together. Real loopback servers, real fetch (the runtime's and the Node transport's undici);
 * names resolve through the transport's resolver seam.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addressAllowed, classifyAddress, isLoopbackHost } from '../../src/discord/addresses.js';
import { guardedAttachmentFetch, nodeAttachmentFetch } from '../../src/discord/attachment-transport.js';
import {
	type AttachmentFetch,
	attachmentUrlVerdict,
	DownloadBudget,
	fetchAttachment,
	MAX_ATTACHMENT_REDIRECTS,
} from '../../src/discord/attachments.js';

const LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 3_000 };

/** A loopback server counting connections and requests; `handle` answers (default: a two-line CSV). */
interface Recorder {
	origin: string;
	port: number;
	requests: string[];
	connections: number;
	close(): Promise<void>;
}

const servers: Recorder[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Recorder> {
	const server: Server = createServer((req, res) => {
		recorder.requests.push(req.url ?? '');
		if (handle) handle(req, res);
		else res.writeHead(200, { 'content-type': 'text/csv' }).end('user_id\n1100000000000000310\n');
	});
	const recorder: Recorder = {
		origin: '',
		port: 0,
		requests: [],
		connections: 0,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	server.on('connection', () => {
		recorder.connections++;
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	recorder.port = (server.address() as AddressInfo).port;
	recorder.origin = `http://127.0.0.1:${recorder.port}`;
	servers.push(recorder);
	return recorder;
}

const transports: [string, AttachmentFetch | undefined][] = [
	["the runtime's fetch (Workers)", undefined],
	['the Node transport (gateway bot, HTTP endpoint)', nodeAttachmentFetch],
];

describe('which addresses a download may reach', () => {
	it.each([
		['8.8.8.8', 'public'],
		['162.159.128.233', 'public'],
		['127.0.0.1', 'loopback'],
		['127.8.9.10', 'loopback'],
		['10.0.0.1', 'private'],
		['172.16.5.4', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.1', 'private'],
		['100.64.0.1', 'private'],
		['169.254.169.254', 'link-local'],
		['0.0.0.0', 'reserved'],
		['224.0.0.1', 'reserved'],
		['255.255.255.255', 'reserved'],
		['::1', 'loopback'],
		['[::1]', 'loopback'],
		['::', 'reserved'],
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:7f00:1', 'loopback'],
		['::ffff:169.254.169.254', 'link-local'],
		['::ffff:a9fe:a9fe', 'link-local'],
		['::ffff:10.0.0.1', 'private'],
		['::ffff:8.8.8.8', 'public'],
		['64:ff9b::a9fe:a9fe', 'link-local'],
		['2002:a9fe:a9fe::1', 'link-local'],
		['fc00::1', 'private'],
		['fd12:3456::1', 'private'],
		['fe80::1', 'link-local'],
		['fe80::1%eth0', 'link-local'],
		['ff02::1', 'reserved'],
		['2001:db8::1', 'reserved'],
		['2606:4700::6810:84e5', 'public'],
		['not-an-address', 'invalid'],
		['1.2.3', 'invalid'],
		['1::2::3', 'invalid'],
	])('%s is %s', (address, kind) => {
		expect(classifyAddress(address)).toBe(kind);
	});

	it('allows loopback only when asked, and never private or link-local', () => {
		expect(addressAllowed('127.0.0.1', { loopback: false })).toBe(false);
		expect(addressAllowed('127.0.0.1', { loopback: true })).toBe(true);
		expect(addressAllowed('::ffff:127.0.0.1', { loopback: true })).toBe(true);
		expect(addressAllowed('10.0.0.1', { loopback: true })).toBe(false);
		expect(addressAllowed('169.254.169.254', { loopback: true })).toBe(false);
		expect(addressAllowed('8.8.8.8', { loopback: false })).toBe(true);
		expect(isLoopbackHost('localhost')).toBe(true);
		expect(isLoopbackHost('127.0.0.1')).toBe(true);
		expect(isLoopbackHost('[::1]')).toBe(true);
		expect(isLoopbackHost('files.example')).toBe(false);
	});
});

describe('which URLs a download may request', () => {
	const discord = 'https://discord.com/api';
	const verdict = (url: string, api = discord) => attachmentUrlVerdict(new URL(url), api);

	it("takes Discord's CDN hosts over https only", () => {
		expect(verdict('https://cdn.discordapp.com/attachments/1/2/list.csv')).toEqual({ ok: true, loopback: false });
		expect(verdict('https://media.discordapp.net/attachments/1/2/list.csv')).toEqual({ ok: true, loopback: false });
		expect(verdict('http://cdn.discordapp.com/attachments/1/2/list.csv').ok).toBe(false);
		expect(verdict('https://cdn.discordapp.com:8443/attachments/1/2/list.csv').ok).toBe(false);
		expect(verdict('https://user:pw@cdn.discordapp.com/a.csv').ok).toBe(false);
		expect(verdict('https://cdn.discordapp.com.evil.example/a.csv').ok).toBe(false);
		expect(verdict('https://evil.example/cdn.discordapp.com/a.csv').ok).toBe(false);
		expect(verdict('ftp://cdn.discordapp.com/a.csv').ok).toBe(false);
		expect(verdict('file:///etc/passwd').ok).toBe(false);
	});

	it("refuses Discord's API host itself, any other host and any IP literal when the API is Discord's", () => {
		expect(verdict('https://discord.com/api/v10/users/@me').ok).toBe(false);
		expect(verdict('http://169.254.169.254/latest/meta-data/').ok).toBe(false);
		expect(verdict('http://127.0.0.1:8080/list.csv').ok).toBe(false);
		expect(verdict('http://[::ffff:a9fe:a9fe]/').ok).toBe(false);
	});

	it("takes the API origin (scheme, host and port) when it is not Discord's, with loopback only for a loopback origin", () => {
		expect(verdict('http://127.0.0.1:3000/attachments/1/a.csv', 'http://127.0.0.1:3000/api')).toEqual({
			ok: true,
			loopback: true,
		});
		expect(verdict('http://localhost:3000/a.csv', 'http://localhost:3000/api')).toEqual({
			ok: true,
			loopback: true,
		});
		expect(verdict('http://127.0.0.1:3001/a.csv', 'http://127.0.0.1:3000/api').ok).toBe(false);
		expect(verdict('https://127.0.0.1:3000/a.csv', 'http://127.0.0.1:3000/api').ok).toBe(false);
		expect(verdict('http://files.example:3000/a.csv', 'http://files.example:3000/api')).toEqual({
			ok: true,
			loopback: false,
		});
		// An API origin on a private or link-local literal serves no file: the address is checked too.
		expect(verdict('http://10.0.0.5:8080/a.csv', 'http://10.0.0.5:8080/api').ok).toBe(false);
		expect(verdict('http://169.254.169.254/a.csv', 'http://169.254.169.254/api').ok).toBe(false);
	});
});

describe.each(transports)('fetchAttachment over %s', (_name, transport) => {
	const options = (apiUrl: string) => ({ apiUrl, fetch: transport });

	it('downloads from the API origin when it is a loopback one (the local Discord)', async () => {
		const files = await serve();
		const content = await fetchAttachment(
			`${files.origin}/attachments/1/list.csv`,
			LIMITS,
			options(`${files.origin}/api`),
		);
		expect(content.ok && new TextDecoder().decode(content.data)).toBe('user_id\n1100000000000000310\n');
	});

	it('refuses a URL on another host and sends it no request', async () => {
		const api = await serve();
		const other = await serve();
		expect(await fetchAttachment(`${other.origin}/list.csv`, LIMITS, options(`${api.origin}/api`))).toEqual({
			ok: false,
			problem: 'refused',
		});
		expect(
			await fetchAttachment(
				'http://169.254.169.254/latest/meta-data/',
				LIMITS,
				options('https://discord.com/api'),
			),
		).toEqual({ ok: false, problem: 'refused' });
		expect(other.requests).toEqual([]);
		expect(other.connections).toBe(0);
		expect(api.requests).toEqual([]);
	});

	it('refuses a redirect off the allowed hosts, and the target is never contacted', async () => {
		const target = await serve();
		const api = await serve((_req, res) => res.writeHead(302, { location: `${target.origin}/secret` }).end());
		expect(
			await fetchAttachment(`${api.origin}/attachments/1/list.csv`, LIMITS, options(`${api.origin}/api`)),
		).toEqual({
			ok: false,
			problem: 'refused',
		});
		expect(api.requests).toEqual(['/attachments/1/list.csv']);
		expect(target.connections).toBe(0);
	});

	it.each([
		['the link-local metadata address', 'http://169.254.169.254/latest/meta-data/'],
		['another scheme', 'file:///etc/passwd'],
		['a private address', 'http://10.0.0.1/'],
	])('refuses a redirect to %s', async (_case, location) => {
		const api = await serve((_req, res) => res.writeHead(307, { location }).end());
		expect(await fetchAttachment(`${api.origin}/a.csv`, LIMITS, options(`${api.origin}/api`))).toEqual({
			ok: false,
			problem: 'refused',
		});
	});

	it(`follows redirects within the allowed host, at most ${MAX_ATTACHMENT_REDIRECTS}`, async () => {
		const api = await serve((req, res) => {
			const hop = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
			if (req.url?.startsWith('/hop/') && hop < 10) res.writeHead(302, { location: `/hop/${hop + 1}` }).end();
			else res.writeHead(200).end('1100000000000000310');
		});
		const near = await fetchAttachment(
			`${api.origin}/hop/${10 - MAX_ATTACHMENT_REDIRECTS}`,
			LIMITS,
			options(`${api.origin}/api`),
		);
		expect(near.ok).toBe(true);
		api.requests.length = 0;
		const far = await fetchAttachment(`${api.origin}/hop/0`, LIMITS, options(`${api.origin}/api`));
		expect(far).toEqual({ ok: false, problem: 'refused' });
		expect(api.requests).toHaveLength(MAX_ATTACHMENT_REDIRECTS + 1);
	});
});

describe('the Node transport checks the address DNS gives, before connecting', () => {
	/** A transport whose resolver answers `addresses` for every name, recording what it was asked. */
	const resolving = (addresses: { address: string; family: number }[]) => {
		const asked: string[] = [];
		const transport = guardedAttachmentFetch({
			resolve: async (hostname) => {
				asked.push(hostname);
				return addresses;
			},
		});
		return { asked, transport };
	};

	it('refuses the CDN host when it resolves to the link-local metadata address', async () => {
		const { asked, transport } = resolving([{ address: '169.254.169.254', family: 4 }]);
		const content = await fetchAttachment('https://cdn.discordapp.com/attachments/1/2/list.csv', LIMITS, {
			fetch: transport,
		});
		expect(content).toEqual({ ok: false, problem: 'refused' });
		expect(asked).toEqual(['cdn.discordapp.com']);
	});

	it.each([
		['a loopback address', '127.0.0.1', 4],
		['an IPv4-mapped loopback address', '::ffff:127.0.0.1', 6],
	])(
		'refuses a name that resolves to %s, and the server there gets no connection',
		async (_case, address, family) => {
			const server = await serve();
			const { asked, transport } = resolving([{ address, family }]);
			// The API origin is a name, not loopback: its host may not resolve to loopback.
			const api = `http://files.example:${server.port}/api`;
			const content = await fetchAttachment(`http://files.example:${server.port}/list.csv`, LIMITS, {
				apiUrl: api,
				fetch: transport,
			});
			expect(content).toEqual({ ok: false, problem: 'refused' });
			expect(asked).toEqual(['files.example']);
			expect(server.connections).toBe(0);
		},
	);

	it('refuses a name with one private address among public ones', async () => {
		const { transport } = resolving([
			{ address: '162.159.128.233', family: 4 },
			{ address: '10.0.0.7', family: 4 },
		]);
		expect(
			await fetchAttachment('https://media.discordapp.net/attachments/1/2/list.csv', LIMITS, {
				fetch: transport,
			}),
		).toEqual({ ok: false, problem: 'refused' });
	});

	it('connects to a loopback address for a loopback API origin named localhost', async () => {
		const server = await serve();
		const { transport } = resolving([{ address: '127.0.0.1', family: 4 }]);
		const content = await fetchAttachment(`http://localhost:${server.port}/list.csv`, LIMITS, {
			apiUrl: `http://localhost:${server.port}/api`,
			fetch: transport,
		});
		expect(content.ok).toBe(true);
		expect(server.connections).toBe(1);
	});
});

describe('one memory budget for every download in flight', () => {
	/** A server that holds each answer until `release()`, then sends `body`. */
	async function holding(body: string) {
		const held: (() => void)[] = [];
		const server = await serve((_req, res) => {
			held.push(() => res.writeHead(200, { 'content-length': String(body.length) }).end(body));
		});
		const until = async (count: number) => {
			while (held.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
		};
		return {
			server,
			until,
			release: () => {
				for (const send of held.splice(0)) send();
			},
		};
	}

	it('refuses a download past the budget as busy, without requesting it, when no room comes in time', async () => {
		const { server, until, release } = await holding('x'.repeat(60));
		const budget = new DownloadBudget(100);
		const options = { apiUrl: `${server.origin}/api`, fetch: nodeAttachmentFetch, budget, expectedBytes: 60 };
		const first = fetchAttachment(`${server.origin}/a.csv`, LIMITS, options);
		await until(1);
		const second = await fetchAttachment(`${server.origin}/b.csv`, LIMITS, { ...options, budgetWaitMs: 50 });
		expect(second).toEqual({ ok: false, problem: 'busy' });
		expect(server.requests).toEqual(['/a.csv']);
		release();
		expect((await first).ok).toBe(true);
		expect(budget.free).toBe(100);
	});

	it('queues downloads past the budget and runs them as room comes back', async () => {
		const { server, until, release } = await holding('x'.repeat(60));
		const budget = new DownloadBudget(100);
		const options = { apiUrl: `${server.origin}/api`, budget, expectedBytes: 60, budgetWaitMs: 2_000 };
		const downloads = ['/a.csv', '/b.csv', '/c.csv'].map((path) =>
			fetchAttachment(`${server.origin}${path}`, LIMITS, options),
		);
		await until(1);
		await new Promise((resolve) => setTimeout(resolve, 50));
		// One at a time: 60 + 60 bytes do not fit in 100.
		expect(server.requests).toHaveLength(1);
		for (let served = 1; served <= 3; served++) {
			while (server.requests.length < served) await new Promise((resolve) => setTimeout(resolve, 10));
			await until(1);
			release();
		}
		const results = await Promise.all(downloads);
		expect(results.map((result) => result.ok)).toEqual([true, true, true]);
		expect(server.requests).toHaveLength(3);
		expect(budget.free).toBe(100);
	});

	it('refuses a file that grows past the budget while streaming, and gives everything back', async () => {
		const server = await serve((_req, res) => res.writeHead(200).end('y'.repeat(500)));
		const budget = new DownloadBudget(100);
		const content = await fetchAttachment(`${server.origin}/a.csv`, LIMITS, {
			apiUrl: `${server.origin}/api`,
			budget,
			expectedBytes: 10,
		});
		expect(content).toEqual({ ok: false, problem: 'busy' });
		expect(budget.free).toBe(100);
	});
});
