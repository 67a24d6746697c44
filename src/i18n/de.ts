import type { Messages } from './messages.js';

/** German. */
export const de: Messages = {
	command: {
		description: 'Erstellt einen Einladungslink zu diesem Server, nur für dich sichtbar',
		options: {
			channel: { name: 'kanal', description: 'Kanal, den die Einladung öffnet (Standard: dieser Kanal)' },
			expires: {
				name: 'ablauf',
				description: 'Wie lange der Link gilt: 30m, 2h, 1d, 7d oder nie (Standard: 1 Tag)',
			},
			max_uses: { name: 'max_nutzungen', description: 'Wie viele Personen ihn nutzen können (0 = unbegrenzt)' },
			temporary: {
				name: 'temporär',
				description: 'Wer beitritt, wird beim Abmelden gekickt, außer er erhält eine Rolle',
			},
			unique: {
				name: 'eindeutig',
				description:
					'Immer einen neuen Code erstellen (sonst gibt Discord evtl. eine bestehende Einladung zurück)',
			},
			stream_user: {
				name: 'stream_nutzer',
				description: 'Nur Sprach- oder Stage-Kanal: den Livestream dieses Mitglieds öffnen',
			},
			activity: {
				name: 'aktivität',
				description: 'Nur Sprach- oder Stage-Kanal: Anwendungs-ID der zu öffnenden Aktivität',
			},
			role: {
				name: 'rolle',
				description: 'Rolle für Personen, die über diese Einladung beitreten (erfordert „Rollen verwalten“)',
			},
			more_roles: {
				name: 'weitere_rollen',
				description:
					'Weitere Rollen beim Beitritt: Rollen-Erwähnungen oder IDs, durch Leerzeichen oder Kommas getrennt',
			},
			users: {
				name: 'nutzer',
				description:
					'Nur diese Personen können sie annehmen: Erwähnungen oder IDs (erfordert „Server verwalten“)',
			},
			users_file: {
				name: 'nutzer_datei',
				description:
					'Nur die Personen in dieser CSV- oder Textdatei mit Nutzer-IDs (erfordert „Server verwalten“)',
			},
			reason: { name: 'grund', description: 'Grund, der im Audit-Log angezeigt wird' },
		},
	},

	settings: {
		command: {
			description: 'Legt die Grenzen von /invite und das Einladungsprotokoll fest (Server verwalten)',
			options: {
				log_channel: {
					description: 'Jede Einladung, die der Bot erstellt oder widerruft, hier posten (Text/Ankündigung)',
				},
				max_expires: {
					description: 'Längste Gültigkeit, die Mitglieder wählen dürfen, z. B. 1d (nie = keine Grenze)',
				},
				allow_permanent: {
					description: 'Ob Mitglieder Einladungen ohne Ablauf erstellen dürfen (Standard: ja)',
				},
				max_uses_limit: { description: 'Jede Einladung erhält höchstens so viele Nutzungen (1-100)' },
				allow_roles: { description: 'Ob /invite auf diesem Server Rollen vergeben darf (Standard: ja)' },
				require_reason: { description: 'Ob /invite einen Grund braucht (Standard: nein)' },
				reset: { description: 'Alle Einstellungen auf den Standard zurücksetzen' },
			},
		},
		notInGuild: '/invite-settings funktioniert nur auf einem Server.',
		notAllowed: 'Du brauchst **Server verwalten**, um die Einladungseinstellungen zu ändern.',
		noStore:
			'Dieser Bot läuft ohne Datenbank und speichert daher keine Einladungseinstellungen. Sein Betreiber kann sie mit DATABASE_URL einschalten.',
		unavailable:
			'Die Einladungseinstellungen sind gerade nicht verfügbar (die Datenbank antwortet nicht). Versuch es gleich noch einmal.',
		resetAlone: '`reset` steht allein: führe es ohne die anderen Optionen aus.',
		logChannelType: (channel) =>
			`${channel} kann nicht das Einladungsprotokoll sein: wähle einen Text- oder Ankündigungskanal.`,
		logChannelMissing: (channel, permissions) =>
			`Ich kann das Einladungsprotokoll nicht in ${channel} posten: Ich brauche dort ${permissions}. Nichts wurde geändert.`,
		logChannelUnknown: (channel) =>
			`Ich konnte meine Berechtigungen in ${channel} nicht prüfen, daher wurde nichts geändert. Versuch es gleich noch einmal.`,
		title: 'Einladungseinstellungen dieses Servers',
		saved: 'Gespeichert.',
		resetDone: 'Alle Einstellungen sind wieder auf dem Standard.',
		exemptNote: 'Mitglieder mit „Server verwalten“ sind an diese Grenzen nicht gebunden.',
		logChannel: 'Einladungsprotokoll',
		maxExpires: 'Längste Gültigkeit',
		allowPermanent: 'Einladungen ohne Ablauf',
		maxUsesLimit: 'Höchstens Nutzungen pro Einladung',
		allowRoles: 'Rollen bei Einladungen',
		requireReason: 'Grund erforderlich',
		none: 'keins',
		noLimit: 'keine Grenze',
		yes: 'ja',
		no: 'nein',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` ist länger, als dieser Server erlaubt: Einladungen gelten höchstens ${limit}.`,
			permanentNotAllowed:
				'Dieser Server erlaubt keine Einladungen ohne Ablauf. Wähle eine Gültigkeit mit `expires`.',
			maxUsesOverLimit: (limit) =>
				`Dieser Server erlaubt höchstens ${limit} Nutzungen pro Einladung: setze \`max_uses\` von 1 bis ${limit} oder lass es weg.`,
			rolesNotAllowed: 'Dieser Server erlaubt keine Rollenvergabe mit /invite.',
			reasonRequired: 'Dieser Server verlangt für jede Einladung einen Grund: gib `reason` an.',
			settingsUnavailable:
				'Ich konnte die Einladungseinstellungen dieses Servers gerade nicht lesen, daher habe ich keine Einladung erstellt. Versuch es gleich noch einmal.',
		},
		defaultMaxUses: (limit) => `Durch die Servereinstellungen auf ${limit} Nutzungen begrenzt.`,
		defaultExpires: (limit) => `Läuft nach ${limit} ab, dem Längsten, was dieser Server erlaubt.`,
		logCreated: 'Einladung erstellt',
		logRevoked: 'Einladung widerrufen',
		askedBy: 'Angefragt von',
		revokedBy: 'Widerrufen von',
		channel: 'Kanal',
		reason: 'Grund',
		sendMessages: '**Nachrichten senden**',
		embedLinks: '**Links einbetten**',
	},

	durationUnits: {
		sekunde: 1,
		sekunden: 1,
		sek: 1,
		minute: 60,
		minuten: 60,
		stunde: 3_600,
		stunden: 3_600,
		std: 3_600,
		tag: 86_400,
		tage: 86_400,
		tagen: 86_400,
		woche: 604_800,
		wochen: 604_800,
	},
	never: ['nie', 'niemals'],
	neverLabel: 'Läuft nie ab',

	reply: {
		created: (channel) => `Einladung für ${channel} erstellt`,
		reused: (channel) => `Discord hat eine bestehende Einladung für ${channel} zurückgegeben`,
		groupDm: (name) => `Einladung in die Gruppen-DM ${name}`,
		friend: (user) => `Freundschaftseinladung von ${user}`,
		code: 'Einladungscode',
		expires: 'Läuft ab',
		neverExpires: 'nie',
		uses: 'Nutzungen',
		usesOf: (uses, max) => `${uses} von ${max}`,
		usesUnlimited: (uses) => `${uses}, unbegrenzt`,
		temporary: 'Temporäre Mitgliedschaft',
		temporaryYes: 'ja: Mitglieder werden beim Abmelden gekickt, außer sie erhalten eine Rolle',
		temporaryNo: 'nein',
		stream: 'Öffnet den Stream von',
		activity: 'Öffnet die Aktivität',
		roles: 'Rollen beim Beitritt',
		reusedHint:
			'Diese Einladung gab es schon mit denselben Einstellungen. Nutze `eindeutig:True`, um immer einen neuen Code zu erhalten.',
		openButton: 'Einladung öffnen',
		noBody: 'Discord hat die Anfrage angenommen, aber keine Einladung zurückgeschickt. Sieh unter Servereinstellungen → Einladungen nach.',
		recovered: 'Die Antwort von Discord ging unterwegs verloren, aber die Einladung wurde erstellt: Hier ist sie.',
		targetUsers: (count) =>
			count === 1
				? 'Nur 1 ausgewählte Person kann sie annehmen'
				: `Nur diese ${count} Personen können sie annehmen`,
		targetUsersProcessing:
			'Discord verarbeitet die Liste der Personen; diese Nachricht ändert sich, sobald das fertig ist.',
		targetUsersCompleted: (count) =>
			`Discord hat die Liste verarbeitet: ${count === 1 ? '1 Person kann' : `${count} Personen können`} diese Einladung annehmen.`,
		targetUsersFailed: (reason) =>
			`Discord konnte die Liste der Personen nicht verarbeiten (${reason}), daher kann noch niemand darauf diese Einladung annehmen. Lösche sie unter Servereinstellungen → Einladungen und starte /invite erneut mit einer korrigierten Liste.`,
		temporaryWithRoles:
			'Achtung: Berichten zufolge setzt Discord die temporäre Mitgliedschaft nicht durch, wenn eine Einladung Rollen vergibt; wer beitritt, bleibt womöglich.',
	},

	check: {
		notInGuild: '/invite funktioniert nur auf einem Server.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Threads können keine Einladungen haben: ${thread} ist ein Thread. Lade stattdessen in ${parent} ein.`
				: `Threads können keine Einladungen haben: ${thread} ist ein Thread.`,
		categoryNotInvitable: (channel) =>
			`${channel} ist eine Kategorie und kann keine Einladungen haben. Wähle einen Kanal darin.`,
		channelNotInvitable: (channel) =>
			`${channel} kann keine Einladungen haben. Wähle einen Text-, Sprach-, Ankündigungs-, Stage-, Forum- oder Medienkanal.`,
		expiresUnreadable: (input) =>
			`Ich kann \`${input}\` nicht als Dauer lesen. Versuche \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 Stunden\` oder \`never\`.`,
		expiresTooLong: (input) => `\`${input}\` ist zu lang: Eine Einladung gilt höchstens 7 Tage oder läuft nie ab.`,
		maxUsesOutOfRange: (value) => `\`max_nutzungen\` muss zwischen 0 (unbegrenzt) und 100 liegen, nicht ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`stream_nutzer\` und \`aktivität\` funktionieren nur in Sprach- und Stage-Kanälen, und ${channel} ist keins von beiden.`,
		streamAndActivity: 'Wähle entweder `stream_nutzer` oder `aktivität`, nicht beides.',
		activityNotAnId: (value) => `\`${value}\` ist keine Anwendungs-ID (eine Zahl mit 17 bis 20 Ziffern).`,
		invokerMissing: (channel, permissions) => `Du brauchst ${permissions} in ${channel}, um dorthin einzuladen.`,
		botMissing: (channel, permissions) =>
			`Ich brauche ${permissions} in ${channel}. Bitte einen Server-Admin, sie dort meiner Rolle zu erteilen.`,
		roleNeedsManageRoles: 'Du brauchst **Rollen verwalten**, um mit einer Einladung eine Rolle zu vergeben.',
		botNeedsManageRoles: 'Ich brauche **Rollen verwalten**, um mit einer Einladung eine Rolle zu vergeben.',
		roleIsEveryone: '@everyone haben schon alle; wähle eine andere Rolle.',
		roleIsManaged: (role) =>
			`${role} wird von einer Integration verwaltet und kann nicht per Einladung vergeben werden.`,
		roleNotBelowInvoker: (role) =>
			`${role} liegt nicht unter deiner höchsten Rolle, daher kannst du sie nicht vergeben.`,
		roleNotBelowBot: (role) =>
			`${role} liegt nicht unter meiner höchsten Rolle, daher kann ich sie nicht vergeben. Verschiebe meine Rolle darüber.`,
		reasonTooLong: (max) => `Der Grund darf höchstens ${max} Zeichen lang sein.`,
		optionTooLong: (option, max) => `\`${option}\` ist zu lang: höchstens ${max} Zeichen.`,
		channelNotInGuild: (channel) => `${channel} ist kein Kanal dieses Servers.`,
		cannotVerify:
			'Ich konnte deine Berechtigungen gerade nicht prüfen und habe keine Einladung erstellt. Versuche es gleich noch einmal.',
		rolesUnreadable: (values) =>
			`\`weitere_rollen\` nimmt Rollen-Erwähnungen oder IDs, getrennt durch Leerzeichen oder Kommas; ich kann ${values} nicht lesen.`,
		rolesEmpty:
			'`weitere_rollen` nennt keine Rolle. Erwähne die Rollen, die vergeben werden sollen, oder lass die Option weg.',
		rolesNotInServer: (roles) => `Das sind keine Rollen dieses Servers: ${roles}.`,
		tooManyRoles: (max) => `Eine Einladung kann höchstens ${max} Rollen vergeben.`,
		usersUnreadable: (values) =>
			`\`nutzer\` nimmt Erwähnungen oder Nutzer-IDs, getrennt durch Leerzeichen oder Kommas; ich kann ${values} nicht lesen. Es wurde nichts gesendet.`,
		usersEmpty:
			'`nutzer` nennt niemanden. Erwähne die Personen, die die Einladung annehmen dürfen, oder lass die Option weg.',
		usersNeedManageGuild: 'Du brauchst **Server verwalten**, um festzulegen, wer eine Einladung annehmen kann.',
		botNeedsManageGuild:
			'Ich brauche **Server verwalten**, um festzulegen, wer eine Einladung annehmen kann. Bitte einen Server-Admin, sie meiner Rolle zu erteilen.',
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` ist zu groß: Die Liste der Personen darf höchstens ${maxMiB} MiB haben.`,
		fileUnreadable: (name) =>
			`Ich konnte \`${name}\` nicht lesen. Lade eine CSV- oder Textdatei mit Nutzer-IDs hoch, eine pro Zeile oder durch Kommas getrennt.`,
		fileTimeout: (name) =>
			`Das Herunterladen von \`${name}\` hat zu lange gedauert, daher habe ich keine Einladung erstellt. Versuche es gleich noch einmal.`,
		fileRefused: (name) =>
			`Ich lade \`${name}\` nicht herunter: Der Link führt nicht zu Discords Dateiservern, daher habe ich keine Einladung erstellt. Lade die Datei mit dem Befehl erneut hoch.`,
		fileBusy: (name) =>
			`Gerade werden zu viele Dateien gelesen, daher habe ich \`${name}\` nicht heruntergeladen und keine Einladung erstellt. Versuche es gleich noch einmal.`,
		fileUnreadableIds: (name, values) =>
			`Diese Zeilen von \`${name}\` sind keine Nutzer-IDs: ${values}. Es wurde nichts gesendet.`,
		fileEmpty: (name) =>
			`\`${name}\` enthält niemanden. Schreibe eine Nutzer-ID pro Zeile, mit oder ohne Kopfzeile \`user_id\`.`,
	},

	error: {
		unknownChannel: 'Diesen Kanal gibt es nicht mehr.',
		missingAccess:
			'Ich kann diesen Kanal nicht sehen. Bitte einen Server-Admin, ihn für meine Rolle sichtbar zu machen.',
		missingPermissions:
			'Laut Discord fehlt mir eine Berechtigung für diese Einladung (Einladung erstellen, oder Rollen verwalten für eine Rolle).',
		unknownRole: 'Diese Rolle gibt es nicht mehr.',
		unknownUser: 'Discord kennt diesen Nutzer nicht.',
		maxInvites:
			'Dieser Server hat das Discord-Limit von 1000 Einladungen erreicht. Lösche einige unter Servereinstellungen → Einladungen.',
		invalidChannelType: 'Discord erlaubt für diese Art von Kanal keine Einladungen.',
		invalidRole: 'Discord vergibt diese Rolle nicht per Einladung.',
		unknownTargetUsersJob:
			'Discord hat keinen Auftrag für die Personenliste dieser Einladung. Prüfe sie unter Servereinstellungen → Einladungen.',
		unknownTargetUsers: 'Discord hat für diese Einladung keine Liste von Personen.',
		inviteCodeTaken: 'Laut Discord ist dieser Einladungscode ungültig oder schon vergeben. Versuche es erneut.',
		invalidForm: (fields) => `Discord hat die Einladungseinstellungen abgelehnt: ${fields}`,
		rateLimited: (retryAt) =>
			`Discord begrenzt, wie schnell hier Einladungen erstellt werden. Versuche es ${retryAt} erneut.`,
		discordError: (status) =>
			`Discord hatte ein Problem (HTTP ${status}). Vielleicht wurde trotzdem eine Einladung erstellt: Sieh unter Servereinstellungen → Einladungen nach, bevor du es erneut versuchst.`,
		timeout:
			'Discord hat nicht rechtzeitig geantwortet. Vielleicht wurde trotzdem eine Einladung erstellt: Sieh unter Servereinstellungen → Einladungen nach, bevor du es erneut versuchst.',
		network: 'Ich konnte Discord nicht erreichen. Versuche es gleich noch einmal.',
		tokenRejected:
			'Discord hat mein Bot-Token abgelehnt, daher habe ich keine Einladung erstellt. Der Besitzer des Bots muss das Token prüfen (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`Discord ist gerade überlastet, daher habe ich keine Einladung erstellt. Versuche es ${retryAt} noch einmal.`,
		lostAnswer:
			'Die Antwort von Discord ist unterwegs verloren gegangen. Vielleicht wurde trotzdem eine Einladung erstellt: Prüfe Servereinstellungen → Einladungen, bevor du es noch einmal versuchst.',
		unknown: (reference) => `Bei mir ist etwas schiefgelaufen. Referenz: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` ist kein Befehl dieses Bots mehr.`,
	},

	suggest: {
		unreadable: (input) => `„${input}“ nicht lesbar: versuche 30m, 2h, 1d, 7d, 2 Stunden oder never`,
		tooLong: (input) => `„${input}“ ist zu lang: höchstens 7 Tage oder nie`,
	},

	limit: {
		cooldown: (retryAt) =>
			`Zu viele Einladungen in kurzer Zeit. Du kannst ${retryAt} wieder eine Einladung erstellen.`,
	},

	permission: {
		CreateInstantInvite: '**Einladung erstellen**',
		ViewChannel: '**Kanal ansehen**',
		ManageRoles: '**Rollen verwalten**',
	},
	ledger: {
		command: {
			description: 'Mit /invite erstellte Einladungen auflisten oder widerrufen',
			list: { description: 'Deine aktiven Einladungen (oder die eines Mitglieds, mit Server verwalten)' },
			revoke: { description: 'Eine Einladung widerrufen (oder alle eines Mitglieds, mit Server verwalten)' },
			options: {
				member: { description: 'Wessen Einladungen (für andere: Server verwalten)' },
				channel: { description: 'Nur Einladungen in diesen Kanal' },
				code: { description: 'Der Einladungscode' },
				reason: { description: 'Warum (im Audit-Log)' },
			},
		},
		unavailable: 'Das Einladungsregister ist gerade nicht erreichbar. Versuch es gleich noch einmal.',
		listOwn: 'Deine mit /invite erstellten Einladungen:',
		listOf: (member) => `Mit /invite erstellte Einladungen von ${member}:`,
		listEmpty: 'Du hast keine aktiven mit /invite erstellten Einladungen.',
		listEmptyOf: (member) => `${member} hat keine aktiven mit /invite erstellten Einladungen.`,
		usesMissing: 'Nutzungen fehlen: Ich brauche **Server verwalten**, um sie bei Discord zu lesen.',
		roles: 'Rollen',
		target: 'für',
		page: (page) => `Seite ${page}`,
		previous: 'Zurück',
		next: 'Weiter',
		needsManageGuild:
			'Du brauchst **Server verwalten**, um Einladungen anderer Mitglieder zu sehen oder zu widerrufen.',
		notYourList: 'Nur wer diese Liste aufgerufen hat, kann blättern.',
		codeOrMember:
			'Gib den `code` einer Einladung an oder ein `member`, dessen Einladungen widerrufen werden sollen.',
		notFound: (code) => `Keine mit /invite erstellte Einladung \`${code}\` auf diesem Server.`,
		notAllowed: (code) =>
			`Du kannst \`${code}\` nicht widerrufen: nur wer sie angefordert hat oder Mitglieder mit **Server verwalten** oder **Kanäle verwalten** dort.`,
		botCannotRevoke: (code, channel) =>
			`Ich kann \`${code}\` nicht widerrufen: Ich brauche **Kanäle verwalten** in ${channel} oder **Server verwalten**.`,
		revoked: (code) => `Einladung \`${code}\` widerrufen.`,
		alreadyGone: (code) => `Einladung \`${code}\` gab es schon nicht mehr.`,
		alreadyRevoked: (code) => `Einladung \`${code}\` wird gerade oder wurde schon widerrufen.`,
		revokedAll: (count, member) => `${count} Einladung(en) von ${member} widerrufen.`,
		revokedSome: (done, total, member) =>
			`${done} von ${total} Einladung(en) von ${member} widerrufen; versuch es für den Rest erneut.`,
		revokeButton: 'Widerrufen',
		revokedBy: (code, member, when) => `Einladung \`${code}\` wurde von ${member} ${when} widerrufen.`,
	},
};
