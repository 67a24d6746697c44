// A CommonJS bot: require() every entry on Node 20 and report what it got (one JSON line).
const before = new Set(Object.keys(require.cache));
const fetchEntry = require('discord-invite-command/fetch');
const loadedByFetch = Object.keys(require.cache).filter((file) => !before.has(file));
const http = require('discord-invite-command/http');
const core = require('discord-invite-command/core');
const loadedByHttpAndCore = Object.keys(require.cache).filter((file) => !before.has(file));
const command = require('discord-invite-command');
const testing = require('discord-invite-command/testing');
console.log(
	JSON.stringify({
		commandName: command.default.data.name,
		commandJson: command.default.data.toJSON().name,
		execute: typeof command.default.execute,
		autocomplete: typeof command.default.autocomplete,
		createInviteCommand: typeof command.createInviteCommand,
		createInteractionHandler: typeof http.createInteractionHandler,
		createInteractionServer: typeof http.createInteractionServer,
		fetchHandleInteraction: typeof fetchEntry.handleInteraction,
		fetchCreateInteractionHandler: typeof fetchEntry.createInteractionHandler,
		pinoOrDiscordJsLoadedByFetch: loadedByFetch.some((file) =>
			/[\\/]node_modules[\\/](discord\.js|pino)[\\/]/.test(file),
		),
		runInvite: typeof core.runInvite,
		inviteCommand: core.inviteCommand.name,
		startLocalDiscord: typeof testing.startLocalDiscord,
		discordJsLoadedByHttpOrCore: loadedByHttpAndCore.some((file) =>
			/[\\/]node_modules[\\/]discord\.js[\\/]/.test(file),
		),
	}),
);
