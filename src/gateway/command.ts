/**
 * The discord.js adapter: `/invite` (and `/invites`, `/invite-settings`) in the discord.js
 * guide's command shape (`{ data, execute, autocomplete }`). It hands a discord.js interaction
 * to the pipeline (src/pipeline/) and answers through discord.js or REST interaction
 * callbacks; everything else (the replay guard, the deadline, cooldowns, logs, metrics) is the
 * pipeline's, as on every other host. Beside it: the readers of discord.js's objects
 * (discordjs-read.ts), the cache's lookups (discordjs-lookups.ts), the buttons' listener
 * (discordjs-components.ts), the REST clients (discordjs-origin.ts), what a call runs with
 * (discordjs-lending.ts) and the public types (discordjs-types.ts).
 *
 * `executePayload` is the same command for a bot that hands it the raw INTERACTION_CREATE
 * payload and a REST client and keeps no discord.js caches: the payload goes to the pipeline as
 * it is, answered with REST interaction callbacks. (This project's own gateway bot needs none of
 * this file: it feeds the pipeline directly, src/gateway/bot.ts.)
 */
import type { REST } from '@discordjs/rest';
import type { ChatInputCommandInteraction, Client } from 'discord.js';
import type {
	APIChatInputApplicationCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMANDS } from '../commands/invite.js';
import { COMMAND_NAME, inviteCommand } from '../core/command.js';
import { receivedAtFromCreation, systemClock } from '../core/deadline.js';
import type { InviteOutcome } from '../core/invite.js';
import type { Parsed } from '../core/payload.js';
import { inviteSettingsCommand } from '../core/settings.js';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import type { CommandRests, SlashCommand } from '../pipeline/command.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import { restResponder } from '../pipeline/responder.js';
import { type ComponentTaker, componentRouter } from './discordjs-components.js';
import { lending } from './discordjs-lending.js';
import { lookupsFor } from './discordjs-lookups.js';
import { commandRests, isClient, tokenOfSource } from './discordjs-origin.js';
import { commandPayloadOf, componentPayloadOf, readInvocation, readSettingsInvocation } from './discordjs-read.js';
import { discordJsResponder } from './discordjs-responder.js';
import type { CommandContext, CommandData, GuideCommand, InviteCommandOptions } from './discordjs-types.js';

export type { CommandContext, CommandData, GuideCommand, InviteCommandOptions } from './discordjs-types.js';

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
	const { loggerFor, lent } = lending(options);

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
