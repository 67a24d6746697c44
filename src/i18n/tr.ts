import type { Messages } from './messages.js';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** Turkish. */
export const tr: Messages = {
	command: {
		description: 'Bu sunucu için yalnızca senin görebileceğin bir davet bağlantısı oluştur',
		options: {
			channel: { name: 'kanal', description: 'Davetin açacağı kanal (varsayılan: bu kanal)' },
			expires: {
				name: 'süre',
				description: 'Bağlantı ne kadar geçerli: 30m, 2h, 1d, 7d veya asla (varsayılan 1 gün)',
			},
			max_uses: { name: 'maks_kullanım', description: 'Kaç kişi kullanabilir (0 = sınırsız)' },
			temporary: { name: 'geçici', description: 'Katılan üyeler, rol verilmedikçe çıkış yaptıklarında atılır' },
			unique: {
				name: 'benzersiz',
				description: 'Her zaman yeni kod oluştur (yoksa Discord mevcut bir daveti döndürebilir)',
			},
			stream_user: { name: 'yayın', description: 'Yalnızca ses veya sahne: bu üyenin canlı yayınını açar' },
			activity: {
				name: 'etkinlik',
				description: 'Yalnızca ses veya sahne: açılacak Etkinliğin uygulama kimliği',
			},
			role: { name: 'rol', description: 'Bu davetle katılanlara verilecek rol (Rolleri Yönet izni gerekir)' },
			more_roles: {
				name: 'diğer_roller',
				description:
					"Katılınca verilecek diğer roller: rol etiketleri veya ID'ler, boşluk ya da virgülle ayrılmış",
			},
			users: {
				name: 'kullanıcılar',
				description: "Yalnızca bu kişiler kabul edebilir: etiketler veya ID'ler (Sunucuyu Yönet gerekir)",
			},
			users_file: {
				name: 'kullanıcı_dosyası',
				description: "Yalnızca bu CSV veya metin dosyasındaki kullanıcı ID'leri (Sunucuyu Yönet gerekir)",
			},
			reason: { name: 'sebep', description: 'Denetim Kaydında gösterilecek sebep' },
		},
	},

	settings: {
		command: {
			description: '/invite sınırlarını ve davet kaydını ayarlar (Sunucuyu Yönet)',
			options: {
				log_channel: {
					description: 'Botun oluşturduğu veya iptal ettiği her daveti buraya gönder (metin/duyuru)',
				},
				max_expires: { description: 'Üyelerin seçebileceği en uzun süre, ör. 1d (asla = sınır yok)' },
				allow_permanent: { description: 'Süresi hiç dolmayan davetlere izin verilsin mi (varsayılan: evet)' },
				max_uses_limit: { description: 'Her davetin en fazla bu kadar kullanımı olur (1-100)' },
				allow_roles: { description: '/invite bu sunucuda rol verebilsin mi (varsayılan: evet)' },
				require_reason: { description: '/invite bir sebep istesin mi (varsayılan: hayır)' },
				reset: { description: 'Tüm ayarları varsayılana döndür' },
			},
		},
		notInGuild: '/invite-settings yalnızca bir sunucuda çalışır.',
		notAllowed: 'Davet ayarlarını değiştirmek için **Sunucuyu Yönet** iznine ihtiyacın var.',
		noStore:
			'Bu bot veritabanı olmadan çalışıyor, bu yüzden davet ayarı tutmuyor. Sahibi DATABASE_URL ayarlayarak açabilir.',
		unavailable: 'Davet ayarlarına şu an ulaşılamıyor (veritabanı yanıt vermiyor). Birazdan tekrar dene.',
		resetAlone: '`reset` tek başına kullanılır: diğer seçenekler olmadan çalıştır.',
		logChannelType: (channel) => `${channel} davet kaydı olamaz: bir metin veya duyuru kanalı seç.`,
		logChannelMissing: (channel, permissions) =>
			`Davet kaydını ${channel} kanalına gönderemiyorum: orada ${permissions} iznine ihtiyacım var. Hiçbir şey değişmedi.`,
		logChannelUnknown: (channel) =>
			`${channel} kanalındaki izinlerimi kontrol edemedim, bu yüzden hiçbir şey değişmedi. Birazdan tekrar dene.`,
		title: 'Bu sunucunun davet ayarları',
		saved: 'Kaydedildi.',
		resetDone: 'Tüm ayarlar varsayılana döndü.',
		exemptNote: 'Sunucuyu Yönet iznine sahip üyeler bu sınırlara bağlı değildir.',
		logChannel: 'Davet kaydı',
		maxExpires: 'En uzun süre',
		allowPermanent: 'Süresi dolmayan davetler',
		maxUsesLimit: 'Davet başına en fazla kullanım',
		allowRoles: 'Davetlerde roller',
		requireReason: 'Sebep zorunlu',
		none: 'yok',
		noLimit: 'sınır yok',
		yes: 'evet',
		no: 'hayır',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` bu sunucunun izin verdiğinden uzun: bir davet en fazla ${limit} geçerli olabilir.`,
			permanentNotAllowed: 'Bu sunucu süresi hiç dolmayan davetlere izin vermiyor. `expires` ile bir süre seç.',
			maxUsesOverLimit: (limit) =>
				`Bu sunucu davet başına en fazla ${limit} kullanıma izin veriyor: \`max_uses\` değerini 1 ile ${limit} arasında ayarla veya boş bırak.`,
			rolesNotAllowed: 'Bu sunucu /invite ile rol verilmesine izin vermiyor.',
			reasonRequired: 'Bu sunucu her davet için bir sebep istiyor: `reason` ekle.',
			settingsUnavailable:
				'Bu sunucunun davet ayarlarını şu an okuyamadım, bu yüzden davet oluşturmadım. Birazdan tekrar dene.',
		},
		defaultMaxUses: (limit) => `Bu sunucunun ayarlarıyla ${limit} kullanımla sınırlandı.`,
		defaultExpires: (limit) => `${limit} sonra sona erer; bu sunucunun izin verdiği en uzun süre.`,
		logCreated: 'Davet oluşturuldu',
		logRevoked: 'Davet iptal edildi',
		askedBy: 'İsteyen',
		revokedBy: 'İptal eden',
		channel: 'Kanal',
		reason: 'Sebep',
		sendMessages: '**Mesaj Gönder**',
		embedLinks: '**Bağlantı Yerleştir**',
	},

	durationUnits: {
		saniye: 1,
		sn: 1,
		dakika: MINUTE,
		dk: MINUTE,
		saat: HOUR,
		sa: HOUR,
		gün: DAY,
		hafta: WEEK,
	},
	never: ['asla', 'süresiz'],
	neverLabel: 'Süresi dolmaz',

	reply: {
		created: (channel) => `${channel} için davet oluşturuldu`,
		reused: (channel) => `Discord, ${channel} için mevcut bir daveti döndürdü`,
		groupDm: (name) => `${name} grup DM'sine davet`,
		friend: (user) => `${user} kullanıcısından arkadaşlık daveti`,
		code: 'Kod',
		expires: 'Sona erme',
		neverExpires: 'asla',
		uses: 'Kullanım',
		usesOf: (uses, max) => `${uses} / ${max}`,
		usesUnlimited: (uses) => `${uses}, sınırsız`,
		temporary: 'Geçici üyelik',
		temporaryYes: 'evet: rol verilmeyen üyeler çıkış yaptıklarında atılır',
		temporaryNo: 'hayır',
		stream: 'Yayınını açar',
		activity: 'Açılan Etkinlik',
		roles: 'Katılınca verilen roller',
		reusedHint: 'Bu davet aynı ayarlarla zaten vardı. Her zaman yeni kod almak için `benzersiz:True` kullan.',
		openButton: 'Daveti aç',
		noBody: 'Discord isteği kabul etti ama davet göndermedi. Sunucu Ayarları → Davetler bölümünü kontrol et.',
		recovered: "Discord'un yanıtı yolda kayboldu ama davet oluşturuldu: işte burada.",
		targetUsers: (count) =>
			count === 1 ? 'Yalnızca seçilen 1 kişi kabul edebilir' : `Yalnızca bu ${count} kişi kabul edebilir`,
		targetUsersProcessing: 'Discord kişi listesini işliyor; bu mesaj iş bitince değişecek.',
		targetUsersCompleted: (count) => `Discord listeyi işledi: bu daveti ${count} kişi kabul edebilir.`,
		targetUsersFailed: (reason) =>
			`Discord kişi listesini işleyemedi (${reason}), bu yüzden listedeki kimse bu daveti henüz kabul edemez. Daveti Sunucu Ayarları → Davetler bölümünden sil ve düzeltilmiş bir listeyle /invite komutunu yeniden çalıştır.`,
		temporaryWithRoles:
			'Dikkat: Bildirilere göre Discord, bir davet rol verdiğinde geçici üyeliği uygulamıyor; katılanlar kalabilir.',
	},

	check: {
		notInGuild: '/invite yalnızca bir sunucuda çalışır.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Alt başlıkların daveti olamaz: ${thread} bir alt başlık. Bunun yerine ${parent} kanalına davet et.`
				: `Alt başlıkların daveti olamaz: ${thread} bir alt başlık.`,
		categoryNotInvitable: (channel) =>
			`${channel} bir kategori ve kategorilerin daveti olamaz. İçindeki bir kanalı seç.`,
		channelNotInvitable: (channel) =>
			`${channel} için davet oluşturulamaz. Bir metin, ses, duyuru, sahne, forum veya medya kanalı seç.`,
		expiresUnreadable: (input) =>
			`\`${input}\` bir süre olarak okunamadı. \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`never\` veya \`2 saat\` dene.`,
		expiresTooLong: (input) =>
			`\`${input}\` çok uzun: bir davet en fazla 7 gün geçerli olabilir ya da hiç sona ermeyebilir.`,
		maxUsesOutOfRange: (value) => `\`maks_kullanım\` 0 (sınırsız) ile 100 arasında olmalı, ${value} olamaz.`,
		targetNeedsVoice: (channel) =>
			`\`yayın\` ve \`etkinlik\` yalnızca ses ve sahne kanallarında çalışır; ${channel} ikisi de değil.`,
		streamAndActivity: 'Ya `yayın` ya da `etkinlik` seç, ikisini birden değil.',
		activityNotAnId: (value) => `\`${value}\` bir uygulama kimliği değil (17-20 haneli bir sayı).`,
		invokerMissing: (channel, permissions) =>
			`${channel} kanalına davet edebilmek için orada ${permissions} iznine ihtiyacın var.`,
		botMissing: (channel, permissions) =>
			`${channel} kanalında ${permissions} iznine ihtiyacım var. Bir sunucu yöneticisinden bunu oradaki rolüme vermesini iste.`,
		roleNeedsManageRoles: 'Davetle rol vermek için **Rolleri Yönet** iznine ihtiyacın var.',
		botNeedsManageRoles: 'Davetle rol vermek için **Rolleri Yönet** iznine ihtiyacım var.',
		roleIsEveryone: '@everyone zaten herkese verilir; başka bir rol seç.',
		roleIsManaged: (role) => `${role} bir entegrasyon tarafından yönetiliyor ve davetle verilemez.`,
		roleNotBelowInvoker: (role) => `${role}, en yüksek rolünün altında değil, bu yüzden onu veremezsin.`,
		roleNotBelowBot: (role) =>
			`${role}, en yüksek rolümün altında değil, bu yüzden onu veremem. Rolümü onun üstüne taşı.`,
		reasonTooLong: (max) => `Sebep en fazla ${max} karakter olabilir.`,
		optionTooLong: (option, max) => `\`${option}\` çok uzun: en fazla ${max} karakter.`,
		channelNotInGuild: (channel) => `${channel} bu sunucunun bir kanalı değil.`,
		cannotVerify: 'Şu anda izinlerini kontrol edemedim, bu yüzden davet oluşturmadım. Biraz sonra tekrar dene.',
		rolesUnreadable: (values) =>
			`\`diğer_roller\` boşluk veya virgülle ayrılmış rol etiketleri ya da ID'ler alır; şunları okuyamıyorum: ${values}.`,
		rolesEmpty: '`diğer_roller` hiçbir rol belirtmiyor. Verilecek rolleri etiketle ya da seçeneği kaldır.',
		rolesNotInServer: (roles) => `Bunlar bu sunucunun rolleri değil: ${roles}.`,
		tooManyRoles: (max) => `Bir davet en fazla ${max} rol verebilir.`,
		usersUnreadable: (values) =>
			`\`kullanıcılar\` boşluk veya virgülle ayrılmış kullanıcı etiketleri ya da ID'ler alır; şunları okuyamıyorum: ${values}. Hiçbir şey gönderilmedi.`,
		usersEmpty:
			'`kullanıcılar` kimseyi belirtmiyor. Daveti kabul edebilecek kişileri etiketle ya da seçeneği kaldır.',
		usersNeedManageGuild: 'Daveti kimin kabul edebileceğini seçmek için **Sunucuyu Yönet** iznine ihtiyacın var.',
		botNeedsManageGuild:
			'Daveti kimin kabul edebileceğini seçmek için **Sunucuyu Yönet** iznine ihtiyacım var. Bir sunucu yöneticisinden bunu rolüme vermesini iste.',
		fileTooLarge: (name, maxMiB) => `\`${name}\` çok büyük: kişi listesi en fazla ${maxMiB} MiB olabilir.`,
		fileUnreadable: (name) =>
			`\`${name}\` dosyasını okuyamadım. Her satırda bir tane ya da virgülle ayrılmış kullanıcı ID'leri içeren bir CSV veya metin dosyası yükle.`,
		fileTimeout: (name) =>
			`\`${name}\` dosyasının indirilmesi çok uzun sürdü, bu yüzden davet oluşturmadım. Biraz sonra tekrar dene.`,
		fileRefused: (name) =>
			`\`${name}\` dosyasını indirmeyeceğim: bağlantısı Discord'un dosya sunucularına gitmiyor, bu yüzden davet oluşturmadım. Dosyayı komutla yeniden yükle.`,
		fileBusy: (name) =>
			`Şu anda çok fazla dosya okunuyor, bu yüzden \`${name}\` dosyasını indirmedim ve davet oluşturmadım. Birazdan tekrar dene.`,
		fileUnreadableIds: (name, values) =>
			`\`${name}\` dosyasının şu satırları kullanıcı ID'si değil: ${values}. Hiçbir şey gönderilmedi.`,
		fileEmpty: (name) =>
			`\`${name}\` kimseyi içermiyor. \`user_id\` başlığıyla ya da başlıksız, her satıra bir kullanıcı ID'si yaz.`,
	},

	error: {
		unknownChannel: 'Bu kanal artık yok.',
		missingAccess:
			'Bu kanalı göremiyorum. Bir sunucu yöneticisinden rolümün kanalı görüntülemesine izin vermesini iste.',
		missingPermissions:
			'Discord bu davet için bir iznim olmadığını söylüyor (Davet Oluştur veya rol için Rolleri Yönet).',
		unknownRole: 'Bu rol artık yok.',
		unknownUser: 'Discord bu kullanıcıyı tanımıyor.',
		maxInvites:
			"Bu sunucu Discord'un 1000 davet sınırına ulaştı. Sunucu Ayarları → Davetler bölümünden bazılarını sil.",
		invalidChannelType: 'Discord bu tür kanallar için davete izin vermiyor.',
		invalidRole: 'Discord bu rolü davetle vermiyor.',
		unknownTargetUsersJob:
			"Discord'da bu davetin kişi listesinin işlendiğine dair kayıt yok. Sunucu Ayarları → Davetler'den kontrol et.",
		unknownTargetUsers: "Discord'da bu davet için bir kişi listesi yok.",
		inviteCodeTaken: "Discord'a göre bu davet kodu geçersiz ya da zaten alınmış. Tekrar dene.",
		invalidForm: (fields) => `Discord davet ayarlarını reddetti: ${fields}`,
		rateLimited: (retryAt) => `Discord burada davet oluşturma hızını sınırlıyor. ${retryAt} tekrar dene.`,
		discordError: (status) =>
			`Discord bir sorun yaşadı (HTTP ${status}). Davet yine de oluşturulmuş olabilir: tekrar denemeden önce Sunucu Ayarları → Davetler bölümünü kontrol et.`,
		timeout:
			'Discord zamanında yanıt vermedi. Davet yine de oluşturulmuş olabilir: tekrar denemeden önce Sunucu Ayarları → Davetler bölümünü kontrol et.',
		network: "Discord'a ulaşamadım. Biraz sonra tekrar dene.",
		tokenRejected:
			'Discord bot tokenimi reddetti, bu yüzden davet oluşturmadım. Botun sahibi tokeni kontrol etmeli (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) => `Discord şu anda yoğun, bu yüzden davet oluşturmadım. ${retryAt} tekrar dene.`,
		lostAnswer:
			"Discord'un yanıtı yolda kayboldu. Yine de bir davet oluşturulmuş olabilir: tekrar denemeden önce Sunucu Ayarları → Davetler'e bak.",
		unknown: (reference) => `Benim tarafımda bir şeyler ters gitti. Referans: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` artık bu botun bir komutu değil.`,
	},

	suggest: {
		unreadable: (input) => `"${input}" okunamadı: 30m, 2h, 1d, 7d, never veya 2 saat dene`,
		tooLong: (input) => `"${input}" çok uzun: en fazla 7 gün ya da asla`,
	},

	limit: {
		cooldown: (retryAt) => `Kısa sürede çok fazla davet oluşturuldu. ${retryAt} yeni bir davet oluşturabilirsin.`,
	},

	permission: {
		CreateInstantInvite: '**Davet Oluştur**',
		ViewChannel: '**Kanalları Görüntüle**',
		ManageRoles: '**Rolleri Yönet**',
	},
	ledger: {
		command: {
			description: '/invite ile oluşturulan davetleri listele veya iptal et',
			list: { description: 'Etkin davetlerin (veya Sunucuyu Yönet ile bir üyenin)' },
			revoke: { description: 'Bir daveti iptal et (veya Sunucuyu Yönet ile bir üyenin tümünü)' },
			options: {
				member: { description: 'Kimin (başka bir üye için Sunucuyu Yönet gerekir)' },
				channel: { description: 'Yalnızca bu kanala davetler' },
				code: { description: 'Davet kodu' },
				reason: { description: 'Neden (denetim kaydında tutulur)' },
			},
		},
		unavailable: 'Davet kaydına şu an ulaşılamıyor. Birazdan tekrar dene.',
		listOwn: '/invite ile oluşturduğun davetler:',
		listOf: (member) => `${member} adlı üyenin /invite ile oluşturduğu davetler:`,
		listEmpty: '/invite ile oluşturulmuş etkin davetin yok.',
		listEmptyOf: (member) => `${member} adlı üyenin /invite ile oluşturulmuş etkin daveti yok.`,
		usesMissing: 'Kullanımlar gösterilmiyor: Discord’dan okumak için **Sunucuyu Yönet** iznine ihtiyacım var.',
		roles: 'roller',
		target: 'hedef',
		page: (page) => `Sayfa ${page}`,
		previous: 'Önceki',
		next: 'Sonraki',
		needsManageGuild:
			'Başka bir üyenin davetlerini görmek veya iptal etmek için **Sunucuyu Yönet** iznine ihtiyacın var.',
		notYourList: 'Bu listenin sayfalarını yalnızca onu açan üye çevirebilir.',
		codeOrMember: 'Bir davetin `code` değerini ya da davetleri iptal edilecek `member` üyesini ver.',
		notFound: (code) => `Bu sunucuda /invite ile oluşturulmuş \`${code}\` daveti yok.`,
		notAllowed: (code) =>
			`\`${code}\` davetini iptal edemezsin: yalnızca isteyen üye veya orada **Sunucuyu Yönet** ya da **Kanalları Yönet** izni olanlar edebilir.`,
		botCannotRevoke: (code, channel) =>
			`\`${code}\` davetini iptal edemiyorum: ${channel} kanalında **Kanalları Yönet** ya da **Sunucuyu Yönet** iznine ihtiyacım var.`,
		revoked: (code) => `\`${code}\` daveti iptal edildi.`,
		alreadyGone: (code) => `\`${code}\` daveti zaten yoktu.`,
		alreadyRevoked: (code) => `\`${code}\` daveti iptal ediliyor veya zaten iptal edildi.`,
		revokedAll: (count, member) => `${member} adlı üyenin ${count} daveti iptal edildi.`,
		revokedSome: (done, total, member) =>
			`${member} adlı üyenin ${total} davetinden ${done} tanesi iptal edildi; geri kalanı için tekrar dene.`,
		revokeButton: 'İptal et',
		revokedBy: (code, member, when) => `\`${code}\` daveti ${member} tarafından ${when} iptal edildi.`,
	},
};
