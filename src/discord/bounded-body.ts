/**
 * Reads a body stream whole, up to a limit: the one bounded reader for what arrives from the
 * network (an HTTP request's body, a downloaded attachment). Stops reading where the stream
 * crosses the limit and cancels it, so a large body is never buffered.
 */

/**
 * The bytes of `body`, or `undefined` when it holds more than `limit`, or `null` when `admit`
 * (asked with the size read so far, after each chunk: a memory budget) refuses; the stream is
 * cancelled in both cases.
 */
export async function readAtMost(
	body: ReadableStream<Uint8Array>,
	limit: number,
	admit?: (size: number) => boolean,
): Promise<Uint8Array | undefined | null> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		const refused = size > limit ? undefined : admit && !admit(size) ? null : false;
		if (refused !== false) {
			await reader.cancel().catch(() => undefined);
			return refused;
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
