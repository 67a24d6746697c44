/**
 * Create Message, `POST /channels/{channel.id}/messages`: what the bot posts to a log
 * channel. Checked as Discord does: the channel exists and takes messages (10003, 50008), the
 * bot sees it (50001) and may send there (50013); embeds need Embed Links (50013) and keep
 * Discord's size limits (50035); an empty message is 50006. `allowed_mentions` decides who is
 * mentioned. The message is kept on the guild (`guild.messages`) and MESSAGE_CREATE follows.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
import {
	AllowedMentionsTypes,
	type APIMessage,
	MessageFlags,
	MessageType,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { check, discordError, FormErrors, type Reply } from './errors.js';
import { checkMessageBody, hasMessageContent, withComponentIds } from './interactions.js';
import { hasMessageBox, isThreadType } from './model.js';
import { jsonBody, ok } from './routing.js';
import { serializeUser } from './serialize.js';
import type { Route, RouteContext } from './state.js';

type Json = Record<string, unknown>;

/** Flags a bot may set on a new message. */
const SETTABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications;

/** Discord's embed limits (docs: Embed Limits). */
const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	author: 256,
	total: 6000,
} as const;

function checkEmbeds(errors: FormErrors, embeds: unknown): void {
	if (!Array.isArray(embeds)) return;
	let total = 0;
	const text = (path: Array<string | number>, value: unknown, max: number, min = 0) => {
		if (value === undefined || value === null) return;
		const error = check.string(value, min, max);
		if (error) errors.add(path, error.code, error.message);
		else total += [...(value as string)].length;
	};
	embeds.forEach((raw: unknown, i) => {
		const embed = (raw ?? {}) as Json;
		text(['embeds', i, 'title'], embed.title, EMBED_LIMITS.title);
		text(['embeds', i, 'description'], embed.description, EMBED_LIMITS.description);
		text(['embeds', i, 'footer', 'text'], (embed.footer as Json | undefined)?.text, EMBED_LIMITS.footer);
		text(['embeds', i, 'author', 'name'], (embed.author as Json | undefined)?.name, EMBED_LIMITS.author);
		if (Array.isArray(embed.fields)) {
			if (embed.fields.length > EMBED_LIMITS.fields)
				errors.add(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
			embed.fields.forEach((rawField: unknown, j) => {
				const field = (rawField ?? {}) as Json;
				text(['embeds', i, 'fields', j, 'name'], field.name, EMBED_LIMITS.fieldName, 1);
				text(['embeds', i, 'fields', j, 'value'], field.value, EMBED_LIMITS.fieldValue, 1);
			});
		}
	});
	if (total > EMBED_LIMITS.total)
		errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

const PARSE_TYPES: readonly string[] = Object.values(AllowedMentionsTypes);

/** Checks `allowed_mentions` as Discord does (parse values, parse and a list are exclusive). */
function checkAllowedMentions(errors: FormErrors, allowed: unknown): void {
	if (allowed === undefined || allowed === null) return;
	if (typeof allowed !== 'object' || Array.isArray(allowed)) {
		errors.add(['allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
		return;
	}
	const value = allowed as Json;
	const parse = value.parse;
	if (parse !== undefined && !Array.isArray(parse))
		errors.add(['allowed_mentions', 'parse'], 'BASE_TYPE_ARRAY', 'Must be an array.');
	if (Array.isArray(parse))
		parse.forEach((type: unknown, i) => {
			const error = check.choice(type, PARSE_TYPES);
			if (error) errors.add(['allowed_mentions', 'parse', i], error.code, error.message);
		});
	for (const key of ['users', 'roles'] as const) {
		const list = value[key];
		if (list === undefined) continue;
		if (!Array.isArray(list)) errors.add(['allowed_mentions', key], 'BASE_TYPE_ARRAY', 'Must be an array.');
		else if (list.length > 100)
			errors.add(['allowed_mentions', key], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
		if (Array.isArray(parse) && parse.includes(key) && Array.isArray(list) && list.length > 0)
			errors.add(
				['allowed_mentions', 'parse'],
				'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
				`parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
			);
	}
}

/** Who the content mentions, after `allowed_mentions` (absent: everything in the content). */
function mentionsOf(
	context: RouteContext,
	content: string,
	allowed: Json | undefined,
	botPermissions: bigint,
): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
	const { guild } = context.state;
	const parse = allowed ? ((allowed.parse as string[] | undefined) ?? []) : PARSE_TYPES;
	const listed = (key: 'users' | 'roles') => (allowed?.[key] as string[] | undefined) ?? [];
	const userIds = [...new Set([...content.matchAll(/<@!?(\d{17,20})>/g)].map((match) => match[1] as string))];
	const roleIds = [...new Set([...content.matchAll(/<@&(\d{17,20})>/g)].map((match) => match[1] as string))];
	const mayPingAnyRole = (botPermissions & PermissionFlagsBits.MentionEveryone) !== 0n;
	return {
		mentions: userIds
			.filter((id) => parse.includes(AllowedMentionsTypes.User) || listed('users').includes(id))
			.flatMap((id) => {
				const user = guild.findUser(id);
				return user ? [serializeUser(user)] : [];
			}) as APIMessage['mentions'],
		mention_roles: roleIds.filter(
			(id) =>
				(parse.includes(AllowedMentionsTypes.Role) || listed('roles').includes(id)) &&
				(mayPingAnyRole || guild.findRole(id)?.mentionable === true),
		),
		mention_everyone:
			/@(everyone|here)\b/.test(content) && parse.includes(AllowedMentionsTypes.Everyone) && mayPingAnyRole,
	};
}

function createMessage(context: RouteContext): Reply {
	const { state, params, request } = context;
	const { guild } = state;
	const channel = guild.findChannel(params.channel ?? '');
	if (!channel || guild.botRemoved) return discordError(RESTJSONErrorCodes.UnknownChannel);
	const botId = state.options.applicationId;
	const permissions = guild.permissionsIn(botId, channel.id);
	if (!(permissions & PermissionFlagsBits.ViewChannel)) return discordError(RESTJSONErrorCodes.MissingAccess);
	if (!hasMessageBox(channel.type)) return discordError(RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel);
	const send = isThreadType(channel.type)
		? PermissionFlagsBits.SendMessagesInThreads
		: PermissionFlagsBits.SendMessages;
	if (!(permissions & send)) return discordError(RESTJSONErrorCodes.MissingPermissions);
	const parsed = jsonBody(request, 'object', { multipart: true });
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	const errors = new FormErrors();
	checkMessageBody(errors, [], body);
	checkEmbeds(errors, body.embeds);
	checkAllowedMentions(errors, body.allowed_mentions);
	if (errors.any) return errors.reply();
	if (!hasMessageContent(body)) return discordError(RESTJSONErrorCodes.CannotSendAnEmptyMessage);
	const embeds = Array.isArray(body.embeds) ? (structuredClone(body.embeds) as Json[]) : [];
	if (embeds.length > 0 && !(permissions & PermissionFlagsBits.EmbedLinks))
		return discordError(RESTJSONErrorCodes.MissingPermissions);
	const content = typeof body.content === 'string' ? body.content : '';
	const id = state.snowflakes.next(request.at);
	const message = {
		id,
		type: MessageType.Default,
		channel_id: channel.id,
		author: serializeUser(state.botUser()),
		content,
		timestamp: new Date(request.at).toISOString(),
		edited_timestamp: null,
		tts: false,
		...mentionsOf(context, content, body.allowed_mentions as Json | undefined, permissions),
		mention_channels: [],
		attachments: [],
		embeds: embeds.map((embed) => ({ type: 'rich', ...embed })),
		components: withComponentIds(Array.isArray(body.components) ? body.components : []),
		pinned: false,
		flags: typeof body.flags === 'number' ? body.flags & SETTABLE_FLAGS : 0,
		...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
	} as unknown as APIMessage;
	guild.addMessage({ id, channel_id: channel.id, message });
	state.log(`message ${id} posted in #${channel.name}`);
	return ok(message);
}

/** The channel message routes. */
export function messageRoutes(): Route[] {
	return [
		{
			method: 'POST',
			path: '/channels/:channel/messages',
			auth: true,
			bucket: 'channel-messages-post',
			major: 'channel',
			handle: createMessage,
		},
	];
}
