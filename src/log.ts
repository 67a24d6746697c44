/**
 * A small levelled logger that never writes a secret: bot tokens and interaction tokens
 * (which sit in callback and webhook URLs) are masked in every line.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
	debug(message: string, fields?: Record<string, unknown>): void;
	info(message: string, fields?: Record<string, unknown>): void;
	warn(message: string, fields?: Record<string, unknown>): void;
	error(message: string, fields?: Record<string, unknown>): void;
}

/** Interaction tokens in URLs, bot tokens (three dot-separated base64url parts) and auth headers. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
	[/(\/interactions\/\d+\/)[^/?\s"']+/g, '$1***'],
	[/(\/webhooks\/\d+\/)[^/?\s"']+/g, '$1***'],
	[/(Bot |Bearer )[\w.-]+/g, '$1***'],
	[/[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g, '***'],
];

/** Masks secrets in a text; `extra` are literal secrets to mask too (the configured token). */
export function redact(text: string, extra: readonly string[] = []): string {
	let out = text;
	for (const secret of extra) if (secret.length >= 8) out = out.split(secret).join('***');
	for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** Writes `LEVEL message {json}` lines to stderr (or `write`) at or above `level`. */
export function createLogger(
	level: LogLevel = 'info',
	options: { secrets?: readonly string[]; write?: (line: string) => void } = {},
): Logger {
	const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
	const secrets = options.secrets ?? [];
	const log = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
		if (ORDER[at] < ORDER[level]) return;
		const extra = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
		write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${extra}`, secrets));
	};
	return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that writes nothing (library default: the host bot decides). */
export const silentLogger: Logger = createLogger('silent');

function safeJson(fields: Record<string, unknown>): string {
	return JSON.stringify(fields, (_key, value: unknown) => {
		if (typeof value === 'bigint') return value.toString();
		if (value instanceof Error)
			return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
		return value;
	});
}

/**
 * A stderr logger at `LOG_LEVEL` (default info): what a drop-in command logs with.
 * `secrets` are literal secrets to mask (the token, once known).
 */
export function defaultLogger(secrets: readonly string[] = []): Logger {
	const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
	return createLogger(level in ORDER ? level : 'info', { secrets });
}

/**
 * `logger` with `secrets` masked in every message and field before it sees them: for a
 * logger made before the token was known (a drop-in command learns it from the client), or
 * one the host bot passed in. Fields reach it as plain JSON values (errors as name, message
 * and code), so nothing unmasked hides in an object.
 */
export function withSecrets(logger: Logger, secrets: readonly string[]): Logger {
	const mask = (at: keyof Logger) => (message: string, fields?: Record<string, unknown>) =>
		logger[at](
			redact(message, secrets),
			fields === undefined
				? undefined
				: (JSON.parse(redact(safeJson(fields), secrets)) as Record<string, unknown>),
		);
	return { debug: mask('debug'), info: mask('info'), warn: mask('warn'), error: mask('error') };
}
