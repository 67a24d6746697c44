/**
 * A bot author's offline test, written against the package's `./testing` entry: start the
 * local Discord, deploy the commands to it, log the bot in, run `/invite` and its
 * autocomplete as a member would, and print what the member saw (one JSON line).
 */
import { MessageFlags } from 'discord.js';
import { startLocalDiscord } from 'discord-invite-command/testing';
import { startBot } from './index.js';
import { deploy } from './util/deploy.js';

const discord = await startLocalDiscord();
try {
	const registered = await deploy({
		token: discord.token,
		applicationId: discord.applicationId,
		api: discord.apiUrl,
	});
	const client = await startBot({ token: discord.token, api: discord.apiUrl });
	try {
		await discord.ready();
		const invite = discord.dispatch(
			discord.interaction({
				user: 'member',
				channel: 'general',
				command: 'invite',
				options: { expires: '1h', max_uses: 5 },
			}),
		);
		const message = await invite.message();
		const suggestions = await discord
			.dispatch(
				discord.autocomplete({
					user: 'member',
					channel: 'general',
					command: 'invite',
					options: { expires: '90m' },
					focused: 'expires',
				}),
			)
			.response();
		const ping = await discord
			.dispatch(discord.interaction({ user: 'member', channel: 'general', command: 'ping' }))
			.message();
		const posts = discord.requestsTo('POST', /^\/channels\/\d+\/invites$/);
		console.log(
			JSON.stringify({
				registered,
				commands: discord.requestsTo('PUT', /^\/applications\/\d+\/commands$/).length,
				content: message.content,
				ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
				answeredInMs: invite.answeredInMs,
				inviteBody: posts[0]?.body,
				suggestions,
				ping: ping.content,
			}),
		);
	} finally {
		await client.destroy();
	}
} finally {
	await discord.close();
}
