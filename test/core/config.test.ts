import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadConfig, type Requirement } from '../../src/config.js';

/** A made-up token in the bot-token shape. */
const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDUwMA.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const APPLICATION_ID = '1100000000000000500';
const PUBLIC_KEY = 'a'.repeat(64);

function problemsOf(requirements: readonly Requirement[], env: NodeJS.ProcessEnv): readonly string[] {
	try {
		loadConfig(requirements, env);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

function errorOf(requirements: readonly Requirement[], env: NodeJS.ProcessEnv): ConfigError {
	try {
		loadConfig(requirements, env);
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
	it('fills in the defaults under a minimal environment', () => {
		expect(
			loadConfig(['token', 'applicationId'], { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID }),
		).toEqual({
			token: TOKEN,
			applicationId: APPLICATION_ID,
			guildId: undefined,
			apiUrl: 'https://discord.com/api',
			logLevel: 'info',
			publicKey: undefined,
			host: '0.0.0.0',
			port: 8080,
			replayWindowSeconds: 300,
			restGlobalRps: 50,
			shardCount: 'auto',
			metricsPort: undefined,
			redisUrl: undefined,
			cooldownPerUser: { count: 5, windowMs: 60_000 },
			cooldownPerGuild: { count: 60, windowMs: 60_000 },
		});
		expect(DEFAULTS.apiUrl).toBe('https://discord.com/api');
	});

	it('reads DISCORD_REST_GLOBAL_RPS, where 0 turns the client-side cap off', () => {
		const base = { DISCORD_TOKEN: TOKEN };
		expect(loadConfig(['token'], { ...base, DISCORD_REST_GLOBAL_RPS: '0' }).restGlobalRps).toBe(0);
		expect(loadConfig(['token'], { ...base, DISCORD_REST_GLOBAL_RPS: '1200' }).restGlobalRps).toBe(1200);
		for (const bad of ['-1', '1.5', 'fast', 'Infinity']) {
			expect(problemsOf(['token'], { ...base, DISCORD_REST_GLOBAL_RPS: bad })).toEqual([
				expect.stringMatching(
					/DISCORD_REST_GLOBAL_RPS must be a whole number .* or 0 to turn the client-side cap off/,
				),
			]);
		}
	});

	it('reads SHARD_COUNT as auto or a count from 1', () => {
		const base = { DISCORD_TOKEN: TOKEN };
		expect(loadConfig(['token'], { ...base, SHARD_COUNT: 'AUTO' }).shardCount).toBe('auto');
		expect(loadConfig(['token'], { ...base, SHARD_COUNT: '4' }).shardCount).toBe(4);
		for (const bad of ['0', '-2', '2.5', 'many']) {
			expect(problemsOf(['token'], { ...base, SHARD_COUNT: bad })).toEqual([
				expect.stringMatching(/SHARD_COUNT must be auto .* or a whole number from 1/),
			]);
		}
	});

	it('lists every problem at once', () => {
		const problems = problemsOf(['token', 'applicationId', 'publicKey'], {
			LOG_LEVEL: 'loud',
			PORT: 'eighty',
			DISCORD_GUILD_ID: 'my-server',
		});
		expect(problems).toHaveLength(6);
		expect(problems.join('\n')).toMatch(/DISCORD_TOKEN is not set/);
		expect(problems.join('\n')).toMatch(/DISCORD_APPLICATION_ID is not set/);
		expect(problems.join('\n')).toMatch(/DISCORD_PUBLIC_KEY is not set/);
		expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
		expect(problems.join('\n')).toMatch(/PORT/);
		expect(problems.join('\n')).toMatch(/DISCORD_GUILD_ID/);
	});

	it('throws a ConfigError whose message lists each problem on its own line', () => {
		const error = errorOf(['token', 'applicationId'], {});
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('ConfigError');
		for (const problem of error.problems) expect(error.message).toContain(`  - ${problem}`);
	});

	it('asks only for what the program requires', () => {
		expect(loadConfig([], {}).token).toBe('');
		expect(problemsOf(['publicKey'], {})).toEqual([expect.stringMatching(/^DISCORD_PUBLIC_KEY is not set/)]);
	});

	it('treats a blank value as unset', () => {
		expect(problemsOf(['token'], { DISCORD_TOKEN: '   ' })).toEqual([
			expect.stringMatching(/^DISCORD_TOKEN is not set/),
		]);
		expect(loadConfig([], { LOG_LEVEL: '', PORT: ' ' })).toMatchObject({ logLevel: 'info', port: 8080 });
	});

	it('refuses a pasted Public Key as the token without repeating it', () => {
		const error = errorOf(['token'], { DISCORD_TOKEN: PUBLIC_KEY });
		expect(error.problems).toEqual([expect.stringMatching(/^DISCORD_TOKEN looks like the Public Key/)]);
		expect(error.message).not.toContain(PUBLIC_KEY);
	});

	it('refuses a pasted OAuth2 client secret as the token without repeating it', () => {
		const secret = 'Xy3_abcdefghijklmnopqrstuvwx-123';
		const error = errorOf(['token'], { DISCORD_TOKEN: secret });
		expect(error.problems).toEqual([expect.stringMatching(/^DISCORD_TOKEN looks like the OAuth2 client secret/)]);
		expect(error.message).not.toContain(secret);
	});

	it('accepts any other token, as a local Discord may use any string', () => {
		expect(loadConfig(['token'], { DISCORD_TOKEN: 'local-test-token' }).token).toBe('local-test-token');
	});

	it('never puts the token in the error message, whatever else is wrong', () => {
		const error = errorOf(['token', 'applicationId'], {
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: 'abc',
			DISCORD_API_URL: 'https://discord.com/api/v10',
			LOG_LEVEL: 'loud',
		});
		expect(error.problems.length).toBe(3);
		expect(error.message).not.toContain(TOKEN);
		expect(error.problems.join('\n')).not.toContain(TOKEN);
	});

	it('accepts a token pasted with its "Bot " prefix and drops the prefix', () => {
		expect(loadConfig(['token'], { DISCORD_TOKEN: `Bot ${TOKEN}` }).token).toBe(TOKEN);
	});

	it('refuses DISCORD_API_URL with a trailing /v10 and names the part to drop', () => {
		for (const url of ['https://discord.com/api/v10', 'https://discord.com/api/v10/']) {
			expect(problemsOf([], { DISCORD_API_URL: url })).toEqual([expect.stringContaining('drop the "/v10"')]);
		}
	});

	it('strips trailing slashes from DISCORD_API_URL and accepts a loopback server', () => {
		expect(loadConfig([], { DISCORD_API_URL: 'http://127.0.0.1:4000/api/' }).apiUrl).toBe(
			'http://127.0.0.1:4000/api',
		);
	});

	it('refuses a DISCORD_API_URL that is not http(s)', () => {
		expect(problemsOf([], { DISCORD_API_URL: 'discord.com/api' })).toEqual([
			expect.stringMatching(/^DISCORD_API_URL must be an http\(s\) URL/),
		]);
	});

	it('refuses ids that are not snowflakes', () => {
		expect(problemsOf([], { DISCORD_APPLICATION_ID: '123' })).toEqual([
			expect.stringMatching(/^DISCORD_APPLICATION_ID must be a number of 17 to 20 digits/),
		]);
		expect(problemsOf([], { DISCORD_GUILD_ID: '1234567890123456789012' })).toEqual([
			expect.stringMatching(/^DISCORD_GUILD_ID/),
		]);
	});

	it('reads the guild, the log level in any case and the public key in lower case', () => {
		const config = loadConfig(['publicKey'], {
			DISCORD_GUILD_ID: '1100000000000000001',
			LOG_LEVEL: 'DEBUG',
			DISCORD_PUBLIC_KEY: PUBLIC_KEY.toUpperCase(),
		});
		expect(config).toMatchObject({ guildId: '1100000000000000001', logLevel: 'debug', publicKey: PUBLIC_KEY });
	});

	it('refuses a public key that is not 64 hex characters', () => {
		expect(problemsOf([], { DISCORD_PUBLIC_KEY: 'z'.repeat(64) })).toHaveLength(1);
		expect(problemsOf([], { DISCORD_PUBLIC_KEY: 'a'.repeat(63) })).toHaveLength(1);
	});

	it('accepts PORT from 0 to 65535 and REPLAY_WINDOW_SECONDS from 1 to 3600', () => {
		expect(loadConfig([], { PORT: '0', REPLAY_WINDOW_SECONDS: '3600' })).toMatchObject({
			port: 0,
			replayWindowSeconds: 3_600,
		});
		expect(problemsOf([], { PORT: '65536', REPLAY_WINDOW_SECONDS: '0' })).toHaveLength(2);
		expect(problemsOf([], { PORT: '80.5' })).toEqual([
			expect.stringContaining('PORT must be a whole number from 0 to 65535'),
		]);
	});

	it('reads METRICS_PORT as a port, unset meaning no metrics server', () => {
		expect(loadConfig([], { METRICS_PORT: '9100' }).metricsPort).toBe(9_100);
		expect(loadConfig([], {}).metricsPort).toBeUndefined();
		expect(problemsOf([], { METRICS_PORT: 'nine' })).toEqual([
			expect.stringContaining('METRICS_PORT must be a whole number from 0 to 65535'),
		]);
	});

	it('reads the cooldowns as COUNT/SECONDS, 0 turning one off, and REDIS_URL as a redis URL', () => {
		expect(
			loadConfig([], { COOLDOWN_PER_USER: '3/30', COOLDOWN_PER_GUILD: '0', REDIS_URL: 'redis://127.0.0.1:6390' }),
		).toMatchObject({
			cooldownPerUser: { count: 3, windowMs: 30_000 },
			cooldownPerGuild: null,
			redisUrl: 'redis://127.0.0.1:6390',
		});
		const problems = problemsOf([], {
			COOLDOWN_PER_USER: 'five',
			COOLDOWN_PER_GUILD: '5/0',
			REDIS_URL: 'localhost',
		});
		expect(problems).toHaveLength(3);
		expect(problems.join('\n')).toMatch(/COOLDOWN_PER_USER must be COUNT\/SECONDS/);
		expect(problems.join('\n')).toMatch(/COOLDOWN_PER_GUILD needs a window/);
		expect(problems.join('\n')).toMatch(/REDIS_URL must be a redis:\/\//);
	});

	it('never echoes a value, so a token pasted into the wrong variable stays off the screen', () => {
		const secret = 'MTEwMDAwMDAwMDAwMDAwMDQwMA.GwXyZa.a-secret-that-must-never-be-printed-00';
		const problems = problemsOf(['token', 'applicationId'], {
			DISCORD_TOKEN: APPLICATION_ID,
			DISCORD_APPLICATION_ID: secret,
			DISCORD_GUILD_ID: secret,
			DISCORD_API_URL: secret,
			LOG_LEVEL: secret,
			PORT: secret,
		});
		// One problem for each malformed variable (DISCORD_TOKEN holding an id is not checked).
		expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
			'DISCORD_APPLICATION_ID',
			'DISCORD_GUILD_ID',
			'DISCORD_API_URL',
			'LOG_LEVEL',
			'PORT',
		]);
		for (const problem of problems) expect(problem).not.toContain('a-secret');
	});
});
