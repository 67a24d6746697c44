import type { Messages } from './messages.js';

/** Dutch. */
export const nl: Messages = {
	command: {
		description: 'Maak een uitnodigingslink naar deze server, alleen zichtbaar voor jou',
		options: {
			channel: { name: 'kanaal', description: 'Kanaal dat de uitnodiging opent (standaard: dit kanaal)' },
			expires: {
				name: 'verloopt',
				description: 'Hoe lang de link werkt: 30m, 2h, 1d, 7d of nooit (standaard: 1 dag)',
			},
			max_uses: { name: 'max_gebruik', description: 'Hoeveel mensen hem kunnen gebruiken (0 = onbeperkt)' },
			temporary: {
				name: 'tijdelijk',
				description: 'Wie lid wordt, wordt verwijderd bij het afmelden, tenzij die een rol krijgt',
			},
			unique: {
				name: 'uniek',
				description: 'Altijd een nieuwe code maken (anders kan Discord een bestaande uitnodiging teruggeven)',
			},
			stream_user: {
				name: 'stream_gebruiker',
				description: 'Alleen spraak of podium: open de livestream van dit lid',
			},
			activity: {
				name: 'activiteit',
				description: 'Alleen spraak of podium: applicatie-ID van de te openen activiteit',
			},
			role: { name: 'rol', description: 'Rol voor wie via deze uitnodiging lid wordt (vereist Rollen beheren)' },
			more_roles: {
				name: 'meer_rollen',
				description: "Meer rollen bij binnenkomst: rolvermeldingen of id's, gescheiden door spaties of komma's",
			},
			users: {
				name: 'gebruikers',
				description: "Alleen deze mensen kunnen hem accepteren: vermeldingen of id's (vereist Server beheren)",
			},
			users_file: {
				name: 'gebruikers_bestand',
				description:
					"Alleen de mensen in dit CSV- of tekstbestand met gebruikers-id's (vereist Server beheren)",
			},
			reason: { name: 'reden', description: 'Reden die in het auditlogboek wordt getoond' },
		},
	},

	settings: {
		command: {
			description: 'Stelt de grenzen van /invite en het uitnodigingslogboek in (Server beheren)',
			options: {
				log_channel: {
					description: 'Plaats hier elke uitnodiging die de bot maakt of intrekt (tekst of aankondigingen)',
				},
				max_expires: {
					description: 'De langste geldigheid die leden mogen kiezen, bv. 1d (nooit = geen grens)',
				},
				allow_permanent: { description: 'Of uitnodigingen die nooit verlopen zijn toegestaan (standaard: ja)' },
				max_uses_limit: { description: 'Elke uitnodiging krijgt hoogstens zoveel gebruiken (1-100)' },
				allow_roles: { description: 'Of /invite rollen mag geven op deze server (standaard: ja)' },
				require_reason: { description: 'Of /invite een reden nodig heeft (standaard: nee)' },
				reset: { description: 'Zet alle instellingen terug naar de standaard' },
			},
		},
		notInGuild: '/invite-settings werkt alleen in een server.',
		notAllowed: 'Je hebt **Server beheren** nodig om de uitnodigingsinstellingen te wijzigen.',
		noStore:
			'Deze bot draait zonder database en bewaart dus geen uitnodigingsinstellingen. De eigenaar kan DATABASE_URL instellen om ze aan te zetten.',
		unavailable:
			'De uitnodigingsinstellingen zijn nu niet beschikbaar (de database antwoordt niet). Probeer het zo opnieuw.',
		resetAlone: '`reset` gaat alleen: gebruik het zonder de andere opties.',
		logChannelType: (channel) =>
			`${channel} kan niet het uitnodigingslogboek zijn: kies een tekst- of aankondigingskanaal.`,
		logChannelMissing: (channel, permissions) =>
			`Ik kan het uitnodigingslogboek niet in ${channel} plaatsen: ik heb daar ${permissions} nodig. Er is niets gewijzigd.`,
		logChannelUnknown: (channel) =>
			`Ik kon mijn rechten in ${channel} niet controleren, dus er is niets gewijzigd. Probeer het zo opnieuw.`,
		title: 'Uitnodigingsinstellingen van deze server',
		saved: 'Opgeslagen.',
		resetDone: 'Alle instellingen staan weer op de standaard.',
		exemptNote: 'Leden met Server beheren zijn niet aan deze grenzen gebonden.',
		logChannel: 'Uitnodigingslogboek',
		maxExpires: 'Langste geldigheid',
		allowPermanent: 'Uitnodigingen die nooit verlopen',
		maxUsesLimit: 'Meeste gebruiken per uitnodiging',
		allowRoles: 'Rollen bij uitnodigingen',
		requireReason: 'Reden verplicht',
		none: 'geen',
		noLimit: 'geen grens',
		yes: 'ja',
		no: 'nee',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` is langer dan deze server toestaat: een uitnodiging geldt hoogstens ${limit}.`,
			permanentNotAllowed:
				'Deze server staat geen uitnodigingen toe die nooit verlopen. Kies een geldigheid met `expires`.',
			maxUsesOverLimit: (limit) =>
				`Deze server staat hoogstens ${limit} gebruiken per uitnodiging toe: zet \`max_uses\` op 1 tot ${limit}, of laat het weg.`,
			rolesNotAllowed: 'Deze server staat niet toe dat /invite rollen geeft.',
			reasonRequired: 'Deze server vraagt een reden voor elke uitnodiging: voeg `reason` toe.',
			settingsUnavailable:
				'Ik kon de uitnodigingsinstellingen van deze server nu niet lezen, dus ik heb geen uitnodiging gemaakt. Probeer het zo opnieuw.',
		},
		defaultMaxUses: (limit) => `Beperkt tot ${limit} gebruiken door de instellingen van deze server.`,
		defaultExpires: (limit) => `Verloopt na ${limit}, het langste dat deze server toestaat.`,
		logCreated: 'Uitnodiging gemaakt',
		logRevoked: 'Uitnodiging ingetrokken',
		askedBy: 'Gevraagd door',
		revokedBy: 'Ingetrokken door',
		channel: 'Kanaal',
		reason: 'Reden',
		sendMessages: '**Berichten verzenden**',
		embedLinks: '**Links insluiten**',
	},

	durationUnits: {
		seconde: 1,
		seconden: 1,
		minuut: 60,
		minuten: 60,
		uur: 3_600,
		uren: 3_600,
		u: 3_600,
		dag: 86_400,
		dagen: 86_400,
		week: 604_800,
		weken: 604_800,
	},
	never: ['nooit'],
	neverLabel: 'Verloopt nooit',

	reply: {
		created: (channel) => `Uitnodiging voor ${channel} gemaakt`,
		reused: (channel) => `Discord gaf een bestaande uitnodiging voor ${channel} terug`,
		groupDm: (name) => `Uitnodiging voor de groeps-DM ${name}`,
		friend: (user) => `Vriendenuitnodiging van ${user}`,
		code: 'Uitnodigingscode',
		expires: 'Verloopt',
		neverExpires: 'nooit',
		uses: 'Gebruik',
		usesOf: (uses, max) => `${uses} van ${max}`,
		usesUnlimited: (uses) => `${uses}, onbeperkt`,
		temporary: 'Tijdelijk lidmaatschap',
		temporaryYes: 'ja: leden worden verwijderd bij het afmelden, tenzij ze een rol krijgen',
		temporaryNo: 'nee',
		stream: 'Opent de stream van',
		activity: 'Opent de activiteit',
		roles: 'Rollen bij deelname',
		reusedHint:
			'Deze uitnodiging bestond al met dezelfde instellingen. Gebruik `uniek:True` om altijd een nieuwe code te krijgen.',
		openButton: 'Uitnodiging openen',
		noBody: 'Discord heeft het verzoek geaccepteerd, maar geen uitnodiging teruggestuurd. Kijk bij Serverinstellingen → Uitnodigingen.',
		recovered: 'Het antwoord van Discord ging onderweg verloren, maar de uitnodiging is gemaakt: hier is hij.',
		targetUsers: (count) =>
			count === 1
				? 'Alleen 1 gekozen persoon kan hem accepteren'
				: `Alleen deze ${count} mensen kunnen hem accepteren`,
		targetUsersProcessing: 'Discord verwerkt de lijst met mensen; dit bericht verandert zodra dat klaar is.',
		targetUsersCompleted: (count) =>
			`Discord heeft de lijst verwerkt: ${count === 1 ? '1 persoon kan' : `${count} mensen kunnen`} deze uitnodiging accepteren.`,
		targetUsersFailed: (reason) =>
			`Discord kon de lijst met mensen niet verwerken (${reason}), dus niemand op de lijst kan deze uitnodiging al accepteren. Verwijder hem via Serverinstellingen → Uitnodigingen en gebruik /invite opnieuw met een verbeterde lijst.`,
		temporaryWithRoles:
			'Let op: volgens meldingen dwingt Discord tijdelijk lidmaatschap niet af wanneer een uitnodiging rollen geeft, dus wie binnenkomt, blijft misschien.',
	},

	check: {
		notInGuild: '/invite werkt alleen in een server.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Threads kunnen geen uitnodigingen hebben: ${thread} is een thread. Nodig in plaats daarvan uit voor ${parent}.`
				: `Threads kunnen geen uitnodigingen hebben: ${thread} is een thread.`,
		categoryNotInvitable: (channel) =>
			`${channel} is een categorie en kan geen uitnodigingen hebben. Kies een kanaal daarin.`,
		channelNotInvitable: (channel) =>
			`${channel} kan geen uitnodigingen hebben. Kies een tekst-, spraak-, aankondigings-, podium-, forum- of mediakanaal.`,
		expiresUnreadable: (input) =>
			`Ik kan \`${input}\` niet als duur lezen. Probeer \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 uur\` of \`never\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` is te lang: een uitnodiging is maximaal 7 dagen geldig, of verloopt nooit.`,
		maxUsesOutOfRange: (value) => `\`max_gebruik\` moet tussen 0 (onbeperkt) en 100 liggen, niet ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`stream_gebruiker\` en \`activiteit\` werken alleen in spraak- en podiumkanalen, en ${channel} is geen van beide.`,
		streamAndActivity: 'Kies `stream_gebruiker` of `activiteit`, niet allebei.',
		activityNotAnId: (value) => `\`${value}\` is geen applicatie-ID (een getal van 17 tot 20 cijfers).`,
		invokerMissing: (channel, permissions) =>
			`Je hebt ${permissions} nodig in ${channel} om daar mensen uit te nodigen.`,
		botMissing: (channel, permissions) =>
			`Ik heb ${permissions} nodig in ${channel}. Vraag een serverbeheerder om mijn rol daar die toestemming te geven.`,
		roleNeedsManageRoles: 'Je hebt **Rollen beheren** nodig om met een uitnodiging een rol te geven.',
		botNeedsManageRoles: 'Ik heb **Rollen beheren** nodig om met een uitnodiging een rol te geven.',
		roleIsEveryone: 'Iedereen heeft @everyone al; kies een andere rol.',
		roleIsManaged: (role) =>
			`${role} wordt beheerd door een integratie en kan niet met een uitnodiging worden gegeven.`,
		roleNotBelowInvoker: (role) => `${role} staat niet onder je hoogste rol, dus je kunt hem niet geven.`,
		roleNotBelowBot: (role) =>
			`${role} staat niet onder mijn hoogste rol, dus ik kan hem niet geven. Zet mijn rol erboven.`,
		reasonTooLong: (max) => `De reden mag maximaal ${max} tekens lang zijn.`,
		optionTooLong: (option, max) => `\`${option}\` is te lang: hoogstens ${max} tekens.`,
		channelNotInGuild: (channel) => `${channel} is geen kanaal van deze server.`,
		cannotVerify:
			'Ik kon je rechten nu niet controleren, dus ik heb geen uitnodiging gemaakt. Probeer het zo opnieuw.',
		rolesUnreadable: (values) =>
			`\`meer_rollen\` neemt rolvermeldingen of id's, gescheiden door spaties of komma's; ik kan ${values} niet lezen.`,
		rolesEmpty: '`meer_rollen` noemt geen rol. Vermeld de rollen die je wilt geven, of laat de optie weg.',
		rolesNotInServer: (roles) => `Dit zijn geen rollen van deze server: ${roles}.`,
		tooManyRoles: (max) => `Een uitnodiging kan hoogstens ${max} rollen geven.`,
		usersUnreadable: (values) =>
			`\`gebruikers\` neemt vermeldingen of gebruikers-id's, gescheiden door spaties of komma's; ik kan ${values} niet lezen. Er is niets verstuurd.`,
		usersEmpty:
			'`gebruikers` noemt niemand. Vermeld de mensen die de uitnodiging mogen accepteren, of laat de optie weg.',
		usersNeedManageGuild: 'Je hebt **Server beheren** nodig om te kiezen wie een uitnodiging kan accepteren.',
		botNeedsManageGuild:
			'Ik heb **Server beheren** nodig om te kiezen wie een uitnodiging kan accepteren. Vraag een serverbeheerder om dit aan mijn rol te geven.',
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` is te groot: de lijst met mensen mag hoogstens ${maxMiB} MiB zijn.`,
		fileUnreadable: (name) =>
			`Ik kon \`${name}\` niet lezen. Upload een CSV- of tekstbestand met gebruikers-id's, één per regel of gescheiden door komma's.`,
		fileTimeout: (name) =>
			`Het downloaden van \`${name}\` duurde te lang, dus ik heb geen uitnodiging gemaakt. Probeer het zo opnieuw.`,
		fileRefused: (name) =>
			`Ik download \`${name}\` niet: de link leidt niet naar de bestandsservers van Discord, dus ik heb geen uitnodiging gemaakt. Upload het bestand opnieuw met de opdracht.`,
		fileBusy: (name) =>
			`Er worden nu te veel bestanden gelezen, dus ik heb \`${name}\` niet gedownload en geen uitnodiging gemaakt. Probeer het zo opnieuw.`,
		fileUnreadableIds: (name, values) =>
			`Deze regels van \`${name}\` zijn geen gebruikers-id's: ${values}. Er is niets verstuurd.`,
		fileEmpty: (name) =>
			`\`${name}\` bevat niemand. Zet één gebruikers-id per regel, met of zonder kopregel \`user_id\`.`,
	},

	error: {
		unknownChannel: 'Dat kanaal bestaat niet meer.',
		missingAccess:
			'Ik kan dat kanaal niet zien. Vraag een serverbeheerder om mijn rol het kanaal te laten bekijken.',
		missingPermissions:
			'Volgens Discord mis ik een toestemming voor deze uitnodiging (Uitnodiging maken, of Rollen beheren voor een rol).',
		unknownRole: 'Die rol bestaat niet meer.',
		unknownUser: 'Discord kent die gebruiker niet.',
		maxInvites:
			'Deze server heeft de limiet van Discord van 1000 uitnodigingen bereikt. Verwijder er een paar via Serverinstellingen → Uitnodigingen.',
		invalidChannelType: 'Discord staat geen uitnodigingen toe voor dat soort kanaal.',
		invalidRole: 'Discord geeft die rol niet via een uitnodiging.',
		unknownTargetUsersJob:
			'Discord weet niets van het verwerken van de lijst met mensen voor deze uitnodiging. Controleer hem in Serverinstellingen → Uitnodigingen.',
		unknownTargetUsers: 'Discord heeft geen lijst met mensen voor deze uitnodiging.',
		inviteCodeTaken: 'Volgens Discord is die uitnodigingscode ongeldig of al in gebruik. Probeer het opnieuw.',
		invalidForm: (fields) => `Discord heeft de uitnodigingsinstellingen geweigerd: ${fields}`,
		rateLimited: (retryAt) =>
			`Discord beperkt hoe snel hier uitnodigingen worden gemaakt. Probeer het ${retryAt} opnieuw.`,
		discordError: (status) =>
			`Discord had een probleem (HTTP ${status}). Misschien is er toch een uitnodiging gemaakt: kijk bij Serverinstellingen → Uitnodigingen voordat je het opnieuw probeert.`,
		timeout:
			'Discord antwoordde niet op tijd. Misschien is er toch een uitnodiging gemaakt: kijk bij Serverinstellingen → Uitnodigingen voordat je het opnieuw probeert.',
		network: 'Ik kon Discord niet bereiken. Probeer het zo opnieuw.',
		tokenRejected:
			'Discord weigerde mijn bottoken, dus ik heb geen uitnodiging gemaakt. De eigenaar van de bot moet het token controleren (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`Discord is nu overbelast, dus ik heb geen uitnodiging gemaakt. Probeer het ${retryAt} opnieuw.`,
		lostAnswer:
			'Het antwoord van Discord is onderweg verloren gegaan. Er is misschien toch een uitnodiging gemaakt: kijk bij Serverinstellingen → Uitnodigingen voordat je het opnieuw probeert.',
		unknown: (reference) => `Er ging aan mijn kant iets mis. Referentie: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` is geen opdracht van deze bot meer.`,
	},

	suggest: {
		unreadable: (input) => `Kan "${input}" niet lezen: probeer 30m, 2h, 1d, 7d, 2 uur of never`,
		tooLong: (input) => `"${input}" is te lang: maximaal 7 dagen, of nooit`,
	},

	limit: {
		cooldown: (retryAt) => `Te veel uitnodigingen in korte tijd. Je kunt ${retryAt} weer een uitnodiging maken.`,
	},

	permission: {
		CreateInstantInvite: '**Uitnodiging maken**',
		ViewChannel: '**Kanalen bekijken**',
		ManageRoles: '**Rollen beheren**',
	},
	ledger: {
		command: {
			description: 'Uitnodigingen gemaakt met /invite tonen of intrekken',
			list: { description: 'Je actieve uitnodigingen (of die van een lid, met Server beheren)' },
			revoke: { description: 'Een uitnodiging intrekken (of alle van een lid, met Server beheren)' },
			options: {
				member: { description: 'Van wie (Server beheren voor een ander lid)' },
				channel: { description: 'Alleen uitnodigingen naar dit kanaal' },
				code: { description: 'De uitnodigingscode' },
				reason: { description: 'Waarom (bewaard in het auditlogboek)' },
			},
		},
		unavailable: 'Het uitnodigingsregister is nu niet beschikbaar. Probeer het zo opnieuw.',
		listOwn: 'Je uitnodigingen gemaakt met /invite:',
		listOf: (member) => `Uitnodigingen van ${member} gemaakt met /invite:`,
		listEmpty: 'Je hebt geen actieve uitnodigingen gemaakt met /invite.',
		listEmptyOf: (member) => `${member} heeft geen actieve uitnodigingen gemaakt met /invite.`,
		usesMissing: 'Gebruik niet getoond: ik heb **Server beheren** nodig om het bij Discord te lezen.',
		roles: 'rollen',
		target: 'voor',
		page: (page) => `Pagina ${page}`,
		previous: 'Vorige',
		next: 'Volgende',
		needsManageGuild:
			'Je hebt **Server beheren** nodig om uitnodigingen van een ander lid te zien of in te trekken.',
		notYourList: 'Alleen wie deze lijst opvroeg kan bladeren.',
		codeOrMember: 'Geef de `code` van een uitnodiging, of een `member` wiens uitnodigingen je intrekt.',
		notFound: (code) => `Geen uitnodiging \`${code}\` gemaakt met /invite in deze server.`,
		notAllowed: (code) =>
			`Je kunt \`${code}\` niet intrekken: alleen wie erom vroeg of leden met **Server beheren** of **Kanalen beheren** daar.`,
		botCannotRevoke: (code, channel) =>
			`Ik kan \`${code}\` niet intrekken: ik heb **Kanalen beheren** in ${channel} of **Server beheren** nodig.`,
		revoked: (code) => `Uitnodiging \`${code}\` ingetrokken.`,
		alreadyGone: (code) => `Uitnodiging \`${code}\` bestond al niet meer.`,
		alreadyRevoked: (code) => `Uitnodiging \`${code}\` wordt of is al ingetrokken.`,
		revokedAll: (count, member) => `${count} uitnodiging(en) van ${member} ingetrokken.`,
		revokedSome: (done, total, member) =>
			`${done} van ${total} uitnodiging(en) van ${member} ingetrokken; probeer het opnieuw voor de rest.`,
		revokeButton: 'Intrekken',
		revokedBy: (code, member, when) => `Uitnodiging \`${code}\` is ${when} ingetrokken door ${member}.`,
	},
};
