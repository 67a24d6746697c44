/**
 * Downloads a file a user uploaded with a command (an ATTACHMENT option): its URL comes from
 * the interaction's `resolved.attachments`, which Discord signed (HTTP) or sent (gateway).
 * Bounded in size and time, whatever the server claims.
 */

/** What a download may take. */
export interface AttachmentLimits {
	/** Larger files are refused, announced (Content-Length) or counted while streaming. */
	maxBytes: number;
	/** The whole download, headers and body. */
	timeoutMs: number;
}

/** The file's bytes, or why there are none. */
export type AttachmentContent =
	| { ok: true; data: Uint8Array }
	| { ok: false; problem: 'too-large' | 'timeout' | 'unreadable' };

/**
 * GETs `url` with `fetch` (Node and Workers alike). Never throws: a network error or a non-2xx
 * answer is `unreadable`. `signal` ends it early (shutdown).
 */
export async function fetchAttachment(
	url: string,
	limits: AttachmentLimits,
	signal?: AbortSignal,
): Promise<AttachmentContent> {
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, limits.timeoutMs);
	(timer as { unref?: () => void }).unref?.();
	const stop = (): void => controller.abort();
	signal?.addEventListener('abort', stop, { once: true });
	try {
		const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
		if (!response.ok || !response.body) {
			await response.body?.cancel().catch(() => undefined);
			return { ok: false, problem: 'unreadable' };
		}
		const declared = Number(response.headers.get('content-length') ?? Number.NaN);
		if (declared > limits.maxBytes) {
			controller.abort();
			return { ok: false, problem: 'too-large' };
		}
		const chunks: Uint8Array[] = [];
		let size = 0;
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limits.maxBytes) {
				controller.abort();
				return { ok: false, problem: 'too-large' };
			}
			chunks.push(value);
		}
		const data = new Uint8Array(size);
		let offset = 0;
		for (const chunk of chunks) {
			data.set(chunk, offset);
			offset += chunk.byteLength;
		}
		return { ok: true, data };
	} catch {
		return { ok: false, problem: timedOut ? 'timeout' : 'unreadable' };
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', stop);
	}
}
