import type { Messages } from './messages.js';

/** Spanish (Latin America). */
export const es419: Messages = {
	command: {
		description: 'Crea un enlace de invitación a este servidor, visible solo para ti',
		options: {
			channel: { name: 'canal', description: 'Canal al que lleva la invitación (predeterminado: este canal)' },
			expires: {
				name: 'vencimiento',
				description: 'Cuánto dura el enlace: 30m, 2h, 1d, 7d o nunca (predeterminado: 1 día)',
			},
			max_uses: { name: 'usos_máximos', description: 'Cuántas personas pueden usarlo (0 = sin límite)' },
			temporary: {
				name: 'temporal',
				description: 'Quienes se unan serán expulsados al desconectarse, a menos que reciban un rol',
			},
			unique: {
				name: 'único',
				description: 'Crear siempre un código nuevo (si no, Discord puede devolver una invitación existente)',
			},
			stream_user: {
				name: 'usuario_stream',
				description: 'Solo voz o escenario: abre la transmisión en vivo de este miembro',
			},
			activity: {
				name: 'actividad',
				description: 'Solo voz o escenario: ID de aplicación de la actividad que se abrirá',
			},
			role: {
				name: 'rol',
				description: 'Rol que reciben quienes se unan con esta invitación (requiere Gestionar roles)',
			},
			more_roles: {
				name: 'más_roles',
				description: 'Más roles al unirse: menciones o ids de roles, separados por espacios o comas',
			},
			users: {
				name: 'usuarios',
				description: 'Solo estas personas pueden aceptarla: menciones o ids (requiere Gestionar servidor)',
			},
			users_file: {
				name: 'archivo_usuarios',
				description: 'Solo las personas de este archivo CSV o de texto con ids (requiere Gestionar servidor)',
			},
			reason: { name: 'motivo', description: 'Motivo que se muestra en el registro de auditoría' },
		},
	},

	settings: {
		command: {
			description: 'Fija los límites de /invite y el registro de invitaciones (Administrar servidor)',
			options: {
				log_channel: {
					description: 'Publicar aquí cada invitación creada o revocada por el bot (texto o anuncios)',
				},
				max_expires: {
					description:
						'La caducidad más larga que pueden elegir los miembros, p. ej. 1d (nunca = sin límite)',
				},
				allow_permanent: { description: 'Si se permiten invitaciones que nunca caducan (predeterminado: sí)' },
				max_uses_limit: { description: 'Cada invitación tiene como mucho estos usos (1-100)' },
				allow_roles: { description: 'Si /invite puede dar roles en este servidor (predeterminado: sí)' },
				require_reason: { description: 'Si /invite necesita un motivo (predeterminado: no)' },
				reset: { description: 'Volver a los valores predeterminados' },
			},
		},
		notInGuild: '/invite-settings solo funciona en un servidor.',
		notAllowed: 'Necesitas **Administrar servidor** para cambiar los ajustes de invitaciones.',
		noStore:
			'Este bot funciona sin base de datos, así que no guarda ajustes de invitaciones. Su dueño puede definir DATABASE_URL para activarlos.',
		unavailable:
			'Los ajustes de invitaciones no están disponibles ahora (la base de datos no responde). Inténtalo de nuevo en un momento.',
		resetAlone: '`reset` va solo: úsalo sin las demás opciones.',
		logChannelType: (channel) =>
			`${channel} no puede ser el registro de invitaciones: elige un canal de texto o de anuncios.`,
		logChannelMissing: (channel, permissions) =>
			`No puedo publicar el registro de invitaciones en ${channel}: necesito ${permissions} allí. No se cambió nada.`,
		logChannelUnknown: (channel) =>
			`No pude comprobar mis permisos en ${channel}, así que no se cambió nada. Inténtalo de nuevo en un momento.`,
		title: 'Ajustes de invitaciones de este servidor',
		saved: 'Listo, guardado.',
		resetDone: 'Todos los ajustes volvieron a sus valores predeterminados.',
		exemptNote: 'Los miembros con Administrar servidor no están sujetos a estos límites.',
		logChannel: 'Registro de invitaciones',
		maxExpires: 'Caducidad máxima',
		allowPermanent: 'Invitaciones que nunca caducan',
		maxUsesLimit: 'Usos máximos por invitación',
		allowRoles: 'Roles en invitaciones',
		requireReason: 'Motivo obligatorio',
		none: 'ninguno',
		noLimit: 'sin límite',
		yes: 'sí',
		no: 'no',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` supera lo que permite este servidor: una invitación dura como mucho ${limit}.`,
			permanentNotAllowed:
				'Este servidor no permite invitaciones que nunca caducan. Elige una caducidad con `expires`.',
			maxUsesOverLimit: (limit) =>
				`Este servidor permite como mucho ${limit} usos por invitación: pon \`max_uses\` entre 1 y ${limit}, o déjalo vacío.`,
			rolesNotAllowed: 'Este servidor no permite dar roles con /invite.',
			reasonRequired: 'Este servidor exige un motivo para cada invitación: agrega `reason`.',
			settingsUnavailable:
				'No pude leer los ajustes de invitaciones de este servidor, así que no creé ninguna invitación. Inténtalo de nuevo en un momento.',
		},
		defaultMaxUses: (limit) => `Limitada a ${limit} usos por los ajustes de este servidor.`,
		defaultExpires: (limit) => `Caduca tras ${limit}, lo máximo que permite este servidor.`,
		logCreated: 'Invitación creada',
		logRevoked: 'Invitación revocada',
		askedBy: 'Pedida por',
		revokedBy: 'Revocada por',
		channel: 'Canal',
		reason: 'Motivo',
		sendMessages: '**Enviar mensajes**',
		embedLinks: '**Insertar enlaces**',
	},

	durationUnits: {
		segundo: 1,
		segundos: 1,
		seg: 1,
		minuto: 60,
		minutos: 60,
		hora: 3_600,
		horas: 3_600,
		día: 86_400,
		días: 86_400,
		dia: 86_400,
		dias: 86_400,
		semana: 604_800,
		semanas: 604_800,
		sem: 604_800,
	},
	never: ['nunca'],
	neverLabel: 'Nunca vence',

	reply: {
		created: (channel) => `Invitación a ${channel} creada`,
		reused: (channel) => `Discord devolvió una invitación existente a ${channel}`,
		groupDm: (name) => `Invitación al MD grupal ${name}`,
		friend: (user) => `Invitación de amistad de ${user}`,
		code: 'Código',
		expires: 'Vence',
		neverExpires: 'nunca',
		uses: 'Usos',
		usesOf: (uses, max) => `${uses} de ${max}`,
		usesUnlimited: (uses) => `${uses}, sin límite`,
		temporary: 'Membresía temporal',
		temporaryYes: 'sí: los miembros son expulsados al desconectarse, a menos que reciban un rol',
		temporaryNo: 'no, es permanente',
		stream: 'Abre la transmisión de',
		activity: 'Abre la actividad',
		roles: 'Roles al unirse',
		reusedHint:
			'Esta invitación ya existía con la misma configuración. Usa `único:True` para obtener siempre un código nuevo.',
		openButton: 'Abrir invitación',
		noBody: 'Discord aceptó la solicitud, pero no envió ninguna invitación. Revisa Configuración del servidor → Invitaciones.',
		recovered: 'La respuesta de Discord se perdió en el camino, pero la invitación se creó: aquí está.',
		targetUsers: (count) =>
			count === 1 ? 'Solo 1 persona elegida puede aceptarla' : `Solo estas ${count} personas pueden aceptarla`,
		targetUsersProcessing: 'Discord está procesando la lista de personas; este mensaje cambiará cuando termine.',
		targetUsersCompleted: (count) =>
			`Discord procesó la lista: ${count === 1 ? '1 persona puede' : `${count} personas pueden`} aceptar esta invitación.`,
		targetUsersFailed: (reason) =>
			`Discord no pudo procesar la lista de personas (${reason}), así que nadie de la lista puede aceptar esta invitación todavía. Elimínala en Configuración del servidor → Invitaciones y vuelve a usar /invite con una lista corregida.`,
		temporaryWithRoles:
			'Cuidado: se informó que Discord no aplica la membresía temporal cuando una invitación da roles, así que quienes se unan podrían quedarse.',
	},

	check: {
		notInGuild: '/invite solo funciona en un servidor.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Los hilos no pueden tener invitaciones: ${thread} es un hilo. Mejor invita a ${parent}.`
				: `Los hilos no pueden tener invitaciones: ${thread} es un hilo.`,
		categoryNotInvitable: (channel) =>
			`${channel} es una categoría y no puede tener invitaciones. Elige un canal dentro de ella.`,
		channelNotInvitable: (channel) =>
			`${channel} no puede tener invitaciones. Elige un canal de texto, de voz, de anuncios, de escenario, de foro o multimedia.`,
		expiresUnreadable: (input) =>
			`No puedo interpretar \`${input}\` como duración. Prueba con \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 horas\` o \`never\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` es demasiado largo: una invitación puede durar como máximo 7 días, o no vencer nunca.`,
		maxUsesOutOfRange: (value) => `\`usos_máximos\` debe estar entre 0 (sin límite) y 100, no ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`usuario_stream\` y \`actividad\` solo funcionan en canales de voz y de escenario, y ${channel} no es ninguno de los dos.`,
		streamAndActivity: 'Elige `usuario_stream` o `actividad`, pero no ambos.',
		activityNotAnId: (value) => `\`${value}\` no es un ID de aplicación (un número de 17 a 20 dígitos).`,
		invokerMissing: (channel, permissions) => `Necesitas ${permissions} en ${channel} para invitar a personas ahí.`,
		botMissing: (channel, permissions) =>
			`Necesito ${permissions} en ${channel}. Pídele a un administrador del servidor que se lo otorgue a mi rol ahí.`,
		roleNeedsManageRoles: 'Necesitas **Gestionar roles** para dar un rol con una invitación.',
		botNeedsManageRoles: 'Necesito **Gestionar roles** para dar un rol con una invitación.',
		roleIsEveryone: '@everyone ya lo tienen todos; elige otro rol.',
		roleIsManaged: (role) => `${role} está administrado por una integración y no se puede dar con una invitación.`,
		roleNotBelowInvoker: (role) => `${role} no está por debajo de tu rol más alto, así que no puedes darlo.`,
		roleNotBelowBot: (role) =>
			`${role} no está por debajo de mi rol más alto, así que no puedo darlo. Mueve mi rol por encima.`,
		reasonTooLong: (max) => `El motivo puede tener como máximo ${max} caracteres.`,
		optionTooLong: (option, max) => `\`${option}\` es demasiado largo: ${max} caracteres como máximo.`,
		channelNotInGuild: (channel) => `${channel} no es un canal de este servidor.`,
		cannotVerify:
			'No pude verificar tus permisos en este momento, así que no creé ninguna invitación. Vuelve a intentarlo en un momento.',
		rolesUnreadable: (values) =>
			`\`más_roles\` acepta menciones o ids de roles separados por espacios o comas; no puedo leer ${values}.`,
		rolesEmpty: '`más_roles` no nombra ningún rol. Menciona los roles que se darán, o quita la opción.',
		rolesNotInServer: (roles) => `Estos no son roles de este servidor: ${roles}.`,
		tooManyRoles: (max) => `Una invitación puede dar como máximo ${max} roles.`,
		usersUnreadable: (values) =>
			`\`usuarios\` acepta menciones o ids de usuarios separados por espacios o comas; no puedo leer ${values}. No se envió nada.`,
		usersEmpty:
			'`usuarios` no nombra a nadie. Menciona a las personas que pueden aceptar la invitación, o quita la opción.',
		usersNeedManageGuild: 'Necesitas **Gestionar servidor** para elegir quién puede aceptar una invitación.',
		botNeedsManageGuild:
			'Necesito **Gestionar servidor** para elegir quién puede aceptar una invitación. Pide a un admin del servidor que se lo dé a mi rol.',
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` es demasiado grande: la lista de personas puede ocupar como máximo ${maxMiB} MiB.`,
		fileUnreadable: (name) =>
			`No pude leer \`${name}\`. Sube un archivo CSV o de texto con ids de usuarios, uno por línea o separados por comas.`,
		fileTimeout: (name) =>
			`\`${name}\` tardó demasiado en descargarse, así que no creé ninguna invitación. Vuelve a intentarlo en un momento.`,
		fileRefused: (name) =>
			`No voy a descargar \`${name}\`: su enlace no lleva a los servidores de archivos de Discord, así que no creé ninguna invitación. Vuelve a subir el archivo con el comando.`,
		fileBusy: (name) =>
			`Ahora mismo se están leyendo demasiados archivos, así que no descargué \`${name}\` ni creé ninguna invitación. Vuelve a intentarlo en un momento.`,
		fileUnreadableIds: (name, values) =>
			`Estas líneas de \`${name}\` no son ids de usuarios: ${values}. No se envió nada.`,
		fileEmpty: (name) =>
			`\`${name}\` no incluye a nadie. Pon un id de usuario por línea, con o sin la cabecera \`user_id\`.`,
	},

	error: {
		unknownChannel: 'Ese canal ya no existe.',
		missingAccess: 'No puedo ver ese canal. Pídele a un administrador del servidor que permita a mi rol verlo.',
		missingPermissions:
			'Discord dice que me falta un permiso para esta invitación (Crear invitación, o Gestionar roles para un rol).',
		unknownRole: 'Ese rol ya no existe.',
		unknownUser: 'Discord no conoce a ese usuario.',
		maxInvites:
			'Este servidor alcanzó el límite de Discord de 1000 invitaciones. Elimina algunas en Configuración del servidor → Invitaciones.',
		invalidChannelType: 'Discord no permite invitaciones para ese tipo de canal.',
		invalidRole: 'Discord no permite dar ese rol con una invitación.',
		unknownTargetUsersJob:
			'Discord no tiene registro del procesamiento de la lista de personas de esta invitación. Revísala en Ajustes del servidor → Invitaciones.',
		unknownTargetUsers: 'Discord no tiene una lista de personas para esta invitación.',
		inviteCodeTaken:
			'Discord dice que ese código de invitación no es válido o ya está en uso. Vuelve a intentarlo.',
		invalidForm: (fields) => `Discord rechazó la configuración de la invitación: ${fields}`,
		rateLimited: (retryAt) =>
			`Discord está limitando la velocidad a la que se crean invitaciones aquí. Vuelve a intentarlo ${retryAt}.`,
		discordError: (status) =>
			`Discord tuvo un problema (HTTP ${status}). Es posible que la invitación se haya creado de todos modos: revisa Configuración del servidor → Invitaciones antes de volver a intentarlo.`,
		timeout:
			'Discord no respondió a tiempo. Es posible que la invitación se haya creado de todos modos: revisa Configuración del servidor → Invitaciones antes de volver a intentarlo.',
		network: 'No pude conectarme con Discord. Vuelve a intentarlo en un momento.',
		tokenRejected:
			'Discord rechazó el token de mi bot, así que no creé ninguna invitación. El dueño del bot debe revisar el token (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`Discord está saturado en este momento, así que no creé ninguna invitación. Vuelve a intentarlo ${retryAt}.`,
		lostAnswer:
			'La respuesta de Discord se perdió en el camino. Puede que se haya creado una invitación de todos modos: revisa Configuración del servidor → Invitaciones antes de volver a intentarlo.',
		unknown: (reference) => `Algo salió mal de mi lado. Referencia: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` ya no es un comando de este bot.`,
	},

	suggest: {
		unreadable: (input) => `No entiendo "${input}": prueba 30m, 2h, 1d, 7d, 2 horas o never`,
		tooLong: (input) => `"${input}" es demasiado largo: máximo 7 días, o nunca`,
	},

	limit: {
		cooldown: (retryAt) => `Demasiadas invitaciones en poco tiempo. Vas a poder crear otra invitación ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Crear invitación**',
		ViewChannel: '**Ver canales**',
		ManageRoles: '**Gestionar roles**',
	},
	ledger: {
		command: {
			description: 'Lista o revoca las invitaciones creadas con /invite',
			list: { description: 'Tus invitaciones activas (o las de un miembro, con Gestionar servidor)' },
			revoke: { description: 'Revoca una invitación (o todas las de un miembro, con Gestionar servidor)' },
			options: {
				member: { description: 'De quién (Gestionar servidor para otro miembro)' },
				channel: { description: 'Solo invitaciones a este canal' },
				code: { description: 'El código de la invitación' },
				reason: { description: 'Por qué (queda en el registro de auditoría)' },
			},
		},
		unavailable: 'El registro de invitaciones no está disponible ahora. Vuelve a intentarlo en un momento.',
		listOwn: 'Tus invitaciones creadas con /invite:',
		listOf: (member) => `Invitaciones creadas por ${member} con /invite:`,
		listEmpty: 'No tienes invitaciones activas creadas con /invite.',
		listEmptyOf: (member) => `${member} no tiene invitaciones activas creadas con /invite.`,
		usesMissing: 'No se muestran los usos: necesito **Gestionar servidor** para leerlos en Discord.',
		roles: 'roles',
		target: 'para',
		page: (page) => `Página ${page}`,
		previous: 'Anterior',
		next: 'Siguiente',
		needsManageGuild: 'Necesitas **Gestionar servidor** para ver o revocar las invitaciones de otro miembro.',
		notYourList: 'Solo quien abrió esta lista puede pasar sus páginas.',
		codeOrMember: 'Indica el `code` de una invitación o un `member` cuyas invitaciones revocar.',
		notFound: (code) => `No hay ninguna invitación \`${code}\` creada con /invite en este servidor.`,
		notAllowed: (code) =>
			`No puedes revocar \`${code}\`: solo quien la pidió o los miembros con **Gestionar servidor** o **Gestionar canales** allí.`,
		botCannotRevoke: (code, channel) =>
			`No puedo revocar \`${code}\`: necesito **Gestionar canales** en ${channel} o **Gestionar servidor**.`,
		revoked: (code) => `Invitación \`${code}\` revocada.`,
		alreadyGone: (code) => `La invitación \`${code}\` ya no existía.`,
		alreadyRevoked: (code) => `La invitación \`${code}\` se está revocando o ya se revocó.`,
		revokedAll: (count, member) => `Revocadas ${count} invitación(es) de ${member}.`,
		revokedSome: (done, total, member) =>
			`Revocadas ${done} de ${total} invitación(es) de ${member}; inténtalo de nuevo para el resto.`,
		revokeButton: 'Revocar',
		revokedBy: (code, member, when) => `${member} revocó la invitación \`${code}\` ${when}.`,
	},
};
