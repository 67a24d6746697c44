/**
 * Buttons, select menus and modals of the drop-in commands in a discord.js bot. A guide-shaped
 * `interactionCreate` handler hands the commands only chat-input and autocomplete
 * interactions; the Revoke button of an `/invite` reply and the pages of `/invites list` would
 * reach nobody. So each discord.js Client the commands see gets one listener of its own (the
 * way discord.js's collectors and Sapphire's interaction handlers listen), which takes only the
 * interactions whose `custom_id` starts with a prefix the commands own and leaves every other
 * one to the bot.
 *
 * A bot may also hand interactions over itself (`handleComponent`): needed for clicks on
 * replies made before a restart, which arrive before any command saw the client. A click
 * handed over both ways runs once: it is claimed here first (one discord.js object per
 * delivery), and the pipeline's replay guard refuses its id a second time.
 */
import {
	type Client,
	Events,
	type Interaction,
	type MessageComponentInteraction,
	type ModalSubmitInteraction,
} from 'discord.js';

/** One drop-in command, as the router sees it. */
export interface ComponentTaker {
	/** Whether the `custom_id` is one of this command's own (the Revoke button for `/invite`). */
	owns(customId: string): boolean;
	/** Whether its pipeline routes the `custom_id` at all (any command's it serves). */
	serves(customId: string): boolean;
	/** Runs the interaction through the pipeline, answered over REST. Never throws. */
	take(interaction: MessageComponentInteraction | ModalSubmitInteraction, context: unknown): Promise<void>;
}

/** The commands a Client's interactions may go to, and the interactions taken already. */
class ComponentRouter {
	readonly #takers: ComponentTaker[] = [];
	readonly #claimed = new WeakSet<Interaction>();

	add(taker: ComponentTaker): void {
		if (!this.#takers.includes(taker)) this.#takers.push(taker);
	}

	/**
	 * Takes the interaction when a command owns its `custom_id` (the owning command first, so
	 * its own options apply; `preferred` next). True when it was the commands'.
	 */
	async route(interaction: Interaction, context?: unknown, preferred?: ComponentTaker): Promise<boolean> {
		if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return false;
		const { customId } = interaction;
		const taker =
			this.#takers.find((candidate) => candidate.owns(customId)) ??
			(preferred?.serves(customId) ? preferred : this.#takers.find((candidate) => candidate.serves(customId)));
		if (!taker) return false;
		// Handed over by both the listener and the bot: the first one runs it.
		if (this.#claimed.has(interaction)) return true;
		this.#claimed.add(interaction);
		await taker.take(interaction, context);
		return true;
	}
}

/** One router, and so one listener, per Client: however many commands and instances see it. */
const routers = new WeakMap<Client, ComponentRouter>();

/**
 * The Client's router, listening from the first call on. A listener added while discord.js
 * emits an interaction is not called for that one (Node copies the listener list first), so
 * the call that adds it still handles it itself.
 */
export function componentRouter(client: Client): ComponentRouter {
	let router = routers.get(client);
	if (!router) {
		const created = new ComponentRouter();
		client.on(Events.InteractionCreate, (interaction) => void created.route(interaction));
		routers.set(client, created);
		router = created;
	}
	return router;
}
