/**
 * The one validating reader of interaction payloads, at the adapter edge: raw JSON (the HTTP
 * endpoint's body, or any host's) in, the core's typed invocation or a stable problem out.
 * Every field the core reads is checked for its type here, so nothing past this point meets
 * a primitive where an object belongs, a non-string locale, a lone surrogate or a missing
 * channel. Both adapters call it: HTTP answers a problem with 400, the gateway logs it and
 * drops the interaction (`checkInvocation`). Pure; never throws.
 */
import { ApplicationCommandOptionType, type ChannelType, type Snowflake } from 'discord-api-types/v10';
import type { AutocompleteQuery } from './autocomplete.js';
import type { InviteInvocation, InvocationChannel, InvocationRole } from './types.js';

/** What the reader made of a payload. `problem` names the first field that is not what Discord sends. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

type Json = Record<string, unknown>;

/** Thrown inside the reader only; every exported function turns it into `{ ok: false }`. */
class Malformed extends Error {}

const SNOWFLAKE = /^\d{1,20}$/;
const BITS = /^\d{1,40}$/;
/** Deeper than any payload Discord sends: options are one level (no subcommands here). */
const MAX_OPTIONS = 25;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (problem: string): never => {
	throw new Malformed(problem);
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string without lone surrogates (they cannot be URL-encoded into the audit-log header). */
const text = (value: unknown, field: string): string =>
	typeof value === 'string' && !LONE_SURROGATE.test(value) ? value : fail(`${field} is not a well-formed string`);
const optionalText = (value: unknown, field: string): string | undefined =>
	value === undefined || value === null ? undefined : text(value, field);
const snowflake = (value: unknown, field: string): Snowflake =>
	typeof value === 'string' && SNOWFLAKE.test(value) ? value : fail(`${field} is not a snowflake`);
const bits = (value: unknown, field: string): bigint | undefined => {
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' && BITS.test(value) ? BigInt(value) : fail(`${field} is not a permission bit set`);
};
const integer = (value: unknown, field: string): number =>
	typeof value === 'number' && Number.isInteger(value) ? value : fail(`${field} is not an integer`);
const object = (value: unknown, field: string): Json => (isObject(value) ? value : fail(`${field} is not an object`));
const optionalObject = (value: unknown, field: string): Json | undefined =>
	value === undefined || value === null ? undefined : object(value, field);

/** One option as Discord sends it at the top level (`/invite` has no subcommands). */
interface Option {
	name: string;
	type: ApplicationCommandOptionType;
	value: string | number | boolean | undefined;
	focused: boolean;
}

/** `data.options`, each checked: a value of the declared type, names unique. */
function readOptions(raw: unknown, field: string): Map<string, Option> {
	if (raw === undefined || raw === null) return new Map();
	if (!Array.isArray(raw) || raw.length > MAX_OPTIONS) fail(`${field} is not a list of options`);
	const options = new Map<string, Option>();
	for (const [index, entry] of (raw as unknown[]).entries()) {
		const at = `${field}[${index}]`;
		const option = object(entry, at);
		const name = text(option.name, `${at}.name`);
		const type = integer(option.type, `${at}.type`) as ApplicationCommandOptionType;
		const focused = option.focused === true;
		if (option.focused !== undefined && typeof option.focused !== 'boolean') fail(`${at}.focused is not a boolean`);
		options.set(name, { name, type, value: optionValue(type, option.value, `${at}.value`, focused), focused });
	}
	return options;
}

function optionValue(
	type: ApplicationCommandOptionType,
	value: unknown,
	field: string,
	focused: boolean,
): string | number | boolean | undefined {
	if (value === undefined) return undefined;
	// While typing, Discord sends the raw text for a focused option whatever its type.
	if (focused) return typeof value === 'number' ? value : text(value, field);
	switch (type) {
		case ApplicationCommandOptionType.String:
			return text(value, field);
		case ApplicationCommandOptionType.Integer:
		case ApplicationCommandOptionType.Number:
			return typeof value === 'number' && Number.isFinite(value) ? value : fail(`${field} is not a number`);
		case ApplicationCommandOptionType.Boolean:
			return typeof value === 'boolean' ? value : fail(`${field} is not a boolean`);
		case ApplicationCommandOptionType.Channel:
		case ApplicationCommandOptionType.User:
		case ApplicationCommandOptionType.Role:
		case ApplicationCommandOptionType.Mentionable:
		case ApplicationCommandOptionType.Attachment:
			return snowflake(value, field);
		default:
			return fail(`${field} has an option type /invite does not take`);
	}
}

/** A value of `type` by name; another type counts as absent (an old registration). */
const optionOf = (options: Map<string, Option>, name: string, ...types: ApplicationCommandOptionType[]) => {
	const option = options.get(name);
	return option && types.includes(option.type) ? option.value : undefined;
};

function resolvedChannel(id: string, resolved: Json | undefined): InvocationChannel {
	const channels = optionalObject(resolved?.channels, 'data.resolved.channels');
	const raw = channels?.[id];
	if (raw === undefined) return { id };
	const channel = object(raw, `data.resolved.channels.${id}`);
	const at = `data.resolved.channels.${id}`;
	return {
		id,
		type: channel.type === undefined ? undefined : (integer(channel.type, `${at}.type`) as ChannelType),
		parentId:
			channel.parent_id === undefined
				? undefined
				: channel.parent_id === null
					? null
					: snowflake(channel.parent_id, `${at}.parent_id`),
		permissions: bits(channel.permissions, `${at}.permissions`),
		appPermissions: bits(channel.app_permissions, `${at}.app_permissions`),
	};
}

function resolvedRole(id: string, resolved: Json | undefined): InvocationRole {
	const roles = optionalObject(resolved?.roles, 'data.resolved.roles');
	const raw = roles?.[id];
	// Unknown when resolved lacks the role: the core reads them from the server's role list.
	if (raw === undefined) return { id, name: '' };
	const at = `data.resolved.roles.${id}`;
	const role = object(raw, at);
	if (role.managed !== undefined && typeof role.managed !== 'boolean') fail(`${at}.managed is not a boolean`);
	return {
		id,
		name: optionalText(role.name, `${at}.name`) ?? '',
		position: role.position === undefined ? undefined : integer(role.position, `${at}.position`),
		managed: role.managed as boolean | undefined,
	};
}

/** An attachment option; one the payload does not resolve cannot be read: it counts as empty. */
function resolvedAttachment(
	id: string,
	resolved: Json | undefined,
): NonNullable<InviteInvocation['options']['users_file']> {
	const attachments = optionalObject(resolved?.attachments, 'data.resolved.attachments');
	const at = `data.resolved.attachments.${id}`;
	const file = optionalObject(attachments?.[id], at);
	return {
		id,
		filename: optionalText(file?.filename, `${at}.filename`) ?? 'users_file',
		size: file?.size === undefined ? 0 : integer(file.size, `${at}.size`),
		url: optionalText(file?.url, `${at}.url`) ?? '',
		contentType: optionalText(file?.content_type, `${at}.content_type`),
	};
}

function readCommand(payload: Json): InviteInvocation {
	const id = snowflake(payload.id, 'id');
	text(payload.token, 'token');
	const data = object(payload.data, 'data');
	const options = readOptions(data.options, 'data.options');
	const resolved = optionalObject(data.resolved, 'data.resolved');
	const guildId =
		payload.guild_id === undefined || payload.guild_id === null ? null : snowflake(payload.guild_id, 'guild_id');

	const member = optionalObject(payload.member, 'member');
	if (guildId !== null && !member) fail('member is missing in a server');
	const user = object(member ? member.user : payload.user, member ? 'member.user' : 'user');
	if (
		member &&
		member.roles !== undefined &&
		!(Array.isArray(member.roles) && member.roles.every((role) => typeof role === 'string' && SNOWFLAKE.test(role)))
	)
		fail('member.roles is not a list of snowflakes');

	const here = optionalObject(payload.channel, 'channel');
	const channelId = here
		? snowflake(here.id, 'channel.id')
		: payload.channel_id === undefined
			? fail('the channel is missing')
			: snowflake(payload.channel_id, 'channel_id');
	const hereType = here?.type === undefined ? undefined : (integer(here.type, 'channel.type') as ChannelType);
	const hereParent =
		here && 'parent_id' in here
			? here.parent_id === null || here.parent_id === undefined
				? null
				: snowflake(here.parent_id, 'channel.parent_id')
			: undefined;

	const idOption = (name: string, type: ApplicationCommandOptionType): string | undefined =>
		optionOf(options, name, type) as string | undefined;
	const stringOption = (name: string): string | undefined =>
		optionOf(options, name, ApplicationCommandOptionType.String) as string | undefined;
	const pickedChannel = idOption('channel', ApplicationCommandOptionType.Channel);
	const streamUser = idOption('stream_user', ApplicationCommandOptionType.User);
	const role = idOption('role', ApplicationCommandOptionType.Role);
	const usersFile = idOption('users_file', ApplicationCommandOptionType.Attachment);
	const users = optionalObject(resolved?.users, 'data.resolved.users');
	const streamUserEntry = streamUser
		? optionalObject(users?.[streamUser], `data.resolved.users.${streamUser}`)
		: undefined;

	return {
		interactionId: id,
		locale: optionalText(payload.locale, 'locale'),
		guildLocale: optionalText(payload.guild_locale, 'guild_locale'),
		guildId,
		channel: { id: channelId, type: hereType, parentId: hereParent },
		invoker: {
			id: snowflake(user.id, 'user.id'),
			username: optionalText(user.username, 'user.username') ?? '',
			permissions: bits(member?.permissions, 'member.permissions') ?? null,
		},
		appPermissions: bits(payload.app_permissions, 'app_permissions') ?? null,
		options: {
			channel: pickedChannel ? resolvedChannel(pickedChannel, resolved) : undefined,
			expires: stringOption('expires'),
			max_uses: optionOf(
				options,
				'max_uses',
				ApplicationCommandOptionType.Integer,
				ApplicationCommandOptionType.Number,
			) as number | undefined,
			temporary: optionOf(options, 'temporary', ApplicationCommandOptionType.Boolean) as boolean | undefined,
			unique: optionOf(options, 'unique', ApplicationCommandOptionType.Boolean) as boolean | undefined,
			stream_user: streamUser
				? {
						id: streamUser,
						username: optionalText(streamUserEntry?.username, `data.resolved.users.${streamUser}.username`),
					}
				: undefined,
			activity: stringOption('activity'),
			role: role ? resolvedRole(role, resolved) : undefined,
			more_roles: stringOption('more_roles'),
			users: stringOption('users'),
			users_file: usersFile ? resolvedAttachment(usersFile, resolved) : undefined,
			reason: stringOption('reason'),
		},
	};
}

function readAutocomplete(payload: Json): AutocompleteQuery {
	const data = object(payload.data, 'data');
	// A command with subcommands (`/invites revoke code:`) nests the options under the
	// subcommand, and that under its group: at most two levels, one entry each.
	let raw = data.options;
	let field = 'data.options';
	const subcommand: string[] = [];
	while (subcommand.length < 2 && Array.isArray(raw) && raw.length === 1) {
		const only = object(raw[0], `${field}[0]`);
		if (
			only.type !== ApplicationCommandOptionType.Subcommand &&
			only.type !== ApplicationCommandOptionType.SubcommandGroup
		)
			break;
		subcommand.push(text(only.name, `${field}[0].name`));
		raw = only.options;
		field = `${field}[0].options`;
	}
	const options = readOptions(raw, field);
	const focused = [...options.values()].find((option) => option.focused);
	return {
		focused:
			focused && focused.value !== undefined ? { name: focused.name, value: String(focused.value) } : undefined,
		locale: optionalText(payload.locale, 'locale') ?? 'en-US',
		guildLocale: optionalText(payload.guild_locale, 'guild_locale'),
		...(subcommand.length > 0 ? { subcommand } : {}),
	};
}

const attempt = <T>(read: () => T): Parsed<T> => {
	try {
		return { ok: true, value: read() };
	} catch (error) {
		if (error instanceof Malformed) return { ok: false, problem: error.message };
		return { ok: false, problem: `unreadable payload (${(error as Error).name})` };
	}
};

/** Reads an APPLICATION_COMMAND payload of `/invite` (interaction type 2) into the core's invocation. */
export function readCommandPayload(raw: unknown): Parsed<InviteInvocation> {
	return attempt(() => readCommand(object(raw, 'the payload')));
}

/** Reads an APPLICATION_COMMAND_AUTOCOMPLETE payload (interaction type 4). */
export function readAutocompletePayload(raw: unknown): Parsed<AutocompleteQuery> {
	return attempt(() => readAutocomplete(object(raw, 'the payload')));
}

/**
 * Checks an invocation an adapter built some other way (the gateway, from discord.js): the
 * same rules as the payload reader, on the core's shape.
 */
export function checkInvocation(invocation: InviteInvocation): Parsed<InviteInvocation> {
	return attempt(() => {
		snowflake(invocation.interactionId, 'id');
		snowflake(invocation.channel.id, 'channel.id');
		snowflake(invocation.invoker.id, 'user.id');
		text(invocation.invoker.username, 'user.username');
		optionalText(invocation.locale, 'locale');
		optionalText(invocation.guildLocale, 'guild_locale');
		const { options } = invocation;
		for (const name of ['expires', 'activity', 'reason'] as const) optionalText(options[name], name);
		if (options.channel) snowflake(options.channel.id, 'channel option');
		if (options.role) snowflake(options.role.id, 'role option');
		if (options.stream_user) snowflake(options.stream_user.id, 'stream_user option');
		return invocation;
	});
}
