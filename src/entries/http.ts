/**
 * The `/invite` Interactions Endpoint for your own server: a host-free handler (a Web
 * `Request` in, a `Response` out) for Workers, Deno, Bun or any framework with `fetch`-style
 * handlers, and a Node adapter (`createInteractionServer`) around it. It verifies Discord's
 * signature first (401), answers PING, then runs `/invite`. Never loads discord.js.
 *
 * @example
 * ```ts
 * import { REST } from '@discordjs/rest';
 * import { createInteractionHandler, createInviteRest } from 'discord-invite-command/http';
 * const handler = createInteractionHandler({
 * 	publicKey: process.env.DISCORD_PUBLIC_KEY!,
 * 	applicationId: process.env.DISCORD_APPLICATION_ID!,
 * 	rest: new REST().setToken(process.env.DISCORD_TOKEN!),
 * 	inviteRest: createInviteRest({ token: process.env.DISCORD_TOKEN! }),
 * });
 * // app.post('/interactions', (request) => handler(request))
 * ```
 *
 * @packageDocumentation
 */
export type { InviteOutcome } from '../core/invite.js';
export { createInviteRest, type InviteRestOptions } from '../discord/invites.js';
export type { EndpointSettings, InteractionEnv } from '../http/bindings.js';
export {
	createInteractionHandler,
	HANDLER_DEFAULTS,
	type HandlerContext,
	HEALTH_PATH,
	handleInteraction,
	INTERACTIONS_PATH,
	type InteractionHandler,
	type InteractionHandlerOptions,
	type ReplayGuard,
	SeenInteractions,
} from '../http/handler.js';
export {
	createInteractionServer,
	type InteractionServer,
	type InteractionServerOptions,
	SERVER_DEFAULTS,
} from '../http/server.js';
export { createLogger, type Logger, type LogLevel, silentLogger } from '../log.js';
