/**
 * What a command is to the pipeline: one module with its registration (`data`), a reader of
 * its payload, `execute`, and optionally autocomplete by option and handlers for the
 * `custom_id`s it owns (buttons, select menus, modals). Every part works against one
 * `CommandContext`; none knows which host delivered the interaction.
 */
import type { REST } from '@discordjs/rest';
import type {
	APIApplicationCommandOptionChoice,
	APIMessageComponentInteraction,
	APIModalSubmitInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { AutocompleteQuery } from '../core/autocomplete.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import type { Clock, DeadlineReply } from '../core/deadline.js';
import type { PendingTargetUsersJob } from '../core/invite.js';
import type { Parsed } from '../core/payload.js';
import type { Logger } from '../log-core.js';
import type { InviteMetrics, Transport } from '../ops/metrics-types.js';
import type { InviteStore } from '../store/repository.js';
import type { Lookups } from './lookups.js';
import type { Responder } from './responder.js';

/** The REST clients a command may use, all for the same bot. */
export interface CommandRests {
	/** The ordinary client: lookups, reads (a GET may be retried). */
	api: REST;
	/** The client that creates: never repeats a POST (see `createInviteRest`). */
	create: REST;
}

/** Timings and limits a host tuned; each command reads the ones it uses. */
export interface CommandSettings {
	/** Longest download of an uploaded file (ms). */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of a background job (ms). */
	jobPollDelaysMs?: readonly number[] | undefined;
	/**
	 * Takes over a target-users job follow-up, given the interaction token that edits the reply:
	 * a host whose work ends with the request (a Worker's Durable Object). Default: polled in-process.
	 */
	jobFollower?: ((job: PendingTargetUsersJob, interactionToken: string) => Promise<unknown>) | undefined;
}

/** Everything a command gets for one interaction. */
export interface CommandContext {
	readonly interactionId: string;
	/** The interaction's token, for work handed to another process (undefined when the host read the interaction itself). */
	readonly interactionToken?: string | undefined;
	/** When the interaction counts as received (ms since epoch): Discord's 3 s run from here. */
	readonly receivedAt: number;
	/** The answer, under Discord's timing rules: inline, or deferred and edited (src/core/deadline.ts). */
	readonly deadline: DeadlineReply;
	/** The interaction routes, for what the deadline does not cover (follow-ups, later edits). */
	readonly responder: Responder;
	/** What the payload does not carry, looked up (from a cache, or over REST). */
	readonly lookups: Lookups;
	readonly rest: CommandRests;
	/** The bot's user id, learnt when first needed. */
	readonly botUserId: string | (() => Promise<string>);
	readonly logger: Logger;
	readonly clock: Clock;
	readonly cooldowns?: InviteCooldowns | undefined;
	readonly settings: CommandSettings;
	/** The invite ledger and each server's settings (src/store); absent when the host runs without one. */
	readonly store?: InviteStore | undefined;
	/** Ends background work early (shutdown). */
	readonly signal?: AbortSignal | undefined;
}

/** What suggestions may read beyond the query: the raw payload (who, where) and the ledger. */
export interface AutocompleteContext {
	/** The autocomplete interaction as Discord sent it (absent when a host read it itself). */
	readonly payload?: unknown;
	readonly store?: InviteStore | undefined;
}

/** Suggestions for one option while the user types. Pure: values in, choices out. */
export type OptionAutocomplete = (
	query: AutocompleteQuery,
	context?: AutocompleteContext,
) =>
	| APIApplicationCommandOptionChoice<string | number>[]
	| Promise<APIApplicationCommandOptionChoice<string | number>[]>;

/** A button, select menu or modal this command's messages carry, found by its `custom_id`. */
export interface ComponentHandler<Payload> {
	/** Every `custom_id` starting with this is the handler's (e.g. `invite:revoke:`). Unique across commands. */
	prefix: string;
	handle(payload: Payload, context: ComponentContext): Promise<void>;
}

/**
 * A component's context: the command's. For a button or select menu the deadline's reply
 * updates the message it sits on and its defer acknowledges silently (`updateAnswers`); for a
 * modal they are a new ephemeral message, as for a command. A handler may answer through
 * `responder` instead (a modal opened in answer, callback type 9): the deadline is then dropped.
 */
export type ComponentContext = CommandContext;

/** What a command reports of one run, for logs, metrics and the host's `onOutcome`. */
export interface CommandReport<Outcome> {
	/**
	 * Absent for a command whose runs the host's `onOutcome` and metrics do not take (they speak
	 * `/invite`'s outcome): `/invite-settings` logs its own line instead.
	 */
	outcome?: Outcome | undefined;
	/** Work that goes on after the answer (a job follow-up): a Worker keeps it alive with `waitUntil`. */
	background?: Promise<unknown> | undefined;
}

/** One chat-input command. `Input` is what its reader makes of the payload. */
export interface SlashCommand<Input = unknown, Outcome = unknown> {
	data: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;
	/** The validating reader: a malformed payload is a problem (400 over HTTP, dropped on the gateway). */
	read(payload: unknown): Parsed<Input>;
	/** Runs the command; always answers through `context.deadline`. */
	execute(input: Input, context: CommandContext): Promise<CommandReport<Outcome>>;
	/**
	 * Suggestions by the focused option's name (`code`), or for an option of a subcommand by the
	 * subcommand path and name (`revoke code`, tried first); an option not listed gets none.
	 */
	autocomplete?: Readonly<Record<string, OptionAutocomplete>> | undefined;
	/** Handlers of the buttons and select menus its messages carry. */
	components?: readonly ComponentHandler<APIMessageComponentInteraction>[] | undefined;
	/** Records an outcome into the metrics (when the host has them). */
	record?(outcome: Outcome, metrics: InviteMetrics, transport: Transport): void;
	/** Handlers of the modals it opens. */
	modals?: readonly ComponentHandler<APIModalSubmitInteraction>[] | undefined;
}
