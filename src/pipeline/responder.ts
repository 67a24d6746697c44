/**
 * How the pipeline answers an interaction: Discord's three interaction routes (the callback,
 * the edit of `@original`, a follow-up), and nothing else. Every host supplies one `Responder`:
 * the HTTP endpoint answers the callback in its HTTP response, the gateway bot and the Worker's
 * follow-ups go over REST (`restResponder`), the discord.js drop-in through discord.js. The
 * deferred response, the webhook edit and the raw callback are built here once.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
	type APIInteractionResponse,
	InteractionResponseType,
	MessageFlags,
	RESTJSONErrorCodes,
	type RESTPatchAPIInteractionOriginalResponseJSONBody,
	type RESTPostAPIInteractionFollowupJSONBody,
	Routes,
} from 'discord-api-types/v10';
import { type Clock, EDIT_RETRY_PAUSES_MS, type InteractionResponder, sleepOn, systemClock } from '../core/deadline.js';
import { messageBody } from '../core/render.js';

/** One interaction's answers, as Discord's interaction routes take them. */
export interface Responder {
	/** The interaction response (POST /interactions/{id}/{token}/callback): once per interaction. */
	callback(response: APIInteractionResponse): Promise<void>;
	/** Replaces the original (or deferred) response (PATCH /webhooks/{app}/{token}/messages/@original). */
	editOriginal(body: RESTPatchAPIInteractionOriginalResponseJSONBody): Promise<void>;
	/** Sends one more message (POST /webhooks/{app}/{token}). */
	followUp(body: RESTPostAPIInteractionFollowupJSONBody): Promise<void>;
}

/** What the interaction routes need of a payload: its id, its token and the application. */
export interface InteractionAddress {
	id: string;
	token: string;
	application_id: string;
}

/** The deferred response every host sends: ephemeral "thinking…" (callback type 5). */
export const DEFERRED_EPHEMERAL: APIInteractionResponse = Object.freeze({
	type: InteractionResponseType.DeferredChannelMessageWithSource,
	data: Object.freeze({ flags: MessageFlags.Ephemeral }),
});

/**
 * Answers over REST: the gateway bot's responder, and the HTTP endpoint's for everything after
 * its HTTP response. No bot auth: the interaction token is the key, and Discord exempts these
 * routes from the global limit.
 */
export function restResponder(
	rest: REST,
	interaction: InteractionAddress,
	options: { clock?: Clock | undefined } = {},
): Responder {
	const clock = options.clock ?? systemClock;
	const original = Routes.webhookMessage(interaction.application_id, interaction.token);
	return {
		async callback(body) {
			await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
		},
		// Discord may not have recorded a deferred response yet when the edit comes within
		// milliseconds of it (an HTTP response in particular): 10008 Unknown Message then, so try
		// again briefly.
		async editOriginal(body) {
			for (let attempt = 0; ; attempt++) {
				try {
					await rest.patch(original, { body, auth: false });
					return;
				} catch (error) {
					const pause = EDIT_RETRY_PAUSES_MS[attempt];
					if (
						pause === undefined ||
						!(error instanceof DiscordAPIError) ||
						error.code !== RESTJSONErrorCodes.UnknownMessage
					)
						throw error;
					await sleepOn(clock, pause);
				}
			}
		},
		async followUp(body) {
			await rest.post(Routes.webhook(interaction.application_id, interaction.token), { body, auth: false });
		},
	};
}

/** The deadline's three answers (reply inline, defer, edit) on a host's responder. */
export function deadlineAnswers(responder: Responder): InteractionResponder {
	return {
		reply: (message) =>
			responder.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: message }),
		defer: () => responder.callback(DEFERRED_EPHEMERAL),
		edit: (message) => responder.editOriginal(messageBody(message)),
	};
}

/**
 * The deadline's answers for a button or select menu: the reply updates the message the
 * component sits on (callback type 7), the defer acknowledges without a "thinking…" (type 6),
 * the edit replaces that message.
 */
export function updateAnswers(responder: Responder): InteractionResponder {
	return {
		reply: (message) =>
			responder.callback({ type: InteractionResponseType.UpdateMessage, data: messageBody(message) }),
		defer: () => responder.callback({ type: InteractionResponseType.DeferredMessageUpdate }),
		edit: (message) => responder.editOriginal(messageBody(message)),
	};
}

/**
 * Defers at once (`deferAtOnce`), before anything else is done; every answer is then an
 * edit of it. A failed defer is the answer's failure: the reply that waits on it is lost.
 */
export function deferringAtOnce(answers: InteractionResponder): InteractionResponder {
	const early = answers.defer();
	early.catch(() => undefined);
	return {
		reply: async (message) => {
			await early;
			await answers.edit(message);
		},
		defer: () => early,
		edit: (message) => answers.edit(message),
	};
}
