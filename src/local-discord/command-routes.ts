/**
 * The local Discord's application command routes (list, overwrite, create, get, edit,
 * delete), global and per guild. Validation and the store live in commands.ts.
 */
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { type Json, validateCommand } from './commands.js';
import { discordError, FormErrors, type Reply } from './errors.js';
import { jsonBody, noContent, ok } from './routing.js';
import type { Route, RouteContext } from './state.js';

/** Checks the path's application (and guild) against ours; returns the scope or an error. */
function scopeOf(context: RouteContext): { scope: string } | { reply: Reply } {
	const { state, params } = context;
	if (params.application !== state.options.applicationId) {
		return { reply: discordError(RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication) };
	}
	if (params.guild === undefined) return { scope: 'global' };
	if (params.guild !== state.guild.id) return { reply: discordError(RESTJSONErrorCodes.MissingAccess) };
	return { scope: params.guild };
}

function listCommands(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	const commands = context.state.commands.list(scope.scope);
	// Like Discord: the localization maps come back only when asked for.
	if (context.request.query.get('with_localizations') === 'true') return ok(commands);
	return ok(commands.map((command) => withoutLocalizations(command)));
}

/** A command with its `*_localizations` maps (and its options') left out. */
function withoutLocalizations<T extends object>(value: T): T {
	const copy = { ...value } as Record<string, unknown>;
	delete copy.name_localizations;
	delete copy.description_localizations;
	if (Array.isArray(copy.options)) copy.options = copy.options.map((option: object) => withoutLocalizations(option));
	if (Array.isArray(copy.choices)) copy.choices = copy.choices.map((choice: object) => withoutLocalizations(choice));
	return copy as T;
}

function overwriteCommands(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	const body = jsonBody<Json[]>(context.request, 'array');
	if (!body.ok) return body.reply;
	const errors = new FormErrors();
	const seen = new Set<string>();
	body.value.forEach((command, index) => {
		if (typeof command !== 'object' || command === null) {
			errors.add([index], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
			return;
		}
		validateCommand(errors, [index], command);
		const key = `${String(command.type ?? 1)}:${String(command.name)}`;
		if (seen.has(key))
			errors.add(
				[index, 'name'],
				'APPLICATION_COMMANDS_DUPLICATE_NAME',
				'Application command names must be unique',
			);
		seen.add(key);
	});
	if (errors.any) return errors.reply();
	return ok(context.state.commands.overwrite(scope.scope, body.value));
}

function createCommand(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	const body = jsonBody(context.request);
	if (!body.ok) return body.reply;
	const errors = new FormErrors();
	validateCommand(errors, [], body.value);
	if (errors.any) return errors.reply();
	const { command, created } = context.state.commands.upsert(scope.scope, body.value);
	return ok(command, created ? 201 : 200);
}

function oneCommand(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	const command = context.state.commands.list(scope.scope).find((c) => c.id === context.params.command);
	return command ? ok(command) : discordError(RESTJSONErrorCodes.UnknownApplicationCommand);
}

function editCommand(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	const existing = context.state.commands.list(scope.scope).find((c) => c.id === context.params.command);
	if (!existing) return discordError(RESTJSONErrorCodes.UnknownApplicationCommand);
	const body = jsonBody(context.request);
	if (!body.ok) return body.reply;
	const merged: Json = { ...(existing as unknown as Json), ...body.value, type: existing.type };
	const errors = new FormErrors();
	validateCommand(errors, [], merged);
	if (errors.any) return errors.reply();
	context.state.commands.remove(scope.scope, existing.id);
	return ok(context.state.commands.upsert(scope.scope, { ...merged }).command);
}

function deleteCommand(context: RouteContext): Reply {
	const scope = scopeOf(context);
	if ('reply' in scope) return scope.reply;
	return context.state.commands.remove(scope.scope, context.params.command ?? '')
		? noContent()
		: discordError(RESTJSONErrorCodes.UnknownApplicationCommand);
}

/** The application command routes (global and guild). */
export function commandRoutes(): Route[] {
	const routes: Route[] = [];
	for (const base of ['/applications/:application/commands', '/applications/:application/guilds/:guild/commands']) {
		const bucket = base.includes(':guild') ? 'guild-commands' : 'global-commands';
		routes.push(
			{ method: 'GET', path: base, auth: true, bucket, major: 'application', handle: listCommands },
			{ method: 'PUT', path: base, auth: true, bucket, major: 'application', handle: overwriteCommands },
			{ method: 'POST', path: base, auth: true, bucket, major: 'application', handle: createCommand },
			{ method: 'GET', path: `${base}/:command`, auth: true, bucket, major: 'application', handle: oneCommand },
			{
				method: 'PATCH',
				path: `${base}/:command`,
				auth: true,
				bucket,
				major: 'application',
				handle: editCommand,
			},
			{
				method: 'DELETE',
				path: `${base}/:command`,
				auth: true,
				bucket,
				major: 'application',
				handle: deleteCommand,
			},
		);
	}
	return routes;
}
