/**
 * Texts of SLA clocks, routing, automation and templates (issue 6): the messages their sweeps send
 * (keys `notify.<event>`, rendered in the reader's language), the automation's comments and the
 * `/helpdesk sla` and `/helpdesk rules` quick looks. French first; English is typed after it.
 */
export const slaFr = {
  'notify.sla_warning': 'Attention : ticket #{number} « {title} », l’échéance ({clock}) approche : {dueAt}.',
  'notify.sla_escalation': 'Escalade : ticket #{number} « {title} », échéance ({clock}) dépassée depuis {dueAt}.',
  'notify.acceptance_expired': 'Ticket #{number} « {title} » : non démarré dans les {acceptMinutes} min, il retourne dans la file de l’équipe.',
  'notify.resolution_reminder': 'Votre ticket #{number} « {title} » est résolu. Sans réponse de votre part, il sera fermé dans 2 jours ouvrés.',
  'notify.ticket_auto_closed': 'Votre ticket #{number} « {title} » a été fermé automatiquement (5 jours ouvrés sans réponse).',
  'notify.pending_reminder': 'Le ticket #{number} « {title} » attend votre réponse pour avancer.',
  'notify.incident_proposed': 'Incident probable : #{number} « {title} » regroupe {count} signalements similaires en une heure.',
  'notify.rule': 'Ticket #{number} « {title} » : règle « {rule} ».',
  'sla.clock.own': 'prise en charge',
  'sla.clock.resolve': 'résolution',
  'automation.parent_proposed': 'Proposé comme incident parent : {count} signalements similaires en une heure ({children}). Détachez un ticket qui n’a rien à voir.',
  'sla.look.title': 'SLA et automatisation',
  'sla.look.counts': 'Tickets ouverts : {warned} avertis, {escalated} en escalade ; objectifs manqués : {ownMissed} prises en charge, {resolveMissed} résolutions.',
  'sla.look.policy': 'P{priority} : prise en charge {own}, résolution {resolve}{service}',
  'sla.look.service': '{service} : attribution {mode}, délai d’acceptation {accept}, alerte à {warn} %',
  'sla.look.none': 'aucun',
  'sla.look.rules_title': 'Règles d’automatisation ({count})',
  'sla.look.rule': '{state} #{id} {name} — quand {when}',
  'sla.look.rule_on': '●',
  'sla.look.rule_off': '○',
  'sla.look.forbidden': 'Réservé aux techniciens, responsables et administrateurs.',
  'template.checklist_done': 'Liste de contrôle créée : {children}.',
};

export const slaEn: Record<keyof typeof slaFr, string> = {
  'notify.sla_warning': 'Heads-up: ticket #{number} "{title}", the {clock} deadline is near: {dueAt}.',
  'notify.sla_escalation': 'Escalation: ticket #{number} "{title}", {clock} deadline passed since {dueAt}.',
  'notify.acceptance_expired': 'Ticket #{number} "{title}": not started within {acceptMinutes} min, it goes back to the team queue.',
  'notify.resolution_reminder': 'Your ticket #{number} "{title}" is resolved. Without a reply it will close in 2 business days.',
  'notify.ticket_auto_closed': 'Your ticket #{number} "{title}" was closed automatically (5 business days without a reply).',
  'notify.pending_reminder': 'Ticket #{number} "{title}" is waiting for your answer to move on.',
  'notify.incident_proposed': 'Likely incident: #{number} "{title}" groups {count} similar reports within an hour.',
  'notify.rule': 'Ticket #{number} "{title}": rule "{rule}".',
  'sla.clock.own': 'time to own',
  'sla.clock.resolve': 'time to resolve',
  'automation.parent_proposed': 'Proposed as the parent incident: {count} similar reports within an hour ({children}). Unlink any ticket that does not belong.',
  'sla.look.title': 'SLA and automation',
  'sla.look.counts': 'Open tickets: {warned} warned, {escalated} escalated; targets missed: {ownMissed} to own, {resolveMissed} to resolve.',
  'sla.look.policy': 'P{priority}: own {own}, resolve {resolve}{service}',
  'sla.look.service': '{service}: assignment {mode}, time to accept {accept}, warning at {warn}%',
  'sla.look.none': 'none',
  'sla.look.rules_title': 'Automation rules ({count})',
  'sla.look.rule': '{state} #{id} {name} — when {when}',
  'sla.look.rule_on': '●',
  'sla.look.rule_off': '○',
  'sla.look.forbidden': 'For technicians, managers and admins only.',
  'template.checklist_done': 'Checklist created: {children}.',
};
