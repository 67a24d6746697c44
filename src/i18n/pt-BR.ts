import type { Messages } from './messages.js';

/** Portuguese (Brazil). */
export const ptBR: Messages = {
	command: {
		description: 'Cria um link de convite para este servidor, visível só para você',
		options: {
			channel: { name: 'canal', description: 'Canal que o convite abre (padrão: este canal)' },
			expires: {
				name: 'expira',
				description: 'Por quanto tempo o link funciona: 30m, 2h, 1d, 7d ou nunca (padrão: 1 dia)',
			},
			max_uses: { name: 'usos_máximos', description: 'Quantas pessoas podem usá-lo (0 = sem limite)' },
			temporary: {
				name: 'temporário',
				description: 'Quem entrar é expulso ao se desconectar, a menos que receba um cargo',
			},
			unique: {
				name: 'único',
				description: 'Sempre gerar um código novo (sem isso, o Discord pode retornar um convite existente)',
			},
			stream_user: {
				name: 'usuário_transmissão',
				description: 'Só voz ou palco: abre a transmissão ao vivo deste membro',
			},
			activity: { name: 'atividade', description: 'Só voz ou palco: ID do aplicativo da Atividade a abrir' },
			role: { name: 'cargo', description: 'Cargo dado a quem entrar com este convite (requer Gerenciar cargos)' },
			more_roles: {
				name: 'mais_cargos',
				description: 'Mais cargos ao entrar: menções ou ids de cargos, separados por espaços ou vírgulas',
			},
			users: {
				name: 'usuários',
				description: 'Só estas pessoas podem aceitá-lo: menções ou ids (requer Gerenciar servidor)',
			},
			users_file: {
				name: 'arquivo_usuários',
				description: 'Só as pessoas deste arquivo CSV ou de texto com ids (requer Gerenciar servidor)',
			},
			reason: { name: 'motivo', description: 'Motivo exibido no registro de auditoria' },
		},
	},

	settings: {
		command: {
			description: 'Define os limites do /invite e o registro de convites (Gerenciar servidor)',
			options: {
				log_channel: {
					description: 'Publicar aqui cada convite criado ou revogado pelo bot (texto ou anúncios)',
				},
				max_expires: {
					description: 'A maior validade que os membros podem escolher, ex. 1d (nunca = sem limite)',
				},
				allow_permanent: { description: 'Se convites que nunca expiram são permitidos (padrão: sim)' },
				max_uses_limit: { description: 'Cada convite tem no máximo estes usos (1-100)' },
				allow_roles: { description: 'Se o /invite pode dar cargos neste servidor (padrão: sim)' },
				require_reason: { description: 'Se o /invite exige um motivo (padrão: não)' },
				reset: { description: 'Voltar todas as configurações ao padrão' },
			},
		},
		notInGuild: '/invite-settings só funciona em um servidor.',
		notAllowed: 'Você precisa de **Gerenciar servidor** para mudar as configurações de convites.',
		noStore:
			'Este bot roda sem banco de dados, então não guarda configurações de convites. O dono pode definir DATABASE_URL para ativá-las.',
		unavailable:
			'As configurações de convites estão indisponíveis agora (o banco de dados não respondeu). Tente de novo em instantes.',
		resetAlone: '`reset` vai sozinho: use-o sem as outras opções.',
		logChannelType: (channel) =>
			`${channel} não pode ser o registro de convites: escolha um canal de texto ou de anúncios.`,
		logChannelMissing: (channel, permissions) =>
			`Não consigo publicar o registro de convites em ${channel}: preciso de ${permissions} lá. Nada foi alterado.`,
		logChannelUnknown: (channel) =>
			`Não consegui verificar minhas permissões em ${channel}, então nada foi alterado. Tente de novo em instantes.`,
		title: 'Configurações de convites deste servidor',
		saved: 'Salvo.',
		resetDone: 'Todas as configurações voltaram ao padrão.',
		exemptNote: 'Membros com Gerenciar servidor não estão sujeitos a estes limites.',
		logChannel: 'Registro de convites',
		maxExpires: 'Validade máxima',
		allowPermanent: 'Convites que nunca expiram',
		maxUsesLimit: 'Usos máximos por convite',
		allowRoles: 'Cargos em convites',
		requireReason: 'Motivo obrigatório',
		none: 'nenhum',
		noLimit: 'sem limite',
		yes: 'sim',
		no: 'não',
		limits: {
			expiresOverLimit: (input, limit) =>
				`\`${input}\` passa do que este servidor permite: um convite dura no máximo ${limit}.`,
			permanentNotAllowed:
				'Este servidor não permite convites que nunca expiram. Escolha uma validade com `expires`.',
			maxUsesOverLimit: (limit) =>
				`Este servidor permite no máximo ${limit} usos por convite: defina \`max_uses\` de 1 a ${limit}, ou deixe em branco.`,
			rolesNotAllowed: 'Este servidor não permite dar cargos com /invite.',
			reasonRequired: 'Este servidor exige um motivo para cada convite: adicione `reason`.',
			settingsUnavailable:
				'Não consegui ler as configurações de convites deste servidor agora, então não criei nenhum convite. Tente de novo em instantes.',
		},
		defaultMaxUses: (limit) => `Limitado a ${limit} usos pelas configurações deste servidor.`,
		defaultExpires: (limit) => `Expira após ${limit}, o máximo que este servidor permite.`,
		logCreated: 'Convite criado',
		logRevoked: 'Convite revogado',
		askedBy: 'Pedido por',
		revokedBy: 'Revogado por',
		channel: 'Canal',
		reason: 'Motivo',
		sendMessages: '**Enviar mensagens**',
		embedLinks: '**Inserir links**',
	},

	durationUnits: {
		segundo: 1,
		segundos: 1,
		seg: 1,
		minuto: 60,
		minutos: 60,
		hora: 3_600,
		horas: 3_600,
		dia: 86_400,
		dias: 86_400,
		semana: 604_800,
		semanas: 604_800,
		sem: 604_800,
	},
	never: ['nunca'],
	neverLabel: 'Nunca expira',

	reply: {
		created: (channel) => `Convite para ${channel} criado`,
		reused: (channel) => `O Discord retornou um convite existente para ${channel}`,
		groupDm: (name) => `Convite para a DM em grupo ${name}`,
		friend: (user) => `Convite de amizade de ${user}`,
		code: 'Código',
		expires: 'Expira',
		neverExpires: 'nunca',
		uses: 'Usos',
		usesOf: (uses, max) => `${uses} de ${max}`,
		usesUnlimited: (uses) => `${uses}, sem limite`,
		temporary: 'Associação temporária',
		temporaryYes: 'sim: membros são expulsos ao se desconectar, a menos que recebam um cargo',
		temporaryNo: 'não',
		stream: 'Abre a transmissão de',
		activity: 'Abre a Atividade',
		roles: 'Cargos ao entrar',
		reusedHint:
			'Este convite já existia com as mesmas configurações. Use `único:True` para sempre receber um código novo.',
		openButton: 'Abrir convite',
		noBody: 'O Discord aceitou a solicitação, mas não enviou nenhum convite de volta. Confira Configurações do servidor → Convites.',
		recovered: 'A resposta do Discord se perdeu no caminho, mas o convite foi criado: aqui está.',
		targetUsers: (count) =>
			count === 1 ? 'Só 1 pessoa escolhida pode aceitá-lo' : `Só estas ${count} pessoas podem aceitá-lo`,
		targetUsersProcessing: 'O Discord está processando a lista de pessoas; esta mensagem muda quando terminar.',
		targetUsersCompleted: (count) =>
			`O Discord processou a lista: ${count === 1 ? '1 pessoa pode' : `${count} pessoas podem`} aceitar este convite.`,
		targetUsersFailed: (reason) =>
			`O Discord não conseguiu processar a lista de pessoas (${reason}), então ninguém da lista pode aceitar este convite ainda. Exclua-o em Configurações do servidor → Convites e use /invite de novo com uma lista corrigida.`,
		temporaryWithRoles:
			'Atenção: há relatos de que o Discord não aplica a associação temporária quando um convite dá cargos, então quem entrar pode ficar.',
	},

	check: {
		notInGuild: 'O /invite só funciona em um servidor.',
		threadNotInvitable: (thread, parent) =>
			parent
				? `Tópicos não podem ter convites: ${thread} é um tópico. Convide para ${parent} em vez disso.`
				: `Tópicos não podem ter convites: ${thread} é um tópico.`,
		categoryNotInvitable: (channel) =>
			`${channel} é uma categoria, que não pode ter convites. Escolha um canal dentro dela.`,
		channelNotInvitable: (channel) =>
			`${channel} não pode ter convites. Escolha um canal de texto, voz, anúncios, palco, fórum ou mídia.`,
		expiresUnreadable: (input) =>
			`Não consigo ler \`${input}\` como duração. Tente \`30m\`, \`2h\`, \`1d\`, \`7d\`, \`2 horas\` ou \`never\`.`,
		expiresTooLong: (input) =>
			`\`${input}\` é longo demais: um convite pode durar no máximo 7 dias, ou nunca expirar.`,
		maxUsesOutOfRange: (value) => `\`usos_máximos\` deve ficar entre 0 (sem limite) e 100, não ${value}.`,
		targetNeedsVoice: (channel) =>
			`\`usuário_transmissão\` e \`atividade\` só funcionam em canais de voz e de palco, e ${channel} não é nenhum dos dois.`,
		streamAndActivity: 'Escolha `usuário_transmissão` ou `atividade`, não os dois.',
		activityNotAnId: (value) => `\`${value}\` não é um ID de aplicativo (um número de 17 a 20 dígitos).`,
		invokerMissing: (channel, permissions) =>
			`Você precisa de ${permissions} em ${channel} para convidar pessoas para lá.`,
		botMissing: (channel, permissions) =>
			`Eu preciso de ${permissions} em ${channel}. Peça a um admin do servidor para liberar isso para o meu cargo nesse canal.`,
		roleNeedsManageRoles: 'Você precisa de **Gerenciar cargos** para dar um cargo com um convite.',
		botNeedsManageRoles: 'Eu preciso de **Gerenciar cargos** para dar um cargo com um convite.',
		roleIsEveryone: '@everyone já é dado a todos; escolha outro cargo.',
		roleIsManaged: (role) => `${role} é gerenciado por uma integração e não pode ser dado com um convite.`,
		roleNotBelowInvoker: (role) => `${role} não está abaixo do seu cargo mais alto, então você não pode dá-lo.`,
		roleNotBelowBot: (role) =>
			`${role} não está abaixo do meu cargo mais alto, então não posso dá-lo. Mova meu cargo para cima dele.`,
		reasonTooLong: (max) => `O motivo pode ter no máximo ${max} caracteres.`,
		optionTooLong: (option, max) => `\`${option}\` é longo demais: no máximo ${max} caracteres.`,
		channelNotInGuild: (channel) => `${channel} não é um canal deste servidor.`,
		cannotVerify:
			'Não consegui verificar suas permissões agora, então não criei nenhum convite. Tente de novo daqui a pouco.',
		rolesUnreadable: (values) =>
			`\`mais_cargos\` aceita menções ou ids de cargos separados por espaços ou vírgulas; não consigo ler ${values}.`,
		rolesEmpty: '`mais_cargos` não cita nenhum cargo. Mencione os cargos a dar, ou remova a opção.',
		rolesNotInServer: (roles) => `Estes não são cargos deste servidor: ${roles}.`,
		tooManyRoles: (max) => `Um convite pode dar no máximo ${max} cargos.`,
		usersUnreadable: (values) =>
			`\`usuários\` aceita menções ou ids de usuários separados por espaços ou vírgulas; não consigo ler ${values}. Nada foi enviado.`,
		usersEmpty: '`usuários` não cita ninguém. Mencione as pessoas que podem aceitar o convite, ou remova a opção.',
		usersNeedManageGuild: 'Você precisa de **Gerenciar servidor** para escolher quem pode aceitar um convite.',
		botNeedsManageGuild:
			'Eu preciso de **Gerenciar servidor** para escolher quem pode aceitar um convite. Peça a um admin do servidor para dar isso ao meu cargo.',
		fileTooLarge: (name, maxMiB) =>
			`\`${name}\` é grande demais: a lista de pessoas pode ter no máximo ${maxMiB} MiB.`,
		fileUnreadable: (name) =>
			`Não consegui ler \`${name}\`. Envie um arquivo CSV ou de texto com ids de usuários, um por linha ou separados por vírgulas.`,
		fileTimeout: (name) =>
			`\`${name}\` demorou demais para baixar, então não criei nenhum convite. Tente de novo daqui a pouco.`,
		fileRefused: (name) =>
			`Não vou baixar \`${name}\`: o link não leva aos servidores de arquivos do Discord, então não criei nenhum convite. Envie o arquivo de novo com o comando.`,
		fileBusy: (name) =>
			`Há arquivos demais sendo lidos agora, então não baixei \`${name}\` nem criei convite. Tente de novo em instantes.`,
		fileUnreadableIds: (name, values) =>
			`Estas linhas de \`${name}\` não são ids de usuários: ${values}. Nada foi enviado.`,
		fileEmpty: (name) =>
			`\`${name}\` não tem ninguém. Coloque um id de usuário por linha, com ou sem o cabeçalho \`user_id\`.`,
	},

	error: {
		unknownChannel: 'Esse canal não existe mais.',
		missingAccess: 'Não consigo ver esse canal. Peça a um admin do servidor para deixar meu cargo vê-lo.',
		missingPermissions:
			'O Discord diz que me falta uma permissão para este convite (Criar convite, ou Gerenciar cargos para um cargo).',
		unknownRole: 'Esse cargo não existe mais.',
		unknownUser: 'O Discord não conhece esse usuário.',
		maxInvites:
			'Este servidor atingiu o limite de 1000 convites do Discord. Exclua alguns em Configurações do servidor → Convites.',
		invalidChannelType: 'O Discord não permite convites para esse tipo de canal.',
		invalidRole: 'O Discord não dá esse cargo com um convite.',
		unknownTargetUsersJob:
			'O Discord não tem registro do processamento da lista de pessoas deste convite. Confira em Configurações do servidor → Convites.',
		unknownTargetUsers: 'O Discord não tem uma lista de pessoas para este convite.',
		inviteCodeTaken: 'O Discord diz que esse código de convite é inválido ou já está em uso. Tente de novo.',
		invalidForm: (fields) => `O Discord rejeitou as configurações do convite: ${fields}`,
		rateLimited: (retryAt) =>
			`O Discord está limitando a velocidade de criação de convites aqui. Tente de novo ${retryAt}.`,
		discordError: (status) =>
			`O Discord teve um problema (HTTP ${status}). Um convite pode ter sido criado mesmo assim: confira Configurações do servidor → Convites antes de tentar de novo.`,
		timeout:
			'O Discord não respondeu a tempo. Um convite pode ter sido criado mesmo assim: confira Configurações do servidor → Convites antes de tentar de novo.',
		network: 'Não consegui falar com o Discord. Tente de novo daqui a pouco.',
		tokenRejected:
			'O Discord recusou o token do meu bot, então não criei nenhum convite. O dono do bot precisa verificar o token (Developer Portal → Bot → Reset Token).',
		busy: (retryAt) =>
			`O Discord está sobrecarregado agora, então não criei nenhum convite. Tente de novo ${retryAt}.`,
		lostAnswer:
			'A resposta do Discord se perdeu no caminho. Um convite pode ter sido criado mesmo assim: confira Configurações do servidor → Convites antes de tentar de novo.',
		unknown: (reference) => `Algo deu errado do meu lado. Referência: \`${reference}\`.`,
		unknownCommand: (command) => `\`${command}\` não é mais um comando deste bot.`,
	},

	suggest: {
		unreadable: (input) => `Não entendi "${input}": tente 30m, 2h, 1d, 7d, 2 horas ou never`,
		tooLong: (input) => `"${input}" é longo demais: no máximo 7 dias, ou nunca`,
	},

	limit: {
		cooldown: (retryAt) => `Convites demais em pouco tempo. Você poderá criar outro convite ${retryAt}.`,
	},

	permission: {
		CreateInstantInvite: '**Criar convite**',
		ViewChannel: '**Ver canais**',
		ManageRoles: '**Gerenciar cargos**',
	},
	ledger: {
		command: {
			description: 'Liste ou revogue os convites criados com /invite',
			list: { description: 'Seus convites ativos (ou os de um membro, com Gerenciar servidor)' },
			revoke: { description: 'Revogue um convite (ou todos os de um membro, com Gerenciar servidor)' },
			options: {
				member: { description: 'De quem (Gerenciar servidor para outro membro)' },
				channel: { description: 'Só convites para este canal' },
				code: { description: 'O código do convite' },
				reason: { description: 'Por quê (fica no registro de auditoria)' },
			},
		},
		unavailable: 'O registro de convites está indisponível agora. Tente de novo daqui a pouco.',
		listOwn: 'Seus convites criados com /invite:',
		listOf: (member) => `Convites criados por ${member} com /invite:`,
		listEmpty: 'Você não tem convites ativos criados com /invite.',
		listEmptyOf: (member) => `${member} não tem convites ativos criados com /invite.`,
		usesMissing: 'Usos não exibidos: preciso de **Gerenciar servidor** para lê-los no Discord.',
		roles: 'cargos',
		target: 'para',
		page: (page) => `Página ${page}`,
		previous: 'Anterior',
		next: 'Próxima',
		needsManageGuild: 'Você precisa de **Gerenciar servidor** para ver ou revogar convites de outro membro.',
		notYourList: 'Só quem abriu esta lista pode virar as páginas.',
		codeOrMember: 'Informe o `code` de um convite ou um `member` cujos convites revogar.',
		notFound: (code) => `Nenhum convite \`${code}\` criado com /invite neste servidor.`,
		notAllowed: (code) =>
			`Você não pode revogar \`${code}\`: só quem o pediu ou membros com **Gerenciar servidor** ou **Gerenciar canais** ali.`,
		botCannotRevoke: (code, channel) =>
			`Não posso revogar \`${code}\`: preciso de **Gerenciar canais** em ${channel} ou **Gerenciar servidor**.`,
		revoked: (code) => `Convite \`${code}\` revogado.`,
		alreadyGone: (code) => `O convite \`${code}\` já não existia.`,
		alreadyRevoked: (code) => `O convite \`${code}\` está sendo ou já foi revogado.`,
		revokedAll: (count, member) => `${count} convite(s) de ${member} revogado(s).`,
		revokedSome: (done, total, member) =>
			`${done} de ${total} convite(s) de ${member} revogado(s); tente de novo para o resto.`,
		revokeButton: 'Revogar',
		revokedBy: (code, member, when) => `O convite \`${code}\` foi revogado por ${member} ${when}.`,
	},
};
