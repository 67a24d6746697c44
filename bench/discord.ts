/**
 * The local Discord as the latency and memory benchmarks start it, and what users send.
 */
import type { InteractionInit, LocalDiscordOptions } from '../src/local-discord/index.js';

/**
 * Loopback, limits raised (Discord's 50 invites per 10 s per channel would make a latency
 * benchmark one of waiting; the burst suite keeps the real ones), bounded records.
 * Without `unique`, Discord (and the local one) hands back the existing invite, so the
 * guild never nears its 1000-invite limit.
 */
export const BENCH_DISCORD: LocalDiscordOptions = {
	host: '127.0.0.1',
	inviteBucket: { limit: 1_000_000, windowMs: 1_000 },
	defaultBucket: { limit: 1_000_000, windowMs: 1_000 },
	maxRecordedRequests: 200,
};

/** What users send, in turn: members and moderators, with and without options, two channels. */
export const MIX: Omit<InteractionInit, 'command'>[] = [
	{ user: 'member', channel: 'general' },
	{ user: 'member', channel: 'general', options: { expires: '2h', max_uses: 10 } },
	{ user: 'helper', channel: 'general', options: { expires: '1 week', reason: 'benchmark' } },
	{ user: 'moderator', channel: 'general', options: { channel: 'voice', expires: '30m' } },
	{ user: 'member', channel: 'general', options: { unique: true, expires: 'never' }, locale: 'de' },
];
