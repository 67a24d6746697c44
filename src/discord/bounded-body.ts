/**
 * Reads a body stream whole, up to a limit: the one bounded reader for what arrives from the
 * network (an HTTP request's body, a downloaded attachment). Stops reading where the stream
 * crosses the limit and cancels it, so a large body is never buffered.
 */

/** The bytes of `body`, or `undefined` when it holds more than `limit` (the stream is cancelled then). */
export async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			return undefined;
		}
		chunks.push(value);
	}
	const data = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		data.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return data;
}
