/**
 * The one pipeline, host-free: payloads in, answers out through a recording Responder, every
 * timing on a manual clock. The commands here are small test modules of the real shape (one
 * `SlashCommand` each); /invite itself is covered end to end over every host.
 */
import { REST } from '@discordjs/rest';
import {
	type APIInteractionResponse,
	ApplicationCommandType,
	ComponentType,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { invite } from '../../src/commands/invite.js';
import { textReply } from '../../src/core/render.js';
import type { SlashCommand } from '../../src/pipeline/command.js';
import { createPipeline, type PipelineOptions } from '../../src/pipeline/pipeline.js';
import { DEFERRED_EPHEMERAL, type Responder } from '../../src/pipeline/responder.js';
import { manualClock, recordingLogger, settle } from '../core/helpers.js';
import { autocompletePayload, commandPayload, ids } from '../http/payloads.js';

type Call =
	| { kind: 'callback'; body: APIInteractionResponse; at: number }
	| { kind: 'edit' | 'followUp'; body: unknown; at: number };

/** A responder that records every answer with the time on `clock`. */
function recorder(clock: { now(): number }): Responder & { calls: Call[] } {
	const calls: Call[] = [];
	return {
		calls,
		callback: async (body) => void calls.push({ kind: 'callback', body, at: clock.now() }),
		editOriginal: async (body) => void calls.push({ kind: 'edit', body, at: clock.now() }),
		followUp: async (body) => void calls.push({ kind: 'followUp', body, at: clock.now() }),
	};
}

/** A command that answers with `text` once `release()` is called (or at once). */
function echo(name: string, options: { wait?: boolean; fail?: boolean } = {}) {
	let release: () => void = () => undefined;
	const gate = new Promise<void>((resolve) => {
		release = resolve;
	});
	const command: SlashCommand<{ text: string }, string> = {
		data: { name, description: 'test', type: ApplicationCommandType.ChatInput },
		read: (payload) => {
			const data = (payload as { data?: { options?: { value?: unknown }[] } }).data;
			const text = data?.options?.[0]?.value;
			return typeof text === 'string' || text === undefined
				? { ok: true, value: { text: text ?? 'hello' } }
				: { ok: false, problem: 'text is not a string' };
		},
		async execute(input, context) {
			if (options.wait) await gate;
			if (options.fail) throw new Error('boom');
			await context.deadline.send(textReply(input.text));
			return { outcome: `said ${input.text}` };
		},
		autocomplete: { text: (query) => [{ name: `${query.focused?.value}!`, value: 'x' }] },
		components: [
			{
				prefix: `${name}:button:`,
				handle: async (payload, context) => {
					await context.responder.callback({
						type: InteractionResponseType.UpdateMessage,
						data: { content: `clicked ${payload.data.custom_id}` },
					});
				},
			},
		],
	};
	return { command, release: () => release() };
}

function setup(commands: SlashCommand<unknown, string>[], extra: Partial<PipelineOptions<string>> = {}) {
	const clock = manualClock(Number(BigInt(ids.interaction) >> 22n) + 1_420_070_400_000);
	const logger = recordingLogger();
	const outcomes: string[] = [];
	// Never called by these commands: the pipeline only needs the clients to hand them on.
	const rest = new REST();
	const pipeline = createPipeline<string>({
		commands,
		rest: { api: rest, create: rest },
		transport: 'gateway',
		clock,
		logger,
		onOutcome: (outcome) => outcomes.push(outcome),
		...extra,
	});
	return { pipeline, clock, logger, outcomes, responder: recorder(clock) };
}

const named = (name: string, options?: { name: string; type: number; value: unknown }[]) =>
	commandPayload({ name, ...(options ? { options: options as never } : {}) });

describe('the pipeline', () => {
	it('answers a PING with a PONG', async () => {
		const { pipeline, responder } = setup([]);
		await pipeline.handle({ type: InteractionType.Ping, id: '1' }, responder);
		expect(responder.calls.map((call) => call.kind === 'callback' && call.body)).toEqual([
			{ type: InteractionResponseType.Pong },
		]);
	});

	it('routes a chat-input command by its name and answers inline within the budget', async () => {
		const { pipeline, responder, outcomes } = setup([echo('one').command, echo('two').command]);
		const handled = await pipeline.handle(named('two', [{ name: 'text', type: 3, value: 'hi' }]), responder);
		expect(handled).toEqual({ status: 'answered', outcome: 'said hi' });
		expect(outcomes).toEqual(['said hi']);
		expect(responder.calls).toMatchObject([
			{
				kind: 'callback',
				body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'hi' } },
			},
		]);
	});

	it('defers when the budget runs out on the clock, then edits the answer in', async () => {
		const slow = echo('slow', { wait: true });
		const { pipeline, responder, clock } = setup([slow.command]);
		const handled = pipeline.handle(named('slow'), responder);
		await settle();
		clock.advance(1_499);
		expect(responder.calls).toEqual([]);
		clock.advance(1);
		await settle();
		expect(responder.calls).toMatchObject([{ kind: 'callback', body: DEFERRED_EPHEMERAL }]);
		slow.release();
		await handled;
		expect(responder.calls.map((call) => call.kind)).toEqual(['callback', 'edit']);
		expect(responder.calls[1]).toMatchObject({ body: { content: 'hello' } });
	});

	it('defers at once when told to, and every answer is an edit of it', async () => {
		const { pipeline, responder } = setup([echo('one').command], { deferAtOnce: true });
		await pipeline.handle(named('one'), responder);
		expect(responder.calls.map((call) => call.kind)).toEqual(['callback', 'edit']);
		expect(responder.calls[0]).toMatchObject({ body: DEFERRED_EPHEMERAL });
	});

	it('answers a command it does not serve with the localized "unknown command" text', async () => {
		const { pipeline, responder, logger } = setup([echo('one').command]);
		const payload = { ...named('gone'), locale: 'de' };
		expect(await pipeline.handle(payload, responder)).toEqual({ status: 'answered' });
		const [call] = responder.calls;
		expect(call).toMatchObject({
			kind: 'callback',
			body: { type: InteractionResponseType.ChannelMessageWithSource },
		});
		const data = (call as { body: { data: { content: string; flags: number } } }).body.data;
		expect(data.flags).toBe(MessageFlags.Ephemeral);
		expect(data.content).toContain('/gone');
		expect(logger.lines.some((line) => line.message === 'unknown command')).toBe(true);
	});

	it('runs an interaction id once: the second delivery is refused as replayed, unanswered', async () => {
		const { pipeline, responder } = setup([echo('one').command]);
		expect((await pipeline.handle(named('one'), responder)).status).toBe('answered');
		expect(await pipeline.handle(named('one'), responder)).toEqual({ status: 'replayed' });
		expect(responder.calls).toHaveLength(1);
	});

	it("reports a payload its command's reader refuses as malformed, and answers nothing", async () => {
		const { pipeline, responder } = setup([echo('one').command]);
		const handled = await pipeline.handle(named('one', [{ name: 'text', type: 3, value: 5 }]), responder);
		expect(handled).toEqual({ status: 'malformed', problem: 'text is not a string' });
		expect(responder.calls).toEqual([]);
	});

	it('answers a command that throws with a localized failure and a reference, never silence', async () => {
		const { pipeline, responder, logger } = setup([echo('one', { fail: true }).command]);
		await pipeline.handle(named('one'), responder);
		expect(responder.calls).toHaveLength(1);
		expect(JSON.stringify(responder.calls[0])).toMatch(/ChannelMessageWithSource|"type":4/);
		expect(logger.lines.some((line) => line.level === 'error' && line.message === 'command failed')).toBe(true);
	});

	it('routes autocomplete by command and focused option; an option without suggestions gets none', async () => {
		const { pipeline, responder } = setup([echo('one').command]);
		const typed = autocompletePayload('ab', 'text');
		await pipeline.handle({ ...typed, data: { ...typed.data, name: 'one' } }, responder);
		await pipeline.handle({ ...typed, data: { ...typed.data, name: 'other' } }, responder);
		expect(responder.calls.map((call) => call.kind === 'callback' && call.body)).toEqual([
			{
				type: InteractionResponseType.ApplicationCommandAutocompleteResult,
				data: { choices: [{ name: 'ab!', value: 'x' }] },
			},
			{ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
		]);
	});

	it('routes a button by the custom_id prefix its command owns; an unowned custom_id gets the unknown answer', async () => {
		const { pipeline, responder } = setup([echo('one').command]);
		const click = (customId: string, id: string) => ({
			...commandPayload(),
			id,
			type: InteractionType.MessageComponent,
			data: { custom_id: customId, component_type: ComponentType.Button },
		});
		await pipeline.handle(click('one:button:42', '1200000000000000100'), responder);
		await pipeline.handle(click('nobody:7', '1200000000000000101'), responder);
		expect(responder.calls[0]).toMatchObject({
			body: { type: InteractionResponseType.UpdateMessage, data: { content: 'clicked one:button:42' } },
		});
		expect(responder.calls[1]).toMatchObject({ body: { type: InteractionResponseType.ChannelMessageWithSource } });
	});

	it('refuses two commands whose custom_id prefixes overlap, at build time', () => {
		const a = echo('a').command;
		const clash = { ...echo('b').command, components: [{ prefix: 'a:', handle: async () => undefined }] };
		expect(() => setup([a, clash])).toThrow(/overlap/);
	});

	it('serves /invite as its first command: registration, reader and autocomplete from one module', async () => {
		const { pipeline, responder } = setup([invite as unknown as SlashCommand<unknown, string>]);
		expect([...pipeline.commands.keys()]).toEqual(['invite']);
		await pipeline.handle(autocompletePayload('2'), responder);
		const body = (responder.calls[0] as { body: { data: { choices: unknown[] } } }).body;
		expect(body.data.choices.length).toBeGreaterThan(0);
	});

	it('routes autocomplete of an option inside a subcommand by the subcommand path and the option', async () => {
		const lists: SlashCommand<unknown, string> = {
			...echo('invites').command,
			autocomplete: { 'revoke code': (query) => [{ name: `code ${query.focused?.value}`, value: 'c' }] },
		};
		const { pipeline, responder } = setup([lists]);
		const typed = autocompletePayload('ab', 'code');
		const options = [{ name: 'revoke', type: 1, options: typed.data.options }];
		await pipeline.handle({ ...typed, data: { ...typed.data, name: 'invites', options } }, responder);
		expect(responder.calls[0]).toMatchObject({ body: { data: { choices: [{ name: 'code ab', value: 'c' }] } } });
	});

	describe('a button its command owns', () => {
		const click = (customId: string) => ({
			...commandPayload(),
			type: InteractionType.MessageComponent,
			data: { custom_id: customId, component_type: ComponentType.Button },
		});
		/** A command whose button answers through the deadline once released, or throws. */
		function withButton(options: { fail?: boolean } = {}) {
			let release: () => void = () => undefined;
			const gate = new Promise<void>((resolve) => {
				release = resolve;
			});
			const command: SlashCommand<unknown, string> = {
				...echo('invites').command,
				components: [
					{
						prefix: 'invites:revoke:',
						handle: async (_payload, context) => {
							await gate;
							if (options.fail) throw new Error('boom');
							await context.deadline.send(textReply('revoked'));
						},
					},
				],
			};
			return { command, release: () => release() };
		}

		it('updates the message it sits on when it answers within the budget', async () => {
			const button = withButton();
			const { pipeline, responder } = setup([button.command]);
			button.release();
			await pipeline.handle(click('invites:revoke:abc'), responder);
			expect(responder.calls).toMatchObject([
				{
					kind: 'callback',
					body: { type: InteractionResponseType.UpdateMessage, data: { content: 'revoked' } },
				},
			]);
		});

		it('acknowledges silently when the budget runs out, then edits the message', async () => {
			const button = withButton();
			const { pipeline, responder, clock } = setup([button.command]);
			const handled = pipeline.handle(click('invites:revoke:abc'), responder);
			await settle();
			clock.advance(1_500);
			await settle();
			expect(responder.calls).toMatchObject([
				{ kind: 'callback', body: { type: InteractionResponseType.DeferredMessageUpdate } },
			]);
			button.release();
			await handled;
			expect(responder.calls[1]).toMatchObject({ kind: 'edit', body: { content: 'revoked' } });
		});

		it('answers a handler that throws with an ephemeral failure, never over the message', async () => {
			const button = withButton({ fail: true });
			const { pipeline, responder } = setup([button.command]);
			button.release();
			await pipeline.handle(click('invites:revoke:abc'), responder);
			expect(responder.calls).toMatchObject([
				{
					kind: 'callback',
					body: {
						type: InteractionResponseType.ChannelMessageWithSource,
						data: { flags: MessageFlags.Ephemeral },
					},
				},
			]);
		});
	});
});
