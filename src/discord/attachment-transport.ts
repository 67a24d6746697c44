/**
 * The Node transport of attachment downloads: Node's http/https request with a socket `lookup`
 * that refuses any address a download may not reach, so the address checked is the address
 * connected to (no gap for DNS rebinding between a check and the connection). IP
 * literals never reach `lookup` (Node connects to them directly): `attachmentUrlVerdict`
 * checks those before any request. Node only; the Worker uses the runtime's fetch.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { addressAllowed } from './addresses.js';
import { AttachmentAddressRefused, type AttachmentFetch, type AttachmentResponse } from './attachments.js';

/** Every address `hostname` resolves to (the seam tests use to resolve a name as they like). */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

const systemResolve: ResolveHost = (hostname) =>
	new Promise((resolve, reject) =>
		dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
			error ? reject(error) : resolve(addresses),
		),
	);

/** The error `lookup` ends a connection with; recognised below through fetch's causes. */
const REFUSED_CODE = 'ERR_ATTACHMENT_ADDRESS_REFUSED';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A socket `lookup` (net.connect's signature) that resolves with `resolve` and fails when any
 * address is not allowed: a name with one private address among public ones is refused whole.
 */
function guardedLookup(resolve: ResolveHost, loopback: boolean) {
	return (hostname: string, options: { all?: boolean | undefined }, callback: LookupCallback): void => {
		resolve(hostname).then(
			(addresses) => {
				const denied = addresses.find((entry) => !addressAllowed(entry.address, { loopback }));
				const first = addresses[0];
				if (denied || !first) {
					const error: NodeJS.ErrnoException = new Error(
						`${hostname} resolves to ${denied?.address ?? 'nothing'}, not an address a download may reach`,
					);
					error.code = REFUSED_CODE;
					callback(error, '');
					return;
				}
				if (options.all) callback(null, [...addresses]);
				else callback(null, first.address, first.family);
			},
			(error: NodeJS.ErrnoException) => callback(error, ''),
		);
	};
}

/** Whether `error` or one of its causes is the lookup's refusal. */
function refusedByLookup(error: unknown): boolean {
	for (let cause = error, depth = 0; cause && depth < 8; depth++) {
		if ((cause as { code?: unknown }).code === REFUSED_CODE) return true;
		cause = (cause as { cause?: unknown }).cause;
	}
	return false;
}

/** Options of `guardedAttachmentFetch`; tests use them, programs take the defaults. */
export interface GuardedFetchOptions {
	/** Default: the system resolver (`dns.lookup`, every address). */
	resolve?: ResolveHost | undefined;
}

/** A header of a Node response as fetch's `Headers.get` reads it. */
const headerOf = (response: IncomingMessage, name: string): string | null => {
	const value = response.headers[name.toLowerCase()];
	return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
};

/**
 * A transport for `fetchAttachment` that connects only to public addresses (and loopback ones
 * when the URL is a loopback API origin's). Node's own http/https clients: they take a socket
 * `lookup`, follow no redirect by themselves, and add nothing to load (the bundles leave the
 * undici package out).
 */
export function guardedAttachmentFetch(options: GuardedFetchOptions = {}): AttachmentFetch {
	const resolve = options.resolve ?? systemResolve;
	const lookups = { strict: guardedLookup(resolve, false), loopback: guardedLookup(resolve, true) };
	return (url, init) =>
		new Promise<AttachmentResponse>((settle, fail) => {
			const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
			const request = send(
				url,
				{
					method: 'GET',
					signal: init.signal,
					lookup: init.loopback ? lookups.loopback : lookups.strict,
					// A socket of its own, closed after the answer: downloads are rare, and no idle
					// socket may keep the process alive or outlive the address check.
					agent: false,
					headers: { accept: '*/*', connection: 'close' },
				},
				(response: IncomingMessage) => {
					const status = response.statusCode ?? 0;
					settle({
						status,
						ok: status >= 200 && status < 300,
						headers: { get: (name) => headerOf(response, name) },
						body: Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>,
					});
				},
			);
			request.once('error', (error) =>
				fail(refusedByLookup(error) ? new AttachmentAddressRefused(error.message, { cause: error }) : error),
			);
			request.end();
		});
}

/** The transport the Node hosts (gateway bot, HTTP endpoint) share. */
export const nodeAttachmentFetch: AttachmentFetch = guardedAttachmentFetch();
