/**
 * The `/invite` Interactions Endpoint for your own Node server: the host-free handler of the
 * `./fetch` entry (a Web `Request` in, a `Response` out), plus a Node adapter
 * (`createInteractionServer`) around it and pino's `createLogger`. It verifies Discord's
 * signature first (401), answers PING, then runs `/invite`. Never loads discord.js. On
 * Workers, Deno or Bun import `./fetch` instead: this entry reaches `node:http` and pino.
 *
 * @example
 * ```ts
 * import { REST } from '@discordjs/rest';
 * import { createInteractionHandler, createInviteRest, nodeAttachmentFetch } from 'discord-invite-command/http';
 * const handler = createInteractionHandler({
 * 	publicKey: process.env.DISCORD_PUBLIC_KEY!,
 * 	applicationId: process.env.DISCORD_APPLICATION_ID!,
 * 	rest: new REST().setToken(process.env.DISCORD_TOKEN!),
 * 	inviteRest: createInviteRest({ token: process.env.DISCORD_TOKEN! }),
 * 	// users_file downloads connect only to public addresses (createInteractionServer's default).
 * 	attachmentFetch: nodeAttachmentFetch,
 * });
 * // app.post('/interactions', (request) => handler(request))
 * ```
 *
 * @packageDocumentation
 */
export {
	type GuardedFetchOptions,
	guardedAttachmentFetch,
	nodeAttachmentFetch,
	type ResolveHost,
} from '../discord/attachment-transport.js';
export {
	createInteractionServer,
	type InteractionServer,
	type InteractionServerOptions,
	SERVER_DEFAULTS,
} from '../http/server.js';
export { createLogger } from '../log.js';
// The host-free part is the ./fetch entry, whole; this one adds the Node adapter and pino.
export * from './fetch.js';
