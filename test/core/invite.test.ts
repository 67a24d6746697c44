import { REST } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { runInvite } from '../../src/commands/invite-run.js';
import { makeInvocation, recordingLogger, recordingResponder } from './helpers.js';

describe('runInvite', () => {
	it('logs a lookup that throws and decides without it: the invoker cannot be verified, nothing is sent', async () => {
		const logger = recordingLogger();
		const responder = recordingResponder();
		const outcome = await runInvite(
			makeInvocation({
				options: { role: { id: '1100000000000000700', name: 'guest', position: 1, managed: false } },
			}),
			{
				rest: new REST(),
				responder,
				logger,
				lookups: {
					roleStanding: () => Promise.reject(new Error('Discord is down')),
				},
			},
		);
		expect(outcome).toMatchObject({ status: 'refused', refusal: { id: 'cannotVerify' }, delivery: 'inline' });
		expect(logger.lines).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: 'could not look up role standing',
				fields: expect.objectContaining({ interaction: outcome.interactionId }),
			}),
		);
		expect(logger.lines.some((line) => line.level === 'error')).toBe(false);
	});
});
