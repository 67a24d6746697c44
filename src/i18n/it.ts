import type { Messages } from './messages.js';

/** Italian. */
export const it: Messages = {
	command: {
		description: 'Crea un link di invito a questo server, visibile solo a te',
		options: {
			channel: { name: 'canale', description: "Canale aperto dall'invito (predefinito: questo canale)" },
			expires: {
				name: 'scadenza',
				description: 'Per quanto vale il link: 30m, 2h, 1d, 7d o mai (predefinito: 1 giorno)',
			},
			max_uses: { name: 'utilizzi_max', description: 'Quante persone possono usarlo (0 = nessun limite)' },
			temporary: {
				name: 'temporaneo',
				description: 'Chi entra viene espulso alla disconnessione, a meno che non riceva un ruolo',
			},
			unique: {
				name: 'unico',
				description: 'Crea sempre un nuovo codice (altrimenti Discord può restituire un invito esistente)',
			},
			stream_user: {
				name: 'utente_stream',
				description: 'Solo canali vocali o Stage: apre la diretta di questo membro',
			},
			activity: {
				name: 'attività',
				description: "Solo canali vocali o Stage: ID applicazione dell'attività da aprire",
			},
			role: { name: 'ruolo', description: 'Ruolo dato a chi entra con questo invito (richiede Gestisci ruoli)' },
			more_roles: {
				name: 'altri_ruoli',
				description: "Altri ruoli all'ingresso: menzioni o ID di ruoli, separati da spazi o virgole",
			},
			users: {
				name: 'utenti',
				description: 'Solo queste persone possono accettarlo: menzioni o ID (richiede Gestisci server)',
			},
			users_file: {
				name: 'file_utenti',
				description: 'Solo le persone in questo file CSV o di testo con ID utente (richiede Gestisci server)',
			},
			reason: { name: 'motivo', description: 'Motivo mostrato nel registro di controllo' },
		},
	},

	settings: {
		command: {
			description: 'Imposta i limiti di /invite e il registro degli inviti (Gestire il server)',
			options: {
				log_channel: { description: 'Pubblica qui ogni invito creato o revocato dal bot (testo o annunci)' },
				max_expires: {
					description: 'La scadenza più lunga che i membri possono scegliere, es. 1d (mai = nessun limite)',
				},
				allow_permanent: { description: 'Se sono ammessi inviti che non scadono mai (predefinito: sì)' },
				max_uses_limit: { description: 'Ogni invito ha al massimo questi utilizzi (1-100)' },
				allow_roles: { description: 'Se /invite può dare ruoli in questo server (predefinito: sì)' },
				require_reason: { description: 'Se /invite richiede un motivo (predefinito: no)' },
				reset: { description: 'Riporta ogni impostazione al valore predefinito' },
			},
		},
		notInGuild: '/invite-settings funziona solo in un server.',
		notAllowed: 'Ti serve **Gestire il server** per cambiare le impostazioni degli inviti.',
		noStore:
			'Questo bot gira senza database, quindi non conserva impostazioni degli inviti. Il proprietario può impostare DATABASE_URL per attivarle.',
		unavailable:
			'Le impostazioni degli inviti non sono disponibili ora (il database non risponde). Riprova tra poco.',
		resetAlone: '`reset` va da solo: usalo senza le altre opzioni.',
		logChannelType: (channel) =>
			`${channel} non può essere il registro degli inviti: scegli un canale testuale o di annunci.`,
		logChannelMissing: (channel, permissions) =>
			`Non posso pubblicare il registro degli inviti in ${channel}: mi serve ${permissions} lì. Non è cambiato nulla.`,
		logChannelUnknown: (channel) =>
			`Non sono riuscito a verificare i miei permessi in ${channel}, quindi non è cambiato nulla. Riprova tra poco.`,
		title: 'Impostazioni degli inviti di questo server',
		saved: 'Salvato.',
		resetDone: 'Tutte le impostazioni sono tornate ai valori predefiniti.',
		exemptNote: 'I membri con Gestire il server non sono vincolati da questi limiti.',
		logChannel: 'Registro degli inviti',
		maxExpires: 'Scadenza massima',
		allowPermanent: 'Inviti senza scadenza',
		maxUsesLimit: 'Utilizzi massimi per invito',
		allowRoles: 'Ruoli negli inviti',
		requireReason: 'Motivo obbligatorio',
		none: 'nessuno',
		noLimit: 'nessun limite',
		yes: 'sì',
		no: 'no',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` supera quanto permette questo server: un invito dura al massimo ${limit}.`,
			permanentNotAllowed:
				'Questo server non permette inviti che non scadono mai. Scegli una scadenza con `expires`.',
			maxUsesOverLimit: (limit) =>
				`Questo server permette al massimo ${limit} utilizzi per invito: imposta \`max_uses\` da 1 a ${limit}, o lascialo vuoto.`,
			rolesNotAllowed: 'Questo server non permette di dare ruoli con /invite.',
			reasonRequired: 'Questo server richiede un motivo per ogni invito: aggiungi `reason`.',
			settingsUnavailable:
				'Non sono riuscito a leggere le impostazioni degli inviti di questo server, quindi non ho creato nessun invito. Riprova tra poco.',
		},
		defaultMaxUses: (limit) => `Limitato a ${limit} utilizzi dalle impostazioni di questo server.`,
		defaultExpires: (limit) => `Scade dopo ${limit}, il massimo che questo server permette.`,
		logCreated: 'Invito creato',
		logRevoked: 'Invito revocato',
		askedBy: 'Richiesto da',
		revokedBy: 'Revocato da',
		channel: 'Canale',
		reason: 'Motivo',
		sendMessages: '**Inviare messaggi**',
		embedLinks: '**Incorporare link**',
	},

	durationUnits: {
		secondo: 1,
		secondi: 1,
		minuto: 60,
		minuti: 60,
		ora: 3_600,
		ore: 3_600,
		giorno: 86_400,
		giorni: 86_400,
		gg: 86_400,
		settimana: 604_800,
		settimane: 604_800,
		sett: 604_800,
	},
	never: ['mai'],
	neverLabel: 'Non scade mai',

	reply: {
		created: (channel) => `Invito per ${channel} creato`,
		reused: (channel) => `Discord ha restituito un invito esistente per ${channel}`,
		groupDm: (name) => `Invito al messaggio diretto di gruppo ${name}`,
		friend: (user) => `Invito di amicizia da ${user}`,
		code: 'Codice',
		expires: 'Scade',
		neverExpires: 'mai',
		uses: 'Utilizzi',
		usesOf: (uses, max) => `${uses} su ${max}`,
		usesUnlimited: (uses) => `${uses}, nessun limite`,
		temporary: 'Iscrizione temporanea',
		temporaryYes: 'sì: i membri vengono espulsi alla disconnessione, a meno che non ricevano un ruolo',
		temporaryNo: 'no, è permanente',
		stream: 'Apre la diretta di',
		activity: "Apre l'attività",
		roles: "Ruoli all'ingresso",
		reusedHint:
			'Questo invito esisteva già con le stesse impostazioni. Usa `unico:True` per ottenere sempre un nuovo codice.',
		openButton: 'Apri invito',
		noBody: 'Discord ha accettato la richiesta ma non ha restituito alcun invito. Controlla Impostazioni server → Inviti.',
		recovered: "La risposta di Discord si è persa per strada, ma l'invito è stato creato: eccolo.",
		targetUsers: (count) =>
			count === 1 ? 'Solo 1 persona scelta può accettarlo' : `Solo queste ${count} persone possono accettarlo`,
		targetUsersProcessing:
			"Discord sta elaborando l'elenco delle persone; questo messaggio cambierà quando avrà finito.",
		targetUsersCompleted: (count) =>
			`Discord ha elaborato l'elenco: ${count === 1 ? '1 persona può' : `${count} persone possono`} accettare questo invito.`,
		targetUsersFailed: (reason) =>
			`Discord non è riuscito a elaborare l'elenco delle persone (${reason}), quindi nessuno in elenco può ancora accettare questo invito. Eliminalo in Impostazioni server → Inviti e usa di nuovo /invite con un elenco corretto.`,
		temporaryWithRoles:
			"Attenzione: secondo alcune segnalazioni Discord non applica l'iscrizione temporanea quando un invito assegna ruoli, quindi chi entra potrebbe restare.",
	},

	check: {
		notInGuild: '/invite funziona solo in un server.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `I thread non possono avere inviti: ${thread} è un thread. Invita invece in ${parent}.`
				: `I thread non possono avere inviti: ${thread} è un thread.`,
		categoryNotInvitable: (channel) =>
			`${channel} è una categoria, che non può avere inviti. Scegli un canale al suo interno.`,
		channelNotInvitable: (channel) =>
			`${channel} non può avere inviti. Scegli un canale testuale, vocale, di annunci, Stage, forum o multimediale.`,
		expiresUnreadable: (input) =>
			`Non riesco a leggere \`${input}\` come durata. Prova \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 ore\` o \`never\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` è troppo lungo: un invito può durare al massimo 7 giorni, oppure non scadere mai.`,
		maxUsesOutOfRange: (value) => `\`utilizzi_max\` deve essere tra 0 (nessun limite) e 100, non ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`utente_stream\` e \`attività\` funzionano solo nei canali vocali e Stage, e ${channel} non è nessuno dei due.`,
		streamAndActivity: 'Scegli `utente_stream` oppure `attività`, non entrambi.',
		activityNotAnId: (value) => `\`${value}\` non è un ID applicazione (un numero da 17 a 20 cifre).`,
		invokerMissing: (channel, permissions) =>
			`Hai bisogno di ${permissions} in ${channel} per invitare persone lì.`,
		botMissing: (channel, permissions) =>
			`Ho bisogno di ${permissions} in ${channel}. Chiedi a un admin del server di aggiornare i permessi del mio ruolo lì.`,
		roleNeedsManageRoles: 'Hai bisogno di **Gestisci ruoli** per assegnare un ruolo con un invito.',
		botNeedsManageRoles: 'Ho bisogno di **Gestisci ruoli** per assegnare un ruolo con un invito.',
		roleIsEveryone: '@everyone è già assegnato a tutti; scegli un altro ruolo.',
		roleIsManaged: (role) => `${role} è gestito da un'integrazione e non può essere assegnato con un invito.`,
		roleNotBelowInvoker: (role) => `${role} non è sotto il tuo ruolo più alto, quindi non puoi assegnarlo.`,
		roleNotBelowBot: (role) =>
			`${role} non è sotto il mio ruolo più alto, quindi non posso assegnarlo. Sposta il mio ruolo sopra di esso.`,
		reasonTooLong: (max) => `Il motivo può contenere al massimo ${max} caratteri.`,
		optionTooLong: (option, max) => `\`${option}\` è troppo lungo: al massimo ${max} caratteri.`,
		channelNotInGuild: (channel) => `${channel} non è un canale di questo server.`,
		cannotVerify:
			'Non sono riuscito a verificare i tuoi permessi in questo momento, quindi non ho creato alcun invito. Riprova tra poco.',
		rolesUnreadable: (values) =>
			`\`altri_ruoli\` accetta menzioni o ID di ruoli separati da spazi o virgole; non riesco a leggere ${values}.`,
		rolesEmpty: "`altri_ruoli` non indica alcun ruolo. Menziona i ruoli da assegnare, oppure togli l'opzione.",
		rolesNotInServer: (roles) => `Questi non sono ruoli di questo server: ${roles}.`,
		tooManyRoles: (max) => `Un invito può assegnare al massimo ${max} ruoli.`,
		usersUnreadable: (values) =>
			`\`utenti\` accetta menzioni o ID utente separati da spazi o virgole; non riesco a leggere ${values}. Non è stato inviato nulla.`,
		usersEmpty:
			"`utenti` non indica nessuno. Menziona le persone che possono accettare l'invito, oppure togli l'opzione.",
		usersNeedManageGuild: 'Hai bisogno di **Gestisci server** per scegliere chi può accettare un invito.',
		botNeedsManageGuild:
			'Ho bisogno di **Gestisci server** per scegliere chi può accettare un invito. Chiedi a un admin del server di concederlo al mio ruolo.',
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` è troppo grande: l'elenco delle persone può essere al massimo di ${maxMiB} MiB.`,
		fileUnreadable: (name) =>
			`Non sono riuscito a leggere \`${name}\`. Carica un file CSV o di testo con ID utente, uno per riga o separati da virgole.`,
		fileTimeout: (name) =>
			`Il download di \`${name}\` ha richiesto troppo tempo, quindi non ho creato alcun invito. Riprova tra poco.`,
		fileRefused: (name) =>
			`Non scarico \`${name}\`: il suo link non porta ai server di file di Discord, quindi non ho creato nessun invito. Carica di nuovo il file con il comando.`,
		fileBusy: (name) =>
			`In questo momento si stanno leggendo troppi file, quindi non ho scaricato \`${name}\` e non ho creato nessun invito. Riprova tra poco.`,
		fileUnreadableIds: (name, values) =>
			`Queste righe di \`${name}\` non sono ID utente: ${values}. Non è stato inviato nulla.`,
		fileEmpty: (name) =>
			`\`${name}\` non contiene nessuno. Metti un ID utente per riga, con o senza l'intestazione \`user_id\`.`,
	},

	error: {
		unknownChannel: 'Quel canale non esiste più.',
		missingAccess:
			'Non riesco a vedere quel canale. Chiedi a un admin del server di permettere al mio ruolo di vederlo.',
		missingPermissions:
			'Secondo Discord mi manca un permesso per questo invito (Crea invito, o Gestisci ruoli per un ruolo).',
		unknownRole: 'Quel ruolo non esiste più.',
		unknownUser: "Discord non conosce quell'utente.",
		maxInvites:
			'Questo server ha raggiunto il limite di Discord di 1000 inviti. Eliminane alcuni in Impostazioni server → Inviti.',
		invalidChannelType: 'Discord non consente inviti per quel tipo di canale.',
		invalidRole: 'Discord non assegna quel ruolo con un invito.',
		unknownTargetUsersJob:
			"Discord non ha traccia dell'elaborazione dell'elenco di persone di questo invito. Controllalo in Impostazioni server → Inviti.",
		unknownTargetUsers: 'Discord non ha un elenco di persone per questo invito.',
		inviteCodeTaken: "Secondo Discord quel codice d'invito non è valido o è già in uso. Riprova.",
		invalidForm: (fields) => `Discord ha rifiutato le impostazioni dell'invito: ${fields}`,
		rateLimited: (retryAt) =>
			`Discord sta limitando la velocità di creazione degli inviti qui. Riprova ${retryAt}.`,
		discordError: (status) =>
			`Discord ha avuto un problema (HTTP ${status}). Un invito potrebbe essere stato creato comunque: controlla Impostazioni server → Inviti prima di riprovare.`,
		timeout:
			'Discord non ha risposto in tempo. Un invito potrebbe essere stato creato comunque: controlla Impostazioni server → Inviti prima di riprovare.',
		network: 'Non sono riuscito a raggiungere Discord. Riprova tra poco.',
		tokenRejected:
			'Discord ha rifiutato il token del mio bot, quindi non ho creato nessun invito. Il proprietario del bot deve controllare il token (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`Discord è sovraccarico in questo momento, quindi non ho creato nessun invito. Riprova ${retryAt}.`,
		lostAnswer:
			'La risposta di Discord si è persa per strada. Un invito potrebbe essere stato creato comunque: controlla Impostazioni server → Inviti prima di riprovare.',
		unknown: (reference) => `Qualcosa è andato storto da parte mia. Riferimento: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` non è più un comando di questo bot.`,
	},

	suggest: {
		unreadable: (input) => `Non leggo "${input}": prova 30m, 2h, 1d, 7d, 2 ore o never`,
		tooLong: (input) => `"${input}" è troppo lungo: al massimo 7 giorni, o mai`,
	},

	limit: {
		cooldown: (retryAt) => `Troppi inviti in poco tempo. Potrai creare un altro invito ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Crea invito**',
		ViewChannel: '**Visualizza canali**',
		ManageRoles: '**Gestisci ruoli**',
	},
	ledger: {
		command: {
			description: 'Elenca o revoca gli inviti creati con /invite',
			list: { description: 'I tuoi inviti attivi (o di un membro, con Gestire il server)' },
			revoke: { description: 'Revoca un invito (o tutti quelli di un membro, con Gestire il server)' },
			options: {
				member: { description: 'Di chi (Gestire il server per un altro membro)' },
				channel: { description: 'Solo inviti per questo canale' },
				code: { description: 'Il codice dell’invito' },
				reason: { description: 'Perché (resta nel registro attività)' },
			},
		},
		unavailable: 'Il registro degli inviti non è disponibile ora. Riprova tra un momento.',
		listOwn: 'I tuoi inviti creati con /invite:',
		listOf: (member) => `Inviti creati da ${member} con /invite:`,
		listEmpty: 'Non hai inviti attivi creati con /invite.',
		listEmptyOf: (member) => `${member} non ha inviti attivi creati con /invite.`,
		usesMissing: 'Utilizzi non mostrati: mi serve **Gestire il server** per leggerli da Discord.',
		roles: 'ruoli',
		target: 'per',
		page: (page) => `Pagina ${page}`,
		previous: 'Precedente',
		next: 'Successiva',
		needsManageGuild: 'Ti serve **Gestire il server** per vedere o revocare gli inviti di un altro membro.',
		notYourList: 'Solo chi ha aperto questo elenco può sfogliarlo.',
		codeOrMember: 'Indica il `code` di un invito, o un `member` di cui revocare gli inviti.',
		notFound: (code) => `Nessun invito \`${code}\` creato con /invite in questo server.`,
		notAllowed: (code) =>
			`Non puoi revocare \`${code}\`: solo chi l’ha chiesto o i membri con **Gestire il server** o **Gestire i canali** lì.`,
		botCannotRevoke: (code, channel) =>
			`Non posso revocare \`${code}\`: mi serve **Gestire i canali** in ${channel} o **Gestire il server**.`,
		revoked: (code) => `Invito \`${code}\` revocato.`,
		alreadyGone: (code) => `L’invito \`${code}\` non esisteva già più.`,
		alreadyRevoked: (code) => `L’invito \`${code}\` è in revoca o è già stato revocato.`,
		revokedAll: (count, member) => `Revocati ${count} inviti di ${member}.`,
		revokedSome: (done, total, member) => `Revocati ${done} inviti su ${total} di ${member}; riprova per il resto.`,
		revokeButton: 'Revoca',
		revokedBy: (code, member, when) => `L’invito \`${code}\` è stato revocato da ${member} ${when}.`,
	},
};
