import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, defaultLogger, type Logger, redact, silentLogger } from '../../src/log.js';

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
		const logger = createLogger(level, { secrets, write: (line) => lines.push(line) });
		return { lines, logger, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
	};

	it('writes one JSON object per line with level, time, msg and the fields', () => {
		const { lines, parsed, logger } = capture('info');
		logger.info({ interaction: '1100000000000000999', latencyMs: 12 }, 'interaction');
		logger.info('plain message');
		expect(lines).toHaveLength(2);
		for (const line of lines) expect(line).not.toContain('\n');
		const [first, second] = parsed();
		expect(first).toMatchObject({
			level: 'info',
			msg: 'interaction',
			interaction: '1100000000000000999',
			latencyMs: 12,
		});
		expect(first!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(second).toMatchObject({ level: 'info', msg: 'plain message' });
	});

	it('writes at and above its level and drops what is below', () => {
		const { parsed, logger } = capture('warn');
		logger.debug('d');
		logger.info('i');
		logger.warn('w');
		logger.error('e');
		expect(parsed().map((line) => [line.level, line.msg])).toEqual([
			['warn', 'w'],
			['error', 'e'],
		]);
	});

	it('writes everything at debug and nothing when silent', () => {
		const debug = capture('debug');
		for (const at of ['debug', 'info', 'warn', 'error'] as const) debug.logger[at]('x');
		expect(debug.lines).toHaveLength(4);
		const silent = capture('silent');
		silent.logger.error('x');
		expect(silent.lines).toEqual([]);
	});

	it('writes bigints as decimal strings and errors with their type, message and code', () => {
		const { parsed, logger } = capture('info');
		logger.info(
			{ permissions: 1n << 60n, err: Object.assign(new Error('boom'), { code: 'ECONNRESET' }) },
			'failed',
		);
		const [line] = parsed();
		expect(line!.permissions).toBe('1152921504606846976');
		expect(line!.err).toMatchObject({ type: 'Error', message: 'boom', code: 'ECONNRESET' });
	});

	it('never prints the configured token, in the message or in fields', () => {
		const token = 'plain-configured-secret-value';
		const { lines, logger } = capture('debug', [token]);
		logger.debug(`token is ${token}`);
		logger.info({ token, nested: { headers: { authorization: `Bot ${token}` } } }, 'config');
		logger.error({ err: new Error(`bad token ${token}`) }, 'failed');
		logger.error({ detail: { text: `quoted "${token}"` } }, 'failed');
		expect(lines).toHaveLength(4);
		for (const line of lines) expect(line).not.toContain(token);
	});

	it('censors fields named token or authorization whatever they hold', () => {
		const { parsed, logger } = capture('info');
		logger.info({ token: 'short', request: { headers: { authorization: 'xyz' } } }, 'x');
		expect(parsed()[0]).toMatchObject({ token: '***', request: { headers: { authorization: '***' } } });
	});

	it('never prints a bot token or an interaction token it was not told about', () => {
		const { lines, logger } = capture('debug');
		logger.warn(
			{ url: `/api/v10/interactions/1100000000000000999/${INTERACTION_TOKEN}/callback`, detail: BOT_TOKEN },
			'request failed',
		);
		expect(lines[0]).not.toContain(INTERACTION_TOKEN);
		expect(lines[0]).not.toContain(BOT_TOKEN);
	});

	it('offers a silent logger that never throws', () => {
		expect(() => silentLogger.error({ a: 1 }, 'x')).not.toThrow();
	});

	it('takes its default level from LOG_LEVEL', () => {
		// vitest.config.ts sets LOG_LEVEL=silent for the whole suite.
		expect(defaultLogger().level).toBe('silent');
	});

	it("types the logger in pino's argument order, so a pino instance fits and the old order does not compile", () => {
		const lines: string[] = [];
		const logger: Logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
		logger.info({ a: 1 }, 'fields first');
		// @ts-expect-error the message first would make pino drop the fields
		logger.info('message first', { a: 1 });
		expect(JSON.parse(lines[0]!)).toMatchObject({ a: 1, msg: 'fields first' });
	});
});
