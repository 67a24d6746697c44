/**
 * Cooldowns and the replay guard through the real gateway bot (discord.js against the local
 * Discord): over a limit, an ephemeral "another invite <t:…:R>" in the user's language and no
 * call to Discord; refusals never count; an interaction delivered twice runs once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/index.js';
import { recordingLogger } from '../core/helpers.js';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness.js';

let harness: GatewayHarness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('/invite cooldowns over the gateway', () => {
	it('answers over the limit with when to try again, in the user’s language, without calling Discord', async () => {
		harness = await startGatewayHarness({ command: { cooldownPerUser: '2/60', cooldownPerGuild: 0 } });
		for (let i = 0; i < 2; i++)
			expect((await harness.invite({ user: 'member', channel: 'general' }).message()).content).toContain(
				'https://discord.gg/',
			);
		const posts = harness.inviteRequests().length;
		const before = Date.now();
		const held = await harness.invite({ user: 'member', channel: 'general', locale: 'de' }).message();
		const retryAt = Number(/<t:(\d+):R>/.exec(held.content ?? '')?.[1]);
		expect(held.content).toBe(MESSAGES.de!.limit.cooldown(`<t:${retryAt}:R>`));
		expect(held.flags).toBe(64);
		// The oldest of the two invites ages out a minute after it was made.
		expect(retryAt * 1_000).toBeGreaterThan(before + 50_000);
		expect(retryAt * 1_000).toBeLessThanOrEqual(before + 61_000);
		expect(harness.inviteRequests()).toHaveLength(posts);
		await expect.poll(() => harness!.outcomes.at(-1)?.status).toBe('cooldown');
		expect(harness.outcomes.at(-1)).toMatchObject({ cooldown: { scope: 'user' } });
		// Someone else may still make one.
		expect((await harness.invite({ user: 'moderator', channel: 'general' }).message()).content).toContain(
			'https://discord.gg/',
		);
	});

	it('does not count refusals: only attempts that would reach Discord use up the limit', async () => {
		harness = await startGatewayHarness({ command: { cooldownPerUser: '1/60', cooldownPerGuild: 0 } });
		for (let i = 0; i < 3; i++) {
			const refused = await harness
				.invite({ user: 'member', channel: 'general', options: { max_uses: 500 } })
				.message();
			expect(refused.content).not.toContain('https://discord.gg/');
		}
		await expect
			.poll(() => harness!.outcomes.map((outcome) => outcome.status))
			.toEqual(['refused', 'refused', 'refused']);
		expect((await harness.invite({ user: 'member', channel: 'general' }).message()).content).toContain(
			'https://discord.gg/',
		);
	});

	it('counts a server’s invites across its members', async () => {
		harness = await startGatewayHarness({ command: { cooldownPerUser: 0, cooldownPerGuild: '2/60' } });
		await harness.invite({ user: 'member', channel: 'general' }).message();
		await harness.invite({ user: 'moderator', channel: 'general' }).message();
		const held = await harness.invite({ user: 'owner', channel: 'general' }).message();
		expect(held.content).toMatch(/^Too many invites in a short time\. You can make another invite <t:\d+:R>\.$/);
		await expect.poll(() => harness!.outcomes.at(-1)?.status).toBe('cooldown');
		expect(harness.outcomes.at(-1)).toMatchObject({ cooldown: { scope: 'guild' } });
	});

	it('lets the user make invites again once the window has passed', async () => {
		harness = await startGatewayHarness({ command: { cooldownPerUser: '1/1', cooldownPerGuild: 0 } });
		expect((await harness.invite({ user: 'member', channel: 'general' }).message()).content).toContain(
			'discord.gg',
		);
		expect((await harness.invite({ user: 'member', channel: 'general' }).message()).content).toMatch(/<t:\d+:R>/);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect((await harness.invite({ user: 'member', channel: 'general' }).message()).content).toContain(
			'discord.gg',
		);
	});
});

describe('the gateway bot against an interaction delivered twice', () => {
	it('runs it once, as after a shard resumes and is sent the event again', async () => {
		const logger = recordingLogger();
		harness = await startGatewayHarness({ command: { logger } });
		const payload = harness.discord.interaction({ command: 'invite', user: 'member', channel: 'general' });
		const first = harness.discord.dispatch(payload);
		await first.message();
		harness.discord.dispatch(payload);
		// Waits for the second delivery to be refused, not for a guessed time.
		await expect
			.poll(() => logger.lines.some((line) => line.message.startsWith('refused a replayed interaction')))
			.toBe(true);
		expect(harness.inviteRequests()).toHaveLength(1);
		expect(harness.outcomes).toHaveLength(1);
	});
});
