/**
 * A sandbox session: the local Discord with its seeded guild, the bot logged into it (over
 * the gateway, or as the HTTP endpoint), and a way to type slash commands at it and see
 * what a person and Discord would see.
 */

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { APIInteraction } from 'discord-api-types/v10';
import {
	type APIApplicationCommandOption,
	ApplicationCommandOptionType,
	InteractionResponseType,
	InviteTargetUsersJobStatus,
} from 'discord-api-types/v10';
import { inviteCommand } from '../core/command.js';
import type { InviteOutcome } from '../core/invite.js';
import { invitesCommand } from '../core/ledger.js';
import { inviteSettingsCommand } from '../core/settings.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest } from '../discord/rest.js';
import { type Bot, startBot } from '../gateway/bot.js';
import { loadCommands } from '../gateway/command-loader.js';
import { createInteractionServer } from '../http/server.js';
import {
	type InteractionHandle,
	type LocalDiscord,
	type MessageState,
	NoGatewaySessionError,
	type RecordedRequest,
	startLocalDiscord,
} from '../local-discord/index.js';
import { silentLogger } from '../log.js';
import { openStore } from '../store/node.js';
import { completionContext, convertValue, parseCommandLine, stripSigil, type TypedValue } from './parse.js';

/**
 * How the bot runs: started by the sandbox over the gateway or as the HTTP endpoint, or
 * `external`: a bot you start yourself (`npm start`, `npm run serve`, your own) against the
 * sandbox's local Discord.
 */
export type SandboxTransport = 'gateway' | 'http' | 'external';

export interface SandboxOptions {
	transport?: SandboxTransport;
	/** Port of the local Discord (default: any free one; set it for an external bot). */
	port?: number | undefined;
	/** External HTTP endpoint to deliver interactions to; without it an external bot uses the gateway. */
	endpoint?: string | undefined;
	/** The invoker's Discord locale (`locale` of each interaction). Default en-US. */
	locale?: string;
	/** Who types the commands unless `as:` says otherwise. Default the member "member". */
	user?: string;
	/** The channel commands run in. Default "general". */
	channel?: string;
	/** How long the local Discord takes to process an invite's list of users (ms; its default when unset). */
	targetUsersJobMs?: number | undefined;
}

/** The options with their defaults filled in (an external endpoint stays optional). */
export type SandboxSettings = Required<Omit<SandboxOptions, 'endpoint' | 'targetUsersJobMs'>> &
	Pick<SandboxOptions, 'endpoint' | 'targetUsersJobMs'>;

/** One command's result: what the user saw, what Discord received, how long it took. */
export interface CommandResult {
	input: string;
	user: string;
	channel: string;
	/** True when the bot answered, and not with an error it should not have. */
	ok: boolean;
	/** A sandbox problem (unknown option, unknown member) or a missing answer. */
	problem?: string | undefined;
	reply?: MessageState | undefined;
	/** What the bot asked of Discord's REST API, except answering the interaction. */
	requests: RecordedRequest[];
	/** From sending the interaction to the first response (ms). */
	firstResponseMs?: number | undefined;
	/** From sending the interaction to the message the user reads (ms). */
	totalMs?: number | undefined;
	deferred: boolean;
	outcome?: InviteOutcome['status'] | undefined;
}

/**
 * Options whose suggestions are ids named for people (`activity`): typing a suggestion's name
 * sends its id, as picking it from the list in Discord's client does.
 */
const PICKED_BY_NAME: ReadonlySet<string> = new Set(['activity']);

/** The name a choice shows for an id (`Poker Night` of `Poker Night (755827207812677713)`), if it names one. */
function labelOf(choice: { name: string; value: string }): string | undefined {
	const suffix = ` (${choice.value})`;
	return choice.name.endsWith(suffix) && choice.name.length > suffix.length
		? choice.name.slice(0, -suffix.length)
		: undefined;
}

/** What is typed inside a value's quotes, open or closed: `"Poker N` -> `Poker N`. */
const unquote = (text: string): string => text.replace(/^["']/, '').replace(/["']$/, '');

/** How long the sandbox waits for a bot of its own to edit a `users:` invite's reply. */
const JOB_WAIT_MS = 15_000;
const INVITE_CREATE = /^\/channels\/\d+\/invites$/;
const JOB_STATUS = /^\/invites\/[^/]+\/target-users\/job-status$/;
const FINISHED_JOB: ReadonlySet<number> = new Set([
	InviteTargetUsersJobStatus.Completed,
	InviteTargetUsersJobStatus.Failed,
]);

/** The interaction plumbing requests, not interesting to show. */
const INTERACTION_PLUMBING = /^\/(interactions|webhooks)\//;

export class Sandbox {
	readonly discord: LocalDiscord;
	readonly options: SandboxSettings;
	readonly #outcomes: Map<string, InviteOutcome>;
	readonly #stop: () => Promise<void>;
	readonly #deliver: (payload: APIInteraction) => InteractionHandle;

	private constructor(
		discord: LocalDiscord,
		options: SandboxSettings,
		outcomes: Map<string, InviteOutcome>,
		deliver: (payload: APIInteraction) => InteractionHandle,
		stop: () => Promise<void>,
	) {
		this.discord = discord;
		this.#outcomes = outcomes;
		this.#deliver = deliver;
		this.options = options;
		this.#stop = stop;
	}

	/** Starts the local Discord and the bot; resolves when the bot is ready. */
	static async start(options: SandboxOptions = {}): Promise<Sandbox> {
		const settings: SandboxSettings = {
			transport: options.transport ?? 'gateway',
			port: options.port ?? 0,
			endpoint: options.endpoint,
			locale: options.locale ?? 'en-US',
			user: options.user ?? 'member',
			channel: options.channel ?? 'general',
			targetUsersJobMs: options.targetUsersJobMs,
		};
		const discord = await startLocalDiscord({
			port: settings.port,
			...(settings.targetUsersJobMs === undefined ? {} : { targetUsersJobMs: settings.targetUsersJobMs }),
		});
		const outcomes = new Map<string, InviteOutcome>();
		const onOutcome = (outcome: InviteOutcome) => void outcomes.set(outcome.interactionId, outcome);
		try {
			const bot =
				settings.transport === 'external'
					? externalBot(discord, settings.endpoint)
					: settings.transport === 'http'
						? await startHttp(discord, onOutcome)
						: await startGateway(discord, onOutcome);
			return new Sandbox(discord, settings, outcomes, bot.deliver, async () => {
				await bot.stop();
				await discord.close();
			});
		} catch (error) {
			await discord.close();
			throw error;
		}
	}

	/** Runs one typed command line and waits for the answer. Never throws: problems are results. */
	async run(line: string): Promise<CommandResult> {
		try {
			return await this.#run(line);
		} catch (error) {
			return {
				input: line,
				user: this.options.user,
				channel: this.options.channel,
				requests: [],
				deferred: false,
				ok: false,
				problem: (error as Error).message,
			};
		}
	}

	async #run(line: string): Promise<CommandResult> {
		const parsed = parseCommandLine(line);
		const base = {
			input: line,
			user: this.options.user,
			channel: this.options.channel,
			requests: [],
			deferred: false,
		};
		if (!parsed.ok) return { ...base, ok: false, problem: parsed.error };
		if (parsed.value.command === invitesCommand.name || parsed.value.command === 'click')
			return this.#runLedger(parsed.value, base);
		const command = SANDBOX_COMMANDS.find((known) => known.name === parsed.value.command);
		if (!command)
			return {
				...base,
				ok: false,
				problem: `This sandbox knows ${SANDBOX_COMMANDS.map((known) => `/${known.name}`).join(', ')}, /${invitesCommand.name} list|revoke and /click.`,
			};
		this.#command = command;

		const user = parsed.value.as ? stripSigil(parsed.value.as) : this.options.user;
		const member = this.#findMember(user);
		if (!member)
			return {
				...base,
				user,
				ok: false,
				problem: `No member called "${user}". Members: ${this.memberNames().join(', ')}`,
			};
		const options = await this.#convert(parsed.value.options);
		if (!options.ok) return { ...base, user, ok: false, problem: options.error };

		const started = this.discord.requests.length;
		const payload = this.discord.interaction({
			command: command.name,
			user: member,
			channel: this.options.channel,
			options: options.value,
			optionTypes: options.types,
			locale: this.options.locale,
		});
		const handle = this.#deliver(payload);
		this.#last = handle;
		let reply: MessageState | undefined;
		let problem: string | undefined;
		let totalMs: number | undefined;
		try {
			reply = await handle.message(20_000);
			totalMs = Date.now() - handle.dispatchedAt;
		} catch {
			problem = 'The bot did not answer.';
		}
		// The reply reaches Discord a moment before the bot's own call returns and reports.
		// Only /invite reports an outcome (/invite-settings logs its own line).
		const outcome =
			reply && this.options.transport !== 'external' && command === inviteCommand
				? await this.#outcome(payload.id, 2_000)
				: undefined;
		this.#outcomes.delete(payload.id);
		// An invite limited to chosen users: show the reply once Discord has processed the list.
		if (outcome?.job) {
			await Promise.race([outcome.job, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
			reply = handle.state ?? reply;
		} else if (reply && this.options.transport === 'external')
			reply = await this.#editedReply(handle, started, reply);
		return {
			...base,
			user,
			ok: reply !== undefined && handle.rejected.length === 0 && outcome?.status !== 'failed',
			problem:
				problem ??
				(handle.rejected.length > 0
					? `Discord rejected the answer (${handle.rejected.map((entry) => entry.code).join(', ')}).`
					: undefined),
			reply,
			requests: this.discord.requests
				.slice(started)
				.filter((request) => !INTERACTION_PLUMBING.test(request.path)),
			firstResponseMs: handle.answeredInMs,
			totalMs,
			deferred: handle.responses[0]?.type === 5,
			outcome: outcome?.status,
		};
	}

	/** The interaction whose reply `/click` clicks on: the last command's. */
	#last: InteractionHandle | undefined;

	/**
	 * `/invites list|revoke ...` and `/click LABEL` (a button of the last reply, by its label or
	 * `custom_id`; `as:@member` clicks as someone else).
	 */
	async #runLedger(
		typed: {
			command: string;
			subcommand?: string | undefined;
			options: Record<string, string>;
			as?: string | undefined;
		},
		base: Omit<CommandResult, 'ok'>,
	): Promise<CommandResult> {
		const user = typed.as ? stripSigil(typed.as) : this.options.user;
		const member = this.#findMember(user);
		if (!member) return { ...base, user, ok: false, problem: `No member called "${user}".` };
		const started = this.discord.requests.length;
		let handle: InteractionHandle;
		let shown: () => MessageState | undefined;
		if (typed.command === 'click') {
			const last = this.#last;
			const wanted = typed.subcommand ?? Object.keys(typed.options)[0];
			const buttons = (last?.state?.components ?? []).flatMap(
				(row) => (row as { components?: Array<{ label?: string; custom_id?: string }> }).components ?? [],
			);
			const button = buttons.find(
				(candidate) =>
					candidate.custom_id !== undefined &&
					(candidate.label?.toLowerCase() === wanted?.toLowerCase() || candidate.custom_id === wanted),
			);
			if (!last || !button?.custom_id)
				return {
					...base,
					user,
					ok: false,
					problem: `No button "${wanted ?? ''}" on the last reply. Buttons: ${buttons.map((b) => b.label).join(', ') || 'none'}`,
				};
			handle = this.#deliver(this.discord.component({ user: member, message: last, customId: button.custom_id }));
			// An update edits the last reply; a note to the clicker is a message of its own.
			shown = () =>
				handle.responses[0]?.type === InteractionResponseType.ChannelMessageWithSource
					? handle.state
					: last.state;
		} else {
			const sub = (invitesCommand.options ?? []).find((option) => option.name === typed.subcommand) as
				| { options?: APIApplicationCommandOption[] }
				| undefined;
			if (!sub) return { ...base, user, ok: false, problem: 'Use /invites list or /invites revoke.' };
			const options: Record<string, TypedValue> = {};
			const types: Record<string, number> = {};
			for (const [name, raw] of Object.entries(typed.options)) {
				const option = sub.options?.find((candidate) => candidate.name === name);
				if (!option)
					return {
						...base,
						user,
						ok: false,
						problem: `/invites ${typed.subcommand} has no option "${name}". Options: ${(sub.options ?? []).map((o) => o.name).join(', ')}`,
					};
				const converted = convertValue(option, raw);
				if (!converted.ok) return { ...base, user, ok: false, problem: converted.error };
				options[name] = converted.value;
				types[name] = option.type;
			}
			handle = this.#deliver(
				this.discord.interaction({
					user: member,
					channel: this.options.channel,
					command: invitesCommand.name,
					subcommand: typed.subcommand as string,
					options,
					optionTypes: types,
					locale: this.options.locale,
				}),
			);
			this.#last = handle;
			shown = () => handle.state;
		}
		let reply: MessageState | undefined;
		try {
			await handle.response(20_000);
			await new Promise((resolve) => setTimeout(resolve, 50));
			reply = shown() ?? (await handle.message(5_000));
		} catch {
			return { ...base, user, ok: false, problem: 'The bot did not answer.' };
		}
		return {
			...base,
			user,
			ok: handle.rejected.length === 0,
			reply,
			requests: this.discord.requests
				.slice(started)
				.filter((request) => !INTERACTION_PLUMBING.test(request.path)),
			firstResponseMs: handle.answeredInMs,
			deferred: handle.responses[0]?.type === InteractionResponseType.DeferredChannelMessageWithSource,
		};
	}

	/**
	 * A bot of your own reports nothing to the sandbox: when it limited an invite to chosen
	 * users, the reply it edits once Discord has processed the list is the one to show. Waits
	 * (up to `JOB_WAIT_MS`) for the bot to learn that the job finished (a job-status answer
	 * saying completed or failed) and to edit @original after that.
	 */
	async #editedReply(handle: InteractionHandle, started: number, reply: MessageState): Promise<MessageState> {
		const requests = this.discord.requests;
		const limited = requests
			.slice(started)
			.some(
				(request) =>
					request.method === 'POST' &&
					INVITE_CREATE.test(request.path) &&
					request.status === 200 &&
					request.form?.files.some((file) => file.field === 'target_users_file'),
			);
		if (!limited) return reply;
		const original = `/webhooks/${this.discord.applicationId}/${handle.token}/messages/@original`;
		const until = Date.now() + JOB_WAIT_MS;
		while (Date.now() < until) {
			const finished = requests.findIndex(
				(request, index) =>
					index >= started &&
					request.method === 'GET' &&
					JOB_STATUS.test(request.path) &&
					FINISHED_JOB.has((request.response as { status?: unknown } | undefined)?.status as number),
			);
			if (
				finished !== -1 &&
				requests.slice(finished + 1).some((r) => r.method === 'PATCH' && r.path === original)
			)
				return handle.state ?? reply;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return handle.state ?? reply;
	}

	/** Tab completion: option names, member/channel/role names, and the command's own autocomplete for `expires`. */
	async complete(line: string): Promise<string[]> {
		const typedName = /^\s*\/?([\w-]+)\s/.exec(line)?.[1];
		this.#command = SANDBOX_COMMANDS.find((known) => known.name === typedName) ?? this.#command;
		const options = this.#displayOptions();
		const context = completionContext(line, options);
		if (context.kind === 'command')
			return SANDBOX_COMMANDS.map((known) => `/${known.name}`)
				.filter((name) => name.startsWith(context.prefix))
				.map((name) => `${name} `);
		if (context.kind === 'name') return context.names.map((name) => `${name}:`);
		const option = options.find((candidate) => candidate.name === context.option);
		if (context.option === 'as')
			return this.memberNames()
				.filter((name) => name.startsWith(stripSigil(context.prefix)))
				.map((name) => `@${name}`);
		if (!option) return [];
		if (option.type === ApplicationCommandOptionType.Channel)
			return this.#names(
				this.discord.guild.channels.map((c) => c.name),
				context.prefix,
				'#',
			);
		if (option.type === ApplicationCommandOptionType.Role)
			return this.#names(
				this.discord.guild.roles.map((r) => r.name.replace(/^@/, '')),
				context.prefix,
				'@',
			);
		if (option.type === ApplicationCommandOptionType.User)
			return this.#names(this.memberNames(), context.prefix, '@');
		if (option.type === ApplicationCommandOptionType.Boolean)
			return ['True', 'False'].filter((value) => value.toLowerCase().startsWith(context.prefix.toLowerCase()));
		if ('autocomplete' in option && option.autocomplete) {
			const typed = unquote(context.prefix);
			const choices = await this.suggest(this.#canonical.get(option.name) ?? option.name, typed);
			// Choices that name an id (`Poker Night (755827207812677713)`) complete on the name a
			// person reads, or on the id while digits are typed; the others on their value.
			const named = choices.filter((choice) => labelOf(choice) !== undefined);
			if (named.length > 0 && !/^\d+$/.test(typed)) {
				const labels = named.map((choice) => labelOf(choice) as string);
				// At a terminal, Tab completes what is typed: names that start with it first.
				const starting = labels.filter((label) => label.toLowerCase().startsWith(typed.toLowerCase()));
				return (starting.length > 0 ? starting : labels).map((label) =>
					label.includes(' ') ? `"${label}"` : label,
				);
			}
			// A choice that only echoes the typed text completes nothing (and may be a "can't read" hint).
			return choices.map((choice) => choice.value).filter((value) => value !== typed);
		}
		return [];
	}

	/**
	 * The value Discord's client sends when a person picks this name from the bot's suggestions
	 * (`activity:"Poker Night"` -> its application id); the text as typed when no choice has
	 * that name, or the bot does not answer.
	 */
	async #picked(option: string, typed: string): Promise<string> {
		try {
			const choices = await this.suggest(option, typed);
			const wanted = typed.trim().toLowerCase();
			return choices.find((choice) => labelOf(choice)?.toLowerCase() === wanted)?.value ?? typed;
		} catch {
			return typed;
		}
	}

	/** Asks the bot for suggestions through the real autocomplete path. */
	async suggest(optionName: string, typed: string): Promise<{ name: string; value: string }[]> {
		const payload = this.discord.autocomplete({
			command: this.#command.name,
			user: this.options.user,
			channel: this.options.channel,
			options: { [optionName]: typed },
			optionTypes: { [optionName]: ApplicationCommandOptionType.String },
			focused: optionName,
			locale: this.options.locale,
		});
		const response = await this.#deliver(payload).response(5_000);
		return (
			(response as { data?: { choices?: { name: string; value: string | number }[] } }).data?.choices ?? []
		).map((choice) => ({ name: choice.name, value: String(choice.value) }));
	}

	/** The command being typed or run (its options are the ones read and completed). */
	#command: (typeof SANDBOX_COMMANDS)[number] = inviteCommand;

	/** Display name -> registered name, for a locale whose client shows translated option names. */
	readonly #canonical = new Map<string, string>();

	/** The options as this locale's client shows them: localized names where the command has them. */
	#displayOptions(): APIApplicationCommandOption[] {
		return (this.#command.options ?? []).map((option) => {
			const shown =
				(option.name_localizations as Record<string, string> | null | undefined)?.[this.options.locale] ??
				option.name;
			this.#canonical.set(shown, option.name);
			return { ...option, name: shown } as APIApplicationCommandOption;
		});
	}

	async #outcome(interactionId: string, timeoutMs: number): Promise<InviteOutcome | undefined> {
		const until = Date.now() + timeoutMs;
		while (!this.#outcomes.has(interactionId) && Date.now() < until)
			await new Promise((resolve) => setTimeout(resolve, 5));
		return this.#outcomes.get(interactionId);
	}

	memberNames(): string[] {
		return this.discord.guild.members.filter((member) => !member.user.bot).map((member) => member.user.username);
	}

	/** Names for rendering mentions. */
	readonly names = {
		channel: (id: string) => this.discord.guild.findChannel(id)?.name,
		role: (id: string) => this.discord.guild.findRole(id)?.name,
		user: (id: string) => this.discord.guild.findUser(id)?.username,
	};

	close(): Promise<void> {
		return this.#stop();
	}

	#names(all: string[], prefix: string, sigil: string): string[] {
		const typed = stripSigil(prefix).toLowerCase();
		return all
			.filter((name) => name.toLowerCase().startsWith(typed))
			.map((name) => (name.includes(' ') ? `"${sigil}${name}"` : `${sigil}${name}`));
	}

	#findMember(name: string): string | undefined {
		const lower = name.toLowerCase();
		return this.discord.guild.members.find(
			(member) => member.user.username.toLowerCase() === lower || member.user.id === name,
		)?.user.id;
	}

	/** `@name` parts as mentions (`<@&id>`, `<@id>`), the way Discord's client inserts them; the rest as typed. */
	#mentions(text: string, kind: 'role' | 'user'): { ok: true; value: string } | { ok: false; error: string } {
		const { guild } = this.discord;
		const parts: string[] = [];
		for (const part of text.split(/([\s,]+)/u)) {
			if (!part.startsWith('@') || part.length === 1) {
				parts.push(part);
				continue;
			}
			const name = part.replace(/^@&?/u, '');
			const id =
				kind === 'role'
					? this.#resolve(
							name,
							guild.roles,
							(r) => r.name,
							(r) => r.id,
						)
					: (this.#findMember(name) ??
						this.#resolve(
							name,
							guild.users,
							(u) => u.username,
							(u) => u.id,
						));
			if (id === undefined)
				return {
					ok: false,
					error:
						kind === 'role'
							? `No role called "${name}". Try: ${guild.roles.map((r) => `@${r.name.replace(/^@/, '')}`).join(', ')}`
							: `No user called "${name}". Try: ${[...this.memberNames(), ...guild.users.filter((u) => !guild.findMember(u.id)).map((u) => u.username)].map((n) => `@${n}`).join(', ')}`,
				};
			parts.push(kind === 'role' ? `<@&${id}>` : `<@${id}>`);
		}
		return { ok: true, value: parts.join('') };
	}

	/** A local file uploaded to the local Discord as a person would attach it; its attachment id. */
	async #upload(path: string): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
		try {
			const data = await readFile(path);
			return { ok: true, value: this.discord.upload({ filename: basename(path), data }).id };
		} catch (error) {
			return { ok: false, error: `Can't read the file "${path}": ${(error as Error).message}` };
		}
	}

	async #convert(
		typed: Record<string, string>,
	): Promise<
		{ ok: true; value: Record<string, TypedValue>; types: Record<string, number> } | { ok: false; error: string }
	> {
		const options = this.#displayOptions();
		const value: Record<string, TypedValue> = {};
		const types: Record<string, number> = {};
		for (const [name, raw] of Object.entries(typed)) {
			const option =
				options.find((candidate: APIApplicationCommandOption) => candidate.name === name) ??
				options.find((candidate) => this.#canonical.get(candidate.name) === name);
			if (!option)
				return {
					ok: false,
					error: `/${this.#command.name} has no option "${name}". Options: ${options.map((o) => o.name).join(', ')}`,
				};
			const canonical = this.#canonical.get(option.name) ?? option.name;
			const converted = convertValue(option, raw);
			if (!converted.ok) return converted;
			let resolved = converted.value;
			const { guild } = this.discord;
			const lookups: Partial<Record<number, [string, string[], string | undefined]>> = {
				[ApplicationCommandOptionType.Channel]: [
					'channel',
					guild.channels.map((c) => `#${c.name}`),
					this.#resolve(
						String(resolved),
						guild.channels,
						(c) => c.name,
						(c) => c.id,
					),
				],
				[ApplicationCommandOptionType.Role]: [
					'role',
					guild.roles.map((r) => `@${r.name.replace(/^@/, '')}`),
					this.#resolve(
						String(resolved),
						guild.roles,
						(r) => r.name,
						(r) => r.id,
					),
				],
				[ApplicationCommandOptionType.User]: [
					'member',
					this.memberNames().map((n) => `@${n}`),
					this.#findMember(String(resolved)) ??
						this.#resolve(
							String(resolved),
							guild.users,
							(u) => u.username,
							(u) => u.id,
						),
				],
			};
			// Discord's client turns a picked @role or @member in a text option into a mention.
			if (canonical === 'more_roles' || canonical === 'users') {
				const mentioned = this.#mentions(String(resolved), canonical === 'more_roles' ? 'role' : 'user');
				if (!mentioned.ok) return mentioned;
				resolved = mentioned.value;
			}
			if (PICKED_BY_NAME.has(canonical) && !/^\d+$/.test(String(resolved)))
				resolved = await this.#picked(canonical, String(resolved));
			if (option.type === ApplicationCommandOptionType.Attachment) {
				const uploaded = await this.#upload(String(resolved));
				if (!uploaded.ok) return uploaded;
				resolved = uploaded.value;
			}
			const lookup = lookups[option.type];
			if (lookup) {
				const [kind, known, id] = lookup;
				if (id === undefined)
					return { ok: false, error: `No ${kind} called "${resolved}". Try: ${known.join(', ')}` };
				resolved = id;
			}
			// Discord sends the registered (English) name, whatever the client shows.
			value[canonical] = resolved;
			types[canonical] = option.type;
		}
		return { ok: true, value, types };
	}

	/** An id by name (any case; a leading `@` on either side ignored, as in `@everyone`) or by id. */
	#resolve<T>(
		name: string,
		items: readonly T[],
		nameOf: (item: T) => string,
		idOf: (item: T) => string,
	): string | undefined {
		const plain = (text: string) => text.replace(/^@/, '').toLowerCase();
		const found = items.find((item) => plain(nameOf(item)) === plain(name) || idOf(item) === name);
		return found ? idOf(found) : undefined;
	}
}

/** A bot the sandbox drives: how interactions reach it, and how to stop it. */
interface SandboxBot {
	deliver(payload: APIInteraction): InteractionHandle;
	stop(): Promise<void>;
}

/**
 * A bot started by someone else: interactions go to its HTTP endpoint, or over the gateway to
 * whichever client has logged in (none yet: the local Discord says so, and the sandbox shows it).
 */
function externalBot(discord: LocalDiscord, endpoint: string | undefined): SandboxBot {
	return {
		deliver: (payload) => {
			try {
				return discord.dispatch(payload, endpoint ? { via: 'http', url: endpoint } : { via: 'gateway' });
			} catch (error) {
				if (error instanceof NoGatewaySessionError)
					throw new Error(
						`No bot is connected yet: start one with ${externalBotCommand(discord)} in another terminal (or log your own bot in), then try again.`,
					);
				throw error;
			}
		},
		stop: async () => undefined,
	};
}

/** The commands the sandbox types: /invite, and /invite-settings. */
const SANDBOX_COMMANDS = [inviteCommand, inviteSettingsCommand] as const;

/** The command line that starts `npm start` against this local Discord. */
export function externalBotCommand(discord: LocalDiscord): string {
	return `DISCORD_API_URL=${discord.apiUrl} DISCORD_TOKEN=${discord.token} DISCORD_APPLICATION_ID=${discord.applicationId} npm start`;
}

/** A playground's ledger: SQLite in memory, gone when the sandbox stops. */
const throwawayStore = () => openStore({ kind: 'sqlite', path: ':memory:' });

/** The gateway bot as `npm start` runs it, logged into the local Discord. */
async function startGateway(discord: LocalDiscord, onOutcome: (outcome: InviteOutcome) => void): Promise<SandboxBot> {
	// A playground against a local Discord: no cooldowns between tries (the bot has none unless given).
	const store = await throwawayStore();
	const bot: Bot = await startBot(discord.token, {
		apiUrl: discord.apiUrl,
		// The commands of commands/, as `npm start` loads them.
		commands: await loadCommands(),
		logger: silentLogger,
		onOutcome,
		store,
	});
	await discord.ready();
	return {
		deliver: (payload) => discord.dispatch(payload, { via: 'gateway' }),
		stop: async () => {
			await bot.stop();
			await store.close();
		},
	};
}

/** The HTTP endpoint as `npm run serve` runs it; the local Discord signs and POSTs each interaction. */
async function startHttp(discord: LocalDiscord, onOutcome: (outcome: InviteOutcome) => void): Promise<SandboxBot> {
	const store = await throwawayStore();
	const endpoint = createInteractionServer({
		publicKey: discord.publicKey,
		rest: createRest({ api: discord.apiUrl, token: discord.token }),
		inviteRest: createInviteRest({ api: discord.apiUrl, token: discord.token }),
		applicationId: discord.applicationId,
		onOutcome,
		store,
	});
	const { port } = await endpoint.listen(0, '127.0.0.1');
	const url = `http://127.0.0.1:${port}/interactions`;
	return {
		deliver: (payload) => discord.dispatch(payload, { via: 'http', url }),
		stop: async () => {
			await endpoint.close();
			await store.close();
		},
	};
}
