/**
 * The few Durable Object types the Worker uses (Cloudflare's runtime API, as workerd implements
 * it), written out rather than taken from @cloudflare/workers-types, whose globals would clash
 * with Node's in one type check. And the one way our code calls an object: a JSON POST through
 * its binding. Objects are reachable only through the Worker's bindings, never from outside.
 */

/** `ctx.storage`: transactional, strongly consistent storage of one object, with its alarm. */
export interface DurableObjectStorage {
	get<T>(key: string): Promise<T | undefined>;
	put(key: string, value: unknown): Promise<void>;
	/** Entries whose key starts with `prefix`, in key order. */
	list<T>(options?: { prefix?: string; limit?: number }): Promise<Map<string, T>>;
	delete(key: string): Promise<boolean>;
	deleteAll(): Promise<void>;
	getAlarm(): Promise<number | null>;
	setAlarm(scheduledTime: number): Promise<void>;
	deleteAlarm(): Promise<void>;
}

/** What the runtime hands an object's constructor. */
export interface DurableObjectState {
	storage: DurableObjectStorage;
}

export interface DurableObjectStub {
	fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A Durable Object binding (`[[durable_objects.bindings]]` in wrangler.toml). */
export interface DurableObjectNamespace {
	idFromName(name: string): unknown;
	get(id: unknown): DurableObjectStub;
}

/** Calls `path` on the object named `name` with a JSON body; resolves to its JSON answer. */
export async function callObject<T>(
	namespace: DurableObjectNamespace,
	name: string,
	path: string,
	body: unknown,
): Promise<T> {
	const stub = namespace.get(namespace.idFromName(name));
	const response = await stub.fetch(`https://object${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`Durable Object ${path} answered ${response.status}`);
	return (await response.json()) as T;
}

/** A JSON answer from an object. */
export const answer = (body: unknown, status = 200): Response =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
