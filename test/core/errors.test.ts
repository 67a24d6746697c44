import { DiscordAPIError, type DiscordErrorData, HTTPError, RateLimitError } from '@discordjs/rest';
import { RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
	classifyError,
	type Failure,
	failureText,
	formErrors,
	isInteractionGone,
	RateLimitGiveUp,
} from '../../src/core/errors.js';
import { en, MESSAGES } from '../../src/i18n/index.js';
import { TEXT_CHANNEL_ID } from './helpers.js';

const URL = `https://discord.com/api/v10${Routes.channelInvites(TEXT_CHANNEL_ID)}`;
const BODY = { body: { max_age: 86_400 }, files: undefined };

function apiError(code: number, status: number, extra: Partial<DiscordErrorData> = {}): DiscordAPIError {
	return new DiscordAPIError({ code, message: `error ${code}`, ...extra }, code, status, 'POST', URL, BODY);
}

function rateLimitError(timeToReset: number): RateLimitError {
	return new RateLimitError({
		timeToReset,
		limit: 5,
		method: 'POST',
		hash: 'abc',
		url: URL,
		route: '/channels/:id/invites',
		majorParameter: TEXT_CHANNEL_ID,
		global: false,
		retryAfter: timeToReset,
		sublimitTimeout: 0,
		scope: 'user',
	});
}

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe("classifyError: Discord's JSON error codes", () => {
	it.each([
		[RESTJSONErrorCodes.UnknownChannel, 404, 'unknownChannel'],
		[RESTJSONErrorCodes.MissingAccess, 403, 'missingAccess'],
		[RESTJSONErrorCodes.MissingPermissions, 403, 'missingPermissions'],
		[RESTJSONErrorCodes.UnknownRole, 404, 'unknownRole'],
		[RESTJSONErrorCodes.UnknownUser, 404, 'unknownUser'],
		[RESTJSONErrorCodes.MaximumNumberOfInvitesReached, 400, 'maxInvites'],
		[RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 400, 'invalidChannelType'],
		[RESTJSONErrorCodes.InvalidRole, 400, 'invalidRole'],
		[RESTJSONErrorCodes.UnknownInviteTargetUsersJob, 404, 'unknownTargetUsersJob'],
		[RESTJSONErrorCodes.UnknownInviteTargetUsers, 404, 'unknownTargetUsers'],
		[RESTJSONErrorCodes.InviteCodeInvalidOrTaken, 400, 'inviteCodeTaken'],
	] as const)('maps code %i (HTTP %i) to %s, a definite answer', (code, status, id) => {
		const failure = classifyError(apiError(code, status));
		expect(failure).toEqual({ id, args: [] });
		expect(failure.ambiguous).toBeUndefined();
	});

	it('uses the codes Discord documents on the wire', () => {
		expect([
			RESTJSONErrorCodes.UnknownChannel,
			RESTJSONErrorCodes.MissingAccess,
			RESTJSONErrorCodes.MissingPermissions,
			RESTJSONErrorCodes.UnknownRole,
			RESTJSONErrorCodes.UnknownUser,
			RESTJSONErrorCodes.MaximumNumberOfInvitesReached,
			RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
			RESTJSONErrorCodes.InvalidRole,
			RESTJSONErrorCodes.InvalidFormBodyOrContentType,
			RESTJSONErrorCodes.UnknownInviteTargetUsersJob,
			RESTJSONErrorCodes.UnknownInviteTargetUsers,
			RESTJSONErrorCodes.InviteCodeInvalidOrTaken,
		]).toEqual([10003, 50001, 50013, 10011, 10013, 30016, 50024, 50028, 50035, 10124, 10129, 50020]);
	});

	it('gives the unknown target-users job (10124), unknown target users (10129) and a taken invite code (50020) a text of ours in every language', () => {
		for (const [code, status] of [
			[RESTJSONErrorCodes.UnknownInviteTargetUsersJob, 404],
			[RESTJSONErrorCodes.UnknownInviteTargetUsers, 404],
			[RESTJSONErrorCodes.InviteCodeInvalidOrTaken, 400],
		] as const) {
			const failure = classifyError(apiError(code, status));
			expect(failure.log).toBeUndefined();
			const tables = [...new Set(Object.values(MESSAGES))];
			expect(tables).toHaveLength(14);
			const english = failureText(failure, en);
			expect(english).not.toContain(`error ${code}`);
			for (const messages of tables.filter((table) => table !== en))
				expect(failureText(failure, messages)).not.toBe(english);
		}
	});

	it('tells the invoker about the 1000-invite limit and where to delete invites', () => {
		expect(failureText(classifyError(apiError(RESTJSONErrorCodes.MaximumNumberOfInvitesReached, 400)), en)).toBe(
			en.error.maxInvites,
		);
	});

	it("names the fields of a 50035 with nested field errors, never Discord's own words", () => {
		const errors = {
			max_age: {
				_errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 604800.' }],
			},
			role_ids: { 0: { _errors: [{ code: 'UNKNOWN_ROLE', message: 'Unknown role' }] } },
		};
		const failure = classifyError(
			apiError(RESTJSONErrorCodes.InvalidFormBodyOrContentType, 400, { message: 'Invalid Form Body', errors }),
		);
		expect(failure).toEqual({
			id: 'invalidForm',
			args: ['`max_age`, `role_ids.0`'],
			log: true,
		});
		expect(failureText(failure, en)).toBe('Discord rejected the invite settings: `max_age`, `role_ids.0`');
	});

	it("names the body, not Discord's message, for a 50035 without field errors", () => {
		const failure = classifyError(
			apiError(RESTJSONErrorCodes.InvalidFormBodyOrContentType, 400, { message: 'Invalid Form Body <@&1>' }),
		);
		expect(failure.args).toEqual(['body']);
	});

	it('shows a field name that is not a plain name as ?, so upstream text never reaches the reply', () => {
		expect(formErrors({ errors: { '<@&1> look here': { _errors: [{ code: 'X', message: 'evil' }] } } })).toBe(
			'`?`',
		);
	});

	it('names the whole body when the error sits at the top level', () => {
		expect(
			formErrors({
				code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
				message: 'Invalid Form Body',
				errors: { _errors: [{ code: 'X', message: 'bad' }] },
			}),
		).toBe('`body`');
	});

	it('treats a 429 answer with an unknown code as a rate limit', () => {
		const now = () => 1_700_000_000_000;
		expect(classifyError(apiError(RESTJSONErrorCodes.GeneralError, 429), now)).toEqual({
			id: 'rateLimited',
			args: ['<t:1700000001:R>'],
		});
	});

	it('gives an unknown code a reference id and logs it', () => {
		const failure = classifyError(apiError(RESTJSONErrorCodes.InvalidAPIVersion, 400));
		expect(failure.id).toBe('unknown');
		expect(failure.log).toBe(true);
		expect(failure.args[0]).toMatch(/^[0-9a-f]{8}$/);
	});
});

describe('isInteractionGone', () => {
	it('recognises an expired interaction (10062) and one already answered (40060)', () => {
		expect(isInteractionGone(apiError(RESTJSONErrorCodes.UnknownInteraction, 404))).toBe(true);
		expect(isInteractionGone(apiError(RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 400))).toBe(true);
	});

	it('recognises an expired interaction token (unknown webhook, invalid webhook token)', () => {
		expect(isInteractionGone(apiError(RESTJSONErrorCodes.UnknownWebhook, 404))).toBe(true);
		expect(isInteractionGone(apiError(RESTJSONErrorCodes.InvalidWebhookToken, 401))).toBe(true);
	});

	it('does not confuse invite errors or other failures with a gone interaction', () => {
		expect(isInteractionGone(apiError(RESTJSONErrorCodes.UnknownChannel, 404))).toBe(false);
		expect(isInteractionGone(new HTTPError(500, 'Internal Server Error', 'POST', URL, BODY))).toBe(false);
		expect(isInteractionGone(new Error('boom'))).toBe(false);
		expect(isInteractionGone(undefined)).toBe(false);
	});
});

describe('classifyError: HTTP, rate limits and the network', () => {
	it('calls a 5xx ambiguous: the invite may have been made before the error', () => {
		expect(classifyError(new HTTPError(502, 'Bad Gateway', 'POST', URL, BODY))).toEqual({
			id: 'discordError',
			args: [502],
			ambiguous: true,
			log: true,
		});
	});

	it('includes the status in the 5xx text', () => {
		expect(failureText(classifyError(new HTTPError(503, 'Service Unavailable', 'POST', URL, BODY)), en)).toContain(
			'HTTP 503',
		);
	});

	// Regression, fixed (src/i18n/en.ts, error.discordError): classifyError marks a 5xx `ambiguous` ("the
	// invite may have been made"), and runInvite shows this text when no lost invite was found
	// or none could be looked for (no botUserId, or the bot lacks Manage Channels), yet the text
	// says Discord "made no invite". For HTTPError(500) the reader gets "Discord had a problem
	// (HTTP 500) and made no invite. Try again in a moment." and may create a duplicate; the
	// timeout text, for the same uncertainty, says "An invite may still have been made".
	it('does not claim no invite was made after a 5xx, which may have created one', () => {
		const text = failureText(classifyError(new HTTPError(500, 'Internal Server Error', 'POST', URL, BODY)), en);
		expect(text).not.toMatch(/made no invite/);
	});

	it('says when to retry after a rate limit, from the time to reset', () => {
		const now = () => 1_700_000_000_000;
		const failure = classifyError(rateLimitError(2_500), now);
		expect(failure).toEqual({ id: 'rateLimited', args: ['<t:1700000003:R>'] });
		expect(failureText(failure, en)).toBe(en.error.rateLimited('<t:1700000003:R>'));
	});

	it('calls an aborted request an ambiguous timeout', () => {
		const controller = new AbortController();
		controller.abort();
		expect(classifyError(controller.signal.reason)).toEqual({
			id: 'timeout',
			args: [],
			ambiguous: true,
			log: true,
		});
		expect(classifyError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })).id).toBe(
			'timeout',
		);
	});

	it('calls a request that ran out of time an ambiguous timeout', () => {
		expect(classifyError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toEqual({
			id: 'timeout',
			args: [],
			ambiguous: true,
			log: true,
		});
	});

	it('calls a refused connection a network failure, not ambiguous: nothing reached Discord', () => {
		const failure = classifyError(withCode('connect ECONNREFUSED 127.0.0.1:443', 'ECONNREFUSED'));
		expect(failure).toEqual({ id: 'network', args: [], log: true });
		expect(failure.ambiguous).toBeUndefined();
	});

	it('finds the network code in the cause, as fetch reports it', () => {
		const error = new TypeError('fetch failed', {
			cause: withCode('getaddrinfo ENOTFOUND discord.com', 'ENOTFOUND'),
		});
		expect(classifyError(error).id).toBe('network');
	});

	it('calls a connect timeout a network failure, not ambiguous', () => {
		expect(classifyError(withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'))).toEqual({
			id: 'network',
			args: [],
			log: true,
		});
	});

	it('calls a reset connection ambiguous: the request may have been processed', () => {
		expect(classifyError(withCode('read ECONNRESET', 'ECONNRESET'))).toEqual({
			id: 'lostAnswer',
			args: [],
			ambiguous: true,
			log: true,
		});
		expect(classifyError(withCode('other side closed', 'UND_ERR_SOCKET'))).toEqual({
			id: 'lostAnswer',
			args: [],
			ambiguous: true,
			log: true,
		});
	});

	it('tells a 401 as a token problem to log, not as an unknown failure', () => {
		expect(classifyError(apiError(0, 401))).toEqual({ id: 'tokenRejected', args: [], log: true });
		expect(failureText(classifyError(apiError(0, 401)), en)).toMatch(/token/);
	});

	it('calls a 2xx whose JSON is cut off ambiguous: Discord made the invite, the answer got garbled', () => {
		expect(classifyError(new SyntaxError('Unexpected end of JSON input'))).toEqual({
			id: 'lostAnswer',
			args: [],
			ambiguous: true,
			log: true,
		});
	});

	it("calls workerd's lost connection ambiguous: it says the same for a refused and a reset one", () => {
		expect(classifyError(new Error('Network connection lost.'))).toEqual({
			id: 'lostAnswer',
			args: [],
			ambiguous: true,
			log: true,
		});
	});

	it("reads Deno's fetch failures by their cause: a refused connection sent nothing, a reset one may have", () => {
		const refused = new TypeError('fetch failed', {
			cause: new Error(
				'error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)',
			),
		});
		expect(classifyError(refused)).toEqual({ id: 'network', args: [], log: true });
		const reset = new TypeError('fetch failed', { cause: new Error('Connection reset by peer (os error 104)') });
		expect(classifyError(reset)).toEqual({ id: 'lostAnswer', args: [], ambiguous: true, log: true });
	});

	it('finds a socket error wrapped twice in causes', () => {
		const wrapped = new TypeError('fetch failed', {
			cause: new Error('x', { cause: withCode('closed', 'UND_ERR_SOCKET') }),
		});
		expect(classifyError(wrapped).id).toBe('lostAnswer');
	});

	it('says Discord is busy after a few 429s, and is limiting invites after one wait too long', () => {
		expect(classifyError(new RateLimitGiveUp(1_700_000_002_000, 'attempts'))).toEqual({
			id: 'busy',
			args: ['<t:1700000002:R>'],
		});
		expect(classifyError(new RateLimitGiveUp(1_700_000_002_000, 'wait')).id).toBe('rateLimited');
	});

	it('gives anything else a fresh reference id to find in the log', () => {
		const first = classifyError(new Error('boom'));
		const second = classifyError('a thrown string');
		expect(first.id).toBe('unknown');
		expect(first.log).toBe(true);
		expect(second.id).toBe('unknown');
		expect(first.args[0]).toMatch(/^[0-9a-f]{8}$/);
		expect(first.args[0]).not.toBe(second.args[0]);
		expect(failureText(first, en)).toBe(en.error.unknown(String(first.args[0])));
	});
});

describe('failureText', () => {
	it('gives each failure its own English text, with its values in it', () => {
		const cases: [Failure, string][] = [
			[{ id: 'unknownChannel', args: [] }, "That channel doesn't exist any more."],
			[
				{ id: 'timeout', args: [] },
				"Discord didn't answer in time. An invite may still have been made: check Server Settings → Invites before trying again.",
			],
			[{ id: 'network', args: [] }, "I couldn't reach Discord. Try again in a moment."],
			[
				{ id: 'discordError', args: [500] },
				'Discord had a problem (HTTP 500). An invite may still have been made: check Server Settings → Invites before trying again.',
			],
			[
				{ id: 'invalidForm', args: ['max_age: too big'] },
				'Discord rejected the invite settings: max_age: too big',
			],
		];
		for (const [failure, text] of cases) expect(failureText(failure, en)).toBe(text);
	});
});
