/**
 * Raw interaction payloads (as the Interactions Endpoint URL receives them) read into what
 * the core takes, through the core's one validating reader (src/core/payload.ts). These
 * throw on a malformed payload, for callers that already know it is well-formed (tests, the
 * sandbox); the handler uses the reader's result directly and answers 400.
 */
import type {
	APIApplicationCommandAutocompleteInteraction,
	APIChatInputApplicationCommandInteraction,
} from 'discord-api-types/v10';
import type { AutocompleteQuery } from '../core/autocomplete.js';
import { readAutocompletePayload, readCommandPayload } from '../core/payload.js';
import type { InviteInvocation } from '../core/types.js';

/** The core's invocation for a chat-input `/invite` payload; throws a TypeError when malformed. */
export function invocationFromPayload(payload: APIChatInputApplicationCommandInteraction): InviteInvocation {
	const read = readCommandPayload(payload);
	if (!read.ok) throw new TypeError(`malformed interaction: ${read.problem}`);
	return read.value;
}

/** Reads an autocomplete payload (interaction type 4); throws a TypeError when malformed. */
export function autocompleteFromPayload(payload: APIApplicationCommandAutocompleteInteraction): AutocompleteQuery {
	const read = readAutocompletePayload(payload);
	if (!read.ok) throw new TypeError(`malformed interaction: ${read.problem}`);
	return read.value;
}
