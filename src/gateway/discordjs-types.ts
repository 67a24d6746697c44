/**
 * The drop-in command's public types: what a guide-shaped command is (`GuideCommand`), what a
 * bot author configures (`InviteCommandOptions`) and what a host bot may lend on each call
 * (`CommandContext`).
 */
import type { REST, RESTOptions } from '@discordjs/rest';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Client, Interaction } from 'discord.js';
import type {
	APIChatInputApplicationCommandInteraction,
	APIInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CooldownLimit, CooldownStore, InviteCooldowns } from '../core/cooldown.js';
import type { Clock } from '../core/deadline.js';
import type { InviteOutcome } from '../core/invite.js';
import type { ReplayGuard } from '../core/replay.js';
import type { Logger } from '../log.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import type { InviteStore } from '../store/repository.js';

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
