import type { Messages } from './messages.js';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** Korean. */
export const ko: Messages = {
	command: {
		description: '나만 볼 수 있는 이 서버의 초대 링크를 만듭니다',
		options: {
			channel: { name: '채널', description: '초대로 열리는 채널 (기본값: 현재 채널)' },
			expires: { name: '만료', description: '링크 유효 기간: 30m, 2h, 1d, 7d 또는 무제한 (기본값: 1일)' },
			max_uses: { name: '최대_사용', description: '사용할 수 있는 인원 수 (0 = 제한 없음)' },
			temporary: { name: '임시', description: '참가한 멤버는 역할을 받지 않으면 오프라인이 될 때 추방됩니다' },
			unique: { name: '고유', description: '항상 새 코드 만들기 (없으면 Discord가 기존 초대를 반환할 수 있음)' },
			stream_user: { name: '방송', description: '음성 또는 스테이지 전용: 이 멤버의 방송 열기' },
			activity: { name: '활동', description: '음성 또는 스테이지 전용: 열 활동의 애플리케이션 ID' },
			role: { name: '역할', description: '이 초대로 참가한 사람에게 줄 역할 (역할 관리하기 권한 필요)' },
			more_roles: {
				name: '추가_역할',
				description: '참가 시 줄 추가 역할: 역할 멘션 또는 ID, 공백이나 쉼표로 구분',
			},
			users: {
				name: '사용자',
				description: '이 사람들만 수락할 수 있음: 멘션 또는 ID (서버 관리하기 권한 필요)',
			},
			users_file: {
				name: '사용자_파일',
				description: '이 CSV 또는 텍스트 파일의 사용자 ID만 수락할 수 있음 (서버 관리하기 권한 필요)',
			},
			reason: { name: '사유', description: '감사 로그에 표시될 사유' },
		},
	},

	settings: {
		command: {
			description: '/invite 제한과 초대 기록을 설정합니다 (서버 관리하기)',
			options: {
				log_channel: { description: '봇이 만들거나 취소한 모든 초대를 여기에 게시 (텍스트 또는 공지 채널)' },
				max_expires: { description: '멤버가 고를 수 있는 가장 긴 만료 기간, 예: 1d (never = 제한 없음)' },
				allow_permanent: { description: '만료되지 않는 초대를 허용할지 여부 (기본값: 예)' },
				max_uses_limit: { description: '모든 초대의 사용 횟수 상한 (1-100)' },
				allow_roles: { description: '/invite가 이 서버에서 역할을 줄 수 있는지 여부 (기본값: 예)' },
				require_reason: { description: '/invite에 사유가 필요한지 여부 (기본값: 아니요)' },
				reset: { description: '모든 설정을 기본값으로 되돌리기' },
			},
		},
		notInGuild: '/invite-settings는 서버에서만 사용할 수 있어요.',
		notAllowed: '초대 설정을 바꾸려면 **서버 관리하기** 권한이 필요해요.',
		noStore:
			'이 봇은 데이터베이스 없이 실행 중이라 초대 설정을 저장하지 않아요. 운영자가 DATABASE_URL을 설정하면 켤 수 있어요.',
		unavailable: '지금은 초대 설정을 사용할 수 없어요 (데이터베이스가 응답하지 않음). 잠시 후 다시 시도해 주세요.',
		resetAlone: '`reset`은 다른 옵션 없이 단독으로 사용해 주세요.',
		logChannelType: (channel) =>
			`${channel}은(는) 초대 기록 채널이 될 수 없어요. 텍스트 또는 공지 채널을 골라 주세요.`,
		logChannelMissing: (channel, permissions) =>
			`${channel}에 초대 기록을 게시할 수 없어요. 그곳에서 ${permissions} 권한이 필요해요. 아무것도 바뀌지 않았어요.`,
		logChannelUnknown: (channel) =>
			`${channel}에서 내 권한을 확인하지 못해 아무것도 바꾸지 않았어요. 잠시 후 다시 시도해 주세요.`,
		title: '이 서버의 초대 설정',
		saved: '저장했어요.',
		resetDone: '모든 설정을 기본값으로 되돌렸어요.',
		exemptNote: '서버 관리하기 권한이 있는 멤버에게는 이 제한이 적용되지 않아요.',
		logChannel: '초대 기록',
		maxExpires: '가장 긴 만료 기간',
		allowPermanent: '만료되지 않는 초대',
		maxUsesLimit: '초대당 최대 사용 횟수',
		allowRoles: '초대로 역할 주기',
		requireReason: '사유 필수',
		none: '없음',
		noLimit: '제한 없음',
		yes: '예',
		no: '아니요',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\`은(는) 이 서버가 허용하는 것보다 길어요. 초대는 최대 ${limit} 동안 유효해요.`,
			permanentNotAllowed: '이 서버는 만료되지 않는 초대를 허용하지 않아요. `expires`로 기간을 정해 주세요.',
			maxUsesOverLimit: (limit) =>
				`이 서버는 초대당 최대 ${limit}회까지 허용해요. \`max_uses\`를 1~${limit}로 정하거나 비워 두세요.`,
			rolesNotAllowed: '이 서버는 /invite로 역할을 주는 것을 허용하지 않아요.',
			reasonRequired: '이 서버는 모든 초대에 사유가 필요해요. `reason`을 추가해 주세요.',
			settingsUnavailable:
				'지금 이 서버의 초대 설정을 읽지 못해 초대를 만들지 않았어요. 잠시 후 다시 시도해 주세요.',
		},
		defaultMaxUses: (limit) => `이 서버의 설정에 따라 ${limit}회로 제한돼요.`,
		defaultExpires: (limit) => `${limit} 후 만료돼요 (이 서버가 허용하는 최대 기간).`,
		logCreated: '초대 생성됨',
		logRevoked: '초대 취소됨',
		askedBy: '요청한 사람',
		revokedBy: '취소한 사람',
		channel: '채널',
		reason: '사유',
		sendMessages: '**메시지 보내기**',
		embedLinks: '**링크 첨부**',
	},

	durationUnits: {
		초: 1,
		분: MINUTE,
		시간: HOUR,
		일: DAY,
		주: WEEK,
		주일: WEEK,
	},
	never: ['무제한', '없음'],
	neverLabel: '만료되지 않음',

	reply: {
		created: (channel) => `${channel} 초대를 만들었습니다`,
		reused: (channel) => `Discord가 ${channel}의 기존 초대를 반환했습니다`,
		groupDm: (name) => `그룹 DM ${name} 초대`,
		friend: (user) => `${user}님의 친구 초대`,
		code: '코드',
		expires: '만료',
		neverExpires: '만료 없음',
		uses: '사용 횟수',
		usesOf: (uses, max) => `${uses} / ${max}`,
		usesUnlimited: (uses) => `${uses} (제한 없음)`,
		temporary: '임시 멤버십',
		temporaryYes: '예: 역할을 받지 않은 멤버는 오프라인이 되면 추방됩니다',
		temporaryNo: '아니요',
		stream: '열리는 방송',
		activity: '열리는 활동',
		roles: '참가 시 역할',
		reusedHint: '같은 설정의 초대가 이미 있었습니다. 항상 새 코드를 받으려면 `고유:True`를 사용하세요.',
		openButton: '초대 열기',
		noBody: 'Discord가 요청을 받았지만 초대를 보내지 않았습니다. 서버 설정 → 초대를 확인하세요.',
		recovered: 'Discord의 응답이 도중에 유실되었지만 초대는 만들어졌습니다. 여기 있습니다.',
		targetUsers: (count) => `선택한 ${count}명만 수락할 수 있습니다`,
		targetUsersProcessing: 'Discord가 사용자 목록을 처리하고 있습니다. 끝나면 이 메시지가 바뀝니다.',
		targetUsersCompleted: (count) => `Discord가 목록을 처리했습니다: ${count}명이 이 초대를 수락할 수 있습니다.`,
		targetUsersFailed: (reason) =>
			`Discord가 사용자 목록을 처리하지 못했습니다(${reason}). 그래서 목록의 누구도 아직 이 초대를 수락할 수 없습니다. 서버 설정 → 초대에서 삭제하고 고친 목록으로 /invite를 다시 실행하세요.`,
		temporaryWithRoles:
			'주의: 초대가 역할을 줄 때 Discord가 임시 멤버십을 적용하지 않는다는 보고가 있습니다. 참가한 사람이 그대로 남을 수 있습니다.',
	},

	check: {
		notInGuild: '/invite는 서버에서만 사용할 수 있습니다.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `스레드에는 초대를 만들 수 없습니다: ${thread}은(는) 스레드입니다. 대신 ${parent}에 초대하세요.`
				: `스레드에는 초대를 만들 수 없습니다: ${thread}은(는) 스레드입니다.`,
		categoryNotInvitable: (channel) =>
			`${channel}은(는) 카테고리라서 초대를 만들 수 없습니다. 그 안의 채널을 선택하세요.`,
		channelNotInvitable: (channel) =>
			`${channel}에는 초대를 만들 수 없습니다. 텍스트, 음성, 공지, 스테이지, 포럼 또는 미디어 채널을 선택하세요.`,
		expiresUnreadable: (input) =>
			`\`${input}\`을(를) 기간으로 읽을 수 없습니다. \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`never\` 또는 \`30분\`을 사용해 보세요.`,
		expiresTooLong: (input) =>
			`\`${input}\`은(는) 너무 깁니다: 초대는 최대 7일까지 유지되거나 만료되지 않게 할 수 있습니다.`,
		maxUsesOutOfRange: (value) =>
			`\`최대_사용\`은(는) 0(제한 없음)에서 100 사이여야 합니다. ${value}은(는) 사용할 수 없습니다.`,
		targetNeedsVoice: (channel) =>
			`\`방송\`과 \`활동\`은 음성 및 스테이지 채널에서만 작동하는데, ${channel}은(는) 둘 다 아닙니다.`,
		streamAndActivity: '`방송`과 `활동` 중 하나만 선택하세요.',
		activityNotAnId: (value) => `\`${value}\`은(는) 애플리케이션 ID(17~20자리 숫자)가 아닙니다.`,
		invokerMissing: (channel, permissions) =>
			`${channel}에 초대하려면 그 채널에서 ${permissions} 권한이 필요합니다.`,
		botMissing: (channel, permissions) =>
			`${channel}에서 ${permissions} 권한이 필요합니다. 서버 관리자에게 그 채널에서 제 역할에 권한을 부여해 달라고 요청하세요.`,
		roleNeedsManageRoles: '초대로 역할을 주려면 **역할 관리하기** 권한이 필요합니다.',
		botNeedsManageRoles: '초대로 역할을 주려면 제게 **역할 관리하기** 권한이 필요합니다.',
		roleIsEveryone: '@everyone은 이미 모두에게 주어집니다. 다른 역할을 선택하세요.',
		roleIsManaged: (role) => `${role}은(는) 연동에서 관리하는 역할이라 초대로 줄 수 없습니다.`,
		roleNotBelowInvoker: (role) => `${role}은(는) 회원님의 가장 높은 역할보다 아래에 있지 않아 줄 수 없습니다.`,
		roleNotBelowBot: (role) =>
			`${role}은(는) 제 가장 높은 역할보다 아래에 있지 않아 줄 수 없습니다. 제 역할을 그 위로 옮겨 주세요.`,
		reasonTooLong: (max) => `사유는 최대 ${max}자까지 입력할 수 있습니다.`,
		optionTooLong: (option, max) => `\`${option}\` 값이 너무 깁니다. 최대 ${max}자까지 가능합니다.`,
		channelNotInGuild: (channel) => `${channel}은(는) 이 서버의 채널이 아닙니다.`,
		cannotVerify: '지금은 권한을 확인할 수 없어 초대를 만들지 않았습니다. 잠시 후 다시 시도하세요.',
		rolesUnreadable: (values) =>
			`\`추가_역할\`에는 공백이나 쉼표로 구분한 역할 멘션 또는 ID를 넣으세요. 읽을 수 없습니다: ${values}`,
		rolesEmpty: '`추가_역할`에 역할이 없습니다. 줄 역할을 멘션하거나 이 옵션을 빼세요.',
		rolesNotInServer: (roles) => `이 서버의 역할이 아닙니다: ${roles}`,
		tooManyRoles: (max) => `초대 하나로 줄 수 있는 역할은 최대 ${max}개입니다.`,
		usersUnreadable: (values) =>
			`\`사용자\`에는 공백이나 쉼표로 구분한 사용자 멘션 또는 ID를 넣으세요. 읽을 수 없습니다: ${values}. 아무것도 보내지 않았습니다.`,
		usersEmpty: '`사용자`에 아무도 없습니다. 초대를 수락할 수 있는 사람을 멘션하거나 이 옵션을 빼세요.',
		usersNeedManageGuild: '초대를 수락할 수 있는 사람을 정하려면 **서버 관리하기** 권한이 필요합니다.',
		botNeedsManageGuild:
			'초대를 수락할 수 있는 사람을 정하려면 제게 **서버 관리하기** 권한이 필요합니다. 서버 관리자에게 제 역할에 부여해 달라고 요청하세요.',
		fileTooLarge: (name, maxMiB) => `\`${name}\` 파일이 너무 큽니다. 사용자 목록은 최대 ${maxMiB} MiB입니다.`,
		fileUnreadable: (name) =>
			`\`${name}\` 파일을 읽을 수 없습니다. 사용자 ID를 한 줄에 하나씩 또는 쉼표로 구분해 적은 CSV나 텍스트 파일을 올리세요.`,
		fileTimeout: (name) =>
			`\`${name}\` 파일을 내려받는 데 너무 오래 걸려 초대를 만들지 않았습니다. 잠시 후 다시 시도하세요.`,
		fileRefused: (name) =>
			`\`${name}\` 파일은 다운로드하지 않습니다. 링크가 Discord 파일 서버로 연결되지 않아 초대를 만들지 않았습니다. 명령어로 파일을 다시 업로드하세요.`,
		fileBusy: (name) =>
			`지금 읽고 있는 파일이 너무 많아 \`${name}\` 파일을 다운로드하지 않았고 초대도 만들지 않았습니다. 잠시 후 다시 시도하세요.`,
		fileUnreadableIds: (name, values) =>
			`\`${name}\`의 다음 줄은 사용자 ID가 아닙니다: ${values}. 아무것도 보내지 않았습니다.`,
		fileEmpty: (name) =>
			`\`${name}\`에 아무도 없습니다. \`user_id\` 머리글이 있든 없든 한 줄에 사용자 ID 하나씩 적으세요.`,
	},

	error: {
		unknownChannel: '그 채널은 더 이상 존재하지 않습니다.',
		missingAccess: '그 채널을 볼 수 없습니다. 서버 관리자에게 제 역할이 채널을 볼 수 있게 해 달라고 요청하세요.',
		missingPermissions:
			'Discord에 따르면 이 초대에 필요한 권한이 없습니다(초대 코드 만들기, 또는 역할의 경우 역할 관리하기).',
		unknownRole: '그 역할은 더 이상 존재하지 않습니다.',
		unknownUser: 'Discord에서 그 사용자를 찾을 수 없습니다.',
		maxInvites: '이 서버는 Discord의 초대 한도인 1000개에 도달했습니다. 서버 설정 → 초대에서 일부를 삭제하세요.',
		invalidChannelType: 'Discord는 그런 종류의 채널에 초대를 허용하지 않습니다.',
		invalidRole: 'Discord는 그 역할을 초대로 줄 수 없습니다.',
		unknownTargetUsersJob: 'Discord에 이 초대의 사용자 목록 처리 기록이 없습니다. 서버 설정 → 초대에서 확인하세요.',
		unknownTargetUsers: 'Discord에 이 초대의 사용자 목록이 없습니다.',
		inviteCodeTaken: 'Discord에 따르면 그 초대 코드는 잘못되었거나 이미 사용 중입니다. 다시 시도하세요.',
		invalidForm: (fields) => `Discord가 초대 설정을 거부했습니다: ${fields}`,
		rateLimited: (retryAt) => `Discord가 이곳의 초대 생성 속도를 제한하고 있습니다. ${retryAt}에 다시 시도하세요.`,
		discordError: (status) =>
			`Discord에 문제가 생겼습니다(HTTP ${status}). 초대가 만들어졌을 수도 있으니 다시 시도하기 전에 서버 설정 → 초대를 확인하세요.`,
		timeout:
			'Discord가 제시간에 응답하지 않았습니다. 초대가 만들어졌을 수도 있으니 다시 시도하기 전에 서버 설정 → 초대를 확인하세요.',
		network: 'Discord에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
		tokenRejected:
			'Discord가 봇 토큰을 거부해서 초대를 만들지 않았습니다. 봇 소유자가 토큰을 확인해야 합니다 (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) => `지금 Discord가 혼잡해서 초대를 만들지 않았습니다. ${retryAt} 다시 시도하세요.`,
		lostAnswer:
			'Discord의 응답이 중간에 사라졌습니다. 그래도 초대가 만들어졌을 수 있으니 다시 시도하기 전에 서버 설정 → 초대를 확인하세요.',
		unknown: (reference) => `제 쪽에서 문제가 발생했습니다. 참조 코드: \`${reference}\``,
		unknownCommand: (command) => `\`${command}\`은(는) 더 이상 이 봇의 명령어가 아닙니다.`,
	},

	suggest: {
		unreadable: (input) => `"${input}"을(를) 읽을 수 없음: 30m, 2h, 1d, 7d, never 또는 30분을 입력해 보세요`,
		tooLong: (input) => `"${input}"은(는) 너무 깁니다: 최대 7일 또는 무제한`,
	},

	limit: {
		cooldown: (retryAt) => `짧은 시간에 초대를 너무 많이 만들었습니다. ${retryAt}에 다시 초대를 만들 수 있습니다.`,
	},

	permission: {
		CreateInstantInvite: '**초대 코드 만들기**',
		ViewChannel: '**채널 보기**',
		ManageRoles: '**역할 관리하기**',
	},
	ledger: {
		command: {
			description: '/invite로 만든 초대를 보거나 취소합니다',
			list: { description: '내 활성 초대 (서버 관리 권한이 있으면 다른 멤버의 초대)' },
			revoke: { description: '초대를 취소합니다 (서버 관리 권한이 있으면 멤버의 모든 초대)' },
			options: {
				member: { description: '누구의 초대인지 (다른 멤버는 서버 관리 필요)' },
				channel: { description: '이 채널로의 초대만' },
				code: { description: '초대 코드' },
				reason: { description: '사유 (감사 로그에 남습니다)' },
			},
		},
		unavailable: '지금은 초대 장부를 사용할 수 없어요. 잠시 후 다시 시도하세요.',
		listOwn: '/invite로 만든 내 초대:',
		listOf: (member) => `${member} 님이 /invite로 만든 초대:`,
		listEmpty: '/invite로 만든 활성 초대가 없어요.',
		listEmptyOf: (member) => `${member} 님은 /invite로 만든 활성 초대가 없어요.`,
		usesMissing: '사용 횟수가 표시되지 않아요: Discord에서 읽으려면 **서버 관리** 권한이 필요해요.',
		roles: '역할',
		target: '대상',
		page: (page) => `${page}페이지`,
		previous: '이전',
		next: '다음',
		needsManageGuild: '다른 멤버의 초대를 보거나 취소하려면 **서버 관리** 권한이 필요해요.',
		notYourList: '이 목록을 연 멤버만 페이지를 넘길 수 있어요.',
		codeOrMember: '초대의 `code`나 초대를 취소할 `member`를 지정하세요.',
		notFound: (code) => `이 서버에 /invite로 만든 초대 \`${code}\`가 없어요.`,
		notAllowed: (code) =>
			`\`${code}\`를 취소할 수 없어요: 요청한 멤버나 그곳에서 **서버 관리** 또는 **채널 관리** 권한이 있는 멤버만 취소할 수 있어요.`,
		botCannotRevoke: (code, channel) =>
			`\`${code}\`를 취소할 수 없어요: ${channel}에서 **채널 관리** 또는 **서버 관리** 권한이 필요해요.`,
		revoked: (code) => `초대 \`${code}\`를 취소했어요.`,
		alreadyGone: (code) => `초대 \`${code}\`는 이미 없었어요.`,
		alreadyRevoked: (code) => `초대 \`${code}\`는 취소 중이거나 이미 취소되었어요.`,
		revokedAll: (count, member) => `${member} 님의 초대 ${count}개를 취소했어요.`,
		revokedSome: (done, total, member) =>
			`${member} 님의 초대 ${total}개 중 ${done}개를 취소했어요. 나머지는 다시 시도하세요.`,
		revokeButton: '취소',
		revokedBy: (code, member, when) => `초대 \`${code}\`는 ${member} 님이 ${when} 취소했어요.`,
	},
};
