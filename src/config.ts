/**
 * Configuration, read once at the edge: `.env` (via dotenv) under the process environment,
 * validated with every problem listed at once. Every key is documented in `.env.example`.
 */
import { config as loadDotenv } from 'dotenv';
import { COOLDOWN_DEFAULTS, type CooldownLimit, parseCooldown } from './core/cooldown.js';
import { DEFAULT_GLOBAL_RPS, readGlobalRps } from './discord/rest.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './log.js';

/** Defaults, spread under what the environment says. */
export const DEFAULTS = {
	apiUrl: 'https://discord.com/api',
	logLevel: 'info',
	host: '0.0.0.0',
	port: 8080,
	replayWindowSeconds: 300,
	restGlobalRps: DEFAULT_GLOBAL_RPS,
	shardCount: 'auto',
} as const satisfies Partial<Record<keyof Config, unknown>>;

export interface Config {
	/** The bot token (`DISCORD_TOKEN`). */
	token: string;
	/** The application id (`DISCORD_APPLICATION_ID`). */
	applicationId: string;
	/** A server to register the command in (`DISCORD_GUILD_ID`); unset = global. */
	guildId: string | undefined;
	/** @discordjs/rest's `api`: the base URL without the version (`DISCORD_API_URL`). */
	apiUrl: string;
	/** `LOG_LEVEL`: debug, info, warn, error or silent. */
	logLevel: LogLevel;
	/** The application's Ed25519 public key, hex (`DISCORD_PUBLIC_KEY`), for HTTP interactions. */
	publicKey: string | undefined;
	/** Where the HTTP endpoint listens (`HOST`, `PORT`). */
	host: string;
	port: number;
	/** How old a signed HTTP interaction may be (`REPLAY_WINDOW_SECONDS`). */
	replayWindowSeconds: number;
	/**
	 * @discordjs/rest's global cap, requests per second, for every REST client the project
	 * builds (`DISCORD_REST_GLOBAL_RPS`). 0 = no client-side cap (behind a shared REST proxy,
	 * which keeps the one count for the token).
	 */
	restGlobalRps: number;
	/** Shards for `npm run start:sharded` (`SHARD_COUNT`): a number, or `auto` (Discord's advice). */
	shardCount: number | 'auto';
	/**
	 * The shards this process runs (`SHARD_IDS`, e.g. `0-3` or `4,5`), ascending; unset = all
	 * of them. Lets several machines split one bot's shards.
	 */
	shardIds: number[] | undefined;
	/** Gateway bot: serve `/metrics` and `/healthz` on this port (`METRICS_PORT`); unset = not at all. */
	metricsPort: number | undefined;
	/** HTTP endpoint: client connections held at once (`MAX_CONNECTIONS`); unset = below the descriptor limit. */
	maxConnections: number | undefined;
	/** Shared replay guard and cooldown counts (`REDIS_URL`); unset = process memory. */
	redisUrl: string | undefined;
	/** Invites one user may create per window (`COOLDOWN_PER_USER`, `COUNT/SECONDS`); null = no limit. */
	cooldownPerUser: CooldownLimit | null;
	/** Invites one server may create per window (`COOLDOWN_PER_GUILD`); null = no limit. */
	cooldownPerGuild: CooldownLimit | null;
}

/** What a program needs beyond the defaults. */
export type Requirement = 'token' | 'applicationId' | 'publicKey';

/**
 * Thrown with every problem found, one per line. Values are never echoed: a secret pasted
 * into the wrong variable must not reach a terminal or a log.
 */
export class ConfigError extends Error {
	constructor(readonly problems: readonly string[]) {
		super(
			`Configuration problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee .env.example for what each variable means.`,
		);
		this.name = 'ConfigError';
	}
}

const SNOWFLAKE = /^\d{17,20}$/;
// Not a validation of the token (Discord decides, and local Discords use any string): only
// catches the two other secrets on the portal that people paste by mistake.
const CLIENT_SECRET_SHAPE = /^[\w-]{32}$/;

/**
 * Reads and validates the configuration. `env` defaults to `process.env` after loading
 * `.env` (existing variables win over the file).
 */
export function loadConfig(requirements: readonly Requirement[], env: NodeJS.ProcessEnv = readEnvironment()): Config {
	const problems: string[] = [];
	const value = (key: string): string | undefined => {
		const raw = env[key]?.trim();
		return raw === '' ? undefined : raw;
	};

	const token = value('DISCORD_TOKEN')?.replace(/^Bot\s+/i, '');
	if (!token && requirements.includes('token'))
		problems.push('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token).');
	if (token && /^[0-9a-f]{64}$/i.test(token))
		problems.push('DISCORD_TOKEN looks like the Public Key, not the bot token (Bot → Reset Token).');
	else if (token && CLIENT_SECRET_SHAPE.test(token))
		problems.push('DISCORD_TOKEN looks like the OAuth2 client secret, not the bot token (Bot → Reset Token).');

	const applicationId = value('DISCORD_APPLICATION_ID');
	if (!applicationId && requirements.includes('applicationId'))
		problems.push(
			'DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal (General Information).',
		);
	if (applicationId && !SNOWFLAKE.test(applicationId))
		problems.push(
			'DISCORD_APPLICATION_ID must be a number of 17 to 20 digits (General Information → Application ID).',
		);

	const guildId = value('DISCORD_GUILD_ID');
	if (guildId && !SNOWFLAKE.test(guildId))
		problems.push(
			'DISCORD_GUILD_ID must be a server id of 17 to 20 digits (right-click the server → Copy Server ID).',
		);

	const apiUrl = (value('DISCORD_API_URL') ?? DEFAULTS.apiUrl).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/.test(apiUrl))
		problems.push(`DISCORD_API_URL must be an http(s) URL such as ${DEFAULTS.apiUrl}.`);
	else if (/\/v\d+$/.test(apiUrl))
		problems.push(
			`DISCORD_API_URL is the base without the version: drop the "${apiUrl.slice(apiUrl.lastIndexOf('/'))}".`,
		);

	const logLevelText = (value('LOG_LEVEL') ?? DEFAULTS.logLevel).toLowerCase();
	const logLevel: LogLevel = isLogLevel(logLevelText) ? logLevelText : DEFAULTS.logLevel;
	if (!isLogLevel(logLevelText)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

	const publicKey = value('DISCORD_PUBLIC_KEY')?.toLowerCase();
	if (!publicKey && requirements.includes('publicKey'))
		problems.push(
			'DISCORD_PUBLIC_KEY is not set: copy the Public Key from the Developer Portal (General Information).',
		);
	if (publicKey && !/^[0-9a-f]{64}$/.test(publicKey))
		problems.push('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters (the Public Key on General Information).');

	const host = value('HOST') ?? DEFAULTS.host;
	const port = integer(value('PORT'), DEFAULTS.port, 'PORT', 0, 65_535, problems);
	const replayWindowSeconds = integer(
		value('REPLAY_WINDOW_SECONDS'),
		DEFAULTS.replayWindowSeconds,
		'REPLAY_WINDOW_SECONDS',
		1,
		3_600,
		problems,
	);

	const rps = readGlobalRps(value('DISCORD_REST_GLOBAL_RPS'));
	if (!rps.ok) problems.push(rps.problem);
	const restGlobalRps = rps.ok ? rps.value : DEFAULT_GLOBAL_RPS;

	const rawShards = value('SHARD_COUNT')?.toLowerCase();
	const shardCount = rawShards === undefined || rawShards === 'auto' ? 'auto' : Number(rawShards);
	if (rawShards !== undefined && rawShards !== 'auto' && !(/^\d{1,5}$/.test(rawShards) && Number(rawShards) >= 1))
		problems.push(
			'SHARD_COUNT must be auto (the count Discord recommends in GET /gateway/bot) or a whole number from 1.',
		);
	const shardIds = parseShardIds(value('SHARD_IDS'), shardCount, problems);
	const metricsPortText = value('METRICS_PORT');
	const metricsPort =
		metricsPortText === undefined ? undefined : integer(metricsPortText, 0, 'METRICS_PORT', 0, 65_535, problems);

	const maxConnectionsText = value('MAX_CONNECTIONS');
	const maxConnections =
		maxConnectionsText === undefined
			? undefined
			: integer(maxConnectionsText, 768, 'MAX_CONNECTIONS', 1, 1_000_000, problems);
	const redisUrl = value('REDIS_URL');
	if (redisUrl && !/^rediss?:\/\/[^/]/.test(redisUrl))
		problems.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379.');
	const cooldown = (key: string, fallback: string): CooldownLimit | null => {
		const parsed = parseCooldown(value(key) ?? fallback);
		if (parsed && 'error' in parsed) {
			problems.push(`${key} ${parsed.error}.`);
			return null;
		}
		return parsed;
	};
	const cooldownPerUser = cooldown('COOLDOWN_PER_USER', COOLDOWN_DEFAULTS.perUser);
	const cooldownPerGuild = cooldown('COOLDOWN_PER_GUILD', COOLDOWN_DEFAULTS.perGuild);

	if (problems.length > 0) throw new ConfigError(problems);
	return {
		token: token ?? '',
		applicationId: applicationId ?? '',
		guildId,
		apiUrl,
		logLevel,
		publicKey,
		host,
		port,
		replayWindowSeconds,
		restGlobalRps,
		shardCount,
		shardIds,
		metricsPort,
		maxConnections,
		redisUrl,
		cooldownPerUser,
		cooldownPerGuild,
	};
}

/**
 * `SHARD_IDS`: ids and ranges, comma-separated (`0-3`, `4,5`, `0-1,6`). Needs a fixed
 * `SHARD_COUNT`: with `auto`, each machine would ask Discord and could be told another count.
 */
export function parseShardIds(
	raw: string | undefined,
	shardCount: number | 'auto',
	problems: string[] = [],
): number[] | undefined {
	if (raw === undefined) return undefined;
	const ids = new Set<number>();
	const shape = 'SHARD_IDS must list shard ids and ranges, comma-separated, such as 0-3 or 4,5.';
	for (const part of raw.split(',')) {
		const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
		const first = Number(match?.[1]);
		const last = match?.[2] === undefined ? first : Number(match[2]);
		if (!match || last < first) {
			problems.push(shape);
			return undefined;
		}
		for (let id = first; id <= last; id++) ids.add(id);
	}
	if (shardCount === 'auto') {
		problems.push(
			'SHARD_IDS needs SHARD_COUNT set to the total number of shards (every process the same), not auto.',
		);
		return undefined;
	}
	const sorted = [...ids].sort((a, b) => a - b);
	const outside = sorted.filter((id) => id >= shardCount);
	if (outside.length > 0) {
		problems.push(
			`SHARD_IDS names shard ${outside.join(', ')}, but SHARD_COUNT is ${shardCount}: shard ids run from 0 to ${shardCount - 1}.`,
		);
		return undefined;
	}
	return sorted;
}

function integer(
	raw: string | undefined,
	fallback: number,
	key: string,
	min: number,
	max: number,
	problems: string[],
): number {
	if (raw === undefined) return fallback;
	const parsed = Number(raw);
	if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
		problems.push(`${key} must be a whole number from ${min} to ${max}.`);
		return fallback;
	}
	return parsed;
}

/**
 * For programs: the configuration, or `undefined` after writing every problem to `report`
 * (stderr by default) so the caller can exit non-zero.
 */
export function loadConfigOrReport(
	requirements: readonly Requirement[],
	report: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
	env?: NodeJS.ProcessEnv,
): Config | undefined {
	try {
		return loadConfig(requirements, env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		report(error.message);
		return undefined;
	}
}

/** `.env` under the process environment; the environment wins. */
export function readEnvironment(): NodeJS.ProcessEnv {
	loadDotenv({ quiet: true, ...(process.env.DOTENV_CONFIG_PATH ? { path: process.env.DOTENV_CONFIG_PATH } : {}) });
	return process.env;
}
