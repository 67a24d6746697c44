/**
 * Logging: pino, one JSON object per line on stderr (`level`, `time`, `msg`, fields), pretty
 * only on a terminal. No line ever carries a secret: pino's `redact` censors secret-bearing
 * fields, and every serialized line is masked once more for bot tokens, interaction tokens
 * (which sit in callback and webhook URLs), authorization headers and the configured token.
 */
import { createRequire } from 'node:module';
import { pino, stdSerializers, stdTimeFunctions } from 'pino';

/** Levels `LOG_LEVEL` accepts (pino's). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * One log method, in pino's argument order: fields first, then the message. The old order
 * (`logger.info('message', { fields })`) is a type error on purpose: pino would take the
 * object as a format argument and drop the fields without a word.
 */
export interface LogFn {
	(fields: object, message?: string): void;
	(message: string): void;
}

/**
 * What the project logs through: a subset of pino's `Logger`, so any pino instance (or
 * anything with pino's four methods and argument order) can be passed where a logger is taken.
 * Put errors under `err`, pino's convention, so a host bot's pino serializes them too.
 */
export interface Logger {
	debug: LogFn;
	info: LogFn;
	warn: LogFn;
	error: LogFn;
}

/** Interaction tokens in URLs, bot tokens (three dot-separated base64url parts) and auth headers. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
	[/(\/interactions\/\d+\/)[^/?\s"'\\]+/g, '$1***'],
	[/(\/webhooks\/\d+\/)[^/?\s"'\\]+/g, '$1***'],
	[/(Bot |Bearer )[\w.-]+/g, '$1***'],
	[/[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g, '***'],
];

/** Fields that hold secrets whatever their text looks like (pino `redact` paths). */
export const REDACTED_PATHS: readonly string[] = [
	'token',
	'*.token',
	'*.*.token',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'*.headers.authorization',
	'*.*.headers.authorization',
	'DISCORD_TOKEN',
	'*.DISCORD_TOKEN',
];

/** Masks secrets in a text; `extra` are literal secrets to mask too (the configured token). */
export function redact(text: string, extra: readonly string[] = []): string {
	let out = text;
	for (const secret of extra) {
		if (secret.length < 8) continue;
		out = out.split(secret).join('***');
		// The same secret as it appears inside a JSON string, should it hold characters JSON escapes.
		const escaped = JSON.stringify(secret).slice(1, -1);
		if (escaped !== secret) out = out.split(escaped).join('***');
	}
	for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

export interface LoggerOptions {
	/** Literal secrets to mask wherever they appear (pass the configured token). */
	secrets?: readonly string[] | undefined;
	/** Where each line goes (one JSON object, no newline). Default: stderr. */
	write?: ((line: string) => void) | undefined;
	/** Pretty-print (pino-pretty). Default: when stderr is a terminal and no `write` is given. */
	pretty?: boolean | undefined;
}

/**
 * A pino logger at `level` that writes masked JSON lines to stderr (or `write`). The result is
 * a full pino instance (`child`, `isLevelEnabled`, ...) and satisfies {@link Logger}.
 */
export function createLogger(level: LogLevel = 'info', options: LoggerOptions = {}): pino.Logger {
	const secrets = options.secrets ?? [];
	const pretty = options.pretty ?? (options.write === undefined && process.stderr.isTTY === true);
	const sink = options.write ?? (pretty ? prettySink() : undefined) ?? stderrLine;
	return pino(
		{
			level,
			timestamp: stdTimeFunctions.isoTime,
			redact: { paths: [...REDACTED_PATHS], censor: '***' },
			serializers: { err: stdSerializers.err, error: stdSerializers.err },
			formatters: {
				level: (label) => ({ level: label }),
				log: (fields) => bigintsAsStrings(fields) as Record<string, unknown>,
			},
		},
		{ write: (line: string) => sink(redact(line.endsWith('\n') ? line.slice(0, -1) : line, secrets)) },
	);
}

const stderrLine = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * pino-pretty, loaded only when asked (it is a dev dependency: a production install may not
 * have it, and then the lines stay JSON).
 */
function prettySink(): ((line: string) => void) | undefined {
	try {
		const require = createRequire(import.meta.url);
		const pretty = require('pino-pretty') as (options: object) => NodeJS.WritableStream;
		const stream = pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l' });
		return (line) => void stream.write(`${line}\n`);
	} catch {
		return undefined;
	}
}

/**
 * Bigints (permission bit sets) as decimal strings: pino writes them as JSON numbers, which
 * readers round past 2^53. Copies only what holds one; depth-bounded.
 */
function bigintsAsStrings(value: unknown, depth = 0): unknown {
	if (typeof value === 'bigint') return value.toString();
	if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Error) return value;
	if (Array.isArray(value)) {
		const mapped = value.map((item) => bigintsAsStrings(item, depth + 1));
		return mapped.some((item, index) => item !== value[index]) ? mapped : value;
	}
	let copy: Record<string, unknown> | undefined;
	for (const [key, item] of Object.entries(value)) {
		const mapped = bigintsAsStrings(item, depth + 1);
		if (mapped !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = mapped;
	}
	return copy ?? value;
}

const noop = (): void => undefined;

/** A logger that writes nothing (library default: the host bot decides). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Whether `value` names a level `LOG_LEVEL` accepts. */
export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/**
 * A stderr logger at `LOG_LEVEL` (default info) that masks `secrets` too: what a drop-in
 * command logs with when the host passes no logger.
 */
export function defaultLogger(secrets: readonly string[] = []): pino.Logger {
	const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
	return createLogger(isLogLevel(level) ? level : 'info', { secrets });
}
