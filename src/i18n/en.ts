import type { Messages } from './messages.js';

/** English (the default, and the fallback of every other locale). */
export const en: Messages = {
	command: {
		description: 'Create an invite link to this server, visible only to you',
		options: {
			channel: { description: 'Channel the invite opens (default: this channel)' },
			expires: { description: 'How long the link works: 30m, 2h, 1d, 7d or never (default 1 day)' },
			max_uses: { description: 'How many people can use it (0 = no limit)' },
			temporary: { description: 'Members who join are kicked when they log off, unless given a role' },
			unique: { description: 'Always make a new code (without it Discord may return an existing invite)' },
			stream_user: { description: "Voice or stage only: open this member's live stream" },
			activity: { description: 'Voice or stage only: application id of the Activity to open' },
			role: { description: 'Role given to people who join with this invite (needs Manage Roles)' },
			more_roles: {
				description: 'More roles given on joining: role mentions or ids, separated by spaces or commas',
			},
			users: { description: 'Only these people can accept it: user mentions or ids (needs Manage Server)' },
			users_file: {
				description: 'Only the people in this CSV or text file of user ids can accept it (needs Manage Server)',
			},
			reason: { description: 'Reason shown in the audit log' },
		},
	},

	settings: {
		command: {
			description: "Set this server's limits on /invite and its invite log (Manage Server)",
			options: {
				log_channel: {
					description: 'Post every invite made or revoked through the bot here (text or announcement)',
				},
				max_expires: { description: 'The longest expiry members may choose, e.g. 1d (never = no limit)' },
				allow_permanent: { description: 'Whether members may make invites that never expire (default true)' },
				max_uses_limit: { description: 'Every invite gets a use limit of at most this (1-100)' },
				allow_roles: { description: 'Whether /invite may give roles in this server (default true)' },
				require_reason: { description: 'Whether /invite needs a reason (default false)' },
				reset: { description: 'Put every setting back to its default' },
			},
		},
		notInGuild: '/invite-settings works only in a server.',
		notAllowed: 'You need **Manage Server** to change the invite settings.',
		noStore:
			'This bot runs without a database, so it keeps no invite settings. Its owner can set DATABASE_URL to turn them on.',
		unavailable:
			"The invite settings are unavailable right now (the database didn't answer). Try again in a moment.",
		resetAlone: '`reset` goes alone: run it without the other options.',
		logChannelType: (channel) => `${channel} can't be the invite log: pick a text or announcement channel.`,
		logChannelMissing: (channel, permissions) =>
			`I can't post the invite log in ${channel}: I need ${permissions} there. Nothing was changed.`,
		logChannelUnknown: (channel) =>
			`I couldn't check my permissions in ${channel}, so nothing was changed. Try again in a moment.`,
		title: 'Invite settings of this server',
		saved: 'Saved.',
		resetDone: 'Every setting is back to its default.',
		exemptNote: 'Members with Manage Server are not bound by these limits.',
		logChannel: 'Invite log',
		maxExpires: 'Longest expiry',
		allowPermanent: 'Invites that never expire',
		maxUsesLimit: 'Most uses per invite',
		allowRoles: 'Roles on invites',
		requireReason: 'Reason required',
		none: 'none',
		noLimit: 'no limit',
		yes: 'yes',
		no: 'no',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` is longer than this server allows: invites can last at most ${limit}.`,
			permanentNotAllowed: "This server doesn't allow invites that never expire. Pick an expiry with `expires`.",
			maxUsesOverLimit: (limit) =>
				`This server allows at most ${limit} uses per invite: set \`max_uses\` from 1 to ${limit}, or leave it out.`,
			rolesNotAllowed: "This server doesn't allow giving roles with /invite.",
			reasonRequired: 'This server needs a reason for each invite: add `reason`.',
			settingsUnavailable:
				"I couldn't read this server's invite settings just now, so I made no invite. Try again in a moment.",
		},
		defaultMaxUses: (limit) => `Limited to ${limit} uses by this server's settings.`,
		defaultExpires: (limit) => `Expires after ${limit}, the longest this server allows.`,
		logCreated: 'Invite created',
		logRevoked: 'Invite revoked',
		askedBy: 'Asked by',
		revokedBy: 'Revoked by',
		channel: 'Channel',
		reason: 'Reason',
		sendMessages: '**Send Messages**',
		embedLinks: '**Embed Links**',
	},

	durationUnits: {},
	never: [],
	neverLabel: 'Never expires',

	reply: {
		created: (channel) => `Invite to ${channel} created`,
		reused: (channel) => `Discord returned an existing invite to ${channel}`,
		groupDm: (name) => `Invite to the group DM ${name}`,
		friend: (user) => `Friend invite from ${user}`,
		code: 'Code',
		expires: 'Expires',
		neverExpires: 'never',
		uses: 'Uses',
		usesOf: (uses, max) => `${uses} of ${max}`,
		usesUnlimited: (uses) => `${uses}, no limit`,
		temporary: 'Temporary membership',
		temporaryYes: 'yes: members are kicked when they log off unless given a role',
		temporaryNo: 'no',
		stream: 'Opens the stream of',
		activity: 'Opens the Activity',
		roles: 'Roles on joining',
		reusedHint: 'This invite already existed with the same settings. Use `unique:True` to always get a new code.',
		openButton: 'Open invite',
		noBody: 'Discord accepted the request but sent no invite back. Check Server Settings → Invites.',
		recovered: "Discord's answer was lost on the way, but the invite was created: here it is.",
		targetUsers: (count) =>
			count === 1 ? 'Only 1 chosen person can accept it' : `Only these ${count} people can accept it`,
		targetUsersProcessing: 'Discord is processing the list of people; this message changes when it is done.',
		targetUsersCompleted: (count) =>
			`Discord has processed the list: ${count === 1 ? '1 person' : `${count} people`} can accept this invite.`,
		targetUsersFailed: (reason) =>
			`Discord could not process the list of people (${reason}), so nobody on it can accept this invite yet. Delete it in Server Settings → Invites and run /invite again with a corrected list.`,
		temporaryWithRoles:
			'Careful: Discord has been reported not to enforce temporary membership when an invite gives roles, so people who join may stay.',
	},

	check: {
		notInGuild: '/invite works only in a server.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Threads can't have invites: ${thread} is a thread. Invite to ${parent} instead.`
				: `Threads can't have invites: ${thread} is a thread.`,
		categoryNotInvitable: (channel) => `${channel} is a category, which can't have invites. Pick a channel in it.`,
		channelNotInvitable: (channel) =>
			`${channel} can't have invites. Pick a text, voice, announcement, stage, forum or media channel.`,
		expiresUnreadable: (input) =>
			`I can't read \`${input}\` as a duration. Try \`30m\`, \`2h\`, \`1d\`, \`7d\` or \`never\`.`,
		expiresTooLong: (input) => `\`${input}\` is too long: an invite can last at most 7 days, or never expire.`,
		maxUsesOutOfRange: (value) => `\`max_uses\` must be between 0 (no limit) and 100, not ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`stream_user\` and \`activity\` work only for voice and stage channels, and ${channel} is neither.`,
		streamAndActivity: 'Pick either `stream_user` or `activity`, not both.',
		activityNotAnId: (value) => `\`${value}\` is not an application id (a number of 17 to 20 digits).`,
		invokerMissing: (channel, permissions) => `You need ${permissions} in ${channel} to invite people there.`,
		botMissing: (channel, permissions) =>
			`I need ${permissions} in ${channel}. Ask a server admin to grant it to my role there.`,
		roleNeedsManageRoles: 'You need **Manage Roles** to give a role with an invite.',
		botNeedsManageRoles: 'I need **Manage Roles** to give a role with an invite.',
		roleIsEveryone: '@everyone is given to everyone already; pick another role.',
		roleIsManaged: (role) => `${role} is managed by an integration and can't be given with an invite.`,
		roleNotBelowInvoker: (role) => `${role} is not below your highest role, so you can't give it.`,
		roleNotBelowBot: (role) => `${role} is not below my highest role, so I can't give it. Move my role above it.`,
		reasonTooLong: (max) => `The reason can be at most ${max} characters.`,
		optionTooLong: (option, max) => `\`${option}\` is too long: at most ${max} characters.`,
		channelNotInGuild: (channel) => `${channel} is not a channel of this server.`,
		cannotVerify: "I couldn't check your permissions just now, so I made no invite. Try again in a moment.",
		rolesUnreadable: (values) =>
			`\`more_roles\` takes role mentions or ids separated by spaces or commas; I can't read ${values}.`,
		rolesEmpty: '`more_roles` names no role. Mention the roles to give, or leave it out.',
		rolesNotInServer: (roles) => `These are not roles of this server: ${roles}.`,
		tooManyRoles: (max) => `An invite can give at most ${max} roles.`,
		usersUnreadable: (values) =>
			`\`users\` takes user mentions or ids separated by spaces or commas; I can't read ${values}. Nothing was sent.`,
		usersEmpty: '`users` names nobody. Mention the people who may accept the invite, or leave it out.',
		usersNeedManageGuild: 'You need **Manage Server** to choose who can accept an invite.',
		botNeedsManageGuild:
			'I need **Manage Server** to choose who can accept an invite. Ask a server admin to grant it to my role.',
		fileTooLarge: (name, maxMiB) => `\`${name}\` is too large: the list of people can be at most ${maxMiB} MiB.`,
		fileUnreadable: (name) =>
			`I couldn't read \`${name}\`. Upload a CSV or text file of user ids, one a line or separated by commas.`,
		fileTimeout: (name) => `\`${name}\` took too long to download, so I made no invite. Try again in a moment.`,
		fileRefused: (name) =>
			`I won't download \`${name}\`: its link doesn't lead to Discord's file servers, so I made no invite. Upload the file again with the command.`,
		fileBusy: (name) =>
			`Too many files are being read right now, so I didn't download \`${name}\` and made no invite. Try again in a moment.`,
		fileUnreadableIds: (name, values) =>
			`These lines of \`${name}\` are not user ids: ${values}. Nothing was sent.`,
		fileEmpty: (name) => `\`${name}\` lists nobody. Put one user id a line, with or without a \`user_id\` header.`,
	},

	error: {
		unknownChannel: "That channel doesn't exist any more.",
		missingAccess: "I can't see that channel. Ask a server admin to let my role view it.",
		missingPermissions:
			'Discord says I lack a permission for this invite (Create Instant Invite, or Manage Roles for a role).',
		unknownRole: "That role doesn't exist any more.",
		unknownUser: "Discord doesn't know that user.",
		maxInvites:
			"This server has reached Discord's limit of 1000 invites. Delete some in Server Settings → Invites.",
		invalidChannelType: "Discord doesn't allow invites for that kind of channel.",
		invalidRole: "Discord won't give that role with an invite.",
		unknownTargetUsersJob:
			'Discord has no record of processing the list of people for this invite. Check it in Server Settings → Invites.',
		unknownTargetUsers: 'Discord has no list of people for this invite.',
		inviteCodeTaken: 'Discord says that invite code is invalid or already taken. Try again.',
		invalidForm: (fields) => `Discord rejected the invite settings: ${fields}`,
		rateLimited: (retryAt) => `Discord is limiting how fast invites are made here. Try again ${retryAt}.`,
		discordError: (status) =>
			`Discord had a problem (HTTP ${status}). An invite may still have been made: check Server Settings → Invites before trying again.`,
		timeout:
			"Discord didn't answer in time. An invite may still have been made: check Server Settings → Invites before trying again.",
		network: "I couldn't reach Discord. Try again in a moment.",
		tokenRejected:
			"Discord refused my bot token, so I made no invite. The bot's owner needs to check the token (Developer Portal → Bot → Reset Token).",
		busy: (retryAt) => `Discord is busy right now, so I made no invite. Try again ${retryAt}.`,
		lostAnswer:
			"Discord's answer got lost on the way. An invite may still have been made: check Server Settings → Invites before trying again.",
		unknown: (reference) => `Something went wrong on my side. Reference: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` is not a command of this bot any more.`,
	},

	suggest: {
		unreadable: (input) => `Can't read "${input}": try 30m, 2h, 1d, 7d or never`,
		tooLong: (input) => `"${input}" is too long: at most 7 days, or never`,
	},

	limit: {
		cooldown: (retryAt) => `Too many invites in a short time. You can make another invite ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Create Invite**',
		ViewChannel: '**View Channel**',
		ManageRoles: '**Manage Roles**',
	},
	ledger: {
		command: {
			description: 'List or revoke the invites made with /invite',
			list: { description: 'Your live invites made with /invite (or a member’s, with Manage Server)' },
			revoke: { description: 'Revoke an invite made with /invite (or all of a member’s, with Manage Server)' },
			options: {
				member: { description: 'Whose invites (needs Manage Server for another member)' },
				channel: { description: 'Only invites to this channel' },
				code: { description: 'The invite code to revoke' },
				reason: { description: 'Why (kept in the audit log)' },
			},
		},
		unavailable: 'The invite ledger is unavailable right now, so I can’t look up invites. Try again in a moment.',
		listOwn: 'Your invites made with /invite:',
		listOf: (member) => `Invites ${member} made with /invite:`,
		listEmpty: 'You have no live invites made with /invite.',
		listEmptyOf: (member) => `${member} has no live invites made with /invite.`,
		usesMissing: 'Uses are not shown: I need **Manage Server** to read them from Discord.',
		roles: 'roles',
		target: 'for',
		page: (page) => `Page ${page}`,
		previous: 'Previous',
		next: 'Next',
		needsManageGuild: 'You need **Manage Server** to see or revoke another member’s invites.',
		notYourList: 'Only the member who ran this list can turn its pages.',
		codeOrMember: 'Give the `code` of an invite, or a `member` whose invites to revoke.',
		notFound: (code) => `No invite \`${code}\` made with /invite in this server.`,
		notAllowed: (code) =>
			`You can’t revoke \`${code}\`: only the member who asked for it, or members with **Manage Server** or **Manage Channels** there, can.`,
		botCannotRevoke: (code, channel) =>
			`I can’t revoke \`${code}\`: I need **Manage Channels** in ${channel} or **Manage Server**.`,
		revoked: (code) => `Invite \`${code}\` revoked.`,
		alreadyGone: (code) => `Invite \`${code}\` was already gone.`,
		alreadyRevoked: (code) => `Invite \`${code}\` is being revoked or was revoked already.`,
		revokedAll: (count, member) => `Revoked ${count} invite(s) of ${member}.`,
		revokedSome: (done, total, member) =>
			`Revoked ${done} of ${total} invite(s) of ${member}; try again for the rest.`,
		revokeButton: 'Revoke',
		revokedBy: (code, member, when) => `Invite \`${code}\` was revoked by ${member} ${when}.`,
	},
};
