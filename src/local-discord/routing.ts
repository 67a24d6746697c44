/**
 * Helpers for the local Discord's REST routes: path matching, JSON bodies and replies.
 * The state the routes work on lives in state.ts, so route modules and these helpers
 * form no loop.
 */
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { discordError, FormErrors, type Reply } from './errors.js';
import type { LocalState } from './state.js';
import type { RecordedRequest } from './types.js';

/**
 * The state as seen from one guild: `guild` is the guild with id `guildId`, or the one that
 * holds channel `channelId`; the first guild when neither matches.
 */
export function stateForGuild(
	state: LocalState,
	ids: { guildId?: string | undefined; channelId?: string | undefined },
): LocalState {
	const { guildId, channelId } = ids;
	const guild =
		(guildId !== undefined ? state.guilds.find((g) => g.id === guildId) : undefined) ??
		(channelId !== undefined ? state.guilds.find((g) => g.findChannel(channelId)) : undefined);
	return guild === undefined || guild === state.guild ? state : { ...state, guild };
}

/** Matches a decoded path against a route pattern; returns the parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const have = path.split('/');
	if (want.length !== have.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		const w = want[i] ?? '';
		const h = have[i] ?? '';
		if (w.startsWith(':')) {
			if (h === '') return undefined;
			params[w.slice(1)] = h;
		} else if (w !== h) {
			return undefined;
		}
	}
	return params;
}

/**
 * The JSON body of a request, or the error Discord gives: 50035 when the content type is
 * not JSON (Discord lists the types it takes), 50109 when the JSON does not parse, 50035
 * when it is not an object (or, with `kind: 'array'`, not an array). With `multipart`,
 * a multipart body's `payload_json` part counts (files themselves are ignored).
 */
export function jsonBody<T = Record<string, unknown>>(
	request: RecordedRequest,
	kind: 'object' | 'array' = 'object',
	options: { multipart?: boolean } = {},
): { ok: true; value: T } | { ok: false; reply: Reply } {
	const type = (request.headers['content-type'] ?? '').toLowerCase();
	let text: string | undefined;
	if (type.startsWith('application/json')) text = request.rawBody;
	// A multipart body without `payload_json` carries only files: the JSON fields are all absent.
	else if (options.multipart && type.startsWith('multipart/form-data') && request.form)
		text = request.form.fields.payload_json ?? '{}';
	if (text === undefined) {
		return {
			ok: false,
			reply: new FormErrors()
				.add(
					[],
					'CONTENT_TYPE_INVALID',
					`Expected "Content-Type" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.`,
				)
				.reply(),
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, reply: discordError(RESTJSONErrorCodes.RequestBodyContainsInvalidJSON) };
	}
	const isArray = Array.isArray(value);
	if (kind === 'array' ? !isArray : typeof value !== 'object' || value === null || isArray) {
		return {
			ok: false,
			reply: new FormErrors()
				.add(
					[],
					kind === 'array' ? 'BASE_TYPE_ARRAY' : 'DICT_TYPE_CONVERT',
					kind === 'array' ? 'Must be an array.' : 'Only dictionaries may be used in a DictType',
				)
				.reply(),
		};
	}
	return { ok: true, value: value as T };
}

/** A 200 JSON reply. */
export function ok(body: unknown, status = 200): Reply {
	return { status, body };
}

/** A 204 reply. */
export function noContent(): Reply {
	return { status: 204 };
}
