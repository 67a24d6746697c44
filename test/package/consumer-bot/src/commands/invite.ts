// The whole drop-in: one line.
export { default } from 'discord-invite-command';
