/** Texts of the one conversation service (keys `talk.*`), French first; English typed after it. */
export const conversationFr = {
  'talk.greeting': 'Bonjour {name} ! Décrivez-moi votre problème informatique (« mon imprimante ne marche plus »), ou tapez « aide ».',
  'talk.thanks': 'Avec plaisir ! Écrivez-moi si un autre problème se présente.',
  'talk.usage_for': 'Usage : `ticket for ‹@personne|e-mail|téléphone› description du problème`.',
  'talk.for_refused': "Seuls les techniciens et le support téléphonique peuvent créer un ticket pour quelqu'un d'autre. Pour vous-même : décrivez le problème.",
  'talk.setup_here': 'Tapez cette commande dans le canal à configurer.',
  'talk.not_here': 'Cette commande se fait dans un canal Teams ou Slack ; ici, décrivez un problème ou écrivez « mes tickets ».',
  'talk.help_describe': 'décrivez le problème en quelques mots',
  'talk.help_describe_text': 'des articles qui peuvent répondre, puis le formulaire prérempli.',
  'talk.help_sla': 'personnel : délais et tickets en retard',
  'talk.help_rules': 'personnel : règles d’automatisation',
  'talk.help_notifications': 'comment vous êtes prévenu(e) : à chaque changement ou chaque heure, par chat, e-mail ou SMS',
  'notify.ticket_receipt': 'Ticket #{number} créé : {title}',
  'notify.filed_for_you': '{by} a créé le ticket #{number} pour vous : {title}',
} as const;

export const conversationEn: Record<keyof typeof conversationFr, string> = {
  'talk.greeting': 'Hello {name}! Describe your IT problem ("my printer does not work"), or type "help".',
  'talk.thanks': 'You are welcome! Write to me if anything else goes wrong.',
  'talk.usage_for': 'Usage: `ticket for ‹@person|e-mail|phone› description of the problem`.',
  'talk.for_refused': 'Only technicians and phone support can file a ticket for someone else. For yourself: describe the problem.',
  'talk.setup_here': 'Type this command in the channel to set up.',
  'talk.not_here': 'This command is typed in a Teams or Slack channel; here, describe a problem or write "my tickets".',
  'talk.help_describe': 'describe the problem in a few words',
  'talk.help_describe_text': 'articles that may answer it, then the prefilled form.',
  'talk.help_sla': 'staff: deadlines and overdue tickets',
  'talk.help_rules': 'staff: automation rules',
  'talk.help_notifications': 'how you are told: at each change or hourly, by chat, e-mail or SMS',
  'notify.ticket_receipt': 'Ticket #{number} filed: {title}',
  'notify.filed_for_you': '{by} filed ticket #{number} for you: {title}',
};
