/**
 * The endpoint's settings from a host's variables (a Worker's bindings, `Deno.env`,
 * `Bun.env`, `process.env`): the same names and rules as `npm run serve` (src/config.ts),
 * without dotenv or any `node:` module, so it runs in workerd. Pure.
 */
import { readGlobalRps } from '../discord/rest.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../log-core.js';

/** The variables the endpoint reads. Secrets come from `wrangler secret put` on Workers. */
export interface InteractionEnv {
	DISCORD_PUBLIC_KEY?: string | undefined;
	DISCORD_TOKEN?: string | undefined;
	DISCORD_APPLICATION_ID?: string | undefined;
	DISCORD_API_URL?: string | undefined;
	LOG_LEVEL?: string | undefined;
	REPLAY_WINDOW_SECONDS?: string | undefined;
	DISCORD_REST_GLOBAL_RPS?: string | undefined;
}

export interface EndpointSettings {
	publicKey: string;
	token: string;
	applicationId: string;
	/** @discordjs/rest's `api`: the base URL without the version. */
	apiUrl: string;
	logLevel: LogLevel;
	replayWindowSeconds: number;
	/** @discordjs/rest's global cap (`DISCORD_REST_GLOBAL_RPS`); 0 = off, behind a REST proxy. */
	restGlobalRps: number;
}

const DEFAULT_API_URL = 'https://discord.com/api';

/** Reads and checks the variables; every problem is listed, and no value is ever echoed. */
export function settingsFromEnv(
	env: InteractionEnv,
): { ok: true; settings: EndpointSettings } | { ok: false; problems: string[] } {
	const value = (key: keyof InteractionEnv): string | undefined => {
		const raw = typeof env[key] === 'string' ? env[key].trim() : undefined;
		return raw === '' ? undefined : raw;
	};
	const problems: string[] = [];
	const publicKey = value('DISCORD_PUBLIC_KEY')?.toLowerCase() ?? '';
	if (!/^[0-9a-f]{64}$/.test(publicKey))
		problems.push(
			'DISCORD_PUBLIC_KEY must be the 64 hexadecimal characters of the Public Key (General Information).',
		);
	const token = value('DISCORD_TOKEN')?.replace(/^Bot\s+/i, '') ?? '';
	if (!token) problems.push('DISCORD_TOKEN is not set: the bot token (Bot → Reset Token).');
	const applicationId = value('DISCORD_APPLICATION_ID') ?? '';
	if (!/^\d{17,20}$/.test(applicationId))
		problems.push('DISCORD_APPLICATION_ID must be the Application ID, 17 to 20 digits (General Information).');
	const apiUrl = (value('DISCORD_API_URL') ?? DEFAULT_API_URL).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/.test(apiUrl) || /\/v\d+$/.test(apiUrl))
		problems.push(`DISCORD_API_URL must be an http(s) URL without the version, such as ${DEFAULT_API_URL}.`);
	const level = (value('LOG_LEVEL') ?? 'info').toLowerCase();
	const logLevel: LogLevel = isLogLevel(level) ? level : 'info';
	if (!isLogLevel(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
	const window = Number(value('REPLAY_WINDOW_SECONDS') ?? 300);
	if (!Number.isInteger(window) || window < 1 || window > 3_600)
		problems.push('REPLAY_WINDOW_SECONDS must be a whole number from 1 to 3600.');
	const rps = readGlobalRps(value('DISCORD_REST_GLOBAL_RPS'));
	if (!rps.ok) problems.push(rps.problem);
	if (problems.length > 0 || !rps.ok) return { ok: false, problems };
	return {
		ok: true,
		settings: {
			publicKey,
			token,
			applicationId,
			apiUrl,
			logLevel,
			replayWindowSeconds: window,
			restGlobalRps: rps.value,
		},
	};
}
