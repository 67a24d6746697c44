import { describe, expect, it } from 'vitest';
import { createLogger, redact, silentLogger } from '../../src/log.js';

/** A made-up token in the bot-token shape: base64 user id, timestamp, HMAC. */
const BOT_TOKEN = `${Buffer.from('1100000000000000500').toString('base64').replace(/=+$/, '')}.GaBcDe.${'x'.repeat(38)}`;
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAwMDk5OTpzZWNyZXQ';

describe('redact', () => {
	it('masks a bot token anywhere in a line', () => {
		const line = redact(`login with ${BOT_TOKEN} failed`);
		expect(line).toBe('login with *** failed');
	});

	it('masks the token of a Bot authorization header', () => {
		expect(redact('Authorization: Bot abc.def.ghi')).toBe('Authorization: Bot ***');
		expect(redact('Authorization: Bearer someOauthToken')).toBe('Authorization: Bearer ***');
	});

	it('masks the interaction token of a callback URL, keeping the interaction id', () => {
		const url = `https://discord.com/api/v10/interactions/1100000000000000999/${INTERACTION_TOKEN}/callback?with_response=false`;
		expect(redact(url)).toBe(
			'https://discord.com/api/v10/interactions/1100000000000000999/***/callback?with_response=false',
		);
	});

	it('masks the interaction token of a webhook URL, keeping the application id', () => {
		const url = `PATCH /api/v10/webhooks/1100000000000000500/${INTERACTION_TOKEN}/messages/%40original`;
		expect(redact(url)).toBe('PATCH /api/v10/webhooks/1100000000000000500/***/messages/%40original');
	});

	it('masks interaction tokens inside JSON', () => {
		const json = JSON.stringify({ url: `/webhooks/1100000000000000500/${INTERACTION_TOKEN}` });
		expect(redact(json)).not.toContain(INTERACTION_TOKEN);
	});

	it('masks configured secrets of any shape', () => {
		expect(redact('key=0123456789abcdef here', ['0123456789abcdef'])).toBe('key=*** here');
	});

	it('does not mask configured values too short to be secrets', () => {
		expect(redact('a short value', ['short'])).toBe('a short value');
	});

	it('leaves ordinary text and snowflakes alone', () => {
		expect(redact('invite created in 1100000000000000010 for user 1100000000000000100')).toBe(
			'invite created in 1100000000000000010 for user 1100000000000000100',
		);
	});
});

describe('createLogger', () => {
	const capture = (level: Parameters<typeof createLogger>[0], secrets: string[] = []) => {
		const lines: string[] = [];
		return { lines, logger: createLogger(level, { secrets, write: (line) => lines.push(line) }) };
	};

	it('writes at and above its level and drops what is below', () => {
		const { lines, logger } = capture('warn');
		logger.debug('d');
		logger.info('i');
		logger.warn('w');
		logger.error('e');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/ WARN w$/);
		expect(lines[1]).toMatch(/ ERROR e$/);
	});

	it('writes everything at debug and nothing when silent', () => {
		const debug = capture('debug');
		for (const at of ['debug', 'info', 'warn', 'error'] as const) debug.logger[at]('x');
		expect(debug.lines).toHaveLength(4);
		const silent = capture('silent');
		silent.logger.error('x');
		expect(silent.lines).toEqual([]);
	});

	it('starts each line with an ISO time and the level', () => {
		const { lines, logger } = capture('info');
		logger.info('hello');
		expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z INFO hello$/);
	});

	it('writes fields as JSON, with bigints as strings and errors by name, message and code', () => {
		const { lines, logger } = capture('info');
		logger.info('failed', {
			permissions: 1n << 40n,
			error: Object.assign(new Error('boom'), { code: 'ECONNRESET' }),
		});
		expect(lines[0]).toContain(
			'{"permissions":"1099511627776","error":{"name":"Error","message":"boom","code":"ECONNRESET"}}',
		);
	});

	it('never prints the configured token, in the message or in fields', () => {
		const token = 'plain-configured-secret-value';
		const { lines, logger } = capture('debug', [token]);
		logger.debug(`token is ${token}`);
		logger.info('config', { token, nested: { headers: { authorization: `Bot ${token}` } } });
		logger.error('failed', { error: new Error(`bad token ${token}`) });
		expect(lines).toHaveLength(3);
		for (const line of lines) expect(line).not.toContain(token);
	});

	it('never prints a bot token or an interaction token it was not told about', () => {
		const { lines, logger } = capture('debug');
		logger.warn('request failed', {
			url: `/api/v10/interactions/1100000000000000999/${INTERACTION_TOKEN}/callback`,
			token: BOT_TOKEN,
		});
		expect(lines[0]).not.toContain(INTERACTION_TOKEN);
		expect(lines[0]).not.toContain(BOT_TOKEN);
	});

	it('offers a silent logger that never throws', () => {
		expect(() => silentLogger.error('x', { a: 1 })).not.toThrow();
	});
});
