import {
	type APIGuildMember,
	type APIMessage,
	type APIOverwrite,
	type APIRole,
	type APIThreadMetadata,
	type APIUser,
	type APIVoiceState,
	ChannelType,
	type GuildFeature,
	type GuildMemberFlags,
	type InviteTargetType,
	OverwriteType,
	PermissionFlagsBits,
	type RoleFlags,
	type UserFlags,
} from 'discord-api-types/v10';

/** Every permission bit Discord defines: what the owner and administrators have. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** The guild's own fields (the parts of a guild object that are not lists). */
export interface GuildInfo {
	id: string;
	name: string;
	owner_id: string;
	preferred_locale: string;
	features: GuildFeature[];
	icon: string | null;
	description: string | null;
	verification_level: number;
	nsfw_level: number;
	premium_subscription_count: number;
	system_channel_id: string | null;
	/** When the bot joined: the bot member's `joined_at` and GUILD_CREATE's `joined_at`. */
	joined_at: string;
}

/**
 * A guild channel or thread as the model keeps it: Discord's field names, only the fields
 * the fake needs. `serializeChannel` turns it into a full channel object per type.
 */
export interface ChannelRecord {
	id: string;
	name: string;
	type: ChannelType;
	position: number;
	parent_id: string | null;
	permission_overwrites: APIOverwrite[];
	topic?: string | null;
	nsfw?: boolean;
	/** Threads only. */
	thread_metadata?: APIThreadMetadata;
	/** Threads only: who started it. */
	owner_id?: string;
}

/** An invite as the model keeps it (times in ms since the Unix epoch). */
export interface InviteRecord {
	code: string;
	channel_id: string;
	inviter_id: string | null;
	max_age: number;
	max_uses: number;
	uses: number;
	temporary: boolean;
	created_at: number;
	target_type?: InviteTargetType;
	target_user_id?: string;
	target_application_id?: string;
	role_ids: string[];
	/** Only these users may accept (`target_users_file`); absent: anyone. */
	target_user_ids?: string[];
	/** Discord's asynchronous processing of the list of users. */
	target_users_job?: TargetUsersJob;
}

/** The job that processes an invite's list of users: processing until `completes_at`. */
export interface TargetUsersJob {
	created_at: number;
	completes_at: number;
	total_users: number;
	/** Set when the file could not be read: the job fails with this message. */
	error_message: string | null;
}

/** A role in a seed: the fields that matter, the rest gets Discord's defaults. */
export type SeedRole = Pick<APIRole, 'id' | 'name' | 'position' | 'permissions'> & Partial<APIRole>;
/** A channel in a seed. */
export type SeedChannel = Pick<ChannelRecord, 'id' | 'name' | 'type'> & Partial<ChannelRecord>;
/** A user in a seed (the rest of the user object gets defaults). */
export type SeedUser = Pick<APIUser, 'id' | 'username'> & Partial<APIUser>;
/** A member in a seed: role ids, not names. */
export type SeedMember = { user: SeedUser; roles?: string[] } & Partial<Omit<APIGuildMember, 'user' | 'roles'>>;
/** A voice state in a seed. */
export type SeedVoiceState = Pick<APIVoiceState, 'user_id' | 'channel_id'> & Partial<APIVoiceState>;

/**
 * Everything a local Discord starts with: one guild (the bot's), its roles, channels,
 * members, voice states and invites, plus users outside the guild and the one embedded
 * activity application the fake knows.
 */
export interface GuildSeed {
	guild: Pick<GuildInfo, 'id' | 'name' | 'owner_id'> & Partial<GuildInfo>;
	/** Must include @everyone, whose id is the guild id. */
	roles: SeedRole[];
	channels: SeedChannel[];
	/** Must include the bot (user id = application id) when used with `startLocalDiscord`. */
	members: SeedMember[];
	/** Users who exist on Discord but are not in the guild. */
	users?: SeedUser[];
	voiceStates?: SeedVoiceState[];
	invites?: InviteRecord[];
	/** The application with the EMBEDDED flag that `target_type: 2` invites may point at. */
	activityApplicationId: string;
	activityApplicationName?: string;
	/**
	 * More applications with the EMBEDDED flag that invites may target, as Discord knows them
	 * (Discord's own Activities: the real Discord accepts their ids in every guild).
	 */
	embeddedApplications?: readonly { id: string; name: string }[];
}

/** What changed in the model, so the gateway can tell connected clients. */
export type ModelChange =
	| { kind: 'channelCreate' | 'channelUpdate' | 'channelDelete'; channel: ChannelRecord }
	| { kind: 'roleCreate' | 'roleUpdate' | 'roleDelete'; role: APIRole }
	| { kind: 'memberAdd' | 'memberUpdate' | 'memberRemove'; member: APIGuildMember }
	| { kind: 'voiceStateUpdate'; voiceState: APIVoiceState }
	| { kind: 'inviteDelete'; invite: InviteRecord }
	| { kind: 'messageCreate'; message: ChannelMessageRecord }
	| { kind: 'guildDelete' };

/** A message posted in a channel through Create Message (the bot's; tests read them). */
export interface ChannelMessageRecord {
	id: string;
	channel_id: string;
	/** The message object as Create Message answered it. */
	message: APIMessage;
}

/** A permission overwrite's bits, given as a bigint or Discord's decimal string. */
export type PermissionBits = bigint | string;

const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([
	ChannelType.AnnouncementThread,
	ChannelType.PublicThread,
	ChannelType.PrivateThread,
]);

/** Whether a channel type is a thread (threads take permissions from their parent). */
export function isThreadType(type: ChannelType): boolean {
	return THREAD_TYPES.has(type);
}

/**
 * Channels with a message box (text in voice and stage channels included; not categories,
 * forums or media channels): where a message can be posted and a slash command used.
 */
const MESSAGE_BOX_TYPES: ReadonlySet<ChannelType> = new Set([
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildStageVoice,
	...THREAD_TYPES,
]);

/** Whether a channel type has a message box (Create Message takes it; slash commands run there). */
export function hasMessageBox(type: ChannelType): boolean {
	return MESSAGE_BOX_TYPES.has(type);
}

/** What a lookup found, or an error naming what the local guild has instead (a test's typo shows at once). */
function known<T>(found: T | undefined, kind: string, nameOrId: string, names: () => string[]): T {
	if (found === undefined)
		throw new Error(`No ${kind} "${nameOrId}" in the local guild (have: ${names().join(', ')})`);
	return found;
}

function bits(value: PermissionBits): bigint {
	return typeof value === 'bigint' ? value : BigInt(value);
}

function completeUser(user: SeedUser): APIUser {
	return {
		discriminator: '0',
		global_name: null,
		avatar: null,
		public_flags: 0 as UserFlags,
		flags: 0 as UserFlags,
		...user,
	};
}

/**
 * The live state of the one guild a local Discord serves. Tests read it, mutate it through
 * the methods below (which notify the gateway), and REST handlers apply requests to it.
 * Lookups accept a name or an id, so tests read like sentences: `guild.channel('general')`.
 */
export class GuildModel {
	readonly info: GuildInfo;
	readonly roles: APIRole[];
	readonly channels: ChannelRecord[];
	readonly members: APIGuildMember[];
	/** Every user the fake knows: members and outsiders. */
	readonly users: APIUser[];
	readonly voiceStates: APIVoiceState[];
	readonly invites: InviteRecord[];
	readonly activityApplicationId: string;
	readonly activityApplicationName: string;
	/** Every application with the EMBEDDED flag an invite may target, id -> name (the seed's own first). */
	readonly embeddedApplications: ReadonlyMap<string, string>;
	/** Messages posted in its channels through Create Message, oldest first. */
	readonly messages: ChannelMessageRecord[] = [];
	readonly #listeners = new Set<(change: ModelChange) => void>();
	#botRemoved = false;

	constructor(seed: GuildSeed) {
		const now = new Date().toISOString();
		this.info = {
			preferred_locale: 'en-US',
			features: [],
			icon: null,
			description: null,
			verification_level: 0,
			nsfw_level: 0,
			premium_subscription_count: 0,
			system_channel_id: null,
			joined_at: now,
			...structuredClone(seed.guild),
		};
		this.roles = seed.roles.map((role) => this.#completeRole(role));
		if (!this.roles.some((role) => role.id === this.info.id)) {
			throw new Error(`GuildSeed: the @everyone role must have the guild's id (${this.info.id})`);
		}
		this.channels = seed.channels.map((channel) => this.#completeChannel(channel));
		this.users = [];
		this.members = [];
		for (const member of seed.members) this.#insertMember(member);
		for (const user of seed.users ?? []) this.#insertUser(user);
		this.voiceStates = (seed.voiceStates ?? []).map((state) => this.#completeVoiceState(state));
		this.invites = structuredClone(seed.invites ?? []);
		this.activityApplicationId = seed.activityApplicationId;
		this.activityApplicationName = seed.activityApplicationName ?? 'Watch Together';
		this.embeddedApplications = new Map([
			[this.activityApplicationId, this.activityApplicationName],
			...(seed.embeddedApplications ?? []).map((app): [string, string] => [app.id, app.name]),
		]);
	}

	/** The guild id. */
	get id(): string {
		return this.info.id;
	}

	/** The @everyone role (its id is the guild id). */
	get everyone(): APIRole {
		const everyone = this.roles.find((role) => role.id === this.info.id);
		if (!everyone) throw new Error('the guild has no @everyone role');
		return everyone;
	}

	/** Listens to changes made through the mutation methods; returns an unsubscribe function. */
	onChange(listener: (change: ModelChange) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	// ---- lookups -------------------------------------------------------------------------

	/** A channel or thread by id or name, or undefined. */
	findChannel(nameOrId: string): ChannelRecord | undefined {
		return this.channels.find((c) => c.id === nameOrId) ?? this.channels.find((c) => c.name === nameOrId);
	}

	/** A channel or thread by id or name; throws (listing the names) when unknown. */
	channel(nameOrId: string): ChannelRecord {
		return known(this.findChannel(nameOrId), 'channel', nameOrId, () => this.channels.map((c) => c.name));
	}

	/** A role by id or name, or undefined. */
	findRole(nameOrId: string): APIRole | undefined {
		return this.roles.find((r) => r.id === nameOrId) ?? this.roles.find((r) => r.name === nameOrId);
	}

	/** A role by id or name; throws when unknown. */
	role(nameOrId: string): APIRole {
		return known(this.findRole(nameOrId), 'role', nameOrId, () => this.roles.map((r) => r.name));
	}

	/** A member by user id, username, nickname or display name, or undefined. */
	findMember(nameOrId: string): APIGuildMember | undefined {
		return (
			this.members.find((m) => m.user.id === nameOrId) ??
			this.members.find((m) => m.user.username === nameOrId) ??
			this.members.find((m) => m.nick === nameOrId) ??
			this.members.find((m) => m.user.global_name === nameOrId)
		);
	}

	/** A member by user id or name; throws when unknown. */
	member(nameOrId: string): APIGuildMember {
		return known(this.findMember(nameOrId), 'member', nameOrId, () => this.members.map((m) => m.user.username));
	}

	/** Any known user (member or not) by id, username or display name, or undefined. */
	findUser(nameOrId: string): APIUser | undefined {
		return (
			this.users.find((u) => u.id === nameOrId) ??
			this.users.find((u) => u.username === nameOrId) ??
			this.users.find((u) => u.global_name === nameOrId) ??
			this.findMember(nameOrId)?.user
		);
	}

	/** Any known user by id or name; throws when unknown. */
	user(nameOrId: string): APIUser {
		const user = this.findUser(nameOrId);
		if (!user) throw new Error(`No user "${nameOrId}" known to the local Discord`);
		return user;
	}

	/** The voice state of a user, if they are in a voice channel. */
	voiceState(userId: string): APIVoiceState | undefined {
		return this.voiceStates.find((state) => state.user_id === userId && state.channel_id !== null);
	}

	/** Invites that have not expired or been used up at `now`. */
	liveInvites(now: number = Date.now()): InviteRecord[] {
		return this.invites.filter((invite) => isInviteLive(invite, now));
	}

	// ---- permissions ---------------------------------------------------------------------

	/** Whether the user owns the guild. */
	isOwner(userId: string): boolean {
		return userId === this.info.owner_id;
	}

	/**
	 * Guild-wide permissions, per Discord's documented algorithm: owner has all; otherwise
	 * @everyone's bits OR each of the member's roles; Administrator means all.
	 */
	basePermissions(userId: string): bigint {
		const member = this.findMember(userId);
		if (!member || member.user.id !== userId) return 0n;
		if (this.isOwner(userId)) return ALL_PERMISSIONS;
		let permissions = bits(this.everyone.permissions);
		for (const roleId of member.roles) {
			const role = this.roles.find((r) => r.id === roleId);
			if (role) permissions |= bits(role.permissions);
		}
		if (permissions & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
		return permissions;
	}

	/**
	 * A user's permissions in a channel, per Discord's documented algorithm: base permissions,
	 * then the @everyone overwrite, then all role overwrites together (deny then allow), then
	 * the member's own overwrite. Threads use their parent's overwrites. Without View Channel
	 * a user has nothing in the channel; without Send Messages they also lose the bits that
	 * only make sense when sending; a timed-out member keeps only View Channel and Read
	 * Message History.
	 */
	permissionsIn(userId: string, channelId: string): bigint {
		const channel = this.findChannel(channelId);
		const member = this.findMember(userId);
		if (!channel || !member || member.user.id !== userId) return 0n;
		const base = this.basePermissions(userId);
		if (base & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;

		const source =
			isThreadType(channel.type) && channel.parent_id
				? (this.findChannel(channel.parent_id) ?? channel)
				: channel;
		const overwrites = source.permission_overwrites;
		let permissions = base;

		const everyone = overwrites.find((o) => o.id === this.info.id);
		if (everyone) permissions = (permissions & ~bits(everyone.deny)) | bits(everyone.allow);

		let allow = 0n;
		let deny = 0n;
		for (const roleId of member.roles) {
			const overwrite = overwrites.find((o) => o.type === OverwriteType.Role && o.id === roleId);
			if (overwrite) {
				allow |= bits(overwrite.allow);
				deny |= bits(overwrite.deny);
			}
		}
		permissions = (permissions & ~deny) | allow;

		const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
		if (own) permissions = (permissions & ~bits(own.deny)) | bits(own.allow);

		if (!(permissions & PermissionFlagsBits.ViewChannel)) return 0n;
		if (!(permissions & PermissionFlagsBits.SendMessages)) {
			permissions &= ~(
				PermissionFlagsBits.MentionEveryone |
				PermissionFlagsBits.SendTTSMessages |
				PermissionFlagsBits.AttachFiles |
				PermissionFlagsBits.EmbedLinks
			);
		}
		const timedOutUntil = member.communication_disabled_until ? Date.parse(member.communication_disabled_until) : 0;
		if (timedOutUntil > Date.now()) {
			permissions &= PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
		}
		return permissions;
	}

	/** The position of the member's highest role (0 = only @everyone; -1 = not a member). */
	highestRolePosition(userId: string): number {
		const member = this.findMember(userId);
		if (!member || member.user.id !== userId) return -1;
		let highest = this.everyone.position;
		for (const roleId of member.roles) {
			const role = this.roles.find((r) => r.id === roleId);
			if (role && role.position > highest) highest = role.position;
		}
		return highest;
	}

	// ---- mutations -----------------------------------------------------------------------

	/** Adds a role (defaults like Discord's); announces GUILD_ROLE_CREATE. */
	addRole(role: SeedRole): APIRole {
		const complete = this.#completeRole(role);
		this.roles.push(complete);
		this.#emit({ kind: 'roleCreate', role: complete });
		return complete;
	}

	/** Changes a role's fields; announces GUILD_ROLE_UPDATE. */
	updateRole(nameOrId: string, patch: Partial<Omit<APIRole, 'id'>>): APIRole {
		const role = this.role(nameOrId);
		Object.assign(role, patch);
		this.#emit({ kind: 'roleUpdate', role });
		return role;
	}

	/** Replaces a role's permission bits. */
	setRolePermissions(nameOrId: string, permissions: PermissionBits): APIRole {
		return this.updateRole(nameOrId, { permissions: bits(permissions).toString() });
	}

	/** Adds a channel or thread; announces CHANNEL_CREATE. */
	addChannel(channel: SeedChannel): ChannelRecord {
		const complete = this.#completeChannel(channel);
		this.channels.push(complete);
		this.#emit({ kind: 'channelCreate', channel: complete });
		return complete;
	}

	/** Changes a channel's fields; announces CHANNEL_UPDATE. */
	updateChannel(nameOrId: string, patch: Partial<Omit<ChannelRecord, 'id'>>): ChannelRecord {
		const channel = this.channel(nameOrId);
		Object.assign(channel, patch);
		this.#emit({ kind: 'channelUpdate', channel });
		return channel;
	}

	/** Removes a channel; announces CHANNEL_DELETE. */
	removeChannel(nameOrId: string): void {
		const channel = this.channel(nameOrId);
		this.channels.splice(this.channels.indexOf(channel), 1);
		this.#emit({ kind: 'channelDelete', channel });
	}

	/**
	 * Sets (replaces) the overwrite for a role or member on a channel. `target` is a role or
	 * member name or id; roles win when a name is both.
	 */
	setOverwrite(
		channel: string,
		target: string,
		overwrite: { allow?: PermissionBits; deny?: PermissionBits },
	): ChannelRecord {
		const record = this.channel(channel);
		const role = this.findRole(target);
		const id = role ? role.id : this.member(target).user.id;
		const next: APIOverwrite = {
			id,
			type: role ? OverwriteType.Role : OverwriteType.Member,
			allow: bits(overwrite.allow ?? 0n).toString(),
			deny: bits(overwrite.deny ?? 0n).toString(),
		};
		const overwrites = record.permission_overwrites.filter((o) => o.id !== id);
		overwrites.push(next);
		return this.updateChannel(record.id, { permission_overwrites: overwrites });
	}

	/** Removes the overwrite for a role or member on a channel. */
	removeOverwrite(channel: string, target: string): ChannelRecord {
		const record = this.channel(channel);
		const id = this.findRole(target)?.id ?? this.member(target).user.id;
		return this.updateChannel(record.id, {
			permission_overwrites: record.permission_overwrites.filter((o) => o.id !== id),
		});
	}

	/** Adds a member (and their user); announces GUILD_MEMBER_ADD. */
	addMember(member: SeedMember): APIGuildMember {
		const complete = this.#insertMember(member);
		this.#emit({ kind: 'memberAdd', member: complete });
		return complete;
	}

	/** Adds a user who is not in the guild (e.g. to resolve a USER option). */
	addUser(user: SeedUser): APIUser {
		return this.#insertUser(user);
	}

	/** Removes a member (the user stays known); announces GUILD_MEMBER_REMOVE. */
	removeMember(nameOrId: string): void {
		const member = this.member(nameOrId);
		this.members.splice(this.members.indexOf(member), 1);
		this.#emit({ kind: 'memberRemove', member });
	}

	/** Replaces a member's roles (names or ids); announces GUILD_MEMBER_UPDATE. */
	setMemberRoles(nameOrId: string, roles: string[]): APIGuildMember {
		const member = this.member(nameOrId);
		member.roles = roles.map((role) => this.role(role).id).filter((id) => id !== this.info.id);
		this.#emit({ kind: 'memberUpdate', member });
		return member;
	}

	/** Changes a member's fields (nick, communication_disabled_until...). */
	updateMember(nameOrId: string, patch: Partial<Omit<APIGuildMember, 'user'>>): APIGuildMember {
		const member = this.member(nameOrId);
		Object.assign(member, patch);
		this.#emit({ kind: 'memberUpdate', member });
		return member;
	}

	/**
	 * Puts a member into a voice or stage channel (or out of voice with `null`);
	 * `self_stream: true` means they are streaming ("Go Live").
	 */
	setVoiceState(
		user: string,
		channel: string | null,
		flags: { self_stream?: boolean; self_video?: boolean } = {},
	): APIVoiceState {
		const userId = this.member(user).user.id;
		const channelId = channel === null ? null : this.channel(channel).id;
		const index = this.voiceStates.findIndex((state) => state.user_id === userId);
		const state = this.#completeVoiceState({ user_id: userId, channel_id: channelId, ...flags });
		if (index >= 0) this.voiceStates.splice(index, 1);
		if (channelId !== null) this.voiceStates.push(state);
		this.#emit({ kind: 'voiceStateUpdate', voiceState: state });
		return state;
	}

	/** Adds an invite as if it had been created earlier. */
	addInvite(invite: Pick<InviteRecord, 'code' | 'channel_id'> & Partial<InviteRecord>): InviteRecord {
		const complete: InviteRecord = {
			inviter_id: this.info.owner_id,
			max_age: 0,
			max_uses: 0,
			uses: 0,
			temporary: false,
			created_at: Date.now(),
			role_ids: [],
			...invite,
		};
		this.invites.push(complete);
		return complete;
	}

	/**
	 * Deletes an invite (Delete Invite, or a member deleting it in Discord): INVITE_DELETE
	 * follows on the gateway. Undefined when no invite has this code.
	 */
	deleteInvite(code: string): InviteRecord | undefined {
		const index = this.invites.findIndex((invite) => invite.code === code);
		const [invite] = index >= 0 ? this.invites.splice(index, 1) : [];
		if (invite) this.#emit({ kind: 'inviteDelete', invite });
		return invite;
	}

	/** Stores a message posted in a channel; MESSAGE_CREATE follows on the gateway. */
	addMessage(record: ChannelMessageRecord): ChannelMessageRecord {
		this.messages.push(record);
		this.#emit({ kind: 'messageCreate', message: record });
		return record;
	}

	/** Whether a user has Manage Channels in a channel (Administrator included), as Discord computes it. */
	canManageChannel(userId: string, channelId: string): boolean {
		return (this.permissionsIn(userId, channelId) & PermissionFlagsBits.ManageChannels) !== 0n;
	}

	/** Whether the bot was removed from this guild (`removeBot`). */
	get botRemoved(): boolean {
		return this.#botRemoved;
	}

	/**
	 * The bot is kicked, banned, or the guild is deleted: GUILD_DELETE (without
	 * `unavailable`, which would mean an outage) goes to the bot's sessions.
	 */
	removeBot(): void {
		this.#botRemoved = true;
		this.#emit({ kind: 'guildDelete' });
	}

	/**
	 * Makes the guild hold exactly `count` live invites, by adding never-expiring filler
	 * invites (in the first invitable channel, by the owner) or dropping the newest ones.
	 * `setInviteCount(1000)` makes the next new invite fail with 30016.
	 */
	setInviteCount(count: number): void {
		const live = this.liveInvites();
		if (live.length > count) {
			for (const invite of live.slice(count)) this.invites.splice(this.invites.indexOf(invite), 1);
			return;
		}
		const channel = this.channels.find((c) => c.type === ChannelType.GuildText) ?? this.channels[0];
		if (!channel) throw new Error('setInviteCount needs at least one channel');
		for (let i = live.length; i < count; i++) {
			this.invites.push({
				code: `filler${i.toString(36).padStart(4, '0')}`,
				channel_id: channel.id,
				inviter_id: this.info.owner_id,
				max_age: 0,
				max_uses: 0,
				uses: 0,
				temporary: false,
				created_at: Date.now(),
				role_ids: [],
			});
		}
	}

	// ---- internals -----------------------------------------------------------------------

	#emit(change: ModelChange): void {
		for (const listener of this.#listeners) listener(change);
	}

	#completeRole(role: SeedRole): APIRole {
		const color = role.color ?? 0;
		return {
			color,
			colors: { primary_color: color, secondary_color: null, tertiary_color: null },
			hoist: false,
			icon: null,
			unicode_emoji: null,
			managed: false,
			mentionable: false,
			flags: 0 as RoleFlags,
			...structuredClone(role),
		};
	}

	#completeChannel(channel: SeedChannel): ChannelRecord {
		return {
			position: 0,
			parent_id: null,
			permission_overwrites: [],
			...structuredClone(channel),
		};
	}

	#insertUser(user: SeedUser): APIUser {
		const existing = this.users.find((u) => u.id === user.id);
		if (existing) return existing;
		const complete = completeUser(structuredClone(user));
		this.users.push(complete);
		return complete;
	}

	#insertMember(member: SeedMember): APIGuildMember {
		const user = this.#insertUser(member.user);
		const { user: _user, roles, ...rest } = structuredClone(member);
		const complete: APIGuildMember = {
			nick: null,
			avatar: null,
			banner: null,
			premium_since: null,
			joined_at: this.info.joined_at,
			deaf: false,
			mute: false,
			flags: 0 as GuildMemberFlags,
			pending: false,
			communication_disabled_until: null,
			...rest,
			roles: roles ?? [],
			user,
		};
		this.members.push(complete);
		return complete;
	}

	#completeVoiceState(state: SeedVoiceState): APIVoiceState {
		return {
			guild_id: this.info.id,
			session_id: `voice-session-${state.user_id}`,
			deaf: false,
			mute: false,
			self_deaf: false,
			self_mute: false,
			self_stream: false,
			self_video: false,
			suppress: false,
			request_to_speak_timestamp: null,
			...state,
		};
	}
}

/** Whether an invite still works at `now`: not expired, not used up. */
export function isInviteLive(invite: InviteRecord, now: number = Date.now()): boolean {
	if (invite.max_age > 0 && invite.created_at + invite.max_age * 1000 <= now) return false;
	if (invite.max_uses > 0 && invite.uses >= invite.max_uses) return false;
	return true;
}
