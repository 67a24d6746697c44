/**
 * A local Discord for testing your own bot offline: a loopback REST API and gateway for one
 * seeded server, which the real discord.js `Client` and @discordjs/rest talk to unchanged
 * (point `rest.api` at `apiUrl`). Seed it, dispatch slash commands and autocomplete as a
 * member would, and read the reply the member would see, the requests your bot made, and
 * whether it answered within Discord's 3 seconds. Nothing reaches discord.com.
 *
 * @example
 * ```ts
 * import { Client, GatewayIntentBits } from 'discord.js';
 * import { startLocalDiscord } from 'discord-invite-command/testing';
 *
 * const discord = await startLocalDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
 * client.on('interactionCreate', yourHandler);
 * await client.login(discord.token);
 * await discord.ready();
 * const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general', command: 'ping' }));
 * const message = await handle.message(); // what the member sees
 * await client.destroy();
 * await discord.close();
 * ```
 *
 * @packageDocumentation
 */
export * from '../local-discord/index.js';
