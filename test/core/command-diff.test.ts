import { type APIApplicationCommand, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { buildInviteCommand } from '../../src/core/command.js';
import { describeDiff, diffCommands, isEmptyDiff } from '../../src/tools/command-diff.js';

const APPLICATION_ID = '1100000000000000500';

/** The command as Discord returns it after registration: our JSON plus the fields it adds. */
function registered(overrides: Partial<APIApplicationCommand> = {}): APIApplicationCommand {
	return {
		...buildInviteCommand(),
		id: '1100000000000000600',
		application_id: APPLICATION_ID,
		version: '1100000000000000601',
		default_permission: true,
		dm_permission: true,
		nsfw: false,
		...overrides,
	} as APIApplicationCommand;
}

describe('diffCommands', () => {
	it('finds nothing to do when the registered command matches', () => {
		const diff = diffCommands([buildInviteCommand()], [registered()]);
		expect(diff).toEqual({ added: [], removed: [], changed: [] });
		expect(isEmptyDiff(diff)).toBe(true);
		expect(describeDiff(diff)).toEqual([]);
	});

	it('ignores the fields Discord adds: id, version, application_id, default_permission, dm_permission, nsfw', () => {
		const remote = registered({
			guild_id: '1100000000000000001',
			nsfw: true,
			dm_permission: false,
			default_permission: false,
		});
		expect(isEmptyDiff(diffCommands([buildInviteCommand()], [remote]))).toBe(true);
	});

	it('treats null, false, empty lists and empty maps the same as a missing field', () => {
		const { name_localizations: _names, ...local } = buildInviteCommand();
		const remote = registered({ name_localizations: null, nsfw: false });
		expect(
			isEmptyDiff(
				diffCommands(
					[{ ...local, description_localizations: local.description_localizations }],
					[{ ...remote, name_localizations: null }],
				),
			),
		).toBe(true);
		expect(isEmptyDiff(diffCommands([{ ...local, options: [] }], [{ ...remote, options: [] }]))).toBe(true);
	});

	it('reports a changed description', () => {
		const diff = diffCommands([buildInviteCommand()], [registered({ description: 'An older description' })]);
		expect(diff).toEqual({ added: [], removed: [], changed: [{ name: 'invite', fields: ['description'] }] });
		expect(describeDiff(diff)).toEqual(['~ /invite (changed: description)']);
	});

	it('reports a changed option and changed permissions', () => {
		const local = buildInviteCommand();
		const remoteOptions = buildInviteCommand().options!.slice(0, -1);
		const diff = diffCommands([local], [registered({ options: remoteOptions, default_member_permissions: '8' })]);
		expect(diff.changed).toEqual([{ name: 'invite', fields: ['default_member_permissions', 'options'] }]);
	});

	it('reports a changed option bound deep inside options', () => {
		const remote = registered();
		remote.options = remote.options!.map((option) =>
			option.type === ApplicationCommandOptionType.Integer ? { ...option, max_value: 50 } : option,
		);
		expect(diffCommands([buildInviteCommand()], [remote]).changed).toEqual([
			{ name: 'invite', fields: ['options'] },
		]);
	});

	it('reports a command not yet registered as added', () => {
		const diff = diffCommands([buildInviteCommand()], []);
		expect(diff).toEqual({ added: ['invite'], removed: [], changed: [] });
		expect(describeDiff(diff)).toEqual(['+ /invite (new)']);
	});

	it('reports a registered command we no longer have as removed', () => {
		const old = registered({ name: 'old-invite', id: '1100000000000000700' });
		const diff = diffCommands([buildInviteCommand()], [registered(), old]);
		expect(diff).toEqual({ added: [], removed: ['old-invite'], changed: [] });
		expect(describeDiff(diff)).toEqual(['- /old-invite (removed)']);
	});
});
