/**
 * The wait in our own queue under Discord's global limit (issue #12), beside the rate-limit
 * budget of issue #11: a known wait is deferred and waited out up to a bound, beyond it the
 * user is told at once to come back. Real @discordjs/rest against the local Discord.
 */
import type { REST } from '@discordjs/rest';
import { ChannelType, Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { runInvite } from '../../src/commands/invite-run.js';
import { createInviteRest } from '../../src/discord/invites.js';
import { globalPacerOf } from '../../src/discord/rest.js';
import { type LocalDiscord, seedIds, startLocalDiscord } from '../../src/local-discord/index.js';
import { makeInvocation, recordingResponder } from './helpers.js';

let discord: LocalDiscord | undefined;
const clients: REST[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) {
		client.clearHashSweeper();
		client.clearHandlerSweeper();
	}
	await discord?.close();
	discord = undefined;
});

/** An invite client at `perSecond`, with `ahead` bot requests already queued on it. */
async function busyClient(perSecond: number, ahead: number): Promise<{ rest: REST; queued: Promise<unknown> }> {
	discord = await startLocalDiscord();
	const rest = createInviteRest({ api: discord.apiUrl, token: discord.token, globalRequestsPerSecond: perSecond });
	clients.push(rest);
	const { voice, stage, forum, media } = seedIds.channels;
	const channels = [voice, stage, forum, media];
	// Each request counts in the pacer's backlog from the moment it is queued: no wait needed.
	const queued = Promise.all(Array.from({ length: ahead }, (_, i) => rest.get(Routes.channel(channels[i % 4]!))));
	expect(globalPacerOf(rest)?.backlog).toBe(ahead);
	return { rest, queued };
}

const invocation = () =>
	makeInvocation({
		guildId: seedIds.guild,
		channel: { id: seedIds.channels.general, type: ChannelType.GuildText },
	});

describe('the queue under the global limit', () => {
	it('defers at once when the known wait outlasts the 3 s budget, then waits its turn and answers with the invite', async () => {
		const { rest, queued } = await busyClient(1, 3);
		expect(globalPacerOf(rest)?.expectedWaitMs()).toBeGreaterThan(1_500);
		const responder = recordingResponder();
		const started = Date.now();
		const outcome = await runInvite(invocation(), { rest, responder });
		await queued;
		expect(outcome).toMatchObject({ status: 'created', delivery: 'deferred' });
		expect(responder.kinds()).toEqual(['defer', 'edit']);
		expect(responder.calls[0]!.at - started).toBeLessThan(500);
		expect(discord!.requestsTo('POST', `/channels/${seedIds.channels.general}/invites`)).toHaveLength(1);
		// A known wait is not a 429: the 8-second budget of issue #11 does not count it.
		expect(outcome.rateLimitWaitMs).toBeGreaterThan(1_500);
	});

	it("refuses at once, sending nothing, when the queue's known wait exceeds its bound: Discord is busy, try again", async () => {
		const { rest, queued } = await busyClient(1, 3);
		const responder = recordingResponder();
		const outcome = await runInvite(invocation(), { rest, responder, maxQueueWaitMs: 1_000 });
		expect(outcome).toMatchObject({ status: 'failed', failure: { id: 'busy' }, delivery: 'inline' });
		expect(responder.calls[0]?.message?.content).toMatch(
			/^Discord is busy right now, so I made no invite\. Try again <t:\d+:R>\.$/,
		);
		await queued;
		expect(discord!.requestsTo('POST', /\/invites$/)).toEqual([]);
	});
});
