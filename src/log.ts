/**
 * Logging: pino, one JSON object per line on stderr (`level`, `time`, `msg`, fields), pretty
 * only on a terminal. No line ever carries a secret: pino's `redact` censors secret-bearing
 * fields, and every serialized line is masked once more for bot tokens, interaction tokens
 * (which sit in callback and webhook URLs), authorization headers and the configured token.
 */
import { createRequire } from 'node:module';
import { pino, stdSerializers, stdTimeFunctions } from 'pino';
import { isLogLevel, type LogLevel, REDACTED_PATHS, redact } from './log-core.js';

// The host-free part (types, levels, masking, the silent logger) lives in log-core.ts, which
// the HTTP handler and the core import where pino (a Node library) cannot run.
export {
	isLogLevel,
	LOG_LEVELS,
	type LogFn,
	type Logger,
	type LogLevel,
	REDACTED_PATHS,
	redact,
	silentLogger,
} from './log-core.js';

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
		const pretty = requireHere()('pino-pretty') as (options: object) => NodeJS.WritableStream;
		const stream = pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l' });
		return (line) => void stream.write(`${line}\n`);
	} catch {
		return undefined;
	}
}

/**
 * A `require` resolving from this file. The CommonJS build (lib/*.cjs) has a `require` of its
 * own and an empty `import.meta` (createRequire(undefined) throws: pino-pretty was never
 * found there); the ES module builds have `import.meta.url`.
 */
function requireHere(): NodeJS.Require {
	const url: string | undefined = import.meta.url;
	return url ? createRequire(url) : require;
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

/**
 * A stderr logger at `LOG_LEVEL` (default info) that masks `secrets` too: what a drop-in
 * command logs with when the host passes no logger.
 */
export function defaultLogger(secrets: readonly string[] = []): pino.Logger {
	const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
	return createLogger(isLogLevel(level) ? level : 'info', { secrets });
}
