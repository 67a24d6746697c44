/**
 * The transport-free core of `/invite`, for frameworks other than discord.js (Sapphire,
 * slash-create, Carbon, your own): the command's registration JSON, an interaction's options
 * in, one Create Channel Invite request and one ephemeral reply out. Needs @discordjs/rest
 * and discord-api-types, never discord.js.
 *
 * @example
 * ```ts
 * import { autocompleteChoices, createInviteRest, invocationFromPayload, inviteCommand, runInvite } from 'discord-invite-command/core';
 * // register inviteCommand, then for each /invite payload:
 * await runInvite(invocationFromPayload(payload), { rest: createInviteRest({ token }), responder });
 * ```
 *
 * @packageDocumentation
 */

/**
 * The one interaction pipeline, for a host of your own (a raw gateway on @discordjs/ws, another
 * HTTP server): `createPipeline({ commands: COMMANDS, ... }).handle(payload, restResponder(rest, payload))`.
 */
export { COMMANDS, invite } from '../commands/invite.js';
export { type InviteDependencies, runInvite } from '../commands/invite-run.js';
export { type AutocompleteQuery, autocompleteChoices, describeDuration, suggestExpires } from '../core/autocomplete.js';
export {
	AUDIT_LOG_REASON_LIMIT,
	auditLogReason,
	buildRequest,
	type Checked,
	checkPermissions,
	INVITABLE_CHANNEL_TYPES,
	lookupsNeeded,
	MAX_USES_LIMIT,
	REASON_OPTION_MAX_LENGTH,
	type ReadOptions,
	type Refusal,
	readInviteOptions,
	refusalText,
	targetChannel,
} from '../core/checks.js';
export { buildInviteCommand, COMMAND_NAME, inviteCommand } from '../core/command.js';
export {
	ANSWER_WINDOW_MS,
	DEFAULT_DEFER_AFTER_MS,
	DeadlineReply,
	type InteractionResponder,
	MAX_HOST_DELAY_MS,
	type ResponseDelivery,
	receivedAtFromCreation,
} from '../core/deadline.js';
export {
	DEFAULT_INVITE_AGE_SECONDS,
	DISCORD_EXPIRY_PRESETS,
	type DurationResult,
	type DurationVocabulary,
	MAX_INVITE_AGE_SECONDS,
	parseDuration,
} from '../core/duration.js';
export { classifyError, type Failure, failureText } from '../core/errors.js';
export type { InviteLookups, InviteOutcome } from '../core/invite.js';
export { canListInvites, findLostInvite } from '../core/lost-invite.js';
export {
	ALL_PERMISSION_FLAGS,
	computeBasePermissions,
	computeChannelPermissions,
	type PermissionBits,
	type PermissionOverwrite,
	type PermissionSources,
	readPermissionBits,
} from '../core/permissions.js';
export {
	inviteUrl,
	isReused,
	messageBody,
	type RenderContext,
	type ReplyMessage,
	renderInvite,
	textReply,
	unknownCommandReply,
} from '../core/render.js';
export type {
	ChannelInviteRequest,
	ChannelPermissions,
	InviteInvocation,
	InviteOptions,
	InvocationChannel,
	InvocationRole,
	RoleStanding,
} from '../core/types.js';
export {
	createChannelInvite,
	createInviteRest,
	getChannelInvites,
	type InviteRestOptions,
	onChannelRateLimit,
} from '../discord/invites.js';
/** Raw interaction payloads (as an HTTP endpoint or a gateway `INTERACTION_CREATE` carries them) read into the core's input. */
export { autocompleteFromPayload, invocationFromPayload } from '../http/invocation.js';
export { type ArgsOf, MESSAGES, type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
export { createConsoleLogger, type Logger, type LogLevel, silentLogger } from '../log-core.js';
export type {
	CommandContext as PipelineCommandContext,
	ComponentHandler,
	SlashCommand,
} from '../pipeline/command.js';
export { type Lookups, restLookups } from '../pipeline/lookups.js';
export {
	createPipeline,
	type Delivery,
	type Handled,
	type Pipeline,
	type PipelineOptions,
} from '../pipeline/pipeline.js';
export { DEFERRED_EPHEMERAL, deadlineAnswers, type Responder, restResponder } from '../pipeline/responder.js';
