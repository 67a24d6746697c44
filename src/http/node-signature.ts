/**
 * The Node adapter's signature check: the same Ed25519 verification as `signature.ts`, with
 * `node:crypto` instead of Web Crypto. The key becomes a `KeyObject` once, and each request
 * verifies synchronously: no job queued to the thread pool, no promise, about a quarter less
 * CPU per verification than `crypto.subtle.verify` (measured on Node 20).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { checkPublicKeyForm, type SignatureVerifier } from '../pipeline/signature.js';

/** An Ed25519 public key (64 hex characters) as a `node:crypto` `KeyObject`. Throws at once when malformed. */
export class NodeEd25519PublicKey implements SignatureVerifier {
	readonly #key: KeyObject;

	constructor(hex: string) {
		checkPublicKeyForm(hex);
		this.#key = createPublicKey({
			key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
			format: 'jwk',
		});
	}

	/** Whether `signature` signs `data` with this key. */
	verify(signature: Uint8Array, data: Uint8Array): boolean {
		return verify(null, data, this.#key, signature);
	}
}
