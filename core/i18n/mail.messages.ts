/** Texts of the mail intake (answers to the support mailbox's senders) and of the directory sync. */
export const mailFr = {
  'notify.mail_ack': 'Merci, votre demande est enregistrée sous le numéro #{number} « {title} ». Répondez à ce message pour compléter le ticket.',
  'notify.mail_refused': 'Ce support informatique ne reçoit que les demandes des adresses de l’entreprise. Votre message « {subject} » n’a pas été enregistré.',
  'chat.mail_relay': '*{by}* (e-mail) : {text}',
  'chat.directory_mapped': 'Groupe {group} : {role} {service}. Appliqué à la prochaine synchronisation de l’annuaire.',
  'chat.directory_none': 'Aucun groupe de l’annuaire n’est associé à un rôle. Exemple : « annuaire associer IT-Support-Poste technicien poste ».',
  'chat.role.technician': 'techniciens',
  'chat.role.manager': 'responsables',
  'chat.role.admin': 'administrateurs',
};

export const mailEn: Record<keyof typeof mailFr, string> = {
  'notify.mail_ack': 'Thank you, your request is recorded as #{number} “{title}”. Reply to this message to add to the ticket.',
  'notify.mail_refused': 'This IT helpdesk only takes requests from company addresses. Your message “{subject}” was not recorded.',
  'chat.mail_relay': '*{by}* (e-mail): {text}',
  'chat.directory_mapped': 'Group {group}: {role} {service}. Applied at the next directory sync.',
  'chat.directory_none': 'No directory group is mapped to a role. Example: "directory map IT-Support-Poste technician poste".',
  'chat.role.technician': 'technicians',
  'chat.role.manager': 'managers',
  'chat.role.admin': 'admins',
};
