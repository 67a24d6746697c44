/**
 * Create Channel Invite as bare as it gets: one keep-alive undici Pool, one POST, no REST
 * library, no checks. What the floor with the invite (floor-invite.ts) and the CPU breakdown's
 * first step (cost-child.ts) both send.
 */
import { Pool } from 'undici';

export interface BareInvites {
	/** Creates an invite in `channelId`; resolves with its code, rejects on anything but a 200 with one. */
	create(channelId: string): Promise<string>;
	close(): Promise<void>;
}

/** Bare invites against the API at `api` (e.g. `http://127.0.0.1:PORT/api`) with the bot `token`. */
export function bareInvites(api: string, token: string): BareInvites {
	const url = new URL(api);
	const pool = new Pool(url.origin);
	const headers = { authorization: `Bot ${token}`, 'content-type': 'application/json' };
	return {
		async create(channelId) {
			const response = await pool.request({
				path: `${url.pathname}/v10/channels/${channelId}/invites`,
				method: 'POST',
				headers,
				body: JSON.stringify({ max_age: 86_400 }),
			});
			const created = (await response.body.json()) as { code?: unknown };
			if (response.statusCode !== 200 || typeof created.code !== 'string')
				throw new Error(`invite: ${response.statusCode}`);
			return created.code;
		},
		close: () => pool.close(),
	};
}
