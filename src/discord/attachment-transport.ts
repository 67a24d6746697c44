/**
 * The Node transport of attachment downloads: undici's fetch through an Agent whose socket
 * `lookup` refuses any address a download may not reach, so the address checked is the
 * address connected to (no gap for DNS rebinding between a check and the connection). IP
 * literals never reach `lookup` (Node connects to them directly): `attachmentUrlVerdict`
 * checks those before any request. Node only; the Worker uses the runtime's fetch.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Agent } from 'undici';
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

/**
 * A transport for `fetchAttachment` that connects only to public addresses (and loopback ones
 * when the URL is a loopback API origin's). undici loads on the first download.
 */
export function guardedAttachmentFetch(options: GuardedFetchOptions = {}): AttachmentFetch {
	const resolve = options.resolve ?? systemResolve;
	let loaded: Promise<{ fetch: typeof import('undici').fetch; strict: Agent; loopback: Agent }> | undefined;
	const load = () =>
		(loaded ??= import('undici').then(({ Agent, fetch }) => {
			// Idle sockets close soon: downloads are rare and the process must be free to exit.
			const agent = (loopback: boolean) =>
				new Agent({ keepAliveTimeout: 1_000, connect: { lookup: guardedLookup(resolve, loopback) } });
			return { fetch, strict: agent(false), loopback: agent(true) };
		}));
	return async (url, init) => {
		const undici = await load();
		try {
			const response = await undici.fetch(url, {
				signal: init.signal,
				redirect: 'manual',
				dispatcher: init.loopback ? undici.loopback : undici.strict,
			});
			return response as unknown as AttachmentResponse;
		} catch (error) {
			if (refusedByLookup(error)) throw new AttachmentAddressRefused((error as Error).message, { cause: error });
			throw error;
		}
	};
}

/** The transport the Node hosts (gateway bot, HTTP endpoint) share. */
export const nodeAttachmentFetch: AttachmentFetch = guardedAttachmentFetch();
