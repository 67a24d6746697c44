import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalDiscord, seedIds, type LocalDiscord, type LocalDiscordOptions } from '../../src/local-discord/index.js';

let discord: LocalDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
});

/** A local Discord with a real discord.js Client logged in (Guilds intent only). */
async function loggedIn(options: LocalDiscordOptions = {}): Promise<{ discord: LocalDiscord; client: Client }> {
  discord = await startLocalDiscord(options);
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
  const ready = new Promise<void>((resolve) => client!.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  await discord.ready();
  return { discord, client };
}

describe('a discord.js Client against the local Discord', () => {
  it('logs in, becomes ready and caches the guild, its channels, roles and its own member', async () => {
    const { discord, client } = await loggedIn();
    expect(client.user?.id).toBe(discord.botUserId);
    const guild = client.guilds.cache.get(seedIds.guild);
    expect(guild?.name).toBe('Local Guild');
    expect(guild?.channels.cache.get(seedIds.channels.general)?.name).toBe('general');
    expect(guild?.channels.cache.get(seedIds.channels.thread)?.isThread()).toBe(true);
    expect(guild?.roles.cache.get(seedIds.roles.inviteBot)?.managed).toBe(true);
    expect(guild?.members.me?.roles.cache.has(seedIds.roles.inviteBot)).toBe(true);
    expect(discord.sessions).toBe(1);
    expect(discord.requestsTo('GET', '/gateway/bot')).toHaveLength(1);
  });
});
