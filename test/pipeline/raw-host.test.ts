/**
 * The seam a raw gateway host uses: each INTERACTION_CREATE payload and the bot's REST client
 * go to `executePayload`, which feeds the pipeline and answers with REST interaction callbacks.
 * The gateway connection here is a bare discord.js Client reading raw dispatches only (the
 * standalone bot moves to @discordjs/ws); nothing of discord.js touches the answers.
 */
import { Client, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { type APIInteraction, InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { InviteOutcome } from '../../src/core/invite.js';
import { createRest, restOptions } from '../../src/discord/rest.js';
import { createInviteCommand } from '../../src/gateway/command.js';
import { type LocalDiscord, startLocalDiscord } from '../../src/local-discord/index.js';
import { silentLogger } from '../../src/log.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
	await client?.destroy();
	await discord?.close();
	client = undefined;
	discord = undefined;
});

/** A host that hands every raw interaction and its REST client to the command. */
async function rawHost(): Promise<{ local: LocalDiscord; outcomes: InviteOutcome[] }> {
	const local = await startLocalDiscord();
	discord = local;
	const outcomes: InviteOutcome[] = [];
	const command = createInviteCommand({
		logger: silentLogger,
		cooldownPerUser: 0,
		cooldownPerGuild: 0,
		onOutcome: (outcome) => outcomes.push(outcome),
	});
	const rest = createRest({ ...restOptions({ api: local.apiUrl }), token: local.token });
	client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: local.apiUrl } });
	client.ws.on(GatewayDispatchEvents.InteractionCreate, (payload: APIInteraction) => {
		void command.executePayload(payload, rest);
	});
	await client.login(local.token);
	await local.ready();
	return { local, outcomes };
}

describe('a raw gateway host (payload + REST client into the pipeline)', () => {
	it('answers /invite with an invite, over REST callbacks', async () => {
		const { local, outcomes } = await rawHost();
		const handle = local.dispatch(local.interaction({ command: 'invite', user: 'member', channel: 'general' }));
		const message = await handle.message();
		expect(message.content).toContain('https://discord.gg/');
		expect(handle.rejected).toEqual([]);
		await expect.poll(() => outcomes.length).toBe(1);
		expect(outcomes[0]).toMatchObject({ status: 'created' });
	});

	it('answers the autocomplete and a command it does not serve, all through the same call', async () => {
		const { local } = await rawHost();
		const suggestions = local.dispatch(
			local.autocomplete({ command: 'invite', user: 'member', channel: 'general', focused: 'expires' }),
		);
		await expect.poll(() => suggestions.responses.length).toBe(1);
		expect(suggestions.responses[0]?.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
		const unknown = local.dispatch({
			...local.interaction({ command: 'invite', user: 'member', channel: 'general' }),
			data: {
				...local.interaction({ command: 'invite', user: 'member', channel: 'general' }).data,
				name: 'gone',
			},
		} as APIInteraction);
		const answer = await unknown.message();
		expect(answer.content).toContain('/gone');
	});
});
