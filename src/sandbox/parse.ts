/**
 * Reads a slash command typed at the sandbox prompt, as Discord's client would take it:
 * `/invite expires:1h max_uses:5 channel:#general as:@guest reason:"raid cleanup"`. Pure.
 */
import { type APIApplicationCommandOption, ApplicationCommandOptionType } from 'discord-api-types/v10';

/** A typed command line, before names are resolved against the guild. */
export interface TypedCommand {
	command: string;
	/** Option name -> raw text as typed (quotes removed, `#`/`@` kept). */
	options: Record<string, string>;
	/** `as:@member`: act as another member. */
	as?: string | undefined;
	/** A bare word after the command: `list` of `/invites list`, the button of `/click Revoke`. */
	subcommand?: string | undefined;
}

export type ParseResult = { ok: true; value: TypedCommand } | { ok: false; error: string };

/** A quote a value opens but does not close: a `"` anywhere, or a `'` at its start (not an apostrophe). */
const STRAY_QUOTE = /^[#@&]*'|"/u;

/** Splits `name:value` pairs; values may be quoted with "" or ''. */
export function parseCommandLine(line: string): ParseResult {
	const text = line.trim();
	const head = /^\/([\p{L}\p{N}_'-]+)/u.exec(text);
	const command = head?.[1];
	if (!head || command === undefined)
		return { ok: false, error: 'A command starts with a slash, like /invite expires:1h' };
	const options: Record<string, string> = {};
	let as: string | undefined;
	let rest = text.slice(head[0].length);
	// `/invites list member:@x`, `/click Revoke`: a bare word (no `name:`) right after the command.
	const bare = /^\s+([\p{L}\p{N}_-]+)(?=\s|$)/u.exec(rest);
	const subcommand = bare?.[1];
	if (bare) rest = rest.slice(bare[0].length);
	// Values may be quoted, with a #/@ before or inside the quotes: channel:#"text channels".
	const pair = /\s+([\p{L}\p{N}_'-]+):(?:([#@&]*)"([^"]*)"|([#@&]*)'([^']*)'|(\S*))/guy;
	let index = 0;
	// Where the last name:value began, and whether its unquoted value opened a quote it never closed.
	let last: { start: number; strayQuote: boolean } | undefined;
	for (;;) {
		pair.lastIndex = index;
		const match = pair.exec(rest);
		if (!match) break;
		last = {
			start: match.index + match[0].length - match[0].trimStart().length,
			strayQuote: match[6] !== undefined && STRAY_QUOTE.test(match[6]),
		};
		const value =
			match[3] !== undefined
				? `${match[2]}${match[3]}`
				: match[5] !== undefined
					? `${match[4]}${match[5]}`
					: (match[6] ?? '');
		const name = match[1] ?? '';
		if (name === 'as') as = value;
		else options[name] = value;
		index = pair.lastIndex;
	}
	const leftover = rest.slice(index).trim();
	if (last && (last.strayQuote || STRAY_QUOTE.test(leftover))) {
		const [written] = rest.slice(last.start).split(/\s+/u);
		return {
			ok: false,
			error: `The quotes don't pair up in ${written}: put a value with spaces in one pair of quotes, e.g. reason:"raid cleanup"`,
		};
	}
	if (leftover !== '')
		return {
			ok: false,
			error: `Can't read "${leftover}": options are written name:value, with quotes around spaces, e.g. expires:"1 week"`,
		};
	return {
		ok: true,
		value: { command: command.toLowerCase(), options, as, ...(subcommand ? { subcommand } : {}) },
	};
}

/** Strips the `#`, `@` or `@&` a person types before a channel, user or role name. */
export const stripSigil = (value: string): string => value.replace(/^(<[#@&!]*)?(@&|[#@&])?/, '').replace(/>$/, '');

export type TypedValue = string | number | boolean;

/** Converts typed text to the option's type; an error names what was expected. */
export function convertValue(
	option: APIApplicationCommandOption,
	raw: string,
): { ok: true; value: TypedValue } | { ok: false; error: string } {
	switch (option.type) {
		case ApplicationCommandOptionType.Integer: {
			const value = Number(raw);
			if (!Number.isInteger(value))
				return { ok: false, error: `${option.name} takes a whole number, not "${raw}"` };
			return { ok: true, value };
		}
		case ApplicationCommandOptionType.Number: {
			const value = Number(raw);
			if (!Number.isFinite(value)) return { ok: false, error: `${option.name} takes a number, not "${raw}"` };
			return { ok: true, value };
		}
		case ApplicationCommandOptionType.Boolean: {
			const lower = raw.toLowerCase();
			if (['true', 'yes', 'y', '1', 'on'].includes(lower)) return { ok: true, value: true };
			if (['false', 'no', 'n', '0', 'off'].includes(lower)) return { ok: true, value: false };
			return { ok: false, error: `${option.name} takes True or False, not "${raw}"` };
		}
		case ApplicationCommandOptionType.Channel:
		case ApplicationCommandOptionType.User:
		case ApplicationCommandOptionType.Role:
		case ApplicationCommandOptionType.Mentionable:
			return { ok: true, value: stripSigil(raw) };
		default:
			return { ok: true, value: raw };
	}
}

/**
 * What Tab should offer for the text before the cursor: option names not yet used, or, when
 * the cursor is inside `name:value`, the option being typed (the caller asks autocomplete).
 */
export function completionContext(
	line: string,
	options: readonly APIApplicationCommandOption[],
):
	| { kind: 'command'; prefix: string }
	| { kind: 'name'; prefix: string; names: string[] }
	| { kind: 'value'; option: string; prefix: string } {
	if (!/\s/.test(line)) return { kind: 'command', prefix: line };
	const last = /(?:^|\s)([^\s:]*)(?::(\S*))?$/u.exec(line);
	const word = last?.[1] ?? '';
	if (last?.[2] !== undefined) return { kind: 'value', option: word, prefix: last[2] };
	const used = new Set([...line.matchAll(/\s([\p{L}\p{N}_'-]+):/gu)].map((match) => match[1]));
	const names = [...options.map((option) => option.name), 'as'].filter(
		(name) => !used.has(name) && name.startsWith(word),
	);
	return { kind: 'name', prefix: word, names };
}
