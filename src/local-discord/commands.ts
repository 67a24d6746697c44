import {
	type APIApplicationCommand,
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	type InteractionContextType,
} from 'discord-api-types/v10';
import { check, type FormErrors } from './errors.js';
import type { SnowflakeGenerator } from './snowflake.js';

/** Discord's command and option name rule (chat input commands also must be lower case). */
export const COMMAND_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Path = Array<string | number>;
export type Json = Record<string, unknown>;

const OPTION_TYPES = Object.values(ApplicationCommandOptionType).filter((v): v is number => typeof v === 'number');
const SUBCOMMANDS: ReadonlySet<number> = new Set([
	ApplicationCommandOptionType.Subcommand,
	ApplicationCommandOptionType.SubcommandGroup,
]);

function checkName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
	const length = check.string(name, 1, 32);
	if (length) {
		errors.add(path, length.code, length.message);
	} else if (
		!COMMAND_NAME_PATTERN.test(name as string) ||
		(lowercase && (name as string) !== (name as string).toLowerCase())
	) {
		errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
	}
}

function checkDescription(errors: FormErrors, path: Path, description: unknown): void {
	const error = check.string(description, 1, 100);
	if (error) errors.add(path, error.code, error.message);
}

function checkCommandOptions(errors: FormErrors, path: Path, options: unknown, depth: number): void {
	if (options === undefined || options === null) return;
	if (!Array.isArray(options)) {
		errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
		return;
	}
	if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
	const names = new Set<unknown>();
	let sawOptional = false;
	options.forEach((raw: unknown, index) => {
		const at = [...path, index];
		if (typeof raw !== 'object' || raw === null) {
			errors.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
			return;
		}
		const option = raw as Json;
		const typeError = check.choice(option.type, OPTION_TYPES);
		if (typeError) errors.add([...at, 'type'], typeError.code, typeError.message);
		checkName(errors, [...at, 'name'], option.name, true);
		checkDescription(errors, [...at, 'description'], option.description);
		if (names.has(option.name))
			errors.add(
				[...at, 'name'],
				'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
				'Option names must be unique',
			);
		names.add(option.name);
		if (option.required === true && sawOptional) {
			errors.add(
				[...at, 'required'],
				'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				'Required options must be placed before non-required options',
			);
		}
		if (option.required !== true) sawOptional = true;
		if (Array.isArray(option.choices)) {
			if (option.autocomplete === true) {
				errors.add(
					[...at, 'autocomplete'],
					'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES',
					'Autocomplete and choices cannot both be set',
				);
			}
			if (option.choices.length > 25)
				errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
			option.choices.forEach((choice: unknown, i) => {
				const nameError = check.string((choice as Json | null)?.name, 1, 100);
				if (nameError) errors.add([...at, 'choices', i, 'name'], nameError.code, nameError.message);
			});
		}
		if (typeof option.type === 'number' && SUBCOMMANDS.has(option.type)) {
			if (depth >= 2)
				errors.add(
					[...at, 'type'],
					'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
					'Subcommands cannot be nested that deep',
				);
			checkCommandOptions(errors, [...at, 'options'], option.options, depth + 1);
		}
	});
}

/** Validates one command body like Discord; errors go under `path` (e.g. the array index). */
export function validateCommand(errors: FormErrors, path: Path, body: Json): void {
	const type = body.type ?? ApplicationCommandType.ChatInput;
	const typeError = check.choice(type, [1, 2, 3, 4]);
	if (typeError) errors.add([...path, 'type'], typeError.code, typeError.message);
	const chatInput = type === ApplicationCommandType.ChatInput;
	checkName(errors, [...path, 'name'], body.name, chatInput);
	if (chatInput) {
		checkDescription(errors, [...path, 'description'], body.description);
		checkCommandOptions(errors, [...path, 'options'], body.options, 0);
	}
	const permissions = body.default_member_permissions;
	if (
		permissions !== undefined &&
		permissions !== null &&
		!(typeof permissions === 'string' && /^\d+$/.test(permissions))
	) {
		errors.add(
			[...path, 'default_member_permissions'],
			'NUMBER_TYPE_COERCE',
			`Value "${String(permissions)}" is not int.`,
		);
	}
}

/**
 * Registered application commands, global and per guild, as Discord keeps them: a command
 * keeps its id across overwrites (matched by name and type) and gets a new version when it
 * changes.
 */
export class CommandStore {
	readonly #scopes = new Map<string, APIApplicationCommand[]>();
	/** Ids for commands that interactions name but nobody registered (tests need not register). */
	readonly #unregistered = new Map<string, string>();

	constructor(
		private readonly applicationId: string,
		private readonly snowflakes: SnowflakeGenerator,
	) {}

	/** The commands of a scope: 'global' or a guild id. */
	list(scope: string): APIApplicationCommand[] {
		return this.#scopes.get(scope) ?? [];
	}

	/** A chat input command by name: the guild's first, then the global one. */
	find(name: string, guildId: string): APIApplicationCommand | undefined {
		const byName = (c: APIApplicationCommand): boolean =>
			c.name === name && c.type === ApplicationCommandType.ChatInput;
		return this.list(guildId).find(byName) ?? this.list('global').find(byName);
	}

	/** The id interactions carry for a command: the registered one's, else a stable made-up one. */
	idFor(name: string, guildId: string): string {
		const registered = this.find(name, guildId);
		if (registered) return registered.id;
		let id = this.#unregistered.get(name);
		if (!id) {
			id = this.snowflakes.next();
			this.#unregistered.set(name, id);
		}
		return id;
	}

	/** Replaces a scope's commands (bulk overwrite); bodies must be valid already. */
	overwrite(scope: string, bodies: Json[]): APIApplicationCommand[] {
		const previous = this.list(scope);
		const next = bodies.map((body) => this.#build(scope, body, previous));
		this.#scopes.set(scope, next);
		return next;
	}

	/** Creates or replaces one command; `created` says whether it is new. */
	upsert(scope: string, body: Json): { command: APIApplicationCommand; created: boolean } {
		const list = [...this.list(scope)];
		const type = (body.type as number | undefined) ?? ApplicationCommandType.ChatInput;
		const index = list.findIndex((c) => c.name === body.name && c.type === type);
		const command = this.#build(scope, body, list);
		if (index >= 0) list[index] = command;
		else list.push(command);
		this.#scopes.set(scope, list);
		return { command, created: index < 0 };
	}

	/** Removes one command; false if unknown. */
	remove(scope: string, id: string): boolean {
		const list = this.list(scope);
		const next = list.filter((c) => c.id !== id);
		this.#scopes.set(scope, next);
		return next.length !== list.length;
	}

	#build(scope: string, body: Json, previous: APIApplicationCommand[]): APIApplicationCommand {
		const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
		const old = previous.find((c) => c.name === body.name && c.type === type);
		const command = {
			id: old?.id ?? this.snowflakes.next(),
			application_id: this.applicationId,
			version: this.snowflakes.next(),
			default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
			type,
			name: body.name as string,
			name_localizations: (body.name_localizations as Record<string, string> | undefined) ?? null,
			description: type === ApplicationCommandType.ChatInput ? (body.description as string) : '',
			description_localizations: (body.description_localizations as Record<string, string> | undefined) ?? null,
			...(scope === 'global' ? { dm_permission: body.dm_permission !== false } : { guild_id: scope }),
			contexts: (body.contexts as InteractionContextType[] | undefined) ?? null,
			integration_types: (body.integration_types as ApplicationIntegrationType[] | undefined) ?? [
				ApplicationIntegrationType.GuildInstall,
			],
			nsfw: body.nsfw === true,
			...(Array.isArray(body.options)
				? { options: structuredClone(body.options) as APIApplicationCommandOption[] }
				: {}),
		};
		return command as APIApplicationCommand;
	}
}
