import {
	type APIInteraction,
	type APIInteractionResponse,
	type APIMessage,
	type APIUser,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	MessageType,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { check, discordError, FormErrors, type Reply } from './errors.js';
import type { ChannelMessageRecord } from './model.js';
import { serializeUser } from './serialize.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type { InteractionHandle, MessageState } from './types.js';
import type { Signal } from './waiters.js';

/**
 * What a record needs of the local Discord (the shared state satisfies it): declared here, not
 * imported from state.ts, which holds the registry, so the two modules form no loop.
 */
export interface InteractionHost {
	readonly options: { readonly interactionDeadlineMs: number; readonly applicationId: string };
	readonly snowflakes: SnowflakeGenerator;
	readonly signal: Signal;
	botUser(): APIUser;
	log(line: string): void;
	/** Which interaction answered with a message: a component click on it edits it there. */
	readonly interactions: { messageOwner(messageId: string): InteractionRecord | undefined };
	/** The guild's channel messages (Create Message): a click on one of them edits it. */
	readonly guild: { readonly messages: readonly ChannelMessageRecord[] };
}

type Json = Record<string, unknown>;

/** Response types Discord takes for each interaction type. */
const ALLOWED_RESPONSES: Record<InteractionType, readonly InteractionResponseType[]> = {
	[InteractionType.Ping]: [InteractionResponseType.Pong],
	[InteractionType.ApplicationCommand]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.Modal,
		InteractionResponseType.LaunchActivity,
	],
	[InteractionType.MessageComponent]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.DeferredMessageUpdate,
		InteractionResponseType.UpdateMessage,
		InteractionResponseType.Modal,
		InteractionResponseType.LaunchActivity,
	],
	[InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
	[InteractionType.ModalSubmit]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.DeferredMessageUpdate,
		InteractionResponseType.UpdateMessage,
	],
};

/** Flags a message's sender may set; Ephemeral only on creation. */
const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

/** One message an interaction produced: the original response or a follow-up. */
interface MessageRecord {
	id: string;
	state: MessageState;
	createdAt: number;
	editedAt: number | null;
}

export function hasMessageContent(body: Json): boolean {
	const nonEmpty = (value: unknown): boolean =>
		Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '';
	return ['content', 'embeds', 'components', 'attachments', 'files', 'poll', 'sticker_ids'].some((key) =>
		nonEmpty(body[key]),
	);
}

/** Checks a message body (create or edit): content length, embeds count. */
export function checkMessageBody(errors: FormErrors, path: Array<string | number>, body: Json): void {
	if (body.content !== undefined && body.content !== null) {
		const error = check.string(body.content, 0, 2000);
		if (error) errors.add([...path, 'content'], error.code, error.message);
	}
	if (Array.isArray(body.embeds) && body.embeds.length > 10) {
		errors.add([...path, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
	}
}

function stateFrom(body: Json, deferred: boolean): MessageState {
	const state: MessageState = { deferred };
	if (typeof body.content === 'string') state.content = body.content;
	if (typeof body.flags === 'number') state.flags = body.flags;
	if (Array.isArray(body.components)) state.components = structuredClone(body.components);
	if (Array.isArray(body.embeds)) state.embeds = structuredClone(body.embeds);
	return state;
}

/**
 * The local Discord's record of one dispatched interaction, and the handle tests hold.
 * It enforces Discord's response rules in one place for both transports: one first
 * response within the deadline (else 10062), never a second one (40060), only response
 * types that fit the interaction, then edits and follow-ups while the token lives.
 */
export class InteractionRecord implements InteractionHandle {
	readonly responses: APIInteractionResponse[] = [];
	readonly rejected: Array<{ code: number; at: number }> = [];
	readonly edits: unknown[] = [];
	readonly followups: unknown[] = [];
	answeredInMs?: number;
	httpStatus?: number;
	readonly #local: InteractionHost;
	readonly #messages = new Map<string, MessageRecord>();
	#originalId: string | undefined;
	/** A component interaction's message, once it answered 6 or 7 (an interaction's reply). */
	#source: MessageRecord | undefined;

	constructor(
		readonly payload: APIInteraction,
		readonly dispatchedAt: number,
		local: InteractionHost,
	) {
		this.#local = local;
	}

	get id(): string {
		return this.payload.id;
	}

	get token(): string {
		return this.payload.token;
	}

	get state(): MessageState | undefined {
		const original = this.#originalId ? this.#messages.get(this.#originalId) : undefined;
		return original ? structuredClone(original.state) : undefined;
	}

	/** A short description for error messages: "/invite by member in #general (id ...)". */
	describe(): string {
		const p = this.payload as unknown as Json & { data?: { name?: string } };
		const user =
			(p.member as { user?: { username?: string } } | undefined)?.user?.username ??
			(p.user as { username?: string } | undefined)?.username;
		const channel = (p.channel as { name?: string } | undefined)?.name;
		const what = p.data?.name ? `/${p.data.name}` : `interaction type ${String(p.type)}`;
		return `${what}${user ? ` by ${user}` : ''}${channel ? ` in #${channel}` : ''} (id ${this.id})`;
	}

	response(timeoutMs = 5000): Promise<APIInteractionResponse> {
		return this.#local.signal.wait(
			() => this.responses[0],
			timeoutMs,
			() => `No response to ${this.describe()}${this.#rejections()}`,
		);
	}

	message(timeoutMs = 5000): Promise<MessageState> {
		return this.#local.signal.wait(
			() => {
				// Checked on every notify() for every waiter: clone only the answer, not each look.
				const original = this.#originalId ? this.#messages.get(this.#originalId) : undefined;
				return original && !original.state.deferred ? structuredClone(original.state) : undefined;
			},
			timeoutMs,
			() => {
				const state = this.state;
				const seen = state?.deferred
					? 'it was deferred but @original was never edited'
					: this.responses.length
						? `the response was type ${this.responses[0]?.type}`
						: 'it got no response';
				return `No message for ${this.describe()}: ${seen}${this.#rejections()}`;
			},
		);
	}

	#rejections(): string {
		return this.rejected.length ? `; rejected: ${this.rejected.map((r) => r.code).join(', ')}` : '';
	}

	/** Records an error answered to a response attempt, and passes the reply through. */
	reject(reply: Reply): Reply {
		const code = (reply.body as { code?: number } | undefined)?.code ?? 0;
		this.rejected.push({ code, at: Date.now() });
		this.#local.signal.notify();
		return reply;
	}

	/**
	 * Applies a first response (callback body or HTTP endpoint body) under Discord's rules.
	 * Returns undefined when accepted, or the error reply (already recorded in `rejected`).
	 */
	acknowledge(body: unknown, now: number = Date.now()): Reply | undefined {
		if (this.responses.length > 0)
			return this.reject(discordError(RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged));
		if (now - this.dispatchedAt > this.#local.options.interactionDeadlineMs) {
			return this.reject(discordError(RESTJSONErrorCodes.UnknownInteraction));
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return this.reject(
				new FormErrors().add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType').reply(),
			);
		}
		const response = body as Json;
		const allowed = ALLOWED_RESPONSES[this.payload.type] ?? [];
		const errors = new FormErrors();
		const typeError = check.choice(response.type, allowed);
		if (typeError) errors.add(['type'], typeError.code, typeError.message);
		const data = (response.data ?? undefined) as Json | undefined;
		if (!typeError) this.#checkData(errors, response.type as InteractionResponseType, data);
		if (errors.any) return this.reject(errors.reply());
		if (response.type === InteractionResponseType.ChannelMessageWithSource && !hasMessageContent(data ?? {})) {
			return this.reject(discordError(RESTJSONErrorCodes.CannotSendAnEmptyMessage));
		}

		this.responses.push(structuredClone(response) as unknown as APIInteractionResponse);
		this.answeredInMs = now - this.dispatchedAt;
		if (response.type === InteractionResponseType.ChannelMessageWithSource) {
			this.#originalId = this.#local.snowflakes.next(now);
			this.#messages.set(this.#originalId, {
				id: this.#originalId,
				state: stateFrom(data ?? {}, false),
				createdAt: now,
				editedAt: null,
			});
		} else if (
			response.type === InteractionResponseType.UpdateMessage ||
			response.type === InteractionResponseType.DeferredMessageUpdate
		) {
			this.#updateSource(response.type === InteractionResponseType.UpdateMessage ? (data ?? {}) : undefined, now);
		} else if (response.type === InteractionResponseType.DeferredChannelMessageWithSource) {
			this.#originalId = this.#local.snowflakes.next(now);
			const flags = typeof data?.flags === 'number' ? data.flags : undefined;
			this.#messages.set(this.#originalId, {
				id: this.#originalId,
				state: flags === undefined ? { deferred: true } : { deferred: true, flags },
				createdAt: now,
				editedAt: null,
			});
		}
		this.#local.log(
			`interaction ${this.id}: accepted response type ${String(response.type)} after ${this.answeredInMs} ms`,
		);
		this.#local.signal.notify();
		return undefined;
	}

	/**
	 * A component interaction's UPDATE_MESSAGE (7) edits the message the component is on;
	 * DEFERRED_UPDATE_MESSAGE (6) edits nothing yet, and `@original` on this token is that
	 * message from then on. The message is an interaction's reply or a channel message.
	 */
	#updateSource(data: Json | undefined, now: number): void {
		const messageId = (this.payload as unknown as { message?: { id?: string } }).message?.id;
		if (messageId === undefined) return;
		const owner = this.#local.interactions.messageOwner(messageId);
		const message = owner?.findMessage(messageId);
		if (owner && message) {
			this.#source = message;
			if (data) owner.edit(message, data, now);
			return;
		}
		const posted = this.#local.guild.messages.find((record) => record.id === messageId);
		if (posted && data) {
			const edited = posted.message as unknown as Json;
			for (const key of ['content', 'embeds', 'components'] as const)
				if (key in data) edited[key] = structuredClone(data[key]);
			edited.edited_timestamp = new Date(now).toISOString();
			this.#local.signal.notify();
		}
	}

	#checkData(errors: FormErrors, type: InteractionResponseType, data: Json | undefined): void {
		switch (type) {
			case InteractionResponseType.UpdateMessage:
			case InteractionResponseType.ChannelMessageWithSource:
				if (data) checkMessageBody(errors, ['data'], data);
				break;
			case InteractionResponseType.DeferredChannelMessageWithSource:
				// A deferred response only says "thinking..." (and whether it is ephemeral).
				for (const key of Object.keys(data ?? {})) {
					if (key !== 'flags')
						errors.add(
							['data', key],
							'INTERACTION_DEFERRED_DATA_INVALID',
							'Deferred responses may only carry flags.',
						);
				}
				break;
			case InteractionResponseType.ApplicationCommandAutocompleteResult: {
				const choices = data?.choices;
				if (!Array.isArray(choices)) {
					errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
					break;
				}
				if (choices.length > 25)
					errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
				choices.forEach((choice: unknown, i) => {
					const c = (choice ?? {}) as Json;
					const nameError = check.string(c.name, 1, 100);
					if (nameError) errors.add(['data', 'choices', i, 'name'], nameError.code, nameError.message);
					if (typeof c.value === 'string') {
						const valueError = check.string(c.value, 0, 100);
						if (valueError)
							errors.add(['data', 'choices', i, 'value'], valueError.code, valueError.message);
					} else if (typeof c.value !== 'number') {
						errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
					}
				});
				break;
			}
			default:
				break;
		}
	}

	/** The message with this id ('@original' = the original response), if it exists. */
	findMessage(id: string): MessageRecord | undefined {
		if (id === '@original' && this.#originalId === undefined && this.#source)
			return this.#source.state.deleted ? undefined : this.#source;
		const key = id === '@original' ? this.#originalId : id;
		const message = key ? this.#messages.get(key) : undefined;
		return message && !message.state.deleted ? message : undefined;
	}

	/** Whether this interaction's reply or a follow-up of it has this id. */
	ownsMessage(messageId: string): boolean {
		return this.#messages.has(messageId);
	}

	/** Applies an edit (already validated) to a message. */
	edit(message: MessageRecord, body: Json, now: number): void {
		const state = message.state;
		if (message.id === this.#originalId) this.edits.push(structuredClone(body));
		if ('content' in body) state.content = typeof body.content === 'string' ? body.content : '';
		if ('embeds' in body) state.embeds = Array.isArray(body.embeds) ? structuredClone(body.embeds) : [];
		if ('components' in body)
			state.components = Array.isArray(body.components) ? structuredClone(body.components) : [];
		if (typeof body.flags === 'number') {
			// Ephemeral is fixed at creation; only the editable bits change.
			state.flags = ((state.flags ?? 0) & ~EDITABLE_FLAGS) | (body.flags & EDITABLE_FLAGS);
		}
		message.editedAt = state.deferred ? null : now;
		state.deferred = false;
		this.#local.signal.notify();
	}

	/**
	 * Sends a follow-up. Like Discord, the first follow-up after a deferred response that was
	 * never edited replaces the "thinking..." message (keeping its ephemerality).
	 */
	followUp(body: Json, now: number): MessageRecord {
		this.followups.push(structuredClone(body));
		const original = this.findMessage('@original');
		if (original?.state.deferred) {
			const flags = original.state.flags;
			original.state = stateFrom(body, false);
			if (flags === undefined) delete original.state.flags;
			else original.state.flags = flags;
			this.#local.signal.notify();
			return original;
		}
		const id = this.#local.snowflakes.next(now);
		const message: MessageRecord = { id, state: stateFrom(body, false), createdAt: now, editedAt: null };
		this.#messages.set(id, message);
		this.#local.signal.notify();
		return message;
	}

	/** Deletes a message (DELETE @original or a follow-up). */
	delete(message: MessageRecord): void {
		message.state.deleted = true;
		this.#local.signal.notify();
	}

	/** A message object for a message of this interaction, as the webhook routes return it. */
	toMessage(message: MessageRecord): APIMessage {
		const payload = this.payload as unknown as Json & { data?: { name?: string } };
		const user = ((payload.member as Json | undefined)?.user ?? payload.user) as Json;
		const channelId = ((payload.channel as Json | undefined)?.id ?? payload.channel_id) as string;
		const flags = (message.state.flags ?? 0) | (message.state.deferred ? MessageFlags.Loading : 0);
		return {
			id: message.id,
			type: MessageType.ChatInputCommand,
			channel_id: channelId,
			author: serializeUser(this.#local.botUser()),
			content: message.state.content ?? '',
			embeds: message.state.embeds ?? [],
			components: withComponentIds(message.state.components ?? []) as APIMessage['components'],
			attachments: [],
			mentions: [],
			mention_roles: [],
			mention_everyone: false,
			pinned: false,
			tts: false,
			timestamp: new Date(message.createdAt).toISOString(),
			edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
			flags,
			application_id: this.#local.options.applicationId,
			webhook_id: this.#local.options.applicationId,
			interaction_metadata: {
				id: this.id,
				type: payload.type,
				user,
				authorizing_integration_owners: payload.authorizing_integration_owners ?? {},
				...(message.id === this.#originalId ? {} : { original_response_message_id: this.#originalId }),
			},
			interaction: { id: this.id, type: payload.type, name: payload.data?.name ?? '', user },
		} as unknown as APIMessage;
	}

	/** The `with_response=true` callback body: an interaction callback response object. */
	callbackResponse(): unknown {
		const first = this.responses[0];
		const original = this.findMessage('@original');
		const interaction: Json = { id: this.id, type: this.payload.type };
		if (original) {
			interaction.response_message_id = original.id;
			interaction.response_message_loading = original.state.deferred;
			interaction.response_message_ephemeral = ((original.state.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
		}
		const result: Json = { interaction };
		if (first?.type === InteractionResponseType.ChannelMessageWithSource && original) {
			result.resource = { type: first.type, message: this.toMessage(original) };
		}
		return result;
	}
}

/** Every interaction the local Discord dispatched, by id and by token. */
export class InteractionRegistry {
	readonly #byId = new Map<string, InteractionRecord>();
	readonly #byToken = new Map<string, InteractionRecord>();

	register(record: InteractionRecord): InteractionRecord {
		this.#byId.set(record.id, record);
		this.#byToken.set(record.token, record);
		return record;
	}

	byId(id: string): InteractionRecord | undefined {
		return this.#byId.get(id);
	}

	byToken(token: string): InteractionRecord | undefined {
		return this.#byToken.get(token);
	}

	/** The interaction whose reply or follow-up has this message id (for component clicks). */
	messageOwner(messageId: string): InteractionRecord | undefined {
		for (const record of this.#byId.values()) if (record.ownsMessage(messageId)) return record;
		return undefined;
	}
}

/**
 * Components as Discord returns them in a message: each one, nested ones too, numbered with
 * an `id` in document order when the sender gave none.
 */
export function withComponentIds(components: readonly unknown[]): unknown[] {
	let next = 1;
	const taken = new Set<number>();
	const walk = (list: readonly unknown[], visit: (component: Record<string, unknown>) => void): void => {
		for (const item of list) {
			if (!item || typeof item !== 'object') continue;
			const component = item as Record<string, unknown>;
			visit(component);
			if (Array.isArray(component.components)) walk(component.components, visit);
			if (component.accessory && typeof component.accessory === 'object') walk([component.accessory], visit);
		}
	};
	const copy = structuredClone(components) as unknown[];
	walk(copy, (component) => {
		if (typeof component.id === 'number') taken.add(component.id);
	});
	walk(copy, (component) => {
		if (typeof component.id === 'number') return;
		while (taken.has(next)) next += 1;
		component.id = next;
		taken.add(next);
	});
	return copy;
}
