/**
 * The `/invite` Interactions Endpoint as one host-free function, for Cloudflare Workers, Deno,
 * Bun or any framework with `fetch`-style handlers: a Web `Request` in, a `Response` out. It
 * verifies Discord's signature first (401), answers PING, then runs `/invite`. Nothing in this
 * entry's module graph imports a `node:` module (no pino, no `node:http`; logs go through
 * `console.log`), and a bundler for Workers takes @discordjs/rest's web build. On Node, the
 * `./http` entry adds the `node:http` server around the same handler.
 *
 * @example
 * ```ts
 * // A Cloudflare Worker: the variables (DISCORD_PUBLIC_KEY, DISCORD_TOKEN, ...) are bindings.
 * import { handleInteraction } from 'discord-invite-command/fetch';
 * export default { fetch: handleInteraction };
 * ```
 *
 * @packageDocumentation
 */
export type { InviteOutcome } from '../core/invite.js';
export { type ReplayGuard, SeenInteractions } from '../core/replay.js';
export { createInviteRest, type InviteRestOptions } from '../discord/invites.js';
export type { EndpointSettings, InteractionEnv } from '../http/bindings.js';
export { createInteractionHandler, handleInteraction, type InteractionHandler } from '../http/handler.js';
export type { InteractionHandlerOptions } from '../http/setup.js';
export { createConsoleLogger, type Logger, type LogLevel, silentLogger } from '../log-core.js';
export { HANDLER_DEFAULTS, type HandlerContext, HEALTH_PATH, INTERACTIONS_PATH } from '../pipeline/endpoint.js';
