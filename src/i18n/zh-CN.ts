import type { Messages } from './messages.js';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** Chinese (Simplified). */
export const zhCN: Messages = {
	command: {
		description: '创建此服务器的邀请链接，仅你可见',
		options: {
			channel: { name: '频道', description: '邀请打开的频道（默认：当前频道）' },
			expires: { name: '有效期', description: '链接有效期：30m、2h、1d、7d 或 永不（默认 1 天）' },
			max_uses: { name: '最大使用次数', description: '可使用的人数（0 = 不限）' },
			temporary: { name: '临时', description: '加入的成员下线时会被踢出，除非被授予身份组' },
			unique: { name: '唯一', description: '总是生成新代码（否则 Discord 可能返回已有的邀请）' },
			stream_user: { name: '直播', description: '仅限语音或舞台频道：打开此成员的直播' },
			activity: { name: '活动', description: '仅限语音或舞台频道：要打开的活动的应用 ID' },
			role: { name: '身份组', description: '通过此邀请加入的成员获得的身份组（需要“管理身份组”权限）' },
			more_roles: {
				name: '更多身份组',
				description: '加入时授予的更多身份组：身份组提及或 ID，用空格或逗号分隔',
			},
			users: { name: '用户', description: '只有这些人可以接受：用户提及或 ID（需要 管理服务器 权限）' },
			users_file: {
				name: '用户文件',
				description: '只有此 CSV 或文本文件中的用户 ID 可以接受（需要 管理服务器 权限）',
			},
			reason: { name: '原因', description: '显示在审核日志中的原因' },
		},
	},

	durationUnits: {
		秒: 1,
		秒钟: 1,
		分: MINUTE,
		分钟: MINUTE,
		小时: HOUR,
		个小时: HOUR,
		时: HOUR,
		钟头: HOUR,
		个钟头: HOUR,
		天: DAY,
		日: DAY,
		周: WEEK,
		星期: WEEK,
		个星期: WEEK,
		礼拜: WEEK,
		个礼拜: WEEK,
	},
	never: ['永不', '永久'],
	neverLabel: '永不过期',

	reply: {
		created: (channel) => `已创建 ${channel} 的邀请`,
		reused: (channel) => `Discord 返回了 ${channel} 的现有邀请`,
		groupDm: (name) => `群组私信 ${name} 的邀请`,
		friend: (user) => `来自 ${user} 的好友邀请`,
		code: '代码',
		expires: '过期时间',
		neverExpires: '永不',
		uses: '使用次数',
		usesOf: (uses, max) => `${uses} / ${max}`,
		usesUnlimited: (uses) => `${uses}，不限`,
		temporary: '临时成员资格',
		temporaryYes: '是：成员下线时会被踢出，除非被授予身份组',
		temporaryNo: '否',
		stream: '打开的直播',
		activity: '打开的活动',
		roles: '加入时获得的身份组',
		reusedHint: '已存在相同设置的邀请。使用 `唯一:True` 可始终获得新代码。',
		openButton: '打开邀请',
		noBody: 'Discord 接受了请求，但没有返回邀请。请检查 服务器设置 → 邀请。',
		recovered: 'Discord 的响应在途中丢失，但邀请已创建：就是这个。',
		targetUsers: (count) => `只有选定的 ${count} 人可以接受`,
		targetUsersProcessing: 'Discord 正在处理用户列表；处理完成后此消息会更新。',
		targetUsersCompleted: (count) => `Discord 已处理列表：${count} 人可以接受此邀请。`,
		targetUsersFailed: (reason) =>
			`Discord 无法处理用户列表（${reason}），因此列表中的人暂时都无法接受此邀请。请在 服务器设置 → 邀请 中删除它，然后用修正后的列表重新运行 /invite。`,
		temporaryWithRoles: '注意：有报告称，当邀请授予身份组时，Discord 不会执行临时成员资格，加入的人可能会留下。',
	},

	check: {
		notInGuild: '/invite 只能在服务器中使用。',
		threadNotInvitable: (thread, parent) =>
			parent
				? `子区无法创建邀请：${thread} 是一个子区。请改为邀请到 ${parent}。`
				: `子区无法创建邀请：${thread} 是一个子区。`,
		categoryNotInvitable: (channel) => `${channel} 是一个类别，无法创建邀请。请选择其中的频道。`,
		channelNotInvitable: (channel) => `${channel} 无法创建邀请。请选择文字、语音、公告、舞台、论坛或媒体频道。`,
		expiresUnreadable: (input) =>
			`无法将 \`${input}\` 识别为时长。请试试 \`30m\`、\`2h\`、\`1d\`、\`7d\`、\`never\` 或 \`1小时\`。`,
		expiresTooLong: (input) => `\`${input}\` 太长了：邀请最多有效 7 天，或设为永不过期。`,
		maxUsesOutOfRange: (value) => `\`最大使用次数\` 必须在 0（不限）到 100 之间，而不是 ${value}。`,
		targetNeedsVoice: (channel) => `\`直播\` 和 \`活动\` 仅适用于语音和舞台频道，而 ${channel} 都不是。`,
		streamAndActivity: '请在 `直播` 和 `活动` 中只选一个。',
		activityNotAnId: (value) => `\`${value}\` 不是应用 ID（17 到 20 位数字）。`,
		invokerMissing: (channel, permissions) => `你需要在 ${channel} 中拥有 ${permissions} 权限才能邀请他人。`,
		botMissing: (channel, permissions) =>
			`我需要在 ${channel} 中拥有 ${permissions} 权限。请让服务器管理员在该频道为我的身份组授予权限。`,
		roleNeedsManageRoles: '你需要 **管理身份组** 权限才能通过邀请授予身份组。',
		botNeedsManageRoles: '我需要 **管理身份组** 权限才能通过邀请授予身份组。',
		roleIsEveryone: '@everyone 已经属于所有人；请选择其他身份组。',
		roleIsManaged: (role) => `${role} 由集成管理，无法通过邀请授予。`,
		roleNotBelowInvoker: (role) => `${role} 不低于你的最高身份组，因此你无法授予。`,
		roleNotBelowBot: (role) => `${role} 不低于我的最高身份组，因此我无法授予。请将我的身份组移到它上方。`,
		reasonTooLong: (max) => `原因最多 ${max} 个字符。`,
		optionTooLong: (option, max) => `\`${option}\` 太长了：最多 ${max} 个字符。`,
		channelNotInGuild: (channel) => `${channel} 不是本服务器的频道。`,
		cannotVerify: '暂时无法检查你的权限，因此没有创建邀请。请稍后再试。',
		rolesUnreadable: (values) => `\`更多身份组\` 需要用空格或逗号分隔的身份组提及或 ID；无法读取：${values}。`,
		rolesEmpty: '`更多身份组` 没有指定任何身份组。请提及要授予的身份组，或去掉此选项。',
		rolesNotInServer: (roles) => `这些不是此服务器的身份组：${roles}。`,
		tooManyRoles: (max) => `一个邀请最多可以授予 ${max} 个身份组。`,
		usersUnreadable: (values) =>
			`\`用户\` 需要用空格或逗号分隔的用户提及或 ID；无法读取：${values}。未发送任何内容。`,
		usersEmpty: '`用户` 没有指定任何人。请提及可以接受邀请的人，或去掉此选项。',
		usersNeedManageGuild: '你需要 **管理服务器** 权限才能选择谁可以接受邀请。',
		botNeedsManageGuild:
			'我需要 **管理服务器** 权限才能选择谁可以接受邀请。请让服务器管理员为我的身份组授予此权限。',
		fileTooLarge: (name, maxMiB) => `\`${name}\` 太大：用户列表最多 ${maxMiB} MiB。`,
		fileUnreadable: (name) => `无法读取 \`${name}\`。请上传包含用户 ID 的 CSV 或文本文件，每行一个或用逗号分隔。`,
		fileTimeout: (name) => `\`${name}\` 下载时间过长，因此没有创建邀请。请稍后再试。`,
		fileRefused: (name) =>
			`我不会下载 \`${name}\`：它的链接并不指向 Discord 的文件服务器，因此没有创建邀请。请通过命令重新上传该文件。`,
		fileBusy: (name) => `当前正在读取的文件过多，因此我没有下载 \`${name}\`，也没有创建邀请。请稍后再试。`,
		fileUnreadableIds: (name, values) => `\`${name}\` 中的这些行不是用户 ID：${values}。未发送任何内容。`,
		fileEmpty: (name) => `\`${name}\` 中没有任何人。请每行写一个用户 ID，可以带或不带 \`user_id\` 表头。`,
	},

	error: {
		unknownChannel: '该频道已不存在。',
		missingAccess: '我看不到该频道。请让服务器管理员允许我的身份组查看它。',
		missingPermissions: 'Discord 表示我缺少此邀请所需的权限（创建邀请，或授予身份组时的管理身份组）。',
		unknownRole: '该身份组已不存在。',
		unknownUser: 'Discord 找不到该用户。',
		maxInvites: '此服务器已达到 Discord 1000 个邀请的上限。请在 服务器设置 → 邀请 中删除一些。',
		invalidChannelType: 'Discord 不允许为该类型的频道创建邀请。',
		invalidRole: 'Discord 不允许通过邀请授予该身份组。',
		unknownTargetUsersJob: 'Discord 没有处理此邀请用户列表的记录。请在 服务器设置 → 邀请 中查看。',
		unknownTargetUsers: 'Discord 没有此邀请的用户列表。',
		inviteCodeTaken: 'Discord 表示该邀请代码无效或已被占用。请重试。',
		invalidForm: (fields) => `Discord 拒绝了邀请设置：${fields}`,
		rateLimited: (retryAt) => `Discord 正在限制此处创建邀请的速度。请${retryAt}再试。`,
		discordError: (status) =>
			`Discord 出现问题（HTTP ${status}）。邀请可能仍已创建：重试前请检查 服务器设置 → 邀请。`,
		timeout: 'Discord 未能及时响应。邀请可能仍已创建：重试前请检查 服务器设置 → 邀请。',
		network: '无法连接到 Discord。请稍后再试。',
		tokenRejected:
			'Discord 拒绝了我的机器人令牌，因此没有创建邀请。机器人的所有者需要检查令牌（Developer Portal → Bot → Reset Token）。',
		busy: (retryAt) => `Discord 现在很忙，因此没有创建邀请。请${retryAt}再试。`,
		lostAnswer: 'Discord 的回复在途中丢失了。邀请可能已经创建：再次尝试前请查看 服务器设置 → 邀请。',
		unknown: (reference) => `我这边出了点问题。参考编号：\`${reference}\``,
		unknownCommand: (command) => `\`${command}\` 已不再是此机器人的命令。`,
	},

	suggest: {
		unreadable: (input) => `无法识别“${input}”：试试 30m、2h、1d、7d、never 或 1小时`,
		tooLong: (input) => `“${input}”太长：最多 7 天，或永不过期`,
	},

	limit: {
		cooldown: (retryAt) => `短时间内创建的邀请过多。请${retryAt}再创建邀请。`,
	},

	permission: {
		CreateInstantInvite: '**创建邀请**',
		ViewChannel: '**查看频道**',
		ManageRoles: '**管理身份组**',
	},
	ledger: {
		command: {
			description: '列出或撤销通过 /invite 创建的邀请',
			list: { description: '你的有效邀请（有管理服务器权限时可看其他成员的）' },
			revoke: { description: '撤销一个邀请（有管理服务器权限时可撤销某成员的全部邀请）' },
			options: {
				member: { description: '谁的邀请（其他成员需要管理服务器权限）' },
				channel: { description: '仅限到此频道的邀请' },
				code: { description: '邀请码' },
				reason: { description: '原因（记入审计日志）' },
			},
		},
		unavailable: '邀请记录暂时不可用，请稍后再试。',
		listOwn: '你通过 /invite 创建的邀请：',
		listOf: (member) => `${member} 通过 /invite 创建的邀请：`,
		listEmpty: '你没有通过 /invite 创建的有效邀请。',
		listEmptyOf: (member) => `${member} 没有通过 /invite 创建的有效邀请。`,
		usesMissing: '未显示使用次数：我需要 **管理服务器** 权限才能从 Discord 读取。',
		roles: '身份组',
		target: '对象',
		page: (page) => `第 ${page} 页`,
		previous: '上一页',
		next: '下一页',
		needsManageGuild: '查看或撤销其他成员的邀请需要 **管理服务器** 权限。',
		notYourList: '只有打开此列表的成员才能翻页。',
		codeOrMember: '请提供邀请的 `code`，或要撤销其邀请的 `member`。',
		notFound: (code) => `此服务器中没有通过 /invite 创建的邀请 \`${code}\`。`,
		notAllowed: (code) =>
			`你不能撤销 \`${code}\`：只有申请者或在该处拥有 **管理服务器** 或 **管理频道** 权限的成员可以。`,
		botCannotRevoke: (code, channel) =>
			`我无法撤销 \`${code}\`：我需要 ${channel} 的 **管理频道** 权限或 **管理服务器** 权限。`,
		revoked: (code) => `邀请 \`${code}\` 已撤销。`,
		alreadyGone: (code) => `邀请 \`${code}\` 已经不存在了。`,
		alreadyRevoked: (code) => `邀请 \`${code}\` 正在撤销或已被撤销。`,
		revokedAll: (count, member) => `已撤销 ${member} 的 ${count} 个邀请。`,
		revokedSome: (done, total, member) => `已撤销 ${member} 的 ${total} 个邀请中的 ${done} 个；其余的请重试。`,
		revokeButton: '撤销',
		revokedBy: (code, member, when) => `邀请 \`${code}\` 已由 ${member} 于 ${when} 撤销。`,
	},
};
