/**
 * The one interaction pipeline every host feeds: a signed, parsed interaction payload in,
 * answers out through the host's `Responder`. It owns what every interaction goes through
 * (PING, the replay guard, the payload's validation, the deadline, lookups, cooldowns, logs,
 * metrics) and routes: chat-input commands by name, autocomplete by command and focused
 * option, buttons, select menus and modals by the `custom_id` prefix a command owns, anything
 * unknown to the localized "unknown command" answer. Host-free: no `node:` module, no
 * discord.js, no transport.
 */
import {
	type APIApplicationCommandOptionChoice,
	type APIInteractionResponse,
	type APIMessageComponentInteraction,
	type APIModalSubmitInteraction,
	ApplicationCommandType,
	InteractionResponseType,
	InteractionType,
	Routes,
} from 'discord-api-types/v10';
import type { AutocompleteQuery } from '../core/autocomplete.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import {
	type Clock,
	DEFAULT_DEFER_AFTER_MS,
	DeadlineReply,
	INTERACTION_TOKEN_LIFE_MS,
	receivedAtFromCreation,
	systemClock,
} from '../core/deadline.js';
import { failureText, newReference } from '../core/errors.js';
import { readAutocompletePayload } from '../core/payload.js';
import { snowflakeTimestamp, textReply, unknownCommandReply } from '../core/render.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type { AttachmentFetch } from '../discord/attachments.js';
import { messagesFor } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log-core.js';
import type { InviteMetrics, Transport } from '../ops/metrics-types.js';
import type { InviteStore } from '../store/repository.js';
import type {
	AutocompleteContext,
	CommandContext,
	CommandRests,
	CommandSettings,
	ComponentHandler,
	SlashCommand,
} from './command.js';
import { type Lookups, restLookups } from './lookups.js';
import { deadlineAnswers, deferringAtOnce, type Responder, updateAnswers } from './responder.js';

/** How long the pipeline's own replay guard remembers an id: an interaction token's life. */
export const REPLAY_TTL_MS = INTERACTION_TOKEN_LIFE_MS;

export interface PipelineOptions<Outcome> {
	/** The commands served; every other name gets the "unknown command" answer. */
	commands: readonly SlashCommand<unknown, Outcome>[];
	/** The bot's REST clients (lookups and the create requests). */
	rest: CommandRests;
	/** Which host delivers (the metrics' `transport` label). */
	transport: Transport;
	/** The bot's user id, or how to learn it. Default: GET /users/@me once, when first needed. */
	botUserId?: string | (() => Promise<string>) | undefined;
	logger?: Logger | undefined;
	metrics?: InviteMetrics | undefined;
	/** One clock for every timing rule. Default: the system's. */
	clock?: Clock | undefined;
	/** Each interaction id runs once. Default: process memory for 15 minutes. */
	replayGuard?: ReplayGuard | undefined;
	/** Per-user and per-server limits. Default: none. */
	cooldowns?: InviteCooldowns | undefined;
	/** Budget before deferring (ms from receipt). Default 1.5 s. */
	deferAfterMs?: number | undefined;
	/** Defer every command at once, then edit in the answer. Default off. */
	deferAtOnce?: boolean | undefined;
	settings?: CommandSettings | undefined;
	/** The invite ledger and each server's settings, handed to every command (`context.store`). */
	store?: InviteStore | undefined;
	/** How REST lookups download `users_file`: the Node hosts pass one that checks addresses (attachment-transport.ts). */
	attachmentFetch?: AttachmentFetch | undefined;
	/** Ends background work early (shutdown). */
	signal?: AbortSignal | undefined;
	/** Called with each command's outcome. */
	onOutcome?: ((outcome: Outcome) => void) | undefined;
}

/** What a host knows of one delivery, beyond the payload. Everything is optional. */
export interface Delivery {
	/** When the interaction reached the host (ms). Default: its creation time, bounded (`receivedAtFromCreation`). */
	receivedAt?: number | undefined;
	/** For the replay guard: when Discord signed the request (HTTP) and the host's clock then. */
	signedAtMs?: number | undefined;
	replayNowMs?: number | undefined;
	/** Keeps work alive after the host's response went out (a Worker's `ctx.waitUntil`). */
	waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
	/** Answers from the host's own cache (the discord.js drop-in); default: over REST. */
	lookups?: Lookups | undefined;
	/** What the host bot lends for this call, over the pipeline's own. */
	logger?: Logger | undefined;
	metrics?: InviteMetrics | undefined;
	cooldowns?: InviteCooldowns | undefined;
	replayGuard?: ReplayGuard | undefined;
	deferAtOnce?: boolean | undefined;
	deferAfterMs?: number | undefined;
	/** The bot's user id when the host knows it (a logged-in discord.js client). */
	botUserId?: string | undefined;
}

/** What became of one payload. Only `answered` sent anything. */
export type Handled<Outcome> =
	| { status: 'answered'; outcome?: Outcome | undefined }
	/** Not what Discord sends (HTTP answers 400; a gateway drops it with a log line). */
	| { status: 'malformed'; problem: string }
	/** Seen before: run once already (HTTP answers 401). */
	| { status: 'replayed' }
	/** An interaction type nothing here handles. */
	| { status: 'unsupported'; type: number };

/** A chat-input command already read by its host (the discord.js drop-in reads discord.js objects). */
export interface ReadCommand {
	id: string;
	name: string;
	input: unknown;
	/** The invoker's and the server's languages, for an answer to a failure. */
	locale?: string | undefined;
	guildLocale?: string | undefined;
}

export interface Pipeline<Outcome> {
	/** One interaction payload (already verified when it came over HTTP), answered through `responder`. */
	handle(payload: unknown, responder: Responder, delivery?: Delivery): Promise<Handled<Outcome>>;
	/** A command its host read itself: the same guard, deadline, context and outcome as `handle`. */
	run(command: ReadCommand, responder: Responder, delivery?: Delivery): Promise<Handled<Outcome>>;
	/** Suggestions for the focused option of a command (none for an unknown command or option). */
	autocomplete(
		name: string,
		query: AutocompleteQuery,
		context?: AutocompleteContext,
	): Promise<APIApplicationCommandOptionChoice<string | number>[]>;
	/** The commands, by name. */
	readonly commands: ReadonlyMap<string, SlashCommand<unknown, Outcome>>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds the pipeline. Throws when two commands share a name or a `custom_id` prefix. */
export function createPipeline<Outcome>(options: PipelineOptions<Outcome>): Pipeline<Outcome> {
	const clock = options.clock ?? systemClock;
	const baseLogger = options.logger ?? silentLogger;
	const commands = new Map<string, SlashCommand<unknown, Outcome>>();
	const components: Array<{ owner: SlashCommand<unknown, Outcome>; handler: ComponentHandler<never> }> = [];
	const modals: Array<{ owner: SlashCommand<unknown, Outcome>; handler: ComponentHandler<never> }> = [];
	for (const command of options.commands) {
		if (commands.has(command.data.name)) throw new Error(`two commands are named ${command.data.name}`);
		commands.set(command.data.name, command);
		for (const [list, handlers] of [
			[components, command.components ?? []],
			[modals, command.modals ?? []],
		] as const)
			for (const handler of handlers) {
				const clash = list.find(
					(other) =>
						other.handler.prefix.startsWith(handler.prefix) ||
						handler.prefix.startsWith(other.handler.prefix),
				);
				if (clash) throw new Error(`custom_id prefixes ${clash.handler.prefix} and ${handler.prefix} overlap`);
				list.push({ owner: command, handler: handler as ComponentHandler<never> });
			}
	}
	const ownGuard = options.replayGuard ?? new SeenInteractions(REPLAY_TTL_MS, undefined, clock.now());
	// Only a lost answer needs the bot's user id (old applications' differs from the
	// application id): asked once, when first needed.
	let botId: Promise<string> | undefined;
	const learnBotUserId = (): Promise<string> =>
		(botId ??= (options.rest.api.get(Routes.user('@me')) as Promise<{ id: string }>).then(
			(user) => user.id,
			(error: unknown) => {
				botId = undefined;
				throw error;
			},
		));

	/** Each interaction id runs once. */
	async function firstSeen(id: string, delivery: Delivery, logger: Logger): Promise<boolean> {
		const guard = delivery.replayGuard ?? ownGuard;
		if (await guard.firstSeen(id, delivery.replayNowMs ?? clock.now(), delivery.signedAtMs)) return true;
		logger.warn(
			{ interaction: id },
			'refused a replayed interaction (seen before: a resumed shard, a replayed request)',
		);
		return false;
	}

	function contextFor(
		payload: { id: string; token?: unknown; application_id?: unknown; guild_id?: unknown; member?: unknown },
		responder: Responder,
		delivery: Delivery,
		logger: Logger,
	): Omit<CommandContext, 'deadline'> {
		const applicationId = typeof payload.application_id === 'string' ? payload.application_id : undefined;
		return {
			interactionId: payload.id,
			interactionToken: typeof payload.token === 'string' ? payload.token : undefined,
			receivedAt:
				delivery.receivedAt ??
				receivedAtFromCreation(snowflakeTimestamp(payload.id) ?? clock.now(), clock.now()),
			responder,
			lookups:
				delivery.lookups ??
				restLookups(payload as Parameters<typeof restLookups>[0], {
					rest: options.rest.api,
					applicationId: applicationId ?? '',
					clock,
					attachmentFetch: options.attachmentFetch,
				}),
			rest: options.rest,
			botUserId: delivery.botUserId ?? options.botUserId ?? learnBotUserId,
			logger,
			clock,
			cooldowns: delivery.cooldowns ?? options.cooldowns,
			settings: options.settings ?? {},
			store: options.store,
			signal: options.signal,
		};
	}

	/** Runs a command (read already) under the deadline; every path ends in one answer. */
	async function execute(
		command: SlashCommand<unknown, Outcome>,
		input: unknown,
		payload: { id: string; locale?: unknown; guild_locale?: unknown },
		responder: Responder,
		delivery: Delivery,
		logger: Logger,
	): Promise<Handled<Outcome>> {
		const deferAtOnce = delivery.deferAtOnce ?? options.deferAtOnce ?? false;
		const answers = deferAtOnce ? deferringAtOnce(deadlineAnswers(responder)) : deadlineAnswers(responder);
		const base = contextFor(payload, responder, delivery, logger);
		const deadline = new DeadlineReply(answers, {
			receivedAt: base.receivedAt,
			// Deferred already: the deadline's timer then only marks the answer as an edit.
			deferAfterMs: deferAtOnce ? 0 : (delivery.deferAfterMs ?? options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS),
			logger,
			clock,
		});
		const context: CommandContext = { ...base, deadline };
		try {
			const report = await command.execute(input as never, context);
			// Work after the answer (a job follow-up) is kept alive where the host needs that.
			if (report.background) delivery.waitUntil?.(report.background);
			const metrics = delivery.metrics ?? options.metrics;
			if (report.outcome !== undefined) {
				if (metrics) command.record?.(report.outcome, metrics, options.transport);
				options.onOutcome?.(report.outcome);
			}
			return { status: 'answered', outcome: report.outcome };
		} catch (error) {
			// A bug of ours: the user still gets an answer (unless one went out already).
			const reference = newReference();
			logger.error({ name: command.data.name, reference, interaction: payload.id, err: error }, 'command failed');
			const messages = messagesFor(text(payload.locale) ?? 'en-US', text(payload.guild_locale));
			await deadline
				.send(textReply(failureText({ id: 'unknown', args: [reference], log: true }, messages)))
				.catch(() => undefined);
			return { status: 'answered' };
		}
	}

	async function unknown(
		payload: Json,
		name: string,
		responder: Responder,
		logger: Logger,
	): Promise<Handled<Outcome>> {
		logger.warn({ name, interaction: payload.id }, 'unknown command');
		await callback(responder, logger, {
			type: InteractionResponseType.ChannelMessageWithSource,
			data: unknownCommandReply(name, text(payload.locale), text(payload.guild_locale)),
		});
		return { status: 'answered' };
	}

	async function component(
		payload: Json,
		list: typeof components,
		responder: Responder,
		delivery: Delivery,
		logger: Logger,
	): Promise<Handled<Outcome>> {
		const data = isObject(payload.data) ? payload.data : undefined;
		if (typeof payload.id !== 'string' || typeof payload.token !== 'string' || typeof data?.custom_id !== 'string')
			return { status: 'unsupported', type: payload.type as number };
		const customId = data.custom_id;
		if (!(await firstSeen(payload.id, delivery, logger))) return { status: 'replayed' };
		const found = list.find((entry) => customId.startsWith(entry.handler.prefix));
		if (!found) return unknown(payload, customId, responder, logger);
		const base = contextFor(payload as { id: string }, responder, delivery, logger);
		// A button or select menu answers by updating its message (or deferring that); a modal
		// with a new ephemeral message. The same timing rules as a command's.
		const answers =
			payload.type === InteractionType.MessageComponent ? updateAnswers(responder) : deadlineAnswers(responder);
		const deadline = new DeadlineReply(answers, {
			receivedAt: base.receivedAt,
			deferAfterMs: delivery.deferAfterMs ?? options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
			logger,
			clock,
		});
		try {
			await found.handler.handle(payload as never, { ...base, deadline });
		} catch (error) {
			const reference = newReference();
			logger.error({ customId, reference, interaction: payload.id, err: error }, 'component handler failed');
			// Never over the message the component sits on: a new ephemeral message, or a follow-up.
			const messages = messagesFor(text(payload.locale) ?? 'en-US', text(payload.guild_locale));
			const failure = textReply(failureText({ id: 'unknown', args: [reference], log: true }, messages));
			await responder
				.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: failure })
				.catch(() => responder.followUp(failure))
				.catch((failed: unknown) => logger.warn({ err: failed }, 'could not answer the interaction'));
		} finally {
			// A handler that answered with its own callback is done: no defer after it.
			deadline.cancel();
		}
		return { status: 'answered' };
	}

	async function handle(raw: unknown, responder: Responder, delivery: Delivery = {}): Promise<Handled<Outcome>> {
		const logger = delivery.logger ?? baseLogger;
		if (!isObject(raw) || typeof raw.type !== 'number')
			return { status: 'malformed', problem: 'not an interaction' };
		const payload = raw;
		switch (payload.type) {
			case InteractionType.Ping:
				await responder.callback({ type: InteractionResponseType.Pong });
				return { status: 'answered' };
			case InteractionType.ApplicationCommand: {
				if (typeof payload.token !== 'string' || typeof payload.id !== 'string')
					return { status: 'malformed', problem: 'not an interaction' };
				if (!(await firstSeen(payload.id, delivery, logger))) return { status: 'replayed' };
				const data = isObject(payload.data) ? payload.data : {};
				const name = typeof data.name === 'string' ? data.name : '?';
				const command = data.type === ApplicationCommandType.ChatInput ? commands.get(name) : undefined;
				// A command we do not serve (a stale registration) still gets an answer the user reads.
				if (!command) return unknown(payload, name, responder, logger);
				// One validating reader for everything the command takes: malformed is a problem, never a crash.
				const read = command.read(payload);
				if (!read.ok) {
					logger.warn({ interaction: payload.id, problem: read.problem }, 'malformed interaction refused');
					return { status: 'malformed', problem: read.problem };
				}
				return execute(command, read.value, payload as { id: string }, responder, delivery, logger);
			}
			case InteractionType.ApplicationCommandAutocomplete: {
				const read = readAutocompletePayload(payload);
				if (!read.ok) {
					logger.warn({ problem: read.problem }, 'malformed interaction refused');
					return { status: 'malformed', problem: read.problem };
				}
				const data = isObject(payload.data) ? payload.data : {};
				const choices = await autocomplete(typeof data.name === 'string' ? data.name : '', read.value, {
					payload,
					store: options.store,
				});
				await callback(responder, logger, {
					type: InteractionResponseType.ApplicationCommandAutocompleteResult,
					data: { choices },
				});
				return { status: 'answered' };
			}
			case InteractionType.MessageComponent:
				return component(
					payload as APIMessageComponentInteraction & Json,
					components,
					responder,
					delivery,
					logger,
				);
			case InteractionType.ModalSubmit:
				return component(payload as APIModalSubmitInteraction & Json, modals, responder, delivery, logger);
			default:
				return { status: 'unsupported', type: payload.type as number };
		}
	}

	async function autocomplete(
		name: string,
		query: AutocompleteQuery,
		context: AutocompleteContext = { store: options.store },
	): Promise<APIApplicationCommandOptionChoice<string | number>[]> {
		const focused = query.focused?.name;
		const table = commands.get(name)?.autocomplete;
		// `revoke code` for an option of a subcommand, else the option's name alone.
		const suggest = focused
			? (table?.[[...(query.subcommand ?? []), focused].join(' ')] ?? table?.[focused])
			: undefined;
		return suggest ? await suggest(query, context) : [];
	}

	async function run(read: ReadCommand, responder: Responder, delivery: Delivery = {}): Promise<Handled<Outcome>> {
		const logger = delivery.logger ?? baseLogger;
		if (!(await firstSeen(read.id, delivery, logger))) return { status: 'replayed' };
		const command = commands.get(read.name);
		if (!command) return unknown({ id: read.id }, read.name, responder, logger);
		return execute(
			command,
			read.input,
			{ id: read.id, locale: read.locale, guild_locale: read.guildLocale },
			responder,
			delivery,
			logger,
		);
	}

	return { handle, run, autocomplete, commands };
}

/** Sends a callback; a failure is logged (the interaction is lost, nothing else to do). */
async function callback(responder: Responder, logger: Logger, body: APIInteractionResponse): Promise<void> {
	await responder
		.callback(body)
		.catch((error: unknown) => logger.warn({ err: error }, 'could not answer the interaction'));
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
