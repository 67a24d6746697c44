import { describe, expect, it } from 'vitest';
import { invitesPerAnswer } from '../../bench/http/suite.js';

describe('the http bench counts invites per answer', () => {
	it('reads 1 when the invites beyond the answers are those of requests the round cut off', () => {
		// Ours as shipped at c=10: 150 answers, 10 requests in flight at the end, 160 invites.
		expect(invitesPerAnswer(160, 150, 10)).toBe(1);
		expect(invitesPerAnswer(198, 161, 50)).toBe(1);
	});

	it('reads above 1 for invites no cut-off request explains: duplicates', () => {
		expect(invitesPerAnswer(2_000, 1_000, 10)).toBeCloseTo(1.99);
		// At the edge: one invite more than the answers and the cut-off requests together.
		expect(invitesPerAnswer(161, 150, 10)).toBeGreaterThan(1);
	});

	it('reads below 1 when answers came without an invite', () => {
		expect(invitesPerAnswer(100, 3_000, 10)).toBeCloseTo(0.033, 3);
		expect(invitesPerAnswer(0, 0, 5)).toBe(0);
	});
});
