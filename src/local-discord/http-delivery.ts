import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { InteractionRecord } from './interactions.js';
import type { LocalState } from './state.js';

/** An Ed25519 key pair like an application's: Discord signs with the private half. */
export interface SigningKeys {
	privateKey: KeyObject;
	/** Raw 32-byte public key, hex: what the Developer Portal shows as "Public Key". */
	publicKeyHex: string;
}

/** Makes a fresh signing key pair. */
export function createSigningKeys(): SigningKeys {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	// An Ed25519 public key's JWK always has `x`; DER keeps the raw key in its last 32 bytes anyway.
	const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
	return { privateKey, publicKeyHex: raw.toString('hex') };
}

/** The X-Signature-Ed25519 value: hex Ed25519 signature over timestamp + raw body. */
export function signInteraction(privateKey: KeyObject, timestamp: string, rawBody: string): string {
	return sign(null, Buffer.from(timestamp + rawBody), privateKey).toString('hex');
}

/**
 * POSTs interactions to an Interactions Endpoint URL the way Discord does, and treats the
 * endpoint's 200 body as the interaction's first response (so the deadline, 40060 and the
 * later webhook routes work exactly as for gateway delivery). Keeps every request it
 * opened so `close()` can end the ones still waiting.
 */
export class HttpDelivery {
	readonly #state: LocalState;
	readonly #keys: SigningKeys;
	readonly #open = new Set<ClientRequest>();

	constructor(state: LocalState, keys: SigningKeys) {
		this.#state = state;
		this.#keys = keys;
	}

	/** Sends the interaction; the outcome lands on the record (httpStatus, responses, rejected). */
	deliver(record: InteractionRecord, url: string, options: { badSignature?: boolean } = {}): void {
		const state = this.#state;
		const body = JSON.stringify(record.payload);
		const timestamp = Math.floor(Date.now() / 1000).toString();
		// A wrong key gives a well-formed but invalid signature, like Discord's own probes.
		const key = options.badSignature ? generateKeyPairSync('ed25519').privateKey : this.#keys.privateKey;
		const target = new URL(url);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const request = send(target, {
			method: 'POST',
			agent: false,
			headers: {
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(body),
				'User-Agent': 'Discord-Interactions/1.0 (+https://discord.com)',
				'X-Signature-Ed25519': signInteraction(key, timestamp, body),
				'X-Signature-Timestamp': timestamp,
			},
		});
		this.#open.add(request);
		request.on('close', () => this.#open.delete(request));
		request.on('error', (error) => {
			record.httpStatus ??= 0;
			state.log(`http delivery of ${record.id} to ${url} failed: ${error.message}`);
			state.signal.notify();
		});
		request.on('response', (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const now = Date.now();
				record.httpStatus = response.statusCode ?? 0;
				const text = Buffer.concat(chunks).toString('utf8');
				state.log(
					`http delivery of ${record.id}: endpoint answered ${record.httpStatus} after ${now - record.dispatchedAt} ms`,
				);
				if (record.httpStatus === 200) {
					let parsed: unknown = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// Not JSON: acknowledge() refuses it like Discord refuses a malformed response.
					}
					record.acknowledge(parsed, now);
				}
				state.signal.notify();
			});
		});
		request.end(body);
	}

	/** Aborts every delivery still waiting for its endpoint. */
	close(): void {
		for (const request of this.#open) request.destroy();
		this.#open.clear();
	}
}
