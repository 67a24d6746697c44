/**
 * Prometheus metrics for `/invite` in a registry of their own (your prom-client registry stays
 * yours): pass `createMetrics()` as the `metrics` option of `createInviteCommand` or of the HTTP
 * handler, and serve `metrics.registry.metrics()` where you like. Needs `prom-client`, an
 * optional peer dependency: `npm install prom-client`.
 *
 * @example
 * ```ts
 * import { createInviteCommand } from 'discord-invite-command';
 * import { createMetrics } from 'discord-invite-command/metrics';
 * const metrics = createMetrics();
 * export default createInviteCommand({ metrics });
 * ```
 *
 * @packageDocumentation
 */
export { createMetrics, type InviteMetrics, type MetricsOptions } from '../ops/metrics.js';
