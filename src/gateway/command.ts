/**
 * The discord.js adapter: `/invite` (and `/invites`, `/invite-settings`) in the discord.js
 * guide's command shape (`{ data, execute, autocomplete }`). It hands a discord.js interaction
 * to the pipeline (src/pipeline/) and answers through discord.js or REST interaction
 * callbacks; everything else (the replay guard, the deadline, cooldowns, logs, metrics) is the
 * pipeline's, as on every other host. The readers of discord.js's objects are in
 * discordjs-read.ts, the cache's lookups in discordjs-lookups.ts, the buttons' listener in
 * discordjs-components.ts.
 *
 * `executePayload` is the same command for a bot that hands it the raw INTERACTION_CREATE
 * payload and a REST client (ours does, and keeps no discord.js caches): the payload goes to
 * the pipeline as it is, answered with REST interaction callbacks.
 */
import type { REST, RESTOptions } from '@discordjs/rest';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Client, Interaction } from 'discord.js';
import type {
	APIChatInputApplicationCommandInteraction,
	APIInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMANDS } from '../commands/invite.js';
import { COMMAND_NAME, inviteCommand } from '../core/command.js';
import {
	type CooldownLimit,
	type CooldownStore,
	cooldownLimits,
	createCooldowns,
	type InviteCooldowns,
} from '../core/cooldown.js';
import { type Clock, receivedAtFromCreation, systemClock } from '../core/deadline.js';
import type { InviteOutcome } from '../core/invite.js';
import type { Parsed } from '../core/payload.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import { inviteSettingsCommand } from '../core/settings.js';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { defaultLogger, type Logger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import type { CommandRests, SlashCommand } from '../pipeline/command.js';
import { createPipeline, type Delivery, type Pipeline, REPLAY_TTL_MS } from '../pipeline/pipeline.js';
import { restResponder } from '../pipeline/responder.js';
import type { InviteStore } from '../store/repository.js';
import { type ComponentTaker, componentRouter } from './discordjs-components.js';
import { lookupsFor } from './discordjs-lookups.js';
import { commandRests, isClient, tokenOfSource } from './discordjs-origin.js';
import { commandPayloadOf, componentPayloadOf, readInvocation, readSettingsInvocation } from './discordjs-read.js';
import { discordJsResponder } from './discordjs-responder.js';

/** The command's data: the API JSON, plus `toJSON()` for loaders written for builders. */
export type CommandData = Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody> & {
	toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
};

/**
 * What the bot running a command may lend it on each call (our gateway bot does). A guide
 * dispatcher passes nothing, and the command's own options or defaults apply.
 */
export interface CommandContext {
	logger?: Logger | undefined;
	metrics?: InviteMetrics | undefined;
	/** The bot's cooldowns (shared through Redis when it has one). */
	cooldowns?: InviteCooldowns | undefined;
	/** The bot's replay guard: an interaction a shard sees again (resume, reconnect) runs once. */
	replayGuard?: ReplayGuard | undefined;
	/** The bot's choice: see `InviteCommandOptions.deferAtOnce`. */
	deferAtOnce?: boolean | undefined;
	/**
	 * How the command's REST clients put requests on the wire (@discordjs/rest's `makeRequest`).
	 * Unset, @discordjs/rest's own strategy, which goes through undici's global dispatcher: a
	 * proxy the host bot set there (`setGlobalDispatcher`) is kept.
	 */
	makeRequest?: RESTOptions['makeRequest'] | undefined;
	/** The bot's invite ledger (`DATABASE_URL`), unless the command's options name one. */
	store?: InviteStore | undefined;
}

/**
 * A command in the discord.js guide's shape. From the first interaction of a Client it runs
 * (`execute`, `autocomplete`, `handleComponent`), the command also listens on that Client for
 * the buttons and modals of its replies (the Revoke button, the pages of `/invites list`).
 */
export interface GuideCommand {
	data: CommandData;
	/** Runs the command (a guide dispatcher calls it for `interaction.isChatInputCommand()`). */
	execute(interaction: ChatInputCommandInteraction, context?: CommandContext): Promise<void>;
	/** Answers the focused option's suggestions (for `interaction.isAutocomplete()`). */
	autocomplete(interaction: AutocompleteInteraction, context?: CommandContext): Promise<void>;
	/**
	 * Runs a button, select menu or modal of the commands' replies and resolves `true`; any other
	 * interaction resolves `false`, untouched. Wire it once for clicks on replies made before the
	 * bot (re)started: `client.on(Events.InteractionCreate, (interaction) => void invite.handleComponent(interaction))`.
	 * An interaction handed over here and also caught by the command's own listener runs once.
	 */
	handleComponent(interaction: Interaction, context?: CommandContext): Promise<boolean>;
	/**
	 * Runs the command from the raw INTERACTION_CREATE payload (a chat-input command or its
	 * autocomplete), needing nothing from discord.js's caches: what the payload lacks is looked
	 * up over REST and the answers go out as REST interaction callbacks. `rest` is the bot's
	 * REST client (one made by `createRest`, so its token is known) or a logged-in discord.js
	 * Client. A bot that calls this must not also call `execute` for the same interaction.
	 */
	executePayload(
		payload: APIChatInputApplicationCommandInteraction | APIInteraction,
		rest: REST | Client,
		context?: CommandContext,
	): Promise<void>;
}

export interface InviteCommandOptions {
	/** Any pino logger (or one with pino's methods and argument order). Default: JSON on stderr at `LOG_LEVEL`. */
	logger?: Logger | undefined;
	/** Record into these metrics (see `createMetrics`); serving them is the host's. */
	metrics?: InviteMetrics | undefined;
	/** Abort the invite request after this long (ms). Default 10 s. */
	requestTimeoutMs?: number | undefined;
	/** Budget before deferring (ms). Default 1.5 s. */
	deferAfterMs?: number | undefined;
	/**
	 * Defer (ephemeral "thinking…") as soon as the interaction arrives, then edit in the answer:
	 * the 3-second window can never be missed, at the cost of one more interaction request
	 * (exempt from Discord's global limit) and a brief "thinking…". Default: the bot's
	 * choice (`CommandContext.deferAtOnce`), else off.
	 */
	deferAtOnce?: boolean | undefined;
	/** Longest rate-limit wait before giving up (ms). Default 30 s. */
	maxRateLimitWaitMs?: number | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Called with each outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/**
	 * Invites one user may create per window, as `COOLDOWN_PER_USER` takes it: `'5/60'` (the
	 * default), a `{ count, windowMs }`, or `0`/`null` for no limit.
	 */
	cooldownPerUser?: string | CooldownLimit | 0 | null | undefined;
	/** Invites one server may create per window, as `COOLDOWN_PER_GUILD`: default `'60/60'`. */
	cooldownPerGuild?: string | CooldownLimit | 0 | null | undefined;
	/** Where cooldown counts live (e.g. `RedisCooldownStore`). Default: process memory. */
	cooldownStore?: CooldownStore | undefined;
	/** Where seen interaction ids live. Default: process memory. */
	replayGuard?: ReplayGuard | undefined;
	/** The clock every timing rule runs on. Default: the system's. */
	clock?: Clock | undefined;
	/**
	 * The invite ledger and each server's settings: your own database through `openStore`
	 * (SQLite or Postgres) or `createInviteStore` (any Kysely). Default: the bot's
	 * (`CommandContext.store`), else none (invites are not recorded, `/invites` says so).
	 */
	store?: InviteStore | undefined;
}

/**
 * Builds the command. The invite request goes through a REST client of its own (one per
 * discord.js Client or REST client, same API base and token) configured never to repeat the
 * POST; the host bot's own client keeps its settings.
 */
export function createInviteCommand(options: InviteCommandOptions = {}): GuideCommand {
	return createGuideCommand(options, { data: inviteCommand, read: readInvocation });
}

/**
 * `/invite-settings` in the discord.js guide's shape, on the same pipeline as `/invite` (its
 * own instance): registered for Manage Server, checked again at run time. It keeps settings
 * only where the pipeline has a store; without one it says so.
 */
export function createInviteSettingsCommand(options: InviteCommandOptions = {}): GuideCommand {
	return createGuideCommand(options, { data: inviteSettingsCommand, read: readSettingsInvocation });
}

/**
 * Which command a guide-shaped command serves: its registration and, for a command the
 * drop-in reads from discord.js's objects (with the cache's lookups), its reader. Without
 * one, the interaction goes to the pipeline as the payload it was made from.
 */
export interface ServedCommand {
	data: Readonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;
	read?(interaction: ChatInputCommandInteraction): Parsed<unknown>;
}

/** Whether a `custom_id` is routed by one of `commands`' button, select menu or modal handlers. */
const routedBy =
	(commands: readonly SlashCommand<unknown, unknown>[]) =>
	(customId: string): boolean =>
		commands.some((command) =>
			[...(command.components ?? []), ...(command.modals ?? [])].some((handler) =>
				customId.startsWith(handler.prefix),
			),
		);

/** A guide-shaped command serving `served` on the pipeline every host runs. */
export function createGuideCommand(options: InviteCommandOptions, served: ServedCommand): GuideCommand {
	// The default logger masks the token it logs for (known only at run time).
	const fallbackLoggers = new Map<string, Logger>();
	const loggerFor = (context: CommandContext | undefined, token: string | null | undefined): Logger => {
		const given = options.logger ?? context?.logger;
		if (given) return given;
		let logger = fallbackLoggers.get(token ?? '');
		if (!logger) {
			logger = defaultLogger(token ? [token] : []);
			fallbackLoggers.set(token ?? '', logger);
		}
		return logger;
	};
	// The host's context lends cooldowns and a guard unless the options set them.
	const ownsCooldowns =
		options.cooldownPerUser !== undefined ||
		options.cooldownPerGuild !== undefined ||
		options.cooldownStore !== undefined;
	const limits = cooldownLimits(
		options.cooldownPerUser === 0 ? null : options.cooldownPerUser,
		options.cooldownPerGuild === 0 ? null : options.cooldownPerGuild,
	);
	let ownCooldowns: InviteCooldowns | undefined;
	const cooldownsFor = (context: CommandContext | undefined): InviteCooldowns =>
		(ownsCooldowns ? undefined : context?.cooldowns) ??
		(ownCooldowns ??= createCooldowns({ ...limits, store: options.cooldownStore }));
	let ownGuard: ReplayGuard | undefined;
	const guardFor = (context: CommandContext | undefined): ReplayGuard =>
		options.replayGuard ?? context?.replayGuard ?? (ownGuard ??= new SeenInteractions(REPLAY_TTL_MS));

	/** One pipeline per bot (what it lent: its Client or REST client), with the command's own REST clients. */
	const pipelines = new WeakMap<object, { pipeline: Pipeline<InviteOutcome>; rests: CommandRests }>();
	const pipelineFor = (source: REST | Client, context: CommandContext | undefined) => {
		let found = pipelines.get(source);
		if (!found) {
			const rests = commandRests(source, { ...options, makeRequest: context?.makeRequest });
			const pipeline = createPipeline<InviteOutcome>({
				commands: COMMANDS,
				rest: rests,
				transport: 'gateway',
				// Gateway bots run on Node: `users_file` is fetched with the address check.
				attachmentFetch: nodeAttachmentFetch,
				clock: options.clock,
				deferAfterMs: options.deferAfterMs,
				settings: {
					attachmentTimeoutMs: options.attachmentTimeoutMs,
					jobPollDelaysMs: options.jobPollDelaysMs,
				},
				onOutcome: options.onOutcome,
				store: options.store ?? context?.store,
			});
			found = { pipeline, rests };
			pipelines.set(source, found);
		}
		return found;
	};
	/** What the host lends for one call, as the pipeline takes it. */
	const lent = (context: CommandContext | undefined, logger: Logger, rests: CommandRests): Delivery => {
		const metrics = options.metrics ?? context?.metrics;
		metrics?.instrumentRest(rests.api);
		metrics?.instrumentRest(rests.create);
		return {
			logger,
			metrics,
			cooldowns: cooldownsFor(context),
			replayGuard: guardFor(context),
			deferAtOnce: options.deferAtOnce ?? context?.deferAtOnce ?? false,
		};
	};

	const json = served.data;
	const data: CommandData = Object.freeze({
		...json,
		toJSON: () => structuredClone(json) as RESTPostAPIChatInputApplicationCommandsJSONBody,
	});
	const own = COMMANDS.filter((command) => command.data.name === json.name);
	const components: ComponentTaker = {
		owns: routedBy(own),
		serves: routedBy(COMMANDS),
		take: (interaction, context) =>
			command
				.executePayload(
					componentPayloadOf(interaction),
					interaction.client,
					context as CommandContext | undefined,
				)
				.catch((error: unknown) =>
					loggerFor(context as CommandContext | undefined, interaction.client.token).error(
						{ interaction: interaction.id, err: error },
						'component interaction failed',
					),
				),
	};
	/** From the first interaction of a Client on, its buttons and modals reach the pipeline. */
	const listen = (client: Client) => {
		const router = componentRouter(client);
		router.add(components);
		return router;
	};

	const command: GuideCommand = {
		data,
		async execute(interaction, context) {
			listen(interaction.client);
			if (!served.read) return command.executePayload(commandPayloadOf(interaction), interaction.client, context);
			const { client } = interaction;
			const logger = loggerFor(context, client.token);
			// The same validating reader as the payload's: a malformed interaction is dropped
			// with a log line, never answered with a guess nor sent on to Discord.
			const read = served.read(interaction);
			if (!read.ok) {
				logger.warn({ interaction: interaction.id, problem: read.problem }, 'malformed interaction dropped');
				return;
			}
			const { pipeline, rests } = pipelineFor(client, context);
			await pipeline.run(
				{
					id: interaction.id,
					name: json.name,
					input: read.value,
					locale: interaction.locale,
					guildLocale: interaction.guildLocale ?? undefined,
				},
				discordJsResponder(interaction),
				{
					...lent(context, logger, rests),
					// Discord's clock starts at creation: time the host bot spent before calling us counts.
					receivedAt: receivedAtFromCreation(
						interaction.createdTimestamp,
						(options.clock ?? systemClock).now(),
					),
					lookups: lookupsFor(interaction, () => rests.api),
					botUserId: client.user.id,
				},
			);
		},
		async executePayload(payload, source, context) {
			const logger = loggerFor(context, tokenOfSource(source));
			const { pipeline, rests } = pipelineFor(source, context);
			const responder = restResponder(rests.api, payload as APIChatInputApplicationCommandInteraction, {
				clock: options.clock,
			});
			const handled = await pipeline.handle(payload, responder, {
				...lent(context, logger, rests),
				botUserId: isClient(source) ? (source.user?.id ?? undefined) : undefined,
			});
			if (handled.status === 'malformed')
				logger.warn({ interaction: payload.id, problem: handled.problem }, 'malformed interaction dropped');
		},
		async autocomplete(interaction, context) {
			listen(interaction.client);
			if (!served.read) return command.executePayload(commandPayloadOf(interaction), interaction.client, context);
			const logger = loggerFor(context, interaction.client.token);
			const focused = interaction.options.getFocused(true);
			const { pipeline } = pipelineFor(interaction.client, context);
			await pipeline
				.autocomplete(interaction.commandName, {
					focused: { name: focused.name, value: String(focused.value) },
					locale: interaction.locale,
					guildLocale: interaction.guildLocale ?? undefined,
				})
				.then((choices) => interaction.respond(choices))
				.catch((error: unknown) => logger.warn({ err: error }, 'could not answer autocomplete'));
		},
		handleComponent: (interaction, context) => listen(interaction.client).route(interaction, context, components),
	};
	return command;
}

export { COMMAND_NAME };
