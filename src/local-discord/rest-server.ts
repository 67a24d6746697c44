import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { methodNotAllowed, notFound, type Reply, unauthorized } from './errors.js';
import { bucketHash, RateLimiter, takeGlobal, tooManyRequests } from './rate-limits.js';
import { matchPath, stateForGuild } from './routing.js';
import { ATTACHMENTS_PATH, type LocalState, type Route } from './state.js';
import type { Fault, RecordedForm, RecordedRequest } from './types.js';

/** The REST base path the local Discord serves (what @discordjs/rest appends to `api`). */
export const API_PREFIX = '/api/v10';

interface InjectedFault {
	method: string;
	path: string | RegExp;
	fault: Fault;
	remaining: number;
}

function decodeSegments(path: string): string {
	return path
		.split('/')
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				return segment;
			}
		})
		.join('/');
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** How specific a route pattern is: literal segments win over parameters ('/users/@me' over '/users/:user'). */
const literalSegments = (route: Route): number => route.path.split('/').filter((s) => s && !s.startsWith(':')).length;

/**
 * The REST half of the local Discord: records every request, applies injected faults,
 * checks the bot token, counts rate-limit buckets, runs the route and writes the answer
 * with Discord's headers. Handlers only compute replies; this class decides when (and
 * whether) they reach the client, which is what delay, hang and reset faults need.
 */
export class RestServer {
	readonly requests: RecordedRequest[] = [];
	readonly #state: LocalState;
	readonly #routes: Route[];
	readonly #faults: InjectedFault[] = [];
	readonly #limiter = new RateLimiter();
	readonly #timers = new Set<NodeJS.Timeout>();
	readonly #held = new Set<ServerResponse>();
	#closed = false;

	constructor(state: LocalState, routes: Route[]) {
		this.#state = state;
		this.#routes = [...routes].sort((a, b) => literalSegments(b) - literalSegments(a));
	}

	/** Queues a fault for the next `times` requests matching method and path. */
	inject(method: string, path: string | RegExp, fault: Fault, times = 1): void {
		if (times < 1) return;
		this.#faults.push({ method: method.toUpperCase(), path, fault, remaining: times });
	}

	/** Drops every queued fault. */
	clearFaults(): void {
		this.#faults.length = 0;
	}

	/** Requests by method and decoded path. */
	requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
		const want = method.toUpperCase();
		return this.requests.filter(
			(r) => r.method === want && (typeof path === 'string' ? r.path === path : path.test(r.path)),
		);
	}

	/** Handles one HTTP request (the server's 'request' listener). */
	handle(request: IncomingMessage, response: ServerResponse): void {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const raw = Buffer.concat(chunks);
			void readForm(request, raw).then((form) => this.#process(request, response, raw.toString('utf8'), form));
		});
		request.on('error', () => response.destroy());
	}

	/** Ends everything still pending: delayed answers are dropped, held sockets destroyed. */
	close(): void {
		this.#closed = true;
		for (const timer of this.#timers) clearTimeout(timer);
		this.#timers.clear();
		for (const response of this.#held) response.destroy();
		this.#held.clear();
	}

	#record(
		request: IncomingMessage,
		rawBody: string,
		form: RecordedForm | undefined,
	): { record: RecordedRequest; known: boolean } {
		const url = new URL(request.url ?? '/', 'http://local-discord');
		const known = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
		const path = decodeSegments(known ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname);
		const headers = lowerCaseHeaders(request);
		let body: unknown = rawBody === '' ? undefined : rawBody;
		if (rawBody !== '' && (headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		}
		if (form?.fields.payload_json !== undefined) {
			try {
				body = JSON.parse(form.fields.payload_json);
			} catch {
				body = form.fields.payload_json;
			}
		}
		const record: RecordedRequest = {
			...(form ? { form } : {}),
			method: (request.method ?? 'GET').toUpperCase(),
			path,
			query: url.searchParams,
			headers,
			authorized: headers.authorization === `Bot ${this.#state.options.token}`,
			body,
			rawBody,
			status: 0,
			response: undefined,
			at: Date.now(),
		};
		const reason = headers['x-audit-log-reason'];
		if (reason !== undefined) {
			try {
				record.auditLogReason = decodeURIComponent(reason);
			} catch {
				record.auditLogReason = reason;
			}
		}
		return { record, known };
	}

	#takeFault(record: RecordedRequest): Fault | undefined {
		const index = this.#faults.findIndex(
			(f) =>
				f.method === record.method &&
				(typeof f.path === 'string' ? f.path === record.path : f.path.test(record.path)),
		);
		const injected = this.#faults[index];
		if (!injected) return undefined;
		if (--injected.remaining === 0) this.#faults.splice(index, 1);
		return injected.fault;
	}

	#process(request: IncomingMessage, response: ServerResponse, rawBody: string, form?: RecordedForm): void {
		if (this.#closed) {
			response.destroy();
			return;
		}
		const { record, known } = this.#record(request, rawBody, form);
		this.requests.push(record);
		const excess = this.requests.length - this.#state.options.maxRecordedRequests;
		if (excess > 0) this.requests.splice(0, excess);
		this.#state.log(
			`REST <- ${record.method} ${record.path}${record.query.size ? `?${record.query.toString()}` : ''}`,
		);
		this.#state.signal.notify();

		const fault = this.#takeFault(record);
		if (fault && 'status' in fault) {
			const body =
				'body' in fault
					? fault.body
					: { message: `${fault.status}: ${STATUS_CODES[fault.status] ?? 'Error'}`, code: 0 };
			this.#write(response, record, { status: fault.status, body, headers: fault.headers ?? {} });
			return;
		}
		if (fault && 'rateLimit' in fault) {
			// Report the route's own bucket, so the client keeps one queue for the route.
			const match = known ? this.#match(record) : undefined;
			const route = typeof match === 'object' ? match.route : undefined;
			const limit = route ? (route.limits?.(this.#state) ?? this.#state.options.defaultBucket).limit : 1;
			const bucket = bucketHash(route?.bucket ?? `unrouted:${record.path}`);
			this.#write(response, record, tooManyRequests({ ...fault.rateLimit, limit, bucket }, record.at));
			return;
		}

		const reply = known
			? this.#route(record)
			: record.path.startsWith(`${ATTACHMENTS_PATH}/`)
				? this.#attachment(record)
				: notFound();
		if (fault && 'delayMs' in fault) {
			const timer = setTimeout(() => {
				this.#timers.delete(timer);
				this.#held.delete(response);
				this.#write(response, record, reply);
			}, fault.delayMs);
			this.#timers.add(timer);
			this.#hold(response);
		} else if (fault && 'hang' in fault) {
			this.#state.log(`REST -> (hanging) ${record.method} ${record.path}`);
			this.#hold(response);
		} else if (fault && 'reset' in fault) {
			this.#state.log(`REST -> (reset) ${record.method} ${record.path}`);
			const socket = response.socket;
			if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket?.destroy();
			response.destroy();
		} else if (fault && 'drop' in fault) {
			this.#state.log(`REST -> (dropped) ${record.method} ${record.path}`);
			response.socket?.end();
			response.socket?.destroy();
		} else if (fault && 'malformed' in fault) {
			this.#state.log(`REST -> (malformed 200) ${record.method} ${record.path}`);
			const status = reply.status >= 200 && reply.status < 300 ? reply.status : 200;
			this.#write(response, record, {
				status,
				body: '{"code": "half an inv',
				headers: { ...reply.headers, 'Content-Type': 'application/json' },
			});
		} else {
			this.#write(response, record, reply);
		}
	}

	/** Keeps a response open until it is answered, the client gives up, or close(). */
	#hold(response: ServerResponse): void {
		this.#held.add(response);
		response.on('close', () => this.#held.delete(response));
	}

	/** The route for a request: a match, 'method' when only the method is wrong, undefined when unknown. */
	#match(record: RecordedRequest): { route: Route; params: Record<string, string> } | 'method' | undefined {
		const candidates = this.#routes.flatMap((route) => {
			const params = matchPath(route.path, record.path);
			return params ? [{ route, params }] : [];
		});
		if (candidates.length === 0) return undefined;
		return candidates.find((c) => c.route.method === record.method) ?? 'method';
	}

	#route(record: RecordedRequest): Reply {
		const match = this.#match(record);
		if (match === undefined) return notFound();
		if (match === 'method') return methodNotAllowed();
		const { route, params } = match;
		const limits = route.limits?.(this.#state) ?? this.#state.options.defaultBucket;
		const major = route.major ? (params[route.major] ?? '') : '';
		if (route.auth && !record.authorized) {
			return { ...unauthorized(), headers: this.#limiter.peek(route.bucket, major, limits, record.at).headers };
		}
		// Discord's global limit counts every request of the bot but the interaction routes
		// (callbacks and interaction webhooks, the routes without bot auth).
		const global = this.#state.options.globalLimit;
		const limited = global && route.auth ? takeGlobal(this.#limiter, global, record.at) : undefined;
		if (limited) return limited;
		const bucket = this.#limiter.take(route.bucket, major, limits, record.at);
		if (!bucket.allowed) {
			return tooManyRequests(
				{
					retryAfterMs: bucket.retryAfterMs,
					scope: 'user',
					limit: limits.limit,
					bucket: bucketHash(route.bucket),
				},
				record.at,
			);
		}
		let reply: Reply;
		try {
			const state = stateForGuild(this.#state, { guildId: params.guild, channelId: params.channel });
			reply = route.handle({ state, params, request: record });
		} catch (error) {
			// A bug in the fake, not Discord behaviour: say so loudly in the log and the body.
			this.#state.log(
				`REST !! ${record.method} ${record.path} threw: ${(error as Error).stack ?? String(error)}`,
			);
			reply = {
				status: 500,
				body: { message: `500: Internal Server Error (local Discord: ${(error as Error).message})`, code: 0 },
			};
		}
		return { ...reply, headers: { ...bucket.headers, ...reply.headers } };
	}

	/** An uploaded file, as Discord's CDN serves it: the bytes, with their type and length. */
	#attachment(record: RecordedRequest): Reply {
		if (record.method !== 'GET' && record.method !== 'HEAD') return methodNotAllowed();
		const id = record.path.slice(ATTACHMENTS_PATH.length + 1).split('/')[0] ?? '';
		const stored = this.#state.attachments.get(id);
		if (!stored) return notFound();
		return {
			status: 200,
			body: stored.data,
			headers: { 'Content-Type': stored.attachment.content_type ?? 'application/octet-stream' },
		};
	}

	#write(response: ServerResponse, record: RecordedRequest, reply: Reply): void {
		if (this.#closed || response.destroyed || response.headersSent) return;
		const headers: Record<string, string> = { ...reply.headers };
		let payload: string | Uint8Array | undefined;
		if (reply.body !== undefined && reply.status !== 204) {
			if (reply.body instanceof Uint8Array) {
				payload = reply.body;
				headers['Content-Type'] ??= 'application/octet-stream';
			} else if (typeof reply.body === 'string') {
				payload = reply.body;
				headers['Content-Type'] ??= 'text/plain; charset=utf-8';
			} else {
				payload = JSON.stringify(reply.body);
				headers['Content-Type'] = 'application/json';
			}
		}
		record.status = reply.status;
		record.response = reply.body instanceof Uint8Array ? undefined : reply.body;
		response.writeHead(reply.status, headers);
		response.end(payload);
		this.#state.log(
			`REST -> ${reply.status} ${record.method} ${record.path}${payload && reply.status >= 400 ? ` ${payload}` : ''}`,
		);
		this.#state.signal.notify();
	}
}

/**
 * A multipart/form-data body, parsed by the platform's own parser (undici's, behind
 * `Response.formData()`); undefined for other bodies or one that does not parse.
 */
async function readForm(request: IncomingMessage, raw: Buffer): Promise<RecordedForm | undefined> {
	const type = request.headers['content-type'] ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data')) return undefined;
	try {
		const data = await new Response(raw, { headers: { 'content-type': type } }).formData();
		const form: RecordedForm = { fields: {}, files: [] };
		for (const [field, value] of data) {
			if (typeof value === 'string') {
				form.fields[field] = value;
				continue;
			}
			const bytes = new Uint8Array(await value.arrayBuffer());
			form.files.push({
				field,
				filename: value.name,
				contentType: value.type,
				data: bytes,
				text: new TextDecoder().decode(bytes),
			});
		}
		return form;
	} catch {
		return undefined;
	}
}
