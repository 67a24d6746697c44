// A Workers/Deno/Bun-style consumer of the host-free entry, as an ES module: the handler
// answers a health check and refuses an unsigned interaction (one JSON line).
import { generateKeyPairSync } from 'node:crypto';
import { createInteractionHandler, createInviteRest, handleInteraction } from 'discord-invite-command/fetch';

const publicKey = generateKeyPairSync('ed25519')
	.publicKey.export({ format: 'der', type: 'spki' })
	.subarray(-32)
	.toString('hex');
const env = {
	DISCORD_PUBLIC_KEY: publicKey,
	DISCORD_TOKEN: 'not-a-real-token',
	DISCORD_APPLICATION_ID: '123456789012345678',
};
const health = await handleInteraction(new Request('http://localhost/healthz'), env);
const unsigned = await handleInteraction(
	new Request('http://localhost/interactions', { method: 'POST', body: '{"type":1}' }),
	env,
);
console.log(
	JSON.stringify({
		createInteractionHandler: typeof createInteractionHandler,
		createInviteRest: typeof createInviteRest,
		health: health.status,
		unsigned: unsigned.status,
	}),
);
