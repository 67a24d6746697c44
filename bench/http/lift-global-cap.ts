/**
 * Bench-only preload for "ours, global cap off" until `DISCORD_REST_GLOBAL_RPS=0` is on main:
 * lifts @discordjs/rest's default of 50 requests/s for every REST client the process builds
 * (the endpoint passes no `globalRequestsPerSecond` of its own). Once the variable exists,
 * the bench sets it too and this changes nothing.
 */
import { DefaultRestOptions } from '@discordjs/rest';

(DefaultRestOptions as { globalRequestsPerSecond: number }).globalRequestsPerSecond = Number.MAX_SAFE_INTEGER;
