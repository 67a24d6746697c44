/**
 * The signature fuzz, reusable against any endpoint URL (the Node adapter, the Worker): thousands
 * of mutations of a validly signed interaction (bits flipped in the body, the signature and the
 * timestamp; headers dropped or reshaped; the body cut or padded), sent with a signer the
 * endpoint trusts. None may be accepted.
 */
import { type Signer, unixSeconds } from './signing-client.js';

/** One mutated request: what is sent instead of the signed original. */
interface Mutation {
	body: Buffer;
	headers: Record<string, string>;
}

/** Deterministic pseudo-random numbers, so a failure names a mutation that can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/** `count` mutations of `payload` signed by `signer`, none of which is the original. */
export function signatureMutations(payload: unknown, signer: Signer, count: number, seed = 1): Mutation[] {
	const next = random(seed);
	const pick = (n: number): number => Math.floor(next() * n);
	const out: Mutation[] = [];
	for (let i = 0; i < count; i++) {
		const timestamp = unixSeconds();
		const body = Buffer.from(JSON.stringify(payload));
		const signature = signer.sign(timestamp, body);
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-signature-ed25519': signature,
			'x-signature-timestamp': timestamp,
		};
		let sent = Buffer.from(body);
		switch (i % 8) {
			case 0: {
				const at = pick(sent.length);
				sent[at] = (sent[at] ?? 0) ^ (1 << pick(8));
				break;
			}
			case 1: {
				const sig = Buffer.from(signature, 'hex');
				const at = pick(sig.length);
				sig[at] = (sig[at] ?? 0) ^ (1 << pick(8));
				headers['x-signature-ed25519'] = sig.toString('hex');
				break;
			}
			case 2:
				headers['x-signature-timestamp'] = String(Number(timestamp) + 1 + pick(1_000));
				break;
			case 3:
				delete headers[pick(2) === 0 ? 'x-signature-ed25519' : 'x-signature-timestamp'];
				break;
			case 4:
				sent = pick(2) === 0 ? sent.subarray(0, pick(sent.length)) : Buffer.concat([sent, Buffer.from(' ')]);
				break;
			case 5:
				headers['x-signature-ed25519'] = [
					signature.slice(0, 127),
					`${signature}00`,
					signature.toUpperCase().replace(/./, 'g'),
					'',
					'0'.repeat(128),
				][pick(5)] as string;
				break;
			case 6:
				// (Not a leading space: fetch trims header values, which would send the original.)
				headers['x-signature-timestamp'] = [`${timestamp}.0`, `0${timestamp}`, `-${timestamp}`, '', 'NaN'][
					pick(5)
				] as string;
				break;
			default:
				// Signed for another timestamp, sent with this one.
				headers['x-signature-ed25519'] = signer.sign(String(Number(timestamp) - 1), body);
		}
		out.push({ body: sent, headers });
	}
	return out;
}

/** Sends every mutation to `url` (a few at a time) and resolves to the statuses seen, counted. */
export async function fuzzSignatures(
	url: string,
	payload: unknown,
	signer: Signer,
	count: number,
): Promise<Map<number, number>> {
	const mutations = signatureMutations(payload, signer, count);
	const statuses = new Map<number, number>();
	let index = 0;
	const worker = async (): Promise<void> => {
		while (index < mutations.length) {
			const mutation = mutations[index++] as Mutation;
			const response = await fetch(url, { method: 'POST', headers: mutation.headers, body: mutation.body });
			await response.arrayBuffer();
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
		}
	};
	await Promise.all(Array.from({ length: 16 }, worker));
	return statuses;
}
