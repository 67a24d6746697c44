/**
 * The floor of the HTTP benchmark: the least an Interactions Endpoint must do. node:http,
 * the Ed25519 verify with node:crypto (401 when it fails), PING, and a type 4 answer to
 * every command, without calling Discord (floor-server.ts). No endpoint that verifies and
 * answers can spend less CPU per request than this on the same machine.
 *
 * `PORT=<port> DISCORD_PUBLIC_KEY=<hex> node --import tsx bench/http/floor.ts`
 */
import { startFloor } from './floor-server.js';

startFloor((_interaction, answer) =>
	answer(200, { type: 4, data: { content: 'https://discord.gg/floor', flags: 64 } }),
);
