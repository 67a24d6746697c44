/**
 * Discord signs every HTTP interaction: Ed25519 over `X-Signature-Timestamp` + the raw body,
 * with the application's public key. Node's own crypto verifies it; no package is needed.
 * @see https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** An Ed25519 public key from the 64 hex characters the Developer Portal shows. */
export function ed25519PublicKey(hex: string): KeyObject {
	if (!/^[0-9a-f]{64}$/i.test(hex)) throw new TypeError('the public key must be 64 hexadecimal characters');
	return createPublicKey({
		key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
		format: 'der',
		type: 'spki',
	});
}

/** Why a request was refused; all of them answer 401. */
export type SignatureProblem =
	| 'missing-headers'
	| 'malformed-signature'
	| 'malformed-timestamp'
	| 'stale-timestamp'
	| 'bad-signature';

export interface SignedRequest {
	/** `X-Signature-Ed25519`: 128 hex characters. */
	signature: string | undefined;
	/** `X-Signature-Timestamp`: unix seconds. */
	timestamp: string | undefined;
	/** The body exactly as received. */
	body: Buffer;
}

/**
 * Checks a request's signature and freshness. `nowMs` is the current time; a timestamp more
 * than `replayWindowSeconds` away from it (either way) is refused as a replay.
 */
export function checkSignature(
	key: KeyObject,
	request: SignedRequest,
	nowMs: number,
	replayWindowSeconds: number,
): { ok: true } | { ok: false; problem: SignatureProblem } {
	const { signature, timestamp } = request;
	if (!signature || !timestamp) return { ok: false, problem: 'missing-headers' };
	if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, problem: 'malformed-signature' };
	if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, problem: 'malformed-timestamp' };
	if (Math.abs(nowMs / 1000 - Number(timestamp)) > replayWindowSeconds)
		return { ok: false, problem: 'stale-timestamp' };
	const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.body]);
	return verify(null, signed, key, Buffer.from(signature, 'hex'))
		? { ok: true }
		: { ok: false, problem: 'bad-signature' };
}
