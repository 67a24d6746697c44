/**
 * Compares the commands we would register with what Discord has, so deploy writes only when
 * something changed (each write can count toward the 200 creates per day). Pure.
 */
import type { APIApplicationCommand, RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

export interface CommandDiff {
	added: string[];
	removed: string[];
	changed: { name: string; fields: string[] }[];
}

type LocalCommand = RESTPutAPIApplicationCommandsJSONBody[number];

/** Values Discord treats as "not set": it returns some defaults the request never sent. */
const isUnset = (value: unknown): boolean =>
	value === undefined ||
	value === null ||
	value === false ||
	(Array.isArray(value) && value.length === 0) ||
	(typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/** Deep comparison that ignores keys unset on both sides and keys only Discord adds. */
export function sameValue(local: unknown, remote: unknown): boolean {
	if (isUnset(local) && isUnset(remote)) return true;
	if (Array.isArray(local) && Array.isArray(remote))
		return local.length === remote.length && local.every((item, index) => sameValue(item, remote[index]));
	if (local && remote && typeof local === 'object' && typeof remote === 'object') {
		const keys = new Set([...Object.keys(local), ...Object.keys(remote)]);
		for (const key of keys) {
			if (
				!(key in (local as object)) &&
				!isUnset((remote as Record<string, unknown>)[key]) &&
				REMOTE_ONLY.has(key)
			)
				continue;
			if (!sameValue((local as Record<string, unknown>)[key], (remote as Record<string, unknown>)[key]))
				return false;
		}
		return true;
	}
	return String(local) === String(remote);
}

/** Fields Discord adds to a registered command that we never send. */
const REMOTE_ONLY = new Set([
	'id',
	'application_id',
	'guild_id',
	'version',
	'default_permission',
	'dm_permission',
	'nsfw',
	'handler',
]);

/** What differs between the local commands and the registered ones, by name. */
export function diffCommands(local: readonly LocalCommand[], remote: readonly APIApplicationCommand[]): CommandDiff {
	const remoteByName = new Map(remote.map((command) => [command.name, command]));
	const localNames = new Set(local.map((command) => command.name));
	const diff: CommandDiff = {
		added: [],
		removed: remote.filter((command) => !localNames.has(command.name)).map((command) => command.name),
		changed: [],
	};
	for (const command of local) {
		const registered = remoteByName.get(command.name);
		if (!registered) {
			diff.added.push(command.name);
			continue;
		}
		const fields = Object.keys(command).filter(
			(key) =>
				!sameValue(
					(command as unknown as Record<string, unknown>)[key],
					(registered as unknown as Record<string, unknown>)[key],
				),
		);
		if (fields.length > 0) diff.changed.push({ name: command.name, fields });
	}
	return diff;
}

export const isEmptyDiff = (diff: CommandDiff): boolean =>
	diff.added.length + diff.removed.length + diff.changed.length === 0;

/** The diff as lines for a terminal. */
export function describeDiff(diff: CommandDiff): string[] {
	return [
		...diff.added.map((name) => `+ /${name} (new)`),
		...diff.removed.map((name) => `- /${name} (removed)`),
		...diff.changed.map(({ name, fields }) => `~ /${name} (changed: ${fields.join(', ')})`),
	];
}
