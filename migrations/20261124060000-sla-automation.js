'use strict';
/**
 * SLA clocks, routing, automation rules and templates (issue 6). Plain JS and no model imports.
 * - service_routing: how a service hands out new tickets, its time limit to accept, its warning share.
 * - routing_rules: conditions -> service, tried in order before the category's default service.
 * - person_absences: who is off, so least-loaded and round-robin skip them.
 * - ticket_sla: per ticket and SLA cycle (reopen count), the level reached and whether each target was met.
 * - sla_events: one row per (ticket, clock, level, cycle); its unique key is what makes two instances
 *   sweeping at once send each warning once.
 * - automation_rules / automation_runs: rules as data; a run row per (rule, ticket, key) fires a rule once.
 * - ticket_templates: frequent requests with prefilled fields and a checklist of child tasks.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const int = (allowNull = false, defaultValue) => ({ type: DataTypes.INTEGER, allowNull, ...(defaultValue === undefined ? {} : { defaultValue }) });
const ref = (model, allowNull, onDelete = 'CASCADE') => ({ type: DataTypes.INTEGER, allowNull, references: { model, key: 'id' }, onDelete });
const json = () => ({ type: DataTypes.TEXT, allowNull: false });

const SEEDED_AT = new Date('2026-11-24T06:00:00.000Z');
const text = (fr, en) => ({ fr, en });

const DEFAULT_RULES = [
  {
    builtin: 'resolved_reminder',
    name: 'Remind the requester of a resolved ticket at day 3',
    trigger_on: 'time_passed',
    conditions: [
      { field: 'status', op: 'is', value: 'resolved' },
      { field: 'businessDaysSince', since: 'resolved', gte: 3 },
      { field: 'requesterReplied', since: 'resolved', value: false },
    ],
    actions: [{ do: 'notify', to: 'requester', event: 'resolution_reminder' }],
  },
  {
    builtin: 'auto_close',
    name: 'Close resolved tickets after 5 business days without a reply',
    trigger_on: 'time_passed',
    conditions: [
      { field: 'status', op: 'is', value: 'resolved' },
      { field: 'businessDaysSince', since: 'resolved', gte: 5 },
      { field: 'requesterReplied', since: 'resolved', value: false },
    ],
    actions: [
      { do: 'set', field: 'status', value: 'closed' },
      { do: 'comment', body: text('Fermé automatiquement : 5 jours ouvrés sans réponse après la résolution.', 'Closed automatically: 5 business days without a reply after the resolution.') },
      { do: 'notify', to: 'requester', event: 'ticket_auto_closed' },
    ],
  },
  {
    builtin: 'pending_reminder',
    name: 'Remind a requester we wait for, every 2 business days',
    trigger_on: 'time_passed',
    conditions: [
      { field: 'status', op: 'is', value: 'pending' },
      { field: 'waitingOnRequester', value: true },
      { field: 'businessDaysSince', since: 'pending', gte: 2, every: 2 },
    ],
    actions: [{ do: 'notify', to: 'requester', event: 'pending_reminder' }],
  },
  {
    builtin: 'incident_cluster',
    name: 'Many reports in one hour: propose a parent incident',
    trigger_on: 'created',
    conditions: [{ field: 'similarReportsInHour', gte: 3 }],
    actions: [{ do: 'propose_parent' }],
  },
];

const step = (fr, en) => ({ title: text(fr, en) });
const DEFAULT_TEMPLATES = [
  {
    slug: 'new-employee',
    name_fr: 'Arrivée d’un nouvel employé',
    name_en: 'New employee account',
    fields: { type: 'request', category: 'access', urgency: 'medium', title: text('Arrivée de {name}', 'New employee: {name}') },
    checklist: [
      step('Créer le compte Active Directory et la boîte mail', 'Create the Active Directory account and mailbox'),
      step('Préparer le poste de travail', 'Prepare the workstation'),
      step('Donner les accès aux applications métier', 'Grant access to business applications'),
      step('Remettre le badge et les identifiants', 'Hand over badge and credentials'),
    ],
  },
  {
    slug: 'password-reset',
    name_fr: 'Réinitialisation de mot de passe',
    name_en: 'Password reset',
    fields: { type: 'request', category: 'access', urgency: 'high', title: text('Réinitialiser le mot de passe de {name}', 'Reset the password of {name}') },
    checklist: [step('Vérifier l’identité du demandeur', 'Check the requester’s identity'), step('Réinitialiser et forcer le changement', 'Reset and force a change at next sign-in')],
  },
  {
    slug: 'printer',
    name_fr: 'Problème d’imprimante',
    name_en: 'Printer problem',
    fields: { type: 'incident', category: 'hardware', urgency: 'medium', title: text('Imprimante en panne : {name}', 'Printer out of order: {name}') },
    checklist: [step('Vérifier papier, toner et file d’impression', 'Check paper, toner and print queue'), step('Redémarrer l’imprimante et tester', 'Restart the printer and test')],
  },
];

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('service_routing', {
      service_id: { ...ref('services', false), primaryKey: true },
      mode: { ...str(16), defaultValue: 'none' },
      accept_minutes: int(true),
      warn_percent: int(false, 75),
      managers_percent: int(false, 150),
      rr_counter: int(false, 0),
      // The service's own business calendar (hours, holidays) when it differs from the company's.
      calendar_json: { type: DataTypes.TEXT, allowNull: true },
      updated_at: ts(),
    });

    await qi.createTable('routing_rules', {
      id,
      position: int(false, 0),
      name: str(120),
      conditions_json: json(),
      service_id: ref('services', false),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: ts(),
    });

    await qi.createTable('person_absences', {
      id,
      person_id: ref('people', false),
      starts_at: ts(),
      ends_at: ts(),
      reason: str(200, true),
      created_at: ts(),
    });
    await qi.addIndex('person_absences', ['person_id', 'ends_at'], { name: 'person_absences_person' });

    await qi.createTable('ticket_sla', {
      ticket_id: { ...ref('tickets', false), primaryKey: true },
      cycle: int(false, 0),
      own_level: { type: DataTypes.TINYINT, allowNull: false, defaultValue: 0 },
      resolve_level: { type: DataTypes.TINYINT, allowNull: false, defaultValue: 0 },
      own_met: { type: DataTypes.BOOLEAN, allowNull: true },
      resolve_met: { type: DataTypes.BOOLEAN, allowNull: true },
      own_breached_at: ts(true),
      resolve_breached_at: ts(true),
      updated_at: ts(),
    });

    await qi.createTable('sla_events', {
      id: { ...id, type: DataTypes.BIGINT },
      ticket_id: ref('tickets', false),
      clock: str(8),
      level: str(16),
      cycle: int(false),
      created_at: ts(),
    });
    await qi.addIndex('sla_events', ['ticket_id', 'clock', 'level', 'cycle'], { name: 'sla_events_once', unique: true });

    await qi.createTable('automation_rules', {
      id,
      name: str(120),
      trigger_on: str(24),
      conditions_json: json(),
      actions_json: json(),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      builtin: str(40, true),
      created_at: ts(),
      updated_at: ts(),
    });
    await qi.addIndex('automation_rules', ['builtin'], { name: 'automation_rules_builtin', unique: true });

    await qi.createTable('automation_runs', {
      id: { ...id, type: DataTypes.BIGINT },
      rule_id: ref('automation_rules', false),
      ticket_id: ref('tickets', false),
      run_key: str(120),
      outcome: str(16),
      error: str(500, true),
      created_at: ts(),
    });
    await qi.addIndex('automation_runs', ['rule_id', 'ticket_id', 'run_key'], { name: 'automation_runs_once', unique: true });
    await qi.addIndex('automation_runs', ['ticket_id'], { name: 'automation_runs_ticket' });

    await qi.createTable('ticket_templates', {
      id,
      slug: { ...str(64), unique: true },
      name_fr: str(120),
      name_en: str(120),
      fields_json: json(),
      checklist_json: json(),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: ts(),
      updated_at: ts(),
    });

    await qi.bulkInsert('automation_rules', DEFAULT_RULES.map((r) => ({
      name: r.name,
      trigger_on: r.trigger_on,
      conditions_json: JSON.stringify(r.conditions),
      actions_json: JSON.stringify(r.actions),
      active: true,
      builtin: r.builtin,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    })));
    await qi.bulkInsert('ticket_templates', DEFAULT_TEMPLATES.map((t) => ({
      slug: t.slug,
      name_fr: t.name_fr,
      name_en: t.name_en,
      fields_json: JSON.stringify(t.fields),
      checklist_json: JSON.stringify(t.checklist),
      active: true,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    })));
  },

  async down({ context: qi }) {
    for (const t of ['ticket_templates', 'automation_runs', 'automation_rules', 'sla_events', 'ticket_sla', 'person_absences', 'routing_rules', 'service_routing']) {
      await qi.dropTable(t);
    }
  },
};
