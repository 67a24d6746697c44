/**
 * The pipeline's responder on a discord.js chat-input interaction: the answers go out through
 * discord.js (`reply`, `deferReply`, `editReply`, `followUp`), so the host bot's own view of
 * the interaction (`deferred`, `replied`) stays true.
 */
import {
	type ChatInputCommandInteraction,
	type InteractionEditReplyOptions,
	type InteractionReplyOptions,
	MessageFlags,
} from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { messageBody, type ReplyMessage } from '../core/render.js';
import type { Responder } from '../pipeline/responder.js';

/** The core's message as discord.js takes it (camelCase `allowedMentions`; no mention pings). */
export function discordJsBody(message: ReplyMessage) {
	const body = messageBody(message);
	return { content: body.content, components: body.components, allowedMentions: body.allowed_mentions };
}

/**
 * A host bot may have deferred before calling `execute` (many guide-style dispatchers do):
 * then the first answer is an edit, and there is nothing to defer; a reply the host made
 * itself is never overwritten (ours goes out as an ephemeral follow-up).
 */
export function discordJsResponder(interaction: ChatInputCommandInteraction): Responder {
	const answered = () => interaction.deferred || interaction.replied;
	const hostReplied = interaction.replied;
	// The API's body as discord.js takes it (camelCase `allowedMentions`); the core's messages carry nothing else.
	const asDiscordJs = (body: {
		content?: string | null | undefined;
		components?: unknown;
		allowed_mentions?: unknown;
	}): InteractionReplyOptions & InteractionEditReplyOptions =>
		({
			content: body.content ?? undefined,
			components: body.components,
			allowedMentions: body.allowed_mentions,
		}) as InteractionReplyOptions & InteractionEditReplyOptions;
	return {
		async callback(response) {
			if (response.type === InteractionResponseType.DeferredChannelMessageWithSource) {
				if (!answered()) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
				return;
			}
			if (response.type !== InteractionResponseType.ChannelMessageWithSource)
				throw new Error(`a chat-input command answers with a message, not callback type ${response.type}`);
			const body = asDiscordJs(response.data);
			// Deferred by the host: fill in its "thinking…". Already replied to by the host: never
			// overwrite its message, add ours as an ephemeral follow-up.
			if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
			else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
		},
		async editOriginal(body) {
			const message = asDiscordJs(body);
			if (hostReplied) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
			else await interaction.editReply(message);
		},
		async followUp(body) {
			await interaction.followUp({ ...asDiscordJs(body), flags: MessageFlags.Ephemeral });
		},
	};
}
