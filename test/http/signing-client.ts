/**
 * A test client that signs requests the way Discord does, with an Ed25519 key pair made for
 * the run, and can spoil any part of the signature on purpose.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export interface Signer {
	/** The public key as the Developer Portal shows it: 64 hex characters. */
	publicKeyHex: string;
	/** Hex Ed25519 signature of timestamp + body. */
	sign(timestamp: string, body: string | Buffer): string;
}

export function createSigner(): Signer {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	return {
		publicKeyHex: rawPublicKeyHex(publicKey),
		sign: (timestamp, body) => signWith(privateKey, timestamp, body),
	};
}

/** The raw 32-byte key: the SPKI DER minus its 12-byte prefix. */
const rawPublicKeyHex = (key: KeyObject): string =>
	key.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

const signWith = (key: KeyObject, timestamp: string, body: string | Buffer): string =>
	sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');

export const unixSeconds = (ms: number = Date.now()): string => String(Math.floor(ms / 1000));

/** Flips one bit of a byte in the middle of a buffer (or of a hex string's bytes). */
export function flipByte(value: Buffer, index: number = Math.floor(value.length / 2)): Buffer {
	const copy = Buffer.from(value);
	copy[index] = copy[index]! ^ 0x01;
	return copy;
}

export interface SignedPostOptions {
	signer: Signer;
	/** Default: now. */
	timestamp?: string;
	/** Change what is sent after signing (the signature stays the one of the original). */
	tamper?: (parts: { body: Buffer; signature: string; timestamp: string }) => {
		body: Buffer;
		signature?: string | undefined;
		timestamp?: string | undefined;
	};
	headers?: Record<string, string>;
	signal?: AbortSignal;
}

/** POSTs `payload` (JSON-encoded unless a string) signed as Discord would. */
export async function signedPost(
	url: string,
	payload: unknown,
	options: SignedPostOptions,
): Promise<{ status: number; body: unknown; headers: Headers }> {
	const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const timestamp = options.timestamp ?? unixSeconds();
	let parts: { body: Buffer; signature?: string | undefined; timestamp?: string | undefined } = {
		body: Buffer.from(text),
		signature: options.signer.sign(timestamp, text),
		timestamp,
	};
	if (options.tamper) parts = options.tamper({ body: parts.body, signature: parts.signature!, timestamp });
	const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
	if (parts.signature !== undefined) headers['x-signature-ed25519'] = parts.signature;
	if (parts.timestamp !== undefined) headers['x-signature-timestamp'] = parts.timestamp;
	const response = await fetch(url, {
		method: 'POST',
		headers,
		body: parts.body,
		...(options.signal ? { signal: options.signal } : {}),
	});
	const raw = await response.text();
	let body: unknown = raw;
	try {
		body = JSON.parse(raw);
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body, headers: response.headers };
}
