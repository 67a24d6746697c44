import type { Messages } from './messages.js';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** Japanese. */
export const ja: Messages = {
	command: {
		description: '自分だけに表示される、このサーバーへの招待リンクを作成します',
		options: {
			channel: { name: 'チャンネル', description: '招待先のチャンネル（デフォルト: このチャンネル）' },
			expires: {
				name: '有効期限',
				description: 'リンクの有効期間: 30m、2h、1d、7d、または無期限（デフォルト: 1日）',
			},
			max_uses: { name: '最大使用回数', description: '使用できる人数（0 = 無制限）' },
			temporary: {
				name: '一時的',
				description: '参加したメンバーは、ロールを付与されない限りログオフ時にキックされます',
			},
			unique: {
				name: 'ユニーク',
				description: '常に新しいコードを作成（指定しないと既存の招待が返される場合があります）',
			},
			stream_user: { name: '配信', description: 'ボイス・ステージのみ: このメンバーのライブ配信を開きます' },
			activity: {
				name: 'アクティビティ',
				description: 'ボイス・ステージのみ: 開くアクティビティのアプリケーションID',
			},
			role: { name: 'ロール', description: 'この招待で参加した人に付与するロール（「ロールの管理」が必要）' },
			more_roles: {
				name: '追加ロール',
				description: '参加時に付与する追加ロール：ロールのメンションまたは ID（スペースかカンマ区切り）',
			},
			users: {
				name: 'ユーザー',
				description: 'このユーザーだけが受け取れる：メンションまたは ID（サーバー管理 権限が必要）',
			},
			users_file: {
				name: 'ユーザーファイル',
				description: 'この CSV またはテキストファイルのユーザー ID だけが受け取れる（サーバー管理 権限が必要）',
			},
			reason: { name: '理由', description: '監査ログに表示される理由' },
		},
	},

	settings: {
		command: {
			description: '/invite の制限と招待ログを設定します（サーバー管理）',
			options: {
				log_channel: {
					description: 'ボットが作成・取り消した招待をすべてここに投稿（テキストまたはアナウンス）',
				},
				max_expires: { description: 'メンバーが選べる最長の有効期限（例: 1d、never = 制限なし）' },
				allow_permanent: { description: '無期限の招待を許可するか（既定: はい）' },
				max_uses_limit: { description: '各招待の使用回数の上限（1-100）' },
				allow_roles: { description: '/invite でロールを付与できるか（既定: はい）' },
				require_reason: { description: '/invite に理由を必須にするか（既定: いいえ）' },
				reset: { description: 'すべての設定を既定に戻す' },
			},
		},
		notInGuild: '/invite-settings はサーバー内でのみ使えます。',
		notAllowed: '招待の設定を変更するには **サーバー管理** 権限が必要です。',
		noStore:
			'このボットはデータベースなしで動いているため、招待の設定を保存しません。運営者が DATABASE_URL を設定すると使えます。',
		unavailable:
			'招待の設定は現在利用できません（データベースが応答しません）。少し待ってからもう一度お試しください。',
		resetAlone: '`reset` は単独で使ってください（ほかのオプションと一緒には使えません）。',
		logChannelType: (channel) =>
			`${channel} は招待ログにできません。テキストチャンネルかアナウンスチャンネルを選んでください。`,
		logChannelMissing: (channel, permissions) =>
			`${channel} に招待ログを投稿できません。そこで ${permissions} 権限が必要です。何も変更していません。`,
		logChannelUnknown: (channel) =>
			`${channel} での自分の権限を確認できなかったため、何も変更していません。少し待ってからもう一度お試しください。`,
		title: 'このサーバーの招待設定',
		saved: '保存しました。',
		resetDone: 'すべての設定を既定に戻しました。',
		exemptNote: 'サーバー管理権限を持つメンバーにはこれらの制限は適用されません。',
		logChannel: '招待ログ',
		maxExpires: '最長の有効期限',
		allowPermanent: '無期限の招待',
		maxUsesLimit: '招待ごとの使用回数の上限',
		allowRoles: '招待でのロール付与',
		requireReason: '理由が必須',
		none: 'なし',
		noLimit: '制限なし',
		yes: 'はい',
		no: 'いいえ',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` はこのサーバーで許可された期間より長いです。招待の有効期限は最長 ${limit} です。`,
			permanentNotAllowed:
				'このサーバーでは無期限の招待は許可されていません。`expires` で期限を指定してください。',
			maxUsesOverLimit: (limit) =>
				`このサーバーでは招待 1 件あたり最大 ${limit} 回までです。\`max_uses\` を 1〜${limit} にするか、省略してください。`,
			rolesNotAllowed: 'このサーバーでは /invite でロールを付与できません。',
			reasonRequired: 'このサーバーでは招待ごとに理由が必要です。`reason` を追加してください。',
			settingsUnavailable:
				'このサーバーの招待設定を読み込めなかったため、招待を作成しませんでした。少し待ってからもう一度お試しください。',
		},
		defaultMaxUses: (limit) => `このサーバーの設定により使用回数は ${limit} 回までです。`,
		defaultExpires: (limit) => `${limit} で期限切れになります（このサーバーで許可された最長期間）。`,
		logCreated: '招待が作成されました',
		logRevoked: '招待が取り消されました',
		askedBy: '依頼者',
		revokedBy: '取り消した人',
		channel: 'チャンネル',
		reason: '理由',
		sendMessages: '**メッセージを送信**',
		embedLinks: '**埋め込みリンク**',
	},

	durationUnits: {
		秒: 1,
		秒間: 1,
		分: MINUTE,
		分間: MINUTE,
		時間: HOUR,
		時: HOUR,
		日: DAY,
		日間: DAY,
		週間: WEEK,
		週: WEEK,
	},
	never: ['無期限', 'なし'],
	neverLabel: '無期限',

	reply: {
		created: (channel) => `${channel} への招待を作成しました`,
		reused: (channel) => `Discord が ${channel} への既存の招待を返しました`,
		groupDm: (name) => `グループDM ${name} への招待`,
		friend: (user) => `${user} からのフレンド招待`,
		code: 'コード',
		expires: '有効期限',
		neverExpires: '無期限',
		uses: '使用回数',
		usesOf: (uses, max) => `${uses} / ${max}`,
		usesUnlimited: (uses) => `${uses}（無制限）`,
		temporary: '一時的なメンバーシップ',
		temporaryYes: 'はい: ロールを付与されない限り、ログオフ時にキックされます',
		temporaryNo: 'いいえ',
		stream: '開く配信',
		activity: '開くアクティビティ',
		roles: '参加時のロール',
		reusedHint:
			'同じ設定の招待がすでに存在していました。常に新しいコードを取得するには `ユニーク:True` を指定してください。',
		openButton: '招待を開く',
		noBody: 'Discord はリクエストを受け付けましたが、招待が返されませんでした。サーバー設定 → 招待 を確認してください。',
		recovered: 'Discord からの応答が途中で失われましたが、招待は作成されています。こちらです。',
		targetUsers: (count) => `選ばれた ${count} 人だけがこの招待を受け取れます`,
		targetUsersProcessing: 'Discord がユーザーのリストを処理中です。完了するとこのメッセージが更新されます。',
		targetUsersCompleted: (count) => `Discord がリストを処理しました：${count} 人がこの招待を受け取れます。`,
		targetUsersFailed: (reason) =>
			`Discord はユーザーのリストを処理できませんでした（${reason}）。リストの誰もまだこの招待を受け取れません。サーバー設定 → 招待 で削除し、修正したリストで /invite をもう一度実行してください。`,
		temporaryWithRoles:
			'注意：招待でロールを付与すると、Discord は一時的なメンバーシップを適用しないという報告があります。参加した人がそのまま残る可能性があります。',
	},

	check: {
		notInGuild: '/invite はサーバー内でのみ使用できます。',
		threadNotInvitable: (thread, parent) =>
			parent
				? `スレッドには招待を作成できません: ${thread} はスレッドです。代わりに ${parent} への招待を作成してください。`
				: `スレッドには招待を作成できません: ${thread} はスレッドです。`,
		categoryNotInvitable: (channel) =>
			`${channel} はカテゴリーのため、招待を作成できません。その中のチャンネルを選んでください。`,
		channelNotInvitable: (channel) =>
			`${channel} には招待を作成できません。テキスト、ボイス、アナウンス、ステージ、フォーラム、メディアのいずれかのチャンネルを選んでください。`,
		expiresUnreadable: (input) =>
			`\`${input}\` を期間として読み取れません。\`30m\`、\`2h\`、\`1d\`、\`7d\`、\`never\`、\`2時間\` などを試してください。`,
		expiresTooLong: (input) => `\`${input}\` は長すぎます: 招待の有効期間は最長7日、または無期限です。`,
		maxUsesOutOfRange: (value) =>
			`\`最大使用回数\` は 0（無制限）から 100 の間で指定してください（${value} は指定できません）。`,
		targetNeedsVoice: (channel) =>
			`\`配信\` と \`アクティビティ\` はボイスチャンネルとステージチャンネルでのみ使えますが、${channel} はどちらでもありません。`,
		streamAndActivity: '`配信` と `アクティビティ` は、どちらか一方だけを指定してください。',
		activityNotAnId: (value) => `\`${value}\` はアプリケーションID（17〜20桁の数字）ではありません。`,
		invokerMissing: (channel, permissions) =>
			`${channel} に招待するには、そのチャンネルでの ${permissions} 権限が必要です。`,
		botMissing: (channel, permissions) =>
			`${channel} での ${permissions} 権限が必要です。サーバー管理者に、そのチャンネルで私のロールに付与するよう依頼してください。`,
		roleNeedsManageRoles: '招待でロールを付与するには、**ロールの管理** 権限が必要です。',
		botNeedsManageRoles: '招待でロールを付与するには、私に **ロールの管理** 権限が必要です。',
		roleIsEveryone: '@everyone はすでに全員に付与されています。別のロールを選んでください。',
		roleIsManaged: (role) => `${role} は連携サービスによって管理されているため、招待で付与できません。`,
		roleNotBelowInvoker: (role) => `${role} はあなたの最上位ロールより下にないため、付与できません。`,
		roleNotBelowBot: (role) =>
			`${role} は私の最上位ロールより下にないため、付与できません。私のロールをその上に移動してください。`,
		reasonTooLong: (max) => `理由は最大 ${max} 文字までです。`,
		optionTooLong: (option, max) => `\`${option}\` が長すぎます。${max} 文字以内にしてください。`,
		channelNotInGuild: (channel) => `${channel} はこのサーバーのチャンネルではありません。`,
		cannotVerify:
			'現在あなたの権限を確認できなかったため、招待は作成していません。しばらくしてからもう一度お試しください。',
		rolesUnreadable: (values) =>
			`\`追加ロール\` にはスペースかカンマで区切ったロールのメンションまたは ID を指定してください。読み取れません：${values}`,
		rolesEmpty:
			'`追加ロール` にロールがありません。付与するロールをメンションするか、このオプションを外してください。',
		rolesNotInServer: (roles) => `このサーバーのロールではありません：${roles}`,
		tooManyRoles: (max) => `1つの招待で付与できるロールは最大 ${max} 個です。`,
		usersUnreadable: (values) =>
			`\`ユーザー\` にはスペースかカンマで区切ったユーザーのメンションまたは ID を指定してください。読み取れません：${values}。何も送信していません。`,
		usersEmpty:
			'`ユーザー` に誰も含まれていません。招待を受け取れる人をメンションするか、このオプションを外してください。',
		usersNeedManageGuild: '招待を受け取れる人を選ぶには、**サーバー管理** 権限が必要です。',
		botNeedsManageGuild:
			'招待を受け取れる人を選ぶには、私に **サーバー管理** 権限が必要です。サーバー管理者に私のロールへの付与を依頼してください。',
		fileTooLarge: (name, maxMiB) => `\`${name}\` が大きすぎます。ユーザーのリストは最大 ${maxMiB} MiB です。`,
		fileUnreadable: (name) =>
			`\`${name}\` を読み取れませんでした。ユーザー ID を1行に1つ、またはカンマ区切りで書いた CSV かテキストファイルをアップロードしてください。`,
		fileTimeout: (name) =>
			`\`${name}\` のダウンロードに時間がかかりすぎたため、招待は作成していません。しばらくしてからもう一度お試しください。`,
		fileRefused: (name) =>
			`\`${name}\` はダウンロードしません。リンク先が Discord のファイルサーバーではないため、招待は作成していません。コマンドでファイルをもう一度アップロードしてください。`,
		fileBusy: (name) =>
			`現在読み込み中のファイルが多すぎるため、\`${name}\` をダウンロードせず、招待も作成していません。少し待ってからもう一度お試しください。`,
		fileUnreadableIds: (name, values) =>
			`\`${name}\` の次の行はユーザー ID ではありません：${values}。何も送信していません。`,
		fileEmpty: (name) =>
			`\`${name}\` に誰も含まれていません。\`user_id\` の見出しの有無にかかわらず、1行に1つのユーザー ID を書いてください。`,
	},

	error: {
		unknownChannel: 'そのチャンネルはもう存在しません。',
		missingAccess: 'そのチャンネルを閲覧できません。サーバー管理者に、私のロールが閲覧できるよう依頼してください。',
		missingPermissions:
			'Discord によると、この招待に必要な権限（招待を作成、またはロールの場合は ロールの管理）がありません。',
		unknownRole: 'そのロールはもう存在しません。',
		unknownUser: 'Discord はそのユーザーを認識していません。',
		maxInvites:
			'このサーバーは Discord の招待上限（1000件）に達しています。サーバー設定 → 招待 でいくつか削除してください。',
		invalidChannelType: 'Discord はその種類のチャンネルへの招待を許可していません。',
		invalidRole: 'Discord はそのロールを招待で付与できません。',
		unknownTargetUsersJob:
			'Discord にこの招待のユーザーリスト処理の記録がありません。サーバー設定 → 招待 で確認してください。',
		unknownTargetUsers: 'Discord にはこの招待のユーザーリストがありません。',
		inviteCodeTaken: 'Discord によると、その招待コードは無効か、すでに使われています。もう一度お試しください。',
		invalidForm: (fields) => `Discord が招待の設定を拒否しました: ${fields}`,
		rateLimited: (retryAt) =>
			`Discord がここでの招待の作成ペースを制限しています。${retryAt}にもう一度お試しください。`,
		discordError: (status) =>
			`Discord で問題が発生しました（HTTP ${status}）。招待が作成されている可能性があるため、再試行する前に サーバー設定 → 招待 を確認してください。`,
		timeout:
			'Discord から時間内に応答がありませんでした。招待が作成されている可能性があるため、再試行する前に サーバー設定 → 招待 を確認してください。',
		network: 'Discord に接続できませんでした。しばらくしてからもう一度お試しください。',
		tokenRejected:
			'Discord がボットのトークンを拒否したため、招待は作成していません。ボットの所有者がトークンを確認する必要があります（Developer Portal → Bot → Reset Token）。',
		busy: (retryAt) => `Discord が混み合っているため、招待は作成していません。${retryAt}にもう一度お試しください。`,
		lostAnswer:
			'Discord の応答が途中で失われました。招待が作成されている可能性があります。もう一度試す前に サーバー設定 → 招待 を確認してください。',
		unknown: (reference) => `こちら側で問題が発生しました。参照コード: \`${reference}\``,
		unknownCommand: (command) => `\`${command}\` はこのボットのコマンドではなくなりました。`,
	},

	suggest: {
		unreadable: (input) => `「${input}」を読み取れません: 30m、2h、1d、7d、never、2時間 などを試してください`,
		tooLong: (input) => `「${input}」は長すぎます: 最長7日、または無期限`,
	},

	limit: {
		cooldown: (retryAt) => `短時間に招待を作りすぎています。${retryAt}に次の招待を作成できます。`,
	},

	permission: {
		CreateInstantInvite: '**招待を作成**',
		ViewChannel: '**チャンネルを見る**',
		ManageRoles: '**ロールの管理**',
	},
	ledger: {
		command: {
			description: '/invite で作成した招待を一覧表示または取り消す',
			list: { description: '有効な自分の招待（サーバー管理権限があれば他のメンバーの招待）' },
			revoke: { description: '招待を取り消す（サーバー管理権限があればメンバーの全招待）' },
			options: {
				member: { description: '誰の招待か（他のメンバーにはサーバー管理が必要）' },
				channel: { description: 'このチャンネルへの招待のみ' },
				code: { description: '招待コード' },
				reason: { description: '理由（監査ログに残ります）' },
			},
		},
		unavailable: '招待台帳は現在利用できません。少ししてからもう一度お試しください。',
		listOwn: '/invite で作成したあなたの招待：',
		listOf: (member) => `${member} が /invite で作成した招待：`,
		listEmpty: '/invite で作成した有効な招待はありません。',
		listEmptyOf: (member) => `${member} が /invite で作成した有効な招待はありません。`,
		usesMissing: '使用回数は表示されません：Discord から読むには **サーバー管理** 権限が必要です。',
		roles: 'ロール',
		target: '対象',
		page: (page) => `${page} ページ`,
		previous: '前へ',
		next: '次へ',
		needsManageGuild: '他のメンバーの招待を表示・取り消すには **サーバー管理** 権限が必要です。',
		notYourList: 'この一覧のページをめくれるのは実行したメンバーだけです。',
		codeOrMember: '招待の `code` か、招待を取り消す `member` を指定してください。',
		notFound: (code) => `このサーバーに /invite で作成された招待 \`${code}\` はありません。`,
		notAllowed: (code) =>
			`\`${code}\` は取り消せません：依頼したメンバーか、そこで **サーバー管理** または **チャンネルの管理** 権限を持つメンバーだけが取り消せます。`,
		botCannotRevoke: (code, channel) =>
			`\`${code}\` を取り消せません：${channel} での **チャンネルの管理** か **サーバー管理** 権限が必要です。`,
		revoked: (code) => `招待 \`${code}\` を取り消しました。`,
		alreadyGone: (code) => `招待 \`${code}\` はすでにありませんでした。`,
		alreadyRevoked: (code) => `招待 \`${code}\` は取り消し中か、すでに取り消されています。`,
		revokedAll: (count, member) => `${member} の招待を ${count} 件取り消しました。`,
		revokedSome: (done, total, member) =>
			`${member} の招待 ${total} 件中 ${done} 件を取り消しました。残りはもう一度お試しください。`,
		revokeButton: '取り消す',
		revokedBy: (code, member, when) => `招待 \`${code}\` は ${member} により ${when} 取り消されました。`,
	},
};
