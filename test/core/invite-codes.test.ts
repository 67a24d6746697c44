import { describe, expect, it } from 'vitest';
import { RecentInviteCodes } from '../../src/core/invite-codes.js';

describe('RecentInviteCodes', () => {
	it('says whether a code was handed out before', () => {
		const codes = new RecentInviteCodes();
		expect(codes.note('aBcD1234')).toBe(false);
		expect(codes.note('aBcD1234')).toBe(true);
		expect(codes.note('other123')).toBe(false);
	});

	it('keeps at most its bound, forgetting the code seen longest ago', () => {
		const codes = new RecentInviteCodes(2);
		codes.note('first');
		codes.note('second');
		codes.note('first');
		codes.note('third');
		expect(codes.size).toBe(2);
		expect(codes.note('second')).toBe(false);
		expect(codes.note('third')).toBe(true);
	});
});
