/**
 * Logging without pino and without any `node:` module: the `Logger` shape every layer takes,
 * the levels, secret masking, a silent logger, and a console logger for hosts where pino
 * cannot run (Cloudflare Workers, Deno, Bun through `handleInteraction`). Its lines have pino's
 * shape (`level`, `time`, `msg`, fields; errors under `err`). Node programs use log.ts (pino).
 */

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

const noop = (): void => undefined;

/** A logger that writes nothing (library default: the host bot decides). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Whether `value` names a level `LOG_LEVEL` accepts. */
export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** What pino's error serializer keeps of an error (`type`, `message`, `stack`, `code`). */
function serializeError(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const code = (error as { code?: unknown }).code;
	return { type: error.name, message: error.message, stack: error.stack, ...(code === undefined ? {} : { code }) };
}

const ORDER: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

/**
 * A logger writing one masked JSON line per entry through `write` (default `console.log`,
 * which Workers, Deno and Bun collect), at `level` and above.
 */
export function createConsoleLogger(
	level: LogLevel = 'info',
	options: { secrets?: readonly string[] | undefined; write?: ((line: string) => void) | undefined } = {},
): Logger {
	const write = options.write ?? ((line: string) => console.log(line));
	const secrets = options.secrets ?? [];
	const method =
		(at: 'debug' | 'info' | 'warn' | 'error'): LogFn =>
		(first: object | string, message?: string) => {
			if (ORDER[at] < ORDER[level]) return;
			const fields = typeof first === 'string' ? {} : { ...first };
			for (const key of ['err', 'error'] as const)
				if (key in fields)
					(fields as Record<string, unknown>)[key] = serializeError((fields as Record<string, unknown>)[key]);
			const line = JSON.stringify(
				{
					level: at,
					time: new Date().toISOString(),
					...fields,
					msg: typeof first === 'string' ? first : message,
				},
				(_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
			);
			write(redact(line, secrets));
		};
	return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
