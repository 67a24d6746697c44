/**
 * Two HTTP replicas (two endpoints, each with its own pool) on one real Postgres, started by
 * this file: each sees the invites the other recorded, and a Revoke clicked on both at once
 * deletes the invite once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteRest } from '../../src/discord/invites.js';
import { createRest } from '../../src/discord/rest.js';
import { createInteractionServer, type InteractionServer } from '../../src/http/server.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { openStore } from '../../src/store/node.js';
import type { InviteStore } from '../../src/store/repository.js';
import { type PostgresServer, startPostgres, stopAllPostgres } from '../support/postgres-server.js';
import { codeOf, rowOf } from './scenarios.js';

let postgres: PostgresServer;
let discord: LocalDiscord;
const stores: InviteStore[] = [];
const endpoints: InteractionServer[] = [];
const urls: string[] = [];

beforeAll(async () => {
	postgres = await startPostgres();
	discord = await startLocalDiscord();
	for (let index = 0; index < 2; index++) {
		const store = await openStore({ kind: 'postgres', url: postgres.url }, { connectTimeoutMs: 2_000 });
		stores.push(store);
		const endpoint = createInteractionServer({
			publicKey: discord.publicKey,
			rest: createRest({ api: discord.apiUrl, token: discord.token }),
			inviteRest: createInviteRest({ api: discord.apiUrl, token: discord.token }),
			applicationId: discord.applicationId,
			store,
		});
		endpoints.push(endpoint);
		const { port } = await endpoint.listen(0, '127.0.0.1');
		urls.push(`http://127.0.0.1:${port}/interactions`);
	}
}, 60_000);
afterAll(async () => {
	for (const endpoint of endpoints) await endpoint.close().catch(() => undefined);
	for (const store of stores) await store.close().catch(() => undefined);
	await discord?.close();
	await postgres?.stop();
	await stopAllPostgres();
}, 30_000);

const via = (replica: number, payload: Parameters<LocalDiscord['dispatch']>[0]) =>
	discord.dispatch(payload, { via: 'http', url: urls[replica] as string });

describe('two HTTP replicas on one Postgres', () => {
	it('see each other’s invites, and a Revoke clicked on both at once deletes it once', async () => {
		const [a, b] = stores as [InviteStore, InviteStore];
		const handle = via(
			0,
			discord.interaction({ user: 'member', channel: 'general', command: 'invite', options: { unique: true } }),
		);
		const code = codeOf((await handle.message()).content);
		await rowOf(a, code);

		const listed = await via(
			1,
			discord.interaction({ user: 'member', channel: 'general', command: 'invites', subcommand: 'list' }),
		).message();
		expect(listed.content).toContain(code);

		const click = () => discord.component({ user: 'member', message: handle, customId: `invite:revoke:${code}` });
		const clicks = [via(0, click()), via(1, click())];
		const answers = await Promise.all(clicks.map((one) => one.response()));
		expect(discord.requestsTo('DELETE', /^\/invites\/[\w-]+$/)).toHaveLength(1);
		// One edits the reply (by whom, when); the other tells its clicker it is revoked already.
		const texts = answers.map((answer) => ('data' in answer ? (answer.data as { content?: string }).content : ''));
		expect(texts.filter((text) => text?.includes('was revoked by'))).toHaveLength(1);
		expect(texts.filter((text) => text?.includes('revoked already'))).toHaveLength(1);
		expect((await rowOf(b, code)).revokedAt).not.toBeNull();
	});
});
