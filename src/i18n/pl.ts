import type { Messages } from './messages.js';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const WEEK = 604_800;

/** Polish. */
export const pl: Messages = {
	command: {
		description: 'Utwórz link z zaproszeniem na ten serwer, widoczny tylko dla Ciebie',
		options: {
			channel: { name: 'kanał', description: 'Kanał, do którego prowadzi zaproszenie (domyślnie ten kanał)' },
			expires: {
				name: 'wygasa',
				description: 'Jak długo link działa: 30m, 2h, 1d, 7d lub nigdy (domyślnie 1 dzień)',
			},
			max_uses: { name: 'maks_użyć', description: 'Ile osób może go użyć (0 = bez limitu)' },
			temporary: {
				name: 'tymczasowe',
				description: 'Dołączający są wyrzucani po wylogowaniu, chyba że otrzymają rolę',
			},
			unique: {
				name: 'unikalne',
				description: 'Zawsze twórz nowy kod (bez tego Discord może zwrócić istniejące zaproszenie)',
			},
			stream_user: {
				name: 'transmisja',
				description: 'Tylko kanał głosowy lub sceniczny: otwiera transmisję na żywo tego członka',
			},
			activity: {
				name: 'aktywność',
				description: 'Tylko kanał głosowy lub sceniczny: ID aplikacji Aktywności do otwarcia',
			},
			role: {
				name: 'rola',
				description: 'Rola dla osób dołączających przez to zaproszenie (wymaga Zarządzaj rolami)',
			},
			more_roles: {
				name: 'więcej_ról',
				description: 'Więcej ról po dołączeniu: wzmianki lub ID ról, oddzielone spacjami lub przecinkami',
			},
			users: {
				name: 'użytkownicy',
				description: 'Tylko te osoby mogą je przyjąć: wzmianki lub ID (wymaga Zarządzaj serwerem)',
			},
			users_file: {
				name: 'plik_użytkowników',
				description:
					'Tylko osoby z tego pliku CSV lub tekstowego z ID użytkowników (wymaga Zarządzaj serwerem)',
			},
			reason: { name: 'powód', description: 'Powód widoczny w dzienniku zdarzeń' },
		},
	},

	settings: {
		command: {
			description: 'Ustawia limity /invite i dziennik zaproszeń (Zarządzanie serwerem)',
			options: {
				log_channel: {
					description: 'Publikuj tu każde zaproszenie utworzone lub cofnięte przez bota (tekst/ogłoszenia)',
				},
				max_expires: {
					description: 'Najdłuższa ważność, jaką mogą wybrać członkowie, np. 1d (nigdy = bez limitu)',
				},
				allow_permanent: { description: 'Czy wolno tworzyć zaproszenia, które nie wygasają (domyślnie: tak)' },
				max_uses_limit: { description: 'Każde zaproszenie ma najwyżej tyle użyć (1-100)' },
				allow_roles: { description: 'Czy /invite może nadawać role na tym serwerze (domyślnie: tak)' },
				require_reason: { description: 'Czy /invite wymaga powodu (domyślnie: nie)' },
				reset: { description: 'Przywróć wszystkie ustawienia domyślne' },
			},
		},
		notInGuild: '/invite-settings działa tylko na serwerze.',
		notAllowed: 'Potrzebujesz uprawnienia **Zarządzanie serwerem**, aby zmienić ustawienia zaproszeń.',
		noStore:
			'Ten bot działa bez bazy danych, więc nie przechowuje ustawień zaproszeń. Jego właściciel może je włączyć, ustawiając DATABASE_URL.',
		unavailable:
			'Ustawienia zaproszeń są teraz niedostępne (baza danych nie odpowiada). Spróbuj ponownie za chwilę.',
		resetAlone: '`reset` działa osobno: użyj go bez innych opcji.',
		logChannelType: (channel) =>
			`${channel} nie może być dziennikiem zaproszeń: wybierz kanał tekstowy lub ogłoszeń.`,
		logChannelMissing: (channel, permissions) =>
			`Nie mogę publikować dziennika zaproszeń na ${channel}: potrzebuję tam uprawnień ${permissions}. Nic nie zostało zmienione.`,
		logChannelUnknown: (channel) =>
			`Nie udało mi się sprawdzić moich uprawnień na ${channel}, więc nic nie zostało zmienione. Spróbuj ponownie za chwilę.`,
		title: 'Ustawienia zaproszeń tego serwera',
		saved: 'Zapisano.',
		resetDone: 'Wszystkie ustawienia wróciły do domyślnych.',
		exemptNote: 'Członków z uprawnieniem Zarządzanie serwerem te limity nie obowiązują.',
		logChannel: 'Dziennik zaproszeń',
		maxExpires: 'Najdłuższa ważność',
		allowPermanent: 'Zaproszenia bez wygaśnięcia',
		maxUsesLimit: 'Najwięcej użyć na zaproszenie',
		allowRoles: 'Role w zaproszeniach',
		requireReason: 'Wymagany powód',
		none: 'brak',
		noLimit: 'bez limitu',
		yes: 'tak',
		no: 'nie',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` to dłużej, niż pozwala ten serwer: zaproszenie może trwać najwyżej ${limit}.`,
			permanentNotAllowed:
				'Ten serwer nie pozwala na zaproszenia, które nigdy nie wygasają. Wybierz ważność w `expires`.',
			maxUsesOverLimit: (limit) =>
				`Ten serwer pozwala najwyżej na ${limit} użyć na zaproszenie: ustaw \`max_uses\` od 1 do ${limit} albo je pomiń.`,
			rolesNotAllowed: 'Ten serwer nie pozwala nadawać ról przez /invite.',
			reasonRequired: 'Ten serwer wymaga powodu dla każdego zaproszenia: dodaj `reason`.',
			settingsUnavailable:
				'Nie udało mi się teraz odczytać ustawień zaproszeń tego serwera, więc nie utworzyłem zaproszenia. Spróbuj ponownie za chwilę.',
		},
		defaultMaxUses: (limit) => `Ograniczone do ${limit} użyć przez ustawienia tego serwera.`,
		defaultExpires: (limit) => `Wygasa po ${limit}, najdłużej, jak pozwala ten serwer.`,
		logCreated: 'Utworzono zaproszenie',
		logRevoked: 'Cofnięto zaproszenie',
		askedBy: 'Poprosił(a)',
		revokedBy: 'Cofnął(ęła)',
		channel: 'Kanał',
		reason: 'Powód',
		sendMessages: '**Wysyłanie wiadomości**',
		embedLinks: '**Osadzanie linków**',
	},

	durationUnits: {
		sekunda: 1,
		sekundy: 1,
		sekund: 1,
		sekundę: 1,
		sek: 1,
		minuta: MINUTE,
		minuty: MINUTE,
		minut: MINUTE,
		minutę: MINUTE,
		godzina: HOUR,
		godziny: HOUR,
		godzin: HOUR,
		godzinę: HOUR,
		godz: HOUR,
		g: HOUR,
		dzień: DAY,
		dni: DAY,
		dnia: DAY,
		doba: DAY,
		doby: DAY,
		dób: DAY,
		dobę: DAY,
		tydzień: WEEK,
		tygodnie: WEEK,
		tygodni: WEEK,
		tygodnia: WEEK,
		tyg: WEEK,
	},
	never: ['nigdy'],
	neverLabel: 'Nigdy nie wygasa',

	reply: {
		created: (channel) => `Utworzono zaproszenie na ${channel}`,
		reused: (channel) => `Discord zwrócił istniejące zaproszenie na ${channel}`,
		groupDm: (name) => `Zaproszenie do grupowej wiadomości prywatnej ${name}`,
		friend: (user) => `Zaproszenie do znajomych od ${user}`,
		code: 'Kod',
		expires: 'Wygasa',
		neverExpires: 'nigdy',
		uses: 'Użycia',
		usesOf: (uses, max) => `${uses} z ${max}`,
		usesUnlimited: (uses) => `${uses}, bez limitu`,
		temporary: 'Członkostwo tymczasowe',
		temporaryYes: 'tak: członkowie są wyrzucani po wylogowaniu, chyba że otrzymają rolę',
		temporaryNo: 'nie',
		stream: 'Otwiera transmisję użytkownika',
		activity: 'Otwiera Aktywność',
		roles: 'Role po dołączeniu',
		reusedHint:
			'To zaproszenie już istniało z tymi samymi ustawieniami. Użyj `unikalne:True`, aby zawsze dostać nowy kod.',
		openButton: 'Otwórz zaproszenie',
		noBody: 'Discord przyjął żądanie, ale nie odesłał zaproszenia. Sprawdź Ustawienia serwera → Zaproszenia.',
		recovered: 'Odpowiedź Discorda zaginęła po drodze, ale zaproszenie zostało utworzone — oto ono.',
		targetUsers: (count) =>
			count === 1 ? 'Tylko 1 wybrana osoba może je przyjąć' : `Tylko te osoby (${count}) mogą je przyjąć`,
		targetUsersProcessing: 'Discord przetwarza listę osób; ta wiadomość zmieni się, gdy skończy.',
		targetUsersCompleted: (count) =>
			`Discord przetworzył listę: liczba osób, które mogą przyjąć to zaproszenie: ${count}.`,
		targetUsersFailed: (reason) =>
			`Discord nie zdołał przetworzyć listy osób (${reason}), więc nikt z listy nie może jeszcze przyjąć tego zaproszenia. Usuń je w Ustawieniach serwera → Zaproszenia i użyj /invite ponownie z poprawioną listą.`,
		temporaryWithRoles:
			'Uwaga: według zgłoszeń Discord nie egzekwuje tymczasowego członkostwa, gdy zaproszenie nadaje role, więc osoby, które dołączą, mogą zostać.',
	},

	check: {
		notInGuild: '/invite działa tylko na serwerze.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Wątki nie mogą mieć zaproszeń: ${thread} to wątek. Zaproś zamiast tego na ${parent}.`
				: `Wątki nie mogą mieć zaproszeń: ${thread} to wątek.`,
		categoryNotInvitable: (channel) =>
			`${channel} to kategoria, a kategorie nie mogą mieć zaproszeń. Wybierz kanał z tej kategorii.`,
		channelNotInvitable: (channel) =>
			`${channel} nie może mieć zaproszeń. Wybierz kanał tekstowy, głosowy, ogłoszeń, sceniczny, forum lub multimediów.`,
		expiresUnreadable: (input) =>
			`Nie rozumiem \`${input}\` jako czasu trwania. Spróbuj \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`never\` lub \`2 godziny\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` to za długo: zaproszenie może działać najwyżej 7 dni albo nigdy nie wygasać.`,
		maxUsesOutOfRange: (value) => `\`maks_użyć\` musi wynosić od 0 (bez limitu) do 100, a nie ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`transmisja\` i \`aktywność\` działają tylko na kanałach głosowych i scenicznych, a ${channel} nie jest żadnym z nich.`,
		streamAndActivity: 'Wybierz `transmisja` albo `aktywność`, nie oba naraz.',
		activityNotAnId: (value) => `\`${value}\` nie jest ID aplikacji (liczbą z 17–20 cyfr).`,
		invokerMissing: (channel, permissions) =>
			`Aby zapraszać na ${channel}, potrzebujesz tam uprawnienia ${permissions}.`,
		botMissing: (channel, permissions) =>
			`Brakuje mi uprawnień na ${channel}: ${permissions}. Poproś administratora serwera, by nadał je tam mojej roli.`,
		roleNeedsManageRoles: 'Aby nadać rolę przez zaproszenie, potrzebujesz uprawnienia **Zarządzaj rolami**.',
		botNeedsManageRoles: 'Aby nadać rolę przez zaproszenie, potrzebuję uprawnienia **Zarządzaj rolami**.',
		roleIsEveryone: '@everyone mają już wszyscy; wybierz inną rolę.',
		roleIsManaged: (role) => `${role} jest zarządzana przez integrację i nie można jej nadać przez zaproszenie.`,
		roleNotBelowInvoker: (role) => `${role} nie jest poniżej Twojej najwyższej roli, więc nie możesz jej nadać.`,
		roleNotBelowBot: (role) =>
			`${role} nie jest poniżej mojej najwyższej roli, więc nie mogę jej nadać. Przenieś moją rolę nad nią.`,
		reasonTooLong: (max) => `Powód może mieć najwyżej ${max} znaków.`,
		optionTooLong: (option, max) => `\`${option}\` jest za długie: najwyżej ${max} znaków.`,
		channelNotInGuild: (channel) => `${channel} nie jest kanałem tego serwera.`,
		cannotVerify:
			'Nie udało mi się teraz sprawdzić twoich uprawnień, więc nie utworzyłem zaproszenia. Spróbuj ponownie za chwilę.',
		rolesUnreadable: (values) =>
			`\`więcej_ról\` przyjmuje wzmianki lub ID ról oddzielone spacjami lub przecinkami; nie potrafię odczytać: ${values}.`,
		rolesEmpty: '`więcej_ról` nie wskazuje żadnej roli. Wspomnij role do nadania albo pomiń tę opcję.',
		rolesNotInServer: (roles) => `To nie są role tego serwera: ${roles}.`,
		tooManyRoles: (max) => `Zaproszenie może nadać najwyżej ${max} ról.`,
		usersUnreadable: (values) =>
			`\`użytkownicy\` przyjmuje wzmianki lub ID użytkowników oddzielone spacjami lub przecinkami; nie potrafię odczytać: ${values}. Nic nie wysłano.`,
		usersEmpty:
			'`użytkownicy` nie wskazuje nikogo. Wspomnij osoby, które mogą przyjąć zaproszenie, albo pomiń tę opcję.',
		usersNeedManageGuild:
			'Aby wybrać, kto może przyjąć zaproszenie, potrzebujesz uprawnienia **Zarządzaj serwerem**.',
		botNeedsManageGuild:
			'Aby wybrać, kto może przyjąć zaproszenie, potrzebuję uprawnienia **Zarządzaj serwerem**. Poproś administratora serwera o nadanie go mojej roli.',
		fileTooLarge: (name, maxMiB) => `\`${name}\` jest za duży: lista osób może mieć najwyżej ${maxMiB} MiB.`,
		fileUnreadable: (name) =>
			`Nie udało mi się odczytać \`${name}\`. Prześlij plik CSV lub tekstowy z ID użytkowników, po jednym w wierszu lub oddzielonych przecinkami.`,
		fileTimeout: (name) =>
			`Pobieranie \`${name}\` trwało zbyt długo, więc nie utworzyłem zaproszenia. Spróbuj ponownie za chwilę.`,
		fileRefused: (name) =>
			`Nie pobiorę \`${name}\`: link nie prowadzi do serwerów plików Discorda, więc nie utworzyłem zaproszenia. Prześlij plik ponownie razem z poleceniem.`,
		fileBusy: (name) =>
			`W tej chwili czytanych jest zbyt wiele plików, więc nie pobrałem \`${name}\` i nie utworzyłem zaproszenia. Spróbuj ponownie za chwilę.`,
		fileUnreadableIds: (name, values) =>
			`Te wiersze \`${name}\` nie są ID użytkowników: ${values}. Nic nie wysłano.`,
		fileEmpty: (name) =>
			`\`${name}\` nie zawiera nikogo. Wpisz jedno ID użytkownika w wierszu, z nagłówkiem \`user_id\` lub bez.`,
	},

	error: {
		unknownChannel: 'Ten kanał już nie istnieje.',
		missingAccess: 'Nie widzę tego kanału. Poproś administratora serwera, by pozwolił mojej roli go wyświetlać.',
		missingPermissions:
			'Discord twierdzi, że brakuje mi uprawnienia do tego zaproszenia (Utwórz zaproszenie lub Zarządzaj rolami w przypadku roli).',
		unknownRole: 'Ta rola już nie istnieje.',
		unknownUser: 'Discord nie zna tego użytkownika.',
		maxInvites:
			'Ten serwer osiągnął limit Discorda wynoszący 1000 zaproszeń. Usuń część w Ustawieniach serwera → Zaproszenia.',
		invalidChannelType: 'Discord nie pozwala na zaproszenia do tego rodzaju kanału.',
		invalidRole: 'Discord nie nada tej roli przez zaproszenie.',
		unknownTargetUsersJob:
			'Discord nie ma zapisu przetwarzania listy osób dla tego zaproszenia. Sprawdź je w Ustawieniach serwera → Zaproszenia.',
		unknownTargetUsers: 'Discord nie ma listy osób dla tego zaproszenia.',
		inviteCodeTaken: 'Według Discorda ten kod zaproszenia jest nieprawidłowy albo już zajęty. Spróbuj ponownie.',
		invalidForm: (fields) => `Discord odrzucił ustawienia zaproszenia: ${fields}`,
		rateLimited: (retryAt) => `Discord ogranicza tu tempo tworzenia zaproszeń. Spróbuj ponownie ${retryAt}.`,
		discordError: (status) =>
			`Discord miał problem (HTTP ${status}). Zaproszenie mogło jednak powstać: sprawdź Ustawienia serwera → Zaproszenia, zanim spróbujesz ponownie.`,
		timeout:
			'Discord nie odpowiedział na czas. Zaproszenie mogło jednak powstać: sprawdź Ustawienia serwera → Zaproszenia, zanim spróbujesz ponownie.',
		network: 'Nie mogę połączyć się z Discordem. Spróbuj ponownie za chwilę.',
		tokenRejected:
			'Discord odrzucił token mojego bota, więc nie utworzyłem zaproszenia. Właściciel bota musi sprawdzić token (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`Discord jest teraz przeciążony, więc nie utworzyłem zaproszenia. Spróbuj ponownie ${retryAt}.`,
		lostAnswer:
			'Odpowiedź Discorda zgubiła się po drodze. Zaproszenie mogło mimo to powstać: sprawdź Ustawienia serwera → Zaproszenia, zanim spróbujesz ponownie.',
		unknown: (reference) => `Coś poszło nie tak po mojej stronie. Identyfikator: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` nie jest już poleceniem tego bota.`,
	},

	suggest: {
		unreadable: (input) => `Nie rozumiem „${input}”: spróbuj 30m, 2h, 1d, 7d, never lub 2 godziny`,
		tooLong: (input) => `„${input}” to za długo: najwyżej 7 dni albo nigdy`,
	},

	limit: {
		cooldown: (retryAt) => `Za dużo zaproszeń w krótkim czasie. Kolejne zaproszenie możesz utworzyć ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Utwórz zaproszenie**',
		ViewChannel: '**Wyświetlanie kanałów**',
		ManageRoles: '**Zarządzaj rolami**',
	},
	ledger: {
		command: {
			description: 'Wyświetl lub unieważnij zaproszenia utworzone przez /invite',
			list: { description: 'Twoje aktywne zaproszenia (lub członka, z Zarządzaniem serwerem)' },
			revoke: { description: 'Unieważnij zaproszenie (lub wszystkie członka, z Zarządzaniem serwerem)' },
			options: {
				member: { description: 'Czyje (Zarządzanie serwerem dla innego członka)' },
				channel: { description: 'Tylko zaproszenia do tego kanału' },
				code: { description: 'Kod zaproszenia' },
				reason: { description: 'Dlaczego (zapisane w dzienniku zdarzeń)' },
			},
		},
		unavailable: 'Rejestr zaproszeń jest teraz niedostępny. Spróbuj ponownie za chwilę.',
		listOwn: 'Twoje zaproszenia utworzone przez /invite:',
		listOf: (member) => `Zaproszenia ${member} utworzone przez /invite:`,
		listEmpty: 'Nie masz aktywnych zaproszeń utworzonych przez /invite.',
		listEmptyOf: (member) => `${member} nie ma aktywnych zaproszeń utworzonych przez /invite.`,
		usesMissing: 'Brak liczby użyć: potrzebuję **Zarządzania serwerem**, by odczytać je z Discorda.',
		roles: 'role',
		target: 'dla',
		page: (page) => `Strona ${page}`,
		previous: 'Wstecz',
		next: 'Dalej',
		needsManageGuild:
			'Potrzebujesz **Zarządzania serwerem**, by widzieć lub unieważniać zaproszenia innego członka.',
		notYourList: 'Tylko osoba, która otworzyła tę listę, może ją przewijać.',
		codeOrMember: 'Podaj `code` zaproszenia lub `member`, którego zaproszenia unieważnić.',
		notFound: (code) => `Brak zaproszenia \`${code}\` utworzonego przez /invite na tym serwerze.`,
		notAllowed: (code) =>
			`Nie możesz unieważnić \`${code}\`: tylko osoba, która o nie prosiła, lub członkowie z **Zarządzaniem serwerem** albo **Zarządzaniem kanałami** tam.`,
		botCannotRevoke: (code, channel) =>
			`Nie mogę unieważnić \`${code}\`: potrzebuję **Zarządzania kanałami** w ${channel} lub **Zarządzania serwerem**.`,
		revoked: (code) => `Zaproszenie \`${code}\` unieważnione.`,
		alreadyGone: (code) => `Zaproszenia \`${code}\` już nie było.`,
		alreadyRevoked: (code) => `Zaproszenie \`${code}\` jest właśnie lub zostało już unieważnione.`,
		revokedAll: (count, member) => `Unieważniono zaproszenia ${member}: ${count}.`,
		revokedSome: (done, total, member) =>
			`Unieważniono ${done} z ${total} zaproszeń ${member}; spróbuj ponownie dla reszty.`,
		revokeButton: 'Unieważnij',
		revokedBy: (code, member, when) => `Zaproszenie \`${code}\` unieważnił(a) ${member} ${when}.`,
	},
};
