import type { Messages } from './messages.js';

/** French. */
export const fr: Messages = {
	command: {
		description: "Crée un lien d'invitation vers ce serveur, visible par toi seul",
		options: {
			channel: { name: 'salon', description: "Salon ouvert par l'invitation (par défaut : ce salon)" },
			expires: {
				name: 'expiration',
				description: 'Durée de validité du lien : 30m, 2h, 1d, 7d ou jamais (par défaut 1 jour)',
			},
			max_uses: {
				name: 'utilisations_max',
				description: "Nombre de personnes pouvant l'utiliser (0 = illimité)",
			},
			temporary: {
				name: 'temporaire',
				description:
					'Les membres qui rejoignent sont expulsés à leur déconnexion, sauf si un rôle leur est donné',
			},
			unique: {
				description: 'Toujours créer un nouveau code (sinon Discord peut renvoyer une invitation existante)',
			},
			stream_user: {
				name: 'membre_stream',
				description: 'Vocal ou conférence uniquement : ouvrir le stream de ce membre',
			},
			activity: {
				name: 'activité',
				description: "Vocal ou conférence uniquement : ID d'application de l'activité à ouvrir",
			},
			role: {
				name: 'rôle',
				description: 'Rôle donné aux personnes qui rejoignent avec cette invitation (requiert Gérer les rôles)',
			},
			more_roles: {
				name: 'autres_rôles',
				description:
					"Autres rôles donnés à l'arrivée : mentions ou identifiants de rôles, séparés par espaces ou virgules",
			},
			users: {
				name: 'membres',
				description:
					"Seules ces personnes peuvent l'accepter : mentions ou identifiants (requiert Gérer le serveur)",
			},
			users_file: {
				name: 'fichier_membres',
				description:
					"Seules les personnes de ce fichier CSV ou texte d'identifiants (requiert Gérer le serveur)",
			},
			reason: { name: 'raison', description: 'Raison affichée dans les logs du serveur' },
		},
	},

	settings: {
		command: {
			description: 'Règle les limites de /invite et le journal des invitations (Gérer le serveur)',
			options: {
				log_channel: {
					description: 'Publier ici chaque invitation créée ou révoquée par le bot (texte ou annonces)',
				},
				max_expires: {
					description: 'Durée maximale que les membres peuvent choisir, ex. 1d (jamais = sans limite)',
				},
				allow_permanent: { description: 'Autoriser les invitations qui n’expirent jamais (par défaut : oui)' },
				max_uses_limit: { description: 'Chaque invitation a au plus ce nombre d’utilisations (1-100)' },
				allow_roles: { description: 'Autoriser /invite à donner des rôles sur ce serveur (par défaut : oui)' },
				require_reason: { description: 'Exiger une raison pour /invite (par défaut : non)' },
				reset: { description: 'Remettre tous les réglages par défaut' },
			},
		},
		notInGuild: '/invite-settings ne fonctionne que sur un serveur.',
		notAllowed: 'Il te faut **Gérer le serveur** pour modifier les réglages des invitations.',
		noStore:
			'Ce bot tourne sans base de données, il ne garde donc aucun réglage d’invitation. Son propriétaire peut définir DATABASE_URL pour les activer.',
		unavailable:
			'Les réglages des invitations sont indisponibles pour le moment (la base de données ne répond pas). Réessaie dans un instant.',
		resetAlone: '`reset` s’utilise seul : lance-le sans les autres options.',
		logChannelType: (channel) =>
			`${channel} ne peut pas servir de journal des invitations : choisis un salon textuel ou d’annonces.`,
		logChannelMissing: (channel, permissions) =>
			`Je ne peux pas publier le journal des invitations dans ${channel} : il me faut ${permissions}. Rien n’a été modifié.`,
		logChannelUnknown: (channel) =>
			`Je n’ai pas pu vérifier mes permissions dans ${channel}, donc rien n’a été modifié. Réessaie dans un instant.`,
		title: 'Réglages des invitations de ce serveur',
		saved: 'Enregistré.',
		resetDone: 'Tous les réglages sont revenus à leur valeur par défaut.',
		exemptNote: 'Les membres ayant Gérer le serveur ne sont pas soumis à ces limites.',
		logChannel: 'Journal des invitations',
		maxExpires: 'Durée maximale',
		allowPermanent: 'Invitations sans expiration',
		maxUsesLimit: 'Utilisations maximales par invitation',
		allowRoles: 'Rôles sur les invitations',
		requireReason: 'Raison exigée',
		none: 'aucun',
		noLimit: 'sans limite',
		yes: 'oui',
		no: 'non',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` dépasse ce que ce serveur autorise : une invitation dure au plus ${limit}.`,
			permanentNotAllowed:
				'Ce serveur n’autorise pas les invitations qui n’expirent jamais. Choisis une durée avec `expires`.',
			maxUsesOverLimit: (limit) =>
				`Ce serveur autorise au plus ${limit} utilisations par invitation : mets \`max_uses\` entre 1 et ${limit}, ou laisse-le vide.`,
			rolesNotAllowed: 'Ce serveur n’autorise pas à donner des rôles avec /invite.',
			reasonRequired: 'Ce serveur exige une raison pour chaque invitation : ajoute `reason`.',
			settingsUnavailable:
				'Je n’ai pas pu lire les réglages des invitations de ce serveur, donc je n’ai créé aucune invitation. Réessaie dans un instant.',
		},
		defaultMaxUses: (limit) => `Limitée à ${limit} utilisations par les réglages de ce serveur.`,
		defaultExpires: (limit) => `Expire après ${limit}, le maximum autorisé par ce serveur.`,
		logCreated: 'Invitation créée',
		logRevoked: 'Invitation révoquée',
		askedBy: 'Demandée par',
		revokedBy: 'Révoquée par',
		channel: 'Salon',
		reason: 'Raison',
		sendMessages: '**Envoyer des messages**',
		embedLinks: '**Intégrer des liens**',
	},

	durationUnits: {
		seconde: 1,
		secondes: 1,
		minute: 60,
		minutes: 60,
		heure: 3_600,
		heures: 3_600,
		jour: 86_400,
		jours: 86_400,
		j: 86_400,
		semaine: 604_800,
		semaines: 604_800,
		sem: 604_800,
	},
	never: ['jamais'],
	neverLabel: "N'expire jamais",

	reply: {
		created: (channel) => `Invitation vers ${channel} créée`,
		reused: (channel) => `Discord a renvoyé une invitation existante vers ${channel}`,
		groupDm: (name) => `Invitation vers le groupe privé ${name}`,
		friend: (user) => `Invitation d'ami de ${user}`,
		code: "Code d'invitation",
		expires: 'Expire',
		neverExpires: 'jamais',
		uses: 'Utilisations',
		usesOf: (uses, max) => `${uses} sur ${max}`,
		usesUnlimited: (uses) => `${uses}, sans limite`,
		temporary: 'Adhésion temporaire',
		temporaryYes: 'oui : les membres sont expulsés à leur déconnexion, sauf si un rôle leur est donné',
		temporaryNo: 'non',
		stream: 'Ouvre le stream de',
		activity: "Ouvre l'activité",
		roles: "Rôles à l'arrivée",
		reusedHint:
			'Cette invitation existait déjà avec les mêmes paramètres. Utilise `unique:True` pour toujours obtenir un nouveau code.',
		openButton: "Ouvrir l'invitation",
		noBody: "Discord a accepté la demande mais n'a renvoyé aucune invitation. Vérifie Paramètres du serveur → Invitations.",
		recovered: "La réponse de Discord s'est perdue en route, mais l'invitation a bien été créée : la voici.",
		targetUsers: (count) =>
			count === 1
				? 'Seule 1 personne choisie peut l’accepter'
				: `Seules ces ${count} personnes peuvent l’accepter`,
		targetUsersProcessing: 'Discord traite la liste des personnes ; ce message changera une fois terminé.',
		targetUsersCompleted: (count) =>
			`Discord a traité la liste : ${count === 1 ? '1 personne peut' : `${count} personnes peuvent`} accepter cette invitation.`,
		targetUsersFailed: (reason) =>
			`Discord n'a pas pu traiter la liste des personnes (${reason}) : personne de la liste ne peut encore accepter cette invitation. Supprime-la dans Paramètres du serveur → Invitations et relance /invite avec une liste corrigée.`,
		temporaryWithRoles:
			"Attention : d'après certains signalements, Discord n'applique pas l'adhésion temporaire quand une invitation donne des rôles ; les personnes qui rejoignent pourraient rester.",
	},

	check: {
		notInGuild: '/invite fonctionne uniquement sur un serveur.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Les fils ne peuvent pas avoir d'invitations : ${thread} est un fil. Invite plutôt vers ${parent}.`
				: `Les fils ne peuvent pas avoir d'invitations : ${thread} est un fil.`,
		categoryNotInvitable: (channel) =>
			`${channel} est une catégorie, qui ne peut pas avoir d'invitations. Choisis un salon à l'intérieur.`,
		channelNotInvitable: (channel) =>
			`${channel} ne peut pas avoir d'invitations. Choisis un salon textuel, vocal, d'annonces, de conférence, forum ou multimédia.`,
		expiresUnreadable: (input) =>
			`Je ne comprends pas \`${input}\` comme durée. Essaie \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 jours\` ou \`never\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` est trop long : une invitation dure au maximum 7 jours, ou n'expire jamais.`,
		maxUsesOutOfRange: (value) => `\`utilisations_max\` doit être entre 0 (illimité) et 100, pas ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`membre_stream\` et \`activité\` ne fonctionnent que pour les salons vocaux et de conférence, et ${channel} n'en est pas un.`,
		streamAndActivity: 'Choisis soit `membre_stream`, soit `activité`, pas les deux.',
		activityNotAnId: (value) => `\`${value}\` n'est pas un ID d'application (un nombre de 17 à 20 chiffres).`,
		invokerMissing: (channel, permissions) =>
			`Tu as besoin de ${permissions} dans ${channel} pour y inviter des gens.`,
		botMissing: (channel, permissions) =>
			`J'ai besoin de ${permissions} dans ${channel}. Demande à un admin du serveur de l'accorder à mon rôle dans ce salon.`,
		roleNeedsManageRoles: 'Tu as besoin de **Gérer les rôles** pour donner un rôle avec une invitation.',
		botNeedsManageRoles: "J'ai besoin de **Gérer les rôles** pour donner un rôle avec une invitation.",
		roleIsEveryone: '@everyone est déjà attribué à tout le monde ; choisis un autre rôle.',
		roleIsManaged: (role) => `${role} est géré par une intégration et ne peut pas être donné avec une invitation.`,
		roleNotBelowInvoker: (role) => `${role} n'est pas sous ton rôle le plus élevé, tu ne peux donc pas le donner.`,
		roleNotBelowBot: (role) =>
			`${role} n'est pas sous mon rôle le plus élevé, je ne peux donc pas le donner. Place mon rôle au-dessus.`,
		reasonTooLong: (max) => `La raison peut contenir au maximum ${max} caractères.`,
		optionTooLong: (option, max) => `\`${option}\` est trop long : ${max} caractères au maximum.`,
		channelNotInGuild: (channel) => `${channel} n'est pas un salon de ce serveur.`,
		cannotVerify:
			"Je n'ai pas pu vérifier tes permissions pour l'instant, donc je n'ai créé aucune invitation. Réessaie dans un instant.",
		rolesUnreadable: (values) =>
			`\`autres_rôles\` prend des mentions ou identifiants de rôles séparés par des espaces ou des virgules ; je ne peux pas lire ${values}.`,
		rolesEmpty: "`autres_rôles` ne nomme aucun rôle. Mentionne les rôles à donner, ou retire l'option.",
		rolesNotInServer: (roles) => `Ce ne sont pas des rôles de ce serveur : ${roles}.`,
		tooManyRoles: (max) => `Une invitation peut donner au plus ${max} rôles.`,
		usersUnreadable: (values) =>
			`\`membres\` prend des mentions ou identifiants d'utilisateurs séparés par des espaces ou des virgules ; je ne peux pas lire ${values}. Rien n'a été envoyé.`,
		usersEmpty:
			"`membres` ne nomme personne. Mentionne les personnes qui peuvent accepter l'invitation, ou retire l'option.",
		usersNeedManageGuild: 'Tu as besoin de **Gérer le serveur** pour choisir qui peut accepter une invitation.',
		botNeedsManageGuild:
			"J'ai besoin de **Gérer le serveur** pour choisir qui peut accepter une invitation. Demande à un admin du serveur de l'accorder à mon rôle.",
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` est trop gros : la liste des personnes peut faire au plus ${maxMiB} Mio.`,
		fileUnreadable: (name) =>
			`Je n'ai pas pu lire \`${name}\`. Envoie un fichier CSV ou texte d'identifiants d'utilisateurs, un par ligne ou séparés par des virgules.`,
		fileTimeout: (name) =>
			`Le téléchargement de \`${name}\` a pris trop de temps, donc je n'ai créé aucune invitation. Réessaie dans un instant.`,
		fileRefused: (name) =>
			`Je ne télécharge pas \`${name}\` : son lien ne mène pas aux serveurs de fichiers de Discord, donc je n'ai créé aucune invitation. Envoie à nouveau le fichier avec la commande.`,
		fileBusy: (name) =>
			`Trop de fichiers sont en cours de lecture, donc je n'ai pas téléchargé \`${name}\` ni créé d'invitation. Réessaie dans un instant.`,
		fileUnreadableIds: (name, values) =>
			`Ces lignes de \`${name}\` ne sont pas des identifiants d'utilisateurs : ${values}. Rien n'a été envoyé.`,
		fileEmpty: (name) =>
			`\`${name}\` ne contient personne. Mets un identifiant par ligne, avec ou sans en-tête \`user_id\`.`,
	},

	error: {
		unknownChannel: "Ce salon n'existe plus.",
		missingAccess: 'Je ne vois pas ce salon. Demande à un admin du serveur de permettre à mon rôle de le voir.',
		missingPermissions:
			'Selon Discord, il me manque une permission pour cette invitation (Créer une invitation, ou Gérer les rôles pour un rôle).',
		unknownRole: "Ce rôle n'existe plus.",
		unknownUser: 'Discord ne connaît pas cet utilisateur.',
		maxInvites:
			'Ce serveur a atteint la limite de 1000 invitations de Discord. Supprimes-en dans Paramètres du serveur → Invitations.',
		invalidChannelType: "Discord n'autorise pas les invitations pour ce type de salon.",
		invalidRole: 'Discord refuse de donner ce rôle avec une invitation.',
		unknownTargetUsersJob:
			"Discord n'a aucune trace du traitement de la liste de personnes de cette invitation. Vérifie-la dans Paramètres du serveur → Invitations.",
		unknownTargetUsers: "Discord n'a pas de liste de personnes pour cette invitation.",
		inviteCodeTaken: "Discord indique que ce code d'invitation est invalide ou déjà pris. Réessaie.",
		invalidForm: (fields) => `Discord a refusé les paramètres de l'invitation : ${fields}`,
		rateLimited: (retryAt) => `Discord limite la vitesse de création des invitations ici. Réessaie ${retryAt}.`,
		discordError: (status) =>
			`Discord a rencontré un problème (HTTP ${status}). Une invitation a peut-être quand même été créée : vérifie Paramètres du serveur → Invitations avant de réessayer.`,
		timeout:
			"Discord n'a pas répondu à temps. Une invitation a peut-être quand même été créée : vérifie Paramètres du serveur → Invitations avant de réessayer.",
		network: "Je n'ai pas pu joindre Discord. Réessaie dans un instant.",
		tokenRejected:
			"Discord a refusé le jeton de mon bot, je n'ai donc créé aucune invitation. Le propriétaire du bot doit vérifier le jeton (Developer Portal → Bot → Reset Token).",
		busy: (retryAt) =>
			`Discord est surchargé en ce moment, je n'ai donc créé aucune invitation. Réessaie ${retryAt}.`,
		lostAnswer:
			"La réponse de Discord s'est perdue en route. Une invitation a peut-être quand même été créée : vérifie Paramètres du serveur → Invitations avant de réessayer.",
		unknown: (reference) => `Un problème est survenu de mon côté. Référence : \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` n’est plus une commande de ce bot.`,
	},

	suggest: {
		unreadable: (input) => `« ${input} » illisible : essaie 30m, 2h, 1d, 7d, 2 jours ou never`,
		tooLong: (input) => `« ${input} » est trop long : 7 jours au maximum, ou jamais`,
	},

	limit: {
		cooldown: (retryAt) => `Trop d’invitations en peu de temps. Tu pourras créer une autre invitation ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Créer une invitation**',
		ViewChannel: '**Voir les salons**',
		ManageRoles: '**Gérer les rôles**',
	},
	ledger: {
		command: {
			description: 'Lister ou révoquer les invitations créées avec /invite',
			list: { description: 'Tes invitations actives (ou celles d’un membre, avec Gérer le serveur)' },
			revoke: { description: 'Révoquer une invitation (ou toutes celles d’un membre, avec Gérer le serveur)' },
			options: {
				member: { description: 'Les invitations de qui (Gérer le serveur pour un autre membre)' },
				channel: { description: 'Seulement les invitations vers ce salon' },
				code: { description: 'Le code de l’invitation' },
				reason: { description: 'Pourquoi (gardé dans le journal d’audit)' },
			},
		},
		unavailable: 'Le registre des invitations est indisponible pour le moment. Réessaie dans un instant.',
		listOwn: 'Tes invitations créées avec /invite :',
		listOf: (member) => `Invitations créées par ${member} avec /invite :`,
		listEmpty: 'Tu n’as aucune invitation active créée avec /invite.',
		listEmptyOf: (member) => `${member} n’a aucune invitation active créée avec /invite.`,
		usesMissing: 'Utilisations non affichées : il me faut **Gérer le serveur** pour les lire chez Discord.',
		roles: 'rôles',
		target: 'pour',
		page: (page) => `Page ${page}`,
		previous: 'Précédent',
		next: 'Suivant',
		needsManageGuild: 'Il te faut **Gérer le serveur** pour voir ou révoquer les invitations d’un autre membre.',
		notYourList: 'Seul le membre qui a lancé cette liste peut en tourner les pages.',
		codeOrMember: 'Donne le `code` d’une invitation, ou un `member` dont révoquer les invitations.',
		notFound: (code) => `Aucune invitation \`${code}\` créée avec /invite sur ce serveur.`,
		notAllowed: (code) =>
			`Tu ne peux pas révoquer \`${code}\` : seuls le membre qui l’a demandée et les membres avec **Gérer le serveur** ou **Gérer les salons** le peuvent.`,
		botCannotRevoke: (code, channel) =>
			`Je ne peux pas révoquer \`${code}\` : il me faut **Gérer les salons** dans ${channel} ou **Gérer le serveur**.`,
		revoked: (code) => `Invitation \`${code}\` révoquée.`,
		alreadyGone: (code) => `L’invitation \`${code}\` n’existait déjà plus.`,
		alreadyRevoked: (code) => `L’invitation \`${code}\` est en cours de révocation ou déjà révoquée.`,
		revokedAll: (count, member) => `${count} invitation(s) de ${member} révoquée(s).`,
		revokedSome: (done, total, member) =>
			`${done} invitation(s) sur ${total} de ${member} révoquée(s) ; réessaie pour le reste.`,
		revokeButton: 'Révoquer',
		revokedBy: (code, member, when) => `L’invitation \`${code}\` a été révoquée par ${member} ${when}.`,
	},
};
