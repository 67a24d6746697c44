/**
 * The shape of every text the command shows or registers. Each locale is one object of this
 * type, so a missing or misspelt key fails the type check.
 *
 * Mentions (`<#id>`, `<@id>`, `<@&id>`) and timestamps (`<t:unix:f>`) are made by the caller with
 * @discordjs/formatters and passed in: Discord's clients render them in each reader's language
 * and time zone.
 */
export interface Messages {
	/** Command and option metadata as registered with Discord (names only where they differ). */
	command: {
		name?: string;
		description: string;
		options: Record<InviteOptionName, { name?: string; description: string }>;
	};

	/** `/invite-settings`, the server's limits on `/invite`, and the invite log (issue 21). */
	settings: {
		command: {
			name?: string;
			description: string;
			options: Record<SettingsOptionName, { name?: string; description: string }>;
		};
		notInGuild: string;
		/** The invoker lacks Manage Server (or Discord did not say): checked again at run time. */
		notAllowed: string;
		/** The host runs without a database. */
		noStore: string;
		/** The database did not answer. */
		unavailable: string;
		resetAlone: string;
		logChannelType: (channel: string) => string;
		logChannelMissing: (channel: string, permissions: string) => string;
		/** The bot's permissions in the log channel could not be learnt. */
		logChannelUnknown: (channel: string) => string;
		title: string;
		saved: string;
		resetDone: string;
		exemptNote: string;
		logChannel: string;
		maxExpires: string;
		allowPermanent: string;
		maxUsesLimit: string;
		allowRoles: string;
		requireReason: string;
		none: string;
		noLimit: string;
		yes: string;
		no: string;
		/** Refusals of `/invite` under the server's limits, before any call to Discord. */
		limits: {
			expiresOverLimit: (input: string, limit: string) => string;
			permanentNotAllowed: string;
			maxUsesOverLimit: (limit: number) => string;
			rolesNotAllowed: string;
			reasonRequired: string;
			settingsUnavailable: string;
		};
		/** Said in the reply when the server's limit filled in what the member left out. */
		defaultMaxUses: (limit: number) => string;
		defaultExpires: (limit: string) => string;
		/** The invite log's embed. */
		logCreated: string;
		logRevoked: string;
		askedBy: string;
		revokedBy: string;
		channel: string;
		reason: string;
		sendMessages: string;
		embedLinks: string;
	};

	/** Words this language uses for durations, lower case, mapped to seconds (may be empty). */
	durationUnits: Readonly<Record<string, number>>;
	/** Words this language uses for "never" (lower case). */
	never: readonly string[];
	/** Label of the "never expires" autocomplete suggestion. */
	neverLabel: string;

	reply: {
		created: (channel: string) => string;
		reused: (channel: string) => string;
		groupDm: (name: string) => string;
		friend: (user: string) => string;
		code: string;
		expires: string;
		neverExpires: string;
		uses: string;
		usesOf: (uses: number, max: number) => string;
		usesUnlimited: (uses: number) => string;
		temporary: string;
		temporaryYes: string;
		temporaryNo: string;
		stream: string;
		activity: string;
		roles: string;
		reusedHint: string;
		openButton: string;
		noBody: string;
		recovered: string;
		/** Who may accept the invite when it is limited to chosen users. */
		targetUsers: (count: number) => string;
		/** Discord processes the list of users asynchronously: shown until it reports back. */
		targetUsersProcessing: string;
		targetUsersCompleted: (count: number) => string;
		/** The job failed: Discord's message, and what to do. */
		targetUsersFailed: (reason: string) => string;
		/** `temporary` with roles: Discord has been reported not to enforce it (docs issue #8118). */
		temporaryWithRoles: string;
	};

	/** Refusals found before calling Discord. */
	check: {
		notInGuild: string;
		threadNotInvitable: (thread: string, parent: string | undefined) => string;
		categoryNotInvitable: (channel: string) => string;
		channelNotInvitable: (channel: string) => string;
		expiresUnreadable: (input: string) => string;
		expiresTooLong: (input: string) => string;
		maxUsesOutOfRange: (value: number) => string;
		targetNeedsVoice: (channel: string) => string;
		streamAndActivity: string;
		activityNotAnId: (value: string) => string;
		invokerMissing: (channel: string, permissions: string) => string;
		botMissing: (channel: string, permissions: string) => string;
		roleNeedsManageRoles: string;
		botNeedsManageRoles: string;
		roleIsEveryone: string;
		roleIsManaged: (role: string) => string;
		roleNotBelowInvoker: (role: string) => string;
		roleNotBelowBot: (role: string) => string;
		reasonTooLong: (max: number) => string;
		/** A free-text option longer than Discord's `max_length` for it: refused before reading it. */
		optionTooLong: (option: string, max: number) => string;
		/** The picked channel belongs to another server (REST says so). */
		channelNotInGuild: (channel: string) => string;
		/** Discord could not be asked who may do what (a lookup failed): nothing was created. */
		cannotVerify: string;
		/** `more_roles` parts that are neither role mentions nor ids. */
		rolesUnreadable: (values: string) => string;
		rolesEmpty: string;
		rolesNotInServer: (roles: string) => string;
		tooManyRoles: (max: number) => string;
		/** `users` parts that are neither user mentions nor ids. */
		usersUnreadable: (values: string) => string;
		usersEmpty: string;
		usersNeedManageGuild: string;
		botNeedsManageGuild: string;
		fileTooLarge: (name: string, maxMiB: number) => string;
		/** The file could not be downloaded, or is not text. */
		fileUnreadable: (name: string) => string;
		fileTimeout: (name: string) => string;
		/** The file's URL (or a redirect) leads off Discord's file hosts, or to an address no download may reach. */
		fileRefused: (name: string) => string;
		/** Too many downloads hold memory right now. */
		fileBusy: (name: string) => string;
		/** Lines of `users_file` that are not user ids. */
		fileUnreadableIds: (name: string, values: string) => string;
		fileEmpty: (name: string) => string;
	};

	/** Failures reported by Discord or the network. */
	error: {
		unknownChannel: string;
		missingAccess: string;
		missingPermissions: string;
		unknownRole: string;
		unknownUser: string;
		maxInvites: string;
		invalidChannelType: string;
		invalidRole: string;
		/** 10124: Discord has no target-users job for the invite. */
		unknownTargetUsersJob: string;
		/** 10129: the invite has no list of target users. */
		unknownTargetUsers: string;
		/** 50020: the invite code is invalid or taken. */
		inviteCodeTaken: string;
		invalidForm: (fields: string) => string;
		rateLimited: (retryAt: string) => string;
		discordError: (status: number) => string;
		timeout: string;
		network: string;
		/** Discord answered 401: the bot token is refused (revoked, reset, or wrong). */
		tokenRejected: string;
		/** Discord kept answering 429: given up after a few attempts. */
		busy: (retryAt: string) => string;
		/** The request went out and its answer was lost (reset, closed, cut off). */
		lostAnswer: string;
		unknown: (reference: string) => string;
		/** A command this bot does not (or no longer) serve, e.g. a stale registration: `/name`. */
		unknownCommand: (command: string) => string;
	};

	/** Autocomplete suggestions for `expires`. */
	suggest: {
		unreadable: (input: string) => string;
		tooLong: (input: string) => string;
	};

	/** Limits of our own (cooldowns), met before calling Discord. */
	limit: {
		/** Over a cooldown: `retryAt` is a relative Discord timestamp (`<t:unix:R>`). */
		cooldown: (retryAt: string) => string;
	};

	/** Names of Discord permissions shown in refusals. */
	permission: {
		CreateInstantInvite: string;
		ViewChannel: string;
		ManageRoles: string;
	};

	/** `/invites` (list and revoke the invites made through `/invite`) and the Revoke button. */
	ledger: {
		/** Registration: names only where they differ from English. */
		command: {
			name?: string;
			description: string;
			list: { name?: string; description: string };
			revoke: { name?: string; description: string };
			options: Record<'member' | 'channel' | 'code' | 'reason', { name?: string; description: string }>;
		};
		/** The bot runs without a ledger, or its database does not answer. */
		unavailable: string;
		/** Heading of a list: whose invites, how many in all on this page. */
		listOwn: string;
		listOf: (member: string) => string;
		listEmpty: string;
		listEmptyOf: (member: string) => string;
		/** The bot lacks Manage Server: `uses` cannot be read from Discord. */
		usesMissing: string;
		/** Words in a list line. */
		roles: string;
		target: string;
		page: (page: number) => string;
		previous: string;
		next: string;
		/** `member:` of another member, without Manage Server. */
		needsManageGuild: string;
		/** A paging button pressed by someone else than who ran the list. */
		notYourList: string;
		/** `/invites revoke` with neither `code` nor `member`. */
		codeOrMember: string;
		/** The code is not in this server's ledger (made elsewhere, or not through /invite). */
		notFound: (code: string) => string;
		notAllowed: (code: string) => string;
		/** The bot lacks Manage Channels on the invite's channel and Manage Server. */
		botCannotRevoke: (code: string, channel: string) => string;
		revoked: (code: string) => string;
		alreadyGone: (code: string) => string;
		/** Another revoke of the same invite won the race. */
		alreadyRevoked: (code: string) => string;
		revokedAll: (count: number, member: string) => string;
		/** Some of a bulk revoke failed. */
		revokedSome: (done: number, total: number, member: string) => string;
		/** The Revoke button's label, and the reply once it worked: who and when (a Discord timestamp). */
		revokeButton: string;
		revokedBy: (code: string, member: string, when: string) => string;
	};
}

/** The option names of `/invite`, as registered (English). */
export type InviteOptionName =
	| 'channel'
	| 'expires'
	| 'max_uses'
	| 'temporary'
	| 'unique'
	| 'stream_user'
	| 'activity'
	| 'role'
	| 'more_roles'
	| 'users'
	| 'users_file'
	| 'reason';

/** The option names of `/invite-settings`, as registered (English). */
export type SettingsOptionName =
	| 'log_channel'
	| 'max_expires'
	| 'allow_permanent'
	| 'max_uses_limit'
	| 'allow_roles'
	| 'require_reason'
	| 'reset';

/** The values a message entry takes: its parameters, or none for a plain string. */
export type ArgsOf<F> = F extends (...args: infer A) => string ? A : [];

/** A message entry with its values: the text of a refusal or a failure. */
export function formatEntry(entry: string | ((...args: never[]) => string), args: readonly unknown[]): string {
	return typeof entry === 'function' ? (entry as (...args: unknown[]) => string)(...args) : entry;
}
