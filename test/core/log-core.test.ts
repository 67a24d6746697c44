import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../src/log-core.js';

describe('the console logger (hosts without pino: Workers, Deno, Bun)', () => {
	it("writes one JSON line in pino's shape, errors under err, at the level and above", () => {
		const lines: string[] = [];
		const logger = createConsoleLogger('warn', { write: (line) => lines.push(line) });
		logger.info({ interaction: '1' }, 'not written');
		logger.warn({ interaction: '1', bits: 8n, err: Object.assign(new Error('boom'), { code: 'E_X' }) }, 'written');
		logger.error('plain');
		expect(lines).toHaveLength(2);
		const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
		expect(first).toMatchObject({ level: 'warn', interaction: '1', bits: '8', msg: 'written' });
		expect(first.err).toMatchObject({ type: 'Error', message: 'boom', code: 'E_X' });
		expect(typeof first.time).toBe('string');
		expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 'error', msg: 'plain' });
	});

	it('masks the configured token and interaction tokens in URLs', () => {
		const lines: string[] = [];
		const token = 'configured-secret-token';
		const logger = createConsoleLogger('info', { secrets: [token], write: (line) => lines.push(line) });
		logger.info({ url: '/webhooks/123/aW50ZXJhY3Rpb24/messages/@original', note: `Bot ${token}` }, 'edit');
		expect(lines.join('\n')).not.toContain(token);
		expect(lines.join('\n')).not.toContain('aW50ZXJhY3Rpb24');
	});
});
