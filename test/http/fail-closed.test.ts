/**
 * A validly signed `/invite` whose `data.resolved` lacks the picked channel or role: what the
 * check needs is looked up over REST (REST wins over a missing field), and a lookup that
 * cannot answer means no. None of these may reach Create Channel Invite.
 */
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InteractionInit, seedIds } from '../../src/local-discord/index.js';
import { type HttpHarness, startHttpHarness } from './harness.js';

const INVITES = /^\/channels\/\d+\/invites$/;
const { channels } = seedIds;

describe('the HTTP endpoint when data.resolved lacks what was picked', () => {
	let harness: HttpHarness;
	beforeAll(async () => {
		harness = await startHttpHarness();
	});
	afterAll(() => harness.close());

	/** Delivers `/invite` with `data.resolved` stripped of `what`; resolves to the reply and the POSTs it caused. */
	async function withoutResolved(
		init: Omit<InteractionInit, 'command'>,
		what: 'channels' | 'roles',
	): Promise<{ content: string; posts: number }> {
		const payload = harness.discord.interaction({
			...init,
			command: 'invite',
		}) as APIChatInputApplicationCommandInteraction;
		if (payload.data.resolved) delete payload.data.resolved[what];
		const since = Date.now();
		const message = await harness.deliver(payload).message();
		const posts = harness.discord.requestsTo('POST', INVITES).filter((request) => request.at >= since).length;
		return { content: message.content ?? '', posts };
	}

	it('refuses a thread picked without its resolved data (its type comes from REST)', async () => {
		const result = await withoutResolved(
			{ user: 'member', channel: 'general', options: { channel: 'thread' } },
			'channels',
		);
		expect(result.content).toMatch(/thread/i);
		expect(result.posts).toBe(0);
	});

	it('refuses a category picked without its resolved data', async () => {
		const result = await withoutResolved(
			{ user: 'member', channel: 'general', options: { channel: 'text channels' } },
			'channels',
		);
		expect(result.content).toMatch(/categor/i);
		expect(result.posts).toBe(0);
	});

	it("refuses a channel whose REST guild_id is another server's", async () => {
		const path = `/channels/${channels.voice}`;
		const real = await fetch(`${harness.discord.apiUrl}/v10${path}`, {
			headers: { authorization: `Bot ${harness.discord.token}` },
		}).then((response) => response.json() as Promise<Record<string, unknown>>);
		harness.discord.inject('GET', path, { status: 200, body: { ...real, guild_id: '1300000000000000001' } }, 5);
		try {
			const result = await withoutResolved(
				{ user: 'member', channel: 'general', options: { channel: 'voice' } },
				'channels',
			);
			expect(result.content).toMatch(/not a channel of this server/);
			expect(result.posts).toBe(0);
		} finally {
			harness.discord.clearFaults();
		}
	});

	it('refuses when the channel lookup cannot answer, instead of passing for lack of data', async () => {
		harness.discord.inject('GET', `/channels/${channels.voice}`, { status: 500 }, 10);
		try {
			const result = await withoutResolved(
				{ user: 'member', channel: 'general', options: { channel: 'voice' } },
				'channels',
			);
			expect(result.content).toMatch(/couldn't check/);
			expect(result.posts).toBe(0);
		} finally {
			harness.discord.clearFaults();
		}
	});

	it("refuses a role at the invoker's own height, its position read from the server's role list", async () => {
		const result = await withoutResolved(
			{ user: 'moderator', channel: 'general', options: { role: 'moderator' } },
			'roles',
		);
		expect(result.content).toMatch(/below your highest role|highest/i);
		expect(result.posts).toBe(0);
	});

	it('refuses a managed role picked without its resolved data', async () => {
		const result = await withoutResolved(
			{ user: 'owner', channel: 'general', options: { role: 'invite bot' } },
			'roles',
		);
		expect(result.content).toMatch(/managed|integration|bot/i);
		expect(result.posts).toBe(0);
	});

	it('still creates the invite when REST answers what resolved lacked', async () => {
		const result = await withoutResolved(
			{ user: 'moderator', channel: 'general', options: { channel: 'voice', role: 'member' } },
			'channels',
		);
		expect(result.content).toContain('https://discord.gg/');
		expect(result.posts).toBe(1);
	});
});
