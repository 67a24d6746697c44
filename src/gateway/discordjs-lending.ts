/**
 * What each call of a drop-in command runs with: the command's own options first, then what
 * the host bot lends (`CommandContext`: our gateway bot lends its logger, cooldowns, replay
 * guard and store), then the command's own defaults, made once and kept.
 */
import type { REST } from '@discordjs/rest';
import { cooldownLimits, createCooldowns, type InviteCooldowns } from '../core/cooldown.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import { defaultLogger, type Logger } from '../log.js';
import { type Delivery, REPLAY_TTL_MS } from '../pipeline/pipeline.js';
import type { CommandContext, InviteCommandOptions } from './discordjs-types.js';

export interface Lending {
	/** The logger for a call; the default one masks the bot's token (known only at run time). */
	loggerFor(context: CommandContext | undefined, token: string | null | undefined): Logger;
	/** What the host lends for one call, as the pipeline takes it (the command's REST clients instrumented). */
	lent(context: CommandContext | undefined, logger: Logger, rests: { api: REST; create: REST }): Delivery;
}

/** The loans of one command, for its options. */
export function lending(options: InviteCommandOptions): Lending {
	const fallbackLoggers = new Map<string, Logger>();
	// The host's context lends cooldowns and a guard unless the options set them.
	const ownsCooldowns =
		options.cooldownPerUser !== undefined ||
		options.cooldownPerGuild !== undefined ||
		options.cooldownStore !== undefined;
	const limits = cooldownLimits(
		options.cooldownPerUser === 0 ? null : options.cooldownPerUser,
		options.cooldownPerGuild === 0 ? null : options.cooldownPerGuild,
	);
	let ownCooldowns: InviteCooldowns | undefined;
	const cooldownsFor = (context: CommandContext | undefined): InviteCooldowns =>
		(ownsCooldowns ? undefined : context?.cooldowns) ??
		(ownCooldowns ??= createCooldowns({ ...limits, store: options.cooldownStore }));
	let ownGuard: ReplayGuard | undefined;
	const guardFor = (context: CommandContext | undefined): ReplayGuard =>
		options.replayGuard ?? context?.replayGuard ?? (ownGuard ??= new SeenInteractions(REPLAY_TTL_MS));
	return {
		loggerFor(context, token) {
			const given = options.logger ?? context?.logger;
			if (given) return given;
			let logger = fallbackLoggers.get(token ?? '');
			if (!logger) {
				logger = defaultLogger(token ? [token] : []);
				fallbackLoggers.set(token ?? '', logger);
			}
			return logger;
		},
		lent(context, logger, rests) {
			const metrics = options.metrics ?? context?.metrics;
			metrics?.instrumentRest(rests.api);
			metrics?.instrumentRest(rests.create);
			return {
				logger,
				metrics,
				cooldowns: cooldownsFor(context),
				replayGuard: guardFor(context),
				deferAtOnce: options.deferAtOnce ?? context?.deferAtOnce ?? false,
			};
		},
	};
}
