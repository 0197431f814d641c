/**
 * Texts of the knowledge base (keys `kb.*`, plus the `error.*` texts of its codes, which the error
 * mapper looks up by code), French first; English is typed after it so none is missing.
 */
export const kbFr = {
  'error.article_not_found': "L'article {id} est introuvable.",
  'error.article_changed': "L'article {id} vient d’être modifié par quelqu’un d’autre (version {version}) ; relisez-le puis réessayez.",
  'error.ticket_not_resolved': "Le ticket #{number} n'est pas encore résolu : sa résolution fera l'article.",
  'kb.problem': 'Problème',
  'kb.solution': 'Solution',
  'kb.from_ticket': 'Rédigé à partir du ticket #{number}.',
} as const;

export const kbEn: Record<keyof typeof kbFr, string> = {
  'error.article_not_found': 'Article {id} was not found.',
  'error.article_changed': 'Article {id} was just changed by someone else (version {version}); read it again and retry.',
  'error.ticket_not_resolved': 'Ticket #{number} is not resolved yet: its resolution makes the article.',
  'kb.problem': 'Problem',
  'kb.solution': 'Solution',
  'kb.from_ticket': 'Drafted from ticket #{number}.',
};
