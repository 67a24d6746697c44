/**
 * The `./fetch` entry runs where Node's built-ins do not exist (a Worker without
 * `nodejs_compat`): bundled from source as wrangler bundles a Worker, no module of its graph,
 * ours or a dependency's, imports one. (test/package/consumer.test.ts checks the packed build.)
 */
import { describe, expect, it } from 'vitest';
import { nodeImportsOf } from '../../src/tools/build-package.js';

describe('the host-free ./fetch entry', () => {
	it('reaches no Node built-in, while ./http reaches node:http and pino', async () => {
		expect(await nodeImportsOf('./src/entries/fetch.ts')).toEqual([]);
		const http = await nodeImportsOf('./src/entries/http.ts');
		expect(http).toContainEqual('src/http/server.ts -> node:http');
		expect(http.some((line) => line.startsWith('node_modules/pino/'))).toBe(true);
	});

	it('exports the Web handler and nothing of the Node adapter', async () => {
		const entry = await import('../../src/entries/fetch.js');
		expect(typeof entry.handleInteraction).toBe('function');
		expect(typeof entry.createInteractionHandler).toBe('function');
		expect(Object.keys(entry).sort()).toEqual([
			'HANDLER_DEFAULTS',
			'HEALTH_PATH',
			'INTERACTIONS_PATH',
			'SeenInteractions',
			'createConsoleLogger',
			'createInteractionHandler',
			'createInviteRest',
			'handleInteraction',
			'silentLogger',
		]);
	});
});
