/**
 * `/invite-settings` as the pipeline's command module: a server's limits on `/invite` and its
 * invite log, kept in the store (`context.store`). Manage Server only, checked again here from
 * the payload's permissions (fail closed). Every answer is ephemeral, every refusal localized.
 */
import { channelMention } from '@discordjs/formatters';
import { autocompleteChoices } from '../core/autocomplete.js';
import { exemptFromLimits } from '../core/invite-limits.js';
import { textReply } from '../core/render.js';
import {
	inviteSettingsCommand,
	LOG_CHANNEL_TYPES,
	logChannelMissing,
	readSettingsPayload,
	readSettingsRequest,
	renderSettings,
	type ServerSettings,
	type SettingsInvocation,
} from '../core/settings.js';
import { languageOf, type Messages, messagesFor, vocabularyOf } from '../i18n/index.js';
import type { CommandContext, SlashCommand } from '../pipeline/command.js';
import type { InviteStore } from '../store/repository.js';

/** What one `/invite-settings` came to, for logs and tests. */
export interface SettingsOutcome {
	status: 'shown' | 'updated' | 'reset' | 'refused' | 'unavailable';
	/** Why it was refused (a stable label for logs). */
	refusal?: 'not-in-guild' | 'not-allowed' | 'no-store' | 'options' | 'log-channel' | undefined;
	/** The settings in force after the run, when the store answered. */
	settings?: ServerSettings | undefined;
	reply: string;
}

/** Runs `/invite-settings` for one invocation; always answers. */
export async function runInviteSettings(
	invocation: SettingsInvocation,
	context: Pick<CommandContext, 'deadline' | 'store' | 'lookups' | 'logger'>,
): Promise<SettingsOutcome> {
	const messages = messagesFor(invocation.locale, invocation.guildLocale);
	const locale = invocation.locale ?? languageOf(messages);
	const answer = async (outcome: SettingsOutcome): Promise<SettingsOutcome> => {
		await context.deadline.send(textReply(outcome.reply));
		context.logger.info(
			{
				interaction: invocation.interactionId,
				guild: invocation.guildId,
				user: invocation.invoker.id,
				command: 'invite-settings',
				outcome: outcome.refusal ? `${outcome.status}:${outcome.refusal}` : outcome.status,
			},
			'interaction',
		);
		return outcome;
	};
	const s = messages.settings;
	const guildId = invocation.guildId;
	if (guildId === null) return answer({ status: 'refused', refusal: 'not-in-guild', reply: s.notInGuild });
	// Registered for Manage Server only, but a server may open it to others: checked again.
	if (!exemptFromLimits(invocation.invoker.permissions))
		return answer({ status: 'refused', refusal: 'not-allowed', reply: s.notAllowed });
	const store = context.store;
	if (!store) return answer({ status: 'refused', refusal: 'no-store', reply: s.noStore });

	const asked = readSettingsRequest(invocation, messages, vocabularyOf(messages));
	if (!asked.ok) return answer({ status: 'refused', refusal: 'options', reply: asked.text });
	const request = asked.value;
	if (request.kind === 'show') return settled('shown', await store.getSettings(guildId));
	if (request.kind === 'reset') return settled('reset', await store.resetSettings(guildId), s.resetDone);

	// A log channel the bot cannot post in is refused now, not found out at the first invite.
	if (request.logChannel) {
		const problem = await logChannelProblem(request.logChannel, guildId, context, messages);
		if (problem) return answer({ status: 'refused', refusal: 'log-channel', reply: problem });
	}
	return settled('updated', await store.updateSettings(guildId, request.patch), s.saved);

	async function settled(
		status: 'shown' | 'updated' | 'reset',
		result: Awaited<ReturnType<InviteStore['getSettings']>>,
		heading?: string,
	): Promise<SettingsOutcome> {
		if (!result.ok)
			return answer(
				result.error === 'unavailable'
					? { status: 'unavailable', reply: s.unavailable }
					: { status: 'refused', refusal: 'options', reply: s.unavailable },
			);
		return answer({
			status,
			settings: result.value,
			reply: renderSettings(result.value, messages, locale, heading),
		});
	}
}

/**
 * What keeps the bot from posting in the log channel, in the reader's language: its
 * permissions there from the payload (`app_permissions` of the resolved channel), else looked
 * up; unknown refuses. Undefined: it can post.
 */
async function logChannelProblem(
	channel: NonNullable<SettingsInvocation['options']['log_channel']>,
	guildId: string,
	context: Pick<CommandContext, 'lookups' | 'logger'>,
	messages: Messages,
): Promise<string | undefined> {
	const mention = channelMention(channel.id);
	let bot = channel.appPermissions;
	if (bot === undefined || channel.type === undefined) {
		const looked = await context.lookups.channelPermissions?.(channel.id).catch((error: unknown) => {
			context.logger.warn({ err: error, channel: channel.id }, 'could not look up the log channel');
			return undefined;
		});
		if (looked?.channel?.guildId && looked.channel.guildId !== guildId)
			return messages.check.channelNotInGuild(mention);
		if (looked?.channel && !(LOG_CHANNEL_TYPES as readonly number[]).includes(looked.channel.type))
			return messages.settings.logChannelType(mention);
		bot ??= looked?.bot;
	}
	if (bot === undefined) return messages.settings.logChannelUnknown(mention);
	const missing = logChannelMissing(bot, messages);
	return missing ? messages.settings.logChannelMissing(mention, missing) : undefined;
}

/**
 * `/invite-settings`: shows or changes the server's limits on `/invite` and its invite log.
 * Its outcome stays here (the hosts' `onOutcome` and metrics speak `/invite`'s): it logs one
 * `interaction` line per run. A throw is answered by the pipeline ("something went wrong").
 */
export const inviteSettings: SlashCommand<SettingsInvocation, never> = {
	data: inviteSettingsCommand,
	read: readSettingsPayload,
	async execute(invocation, context) {
		await runInviteSettings(invocation, context);
		return {};
	},
	// `max_expires` is read like /invite's `expires`: the same suggestions.
	autocomplete: { max_expires: autocompleteChoices },
};
