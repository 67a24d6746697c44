import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** What a route handler answers: the local Discord writes it (now, later or never). */
export interface Reply {
	status: number;
	/** JSON body; `undefined` means no body (e.g. 204). A string is sent as text. */
	body?: unknown;
	headers?: Record<string, string>;
}

/** One field error leaf: Discord's string codes such as NUMBER_TYPE_MAX. */
export interface FieldError {
	code: string;
	message: string;
}

/**
 * Discord's messages for the JSON error codes the fake returns, worded like the API's.
 * One table, so every route says the same thing for the same code.
 */
const MESSAGES: Partial<Record<RESTJSONErrorCodes, string>> = {
	[RESTJSONErrorCodes.GeneralError]: 'General error',
	[RESTJSONErrorCodes.UnknownApplication]: 'Unknown Application',
	[RESTJSONErrorCodes.UnknownChannel]: 'Unknown Channel',
	[RESTJSONErrorCodes.UnknownGuild]: 'Unknown Guild',
	[RESTJSONErrorCodes.UnknownInvite]: 'Unknown Invite',
	[RESTJSONErrorCodes.UnknownInviteTargetUsersJob]: 'Unknown invite target users job',
	[RESTJSONErrorCodes.UnknownInviteTargetUsers]: 'Unknown invite target users',
	[RESTJSONErrorCodes.UnknownMember]: 'Unknown Member',
	[RESTJSONErrorCodes.UnknownMessage]: 'Unknown Message',
	[RESTJSONErrorCodes.UnknownRole]: 'Unknown Role',
	[RESTJSONErrorCodes.UnknownUser]: 'Unknown User',
	[RESTJSONErrorCodes.UnknownWebhook]: 'Unknown Webhook',
	[RESTJSONErrorCodes.UnknownVoiceState]: 'Unknown Voice State',
	[RESTJSONErrorCodes.UnknownApplicationCommand]: 'Unknown application command',
	[RESTJSONErrorCodes.UnknownInteraction]: 'Unknown interaction',
	[RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication]:
		'You are not authorized to perform this action on this application',
	[RESTJSONErrorCodes.MaximumNumberOfInvitesReached]: 'Maximum number of invites reached (1000)',
	[RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]: 'Interaction has already been acknowledged.',
	[RESTJSONErrorCodes.MissingAccess]: 'Missing Access',
	[RESTJSONErrorCodes.CannotSendAnEmptyMessage]: 'Cannot send an empty message',
	[RESTJSONErrorCodes.MissingPermissions]: 'Missing Permissions',
	[RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType]: 'Cannot execute action on this channel type',
	[RESTJSONErrorCodes.InvalidWebhookToken]: 'Invalid Webhook Token',
	[RESTJSONErrorCodes.InvalidRole]: 'Invalid Role',
	[RESTJSONErrorCodes.InviteCodeInvalidOrTaken]: 'Invite code is either invalid or taken.',
	[RESTJSONErrorCodes.InvalidFormBodyOrContentType]: 'Invalid Form Body',
	[RESTJSONErrorCodes.RequestBodyContainsInvalidJSON]: 'The request body contains invalid JSON.',
};

/** HTTP status Discord pairs with each code (400 unless listed). */
const STATUS: Partial<Record<RESTJSONErrorCodes, number>> = {
	[RESTJSONErrorCodes.UnknownApplication]: 404,
	[RESTJSONErrorCodes.UnknownChannel]: 404,
	[RESTJSONErrorCodes.UnknownGuild]: 404,
	[RESTJSONErrorCodes.UnknownInvite]: 404,
	[RESTJSONErrorCodes.UnknownInviteTargetUsersJob]: 404,
	[RESTJSONErrorCodes.UnknownInviteTargetUsers]: 404,
	[RESTJSONErrorCodes.UnknownMember]: 404,
	[RESTJSONErrorCodes.UnknownMessage]: 404,
	[RESTJSONErrorCodes.UnknownRole]: 404,
	[RESTJSONErrorCodes.UnknownUser]: 404,
	[RESTJSONErrorCodes.UnknownWebhook]: 404,
	[RESTJSONErrorCodes.UnknownVoiceState]: 404,
	[RESTJSONErrorCodes.UnknownApplicationCommand]: 404,
	[RESTJSONErrorCodes.UnknownInteraction]: 404,
	[RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication]: 403,
	[RESTJSONErrorCodes.MissingAccess]: 403,
	[RESTJSONErrorCodes.MissingPermissions]: 403,
	[RESTJSONErrorCodes.InvalidWebhookToken]: 401,
};

/** A Discord JSON error reply: `{ code, message }` with the status Discord uses. */
export function discordError(code: RESTJSONErrorCodes, message?: string, status?: number): Reply {
	return {
		status: status ?? STATUS[code] ?? 400,
		body: { code, message: message ?? MESSAGES[code] ?? 'Unknown error' },
	};
}

/** The plain 401 Discord answers without a valid bot token. */
export function unauthorized(): Reply {
	return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
}

/** The plain 404 for routes Discord does not have. */
export function notFound(): Reply {
	return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

/** 405 for a known path with a method it does not take. */
export function methodNotAllowed(): Reply {
	return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
}

/**
 * Collects field errors for a 50035 "Invalid Form Body" answer. Paths mirror the request
 * body (`['role_ids', 3]` -> `errors.role_ids['3']`), leaves are `{ _errors: [...] }`.
 */
export class FormErrors {
	readonly #root: Record<string, unknown> = {};
	#count = 0;

	/** Adds an error at a body path (empty path = the body itself). */
	add(path: ReadonlyArray<string | number>, code: string, message: string): this {
		let node = this.#root;
		for (const key of path) {
			const k = String(key);
			node[k] ??= {};
			node = node[k] as Record<string, unknown>;
		}
		const list = (node._errors ??= []) as FieldError[];
		list.push({ code, message });
		this.#count++;
		return this;
	}

	/** Whether any error was added. */
	get any(): boolean {
		return this.#count > 0;
	}

	/** The 400 reply with code 50035 and the nested `errors` object. */
	reply(): Reply {
		return {
			status: 400,
			body: {
				message: MESSAGES[RESTJSONErrorCodes.InvalidFormBodyOrContentType],
				code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
				errors: this.#root,
			},
		};
	}
}

/** A 50035 with a single field error. */
export function fieldError(path: ReadonlyArray<string | number>, code: string, message: string): Reply {
	return new FormErrors().add(path, code, message).reply();
}

/** Field validators in Discord's wording; each returns an error or undefined. */
export const check = {
	/** An integer in [min, max] (null/undefined handled by the caller). */
	int(value: unknown, min: number, max: number): FieldError | undefined {
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			return { code: 'NUMBER_TYPE_COERCE', message: `Value "${String(value)}" is not int.` };
		}
		if (value < min)
			return { code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${min}.` };
		if (value > max)
			return { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${max}.` };
		return undefined;
	},
	boolean(value: unknown): FieldError | undefined {
		return typeof value === 'boolean'
			? undefined
			: { code: 'BASE_TYPE_BOOLEAN', message: 'Must be either true or false.' };
	},
	snowflake(value: unknown): FieldError | undefined {
		return typeof value === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(value)
			? undefined
			: { code: 'NUMBER_TYPE_COERCE', message: `Value "${String(value)}" is not snowflake.` };
	},
	string(value: unknown, min: number, max: number): FieldError | undefined {
		if (typeof value !== 'string') return { code: 'BASE_TYPE_STRING', message: 'Must be a string.' };
		const length = [...value].length;
		if (length < min || length > max) {
			return min === 0
				? { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }
				: { code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` };
		}
		return undefined;
	},
	choice(value: unknown, choices: readonly unknown[]): FieldError | undefined {
		return choices.includes(value)
			? undefined
			: { code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${choices.map(String).join(', ')}}.` };
	},
	required(): FieldError {
		return { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
	},
};
