/**
 * The local Discord's interaction routes: the callback, and the webhook routes of the
 * original response and its follow-ups. The records they work on live in interactions.ts.
 */
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { discordError, FormErrors, type Reply } from './errors.js';
import { checkMessageBody, hasMessageContent, type InteractionRecord } from './interactions.js';
import { jsonBody, noContent, ok } from './routing.js';
import type { Route, RouteContext } from './state.js';

function interactionCallback(context: RouteContext): Reply {
	const { state, params, request } = context;
	const record = state.interactions.byId(params.interaction ?? '');
	if (!record || record.token !== params.token) return discordError(RESTJSONErrorCodes.UnknownInteraction);
	const body = jsonBody(request, 'object', { multipart: true });
	if (!body.ok) return record.reject(body.reply);
	const error = record.acknowledge(body.value, request.at);
	if (error) return error;
	return request.query.get('with_response') === 'true' ? ok(record.callbackResponse()) : noContent();
}

/** The interaction behind a webhook path, or Discord's error: 10015, or 50027 once the token expired. */
function webhookRecord(context: RouteContext): { record: InteractionRecord } | { reply: Reply } {
	const { state, params, request } = context;
	const record = state.interactions.byToken(params.token ?? '');
	if (!record || params.application !== state.options.applicationId)
		return { reply: discordError(RESTJSONErrorCodes.UnknownWebhook) };
	if (request.at - record.dispatchedAt > state.options.interactionTokenTtlMs) {
		return { reply: discordError(RESTJSONErrorCodes.InvalidWebhookToken) };
	}
	return { record };
}

function getMessage(context: RouteContext): Reply {
	const found = webhookRecord(context);
	if ('reply' in found) return found.reply;
	const message = found.record.findMessage(context.params.message ?? '');
	return message ? ok(found.record.toMessage(message)) : discordError(RESTJSONErrorCodes.UnknownMessage);
}

function editMessage(context: RouteContext): Reply {
	const found = webhookRecord(context);
	if ('reply' in found) return found.reply;
	const { record } = found;
	const message = record.findMessage(context.params.message ?? '');
	if (!message) return discordError(RESTJSONErrorCodes.UnknownMessage);
	const body = jsonBody(context.request, 'object', { multipart: true });
	if (!body.ok) return body.reply;
	const errors = new FormErrors();
	checkMessageBody(errors, [], body.value);
	if (errors.any) return errors.reply();
	if (message.state.deferred && !hasMessageContent(body.value))
		return discordError(RESTJSONErrorCodes.CannotSendAnEmptyMessage);
	record.edit(message, body.value, context.request.at);
	return ok(record.toMessage(message));
}

function deleteMessage(context: RouteContext): Reply {
	const found = webhookRecord(context);
	if ('reply' in found) return found.reply;
	const message = found.record.findMessage(context.params.message ?? '');
	if (!message) return discordError(RESTJSONErrorCodes.UnknownMessage);
	found.record.delete(message);
	return noContent();
}

function followUp(context: RouteContext): Reply {
	const found = webhookRecord(context);
	if ('reply' in found) return found.reply;
	const { record } = found;
	// Before the first response there is no webhook to post to.
	if (record.responses.length === 0) return discordError(RESTJSONErrorCodes.UnknownWebhook);
	const body = jsonBody(context.request, 'object', { multipart: true });
	if (!body.ok) return body.reply;
	const errors = new FormErrors();
	checkMessageBody(errors, [], body.value);
	if (errors.any) return errors.reply();
	if (!hasMessageContent(body.value)) return discordError(RESTJSONErrorCodes.CannotSendAnEmptyMessage);
	const message = record.followUp(body.value, context.request.at);
	return ok(record.toMessage(message));
}

/** Interaction callback and interaction webhook routes (no bot token needed: the interaction token is the credential). */
export function interactionRoutes(): Route[] {
	const webhook = { auth: false, bucket: 'interaction-webhook', major: 'token' } as const;
	return [
		{
			method: 'POST',
			path: '/interactions/:interaction/:token/callback',
			auth: false,
			bucket: 'interaction-callback',
			major: 'interaction',
			handle: interactionCallback,
		},
		{ method: 'GET', path: '/webhooks/:application/:token/messages/:message', ...webhook, handle: getMessage },
		{ method: 'PATCH', path: '/webhooks/:application/:token/messages/:message', ...webhook, handle: editMessage },
		{
			method: 'DELETE',
			path: '/webhooks/:application/:token/messages/:message',
			...webhook,
			handle: deleteMessage,
		},
		{ method: 'POST', path: '/webhooks/:application/:token', ...webhook, handle: followUp },
	];
}
