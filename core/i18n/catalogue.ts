/**
 * The one message catalogue (French and English) for every text a person reads. The English table
 * is typed after the French one, so a key missing in either language fails the type check.
 */
import { cardsEn, cardsFr } from './cards.messages';
import { chatEn, chatFr } from './chat.messages';
import { kbEn, kbFr } from './kb.messages';
import { notificationsEn, notificationsFr } from './notifications.messages';
import { reportsEn, reportsFr } from './reports.messages';
import { reportDeliveryEn, reportDeliveryFr } from './report-delivery.messages';
import { teamsEn, teamsFr } from './teams.messages';
import { webEn, webFr } from './web.messages';
import { slaEn, slaFr } from './sla.messages';
import { mailEn, mailFr } from './mail.messages';
import { dayOneEn, dayOneFr } from './day-one.messages';
import { hardeningEn, hardeningFr } from './hardening.messages';
import { conversationEn, conversationFr } from './conversation.messages';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const coreFr = {
  'error.validation_failed': 'La demande est invalide : {details}.',
  'error.unauthenticated': 'Identification requise : fournissez un jeton valide.',
  'error.forbidden': "Vous n'avez pas le droit de faire cela.",
  'error.ticket_not_found': 'Le ticket #{number} est introuvable.',
  'error.person_not_found': 'Personne introuvable : {who}.',
  'people.erased_name': 'Personne effacée n°{id}',
  'error.attachment_not_found': 'Cette pièce jointe est introuvable.',
  'error.attachment_too_large': 'Le fichier dépasse {max} Mo.',
  'error.too_many_attachments': 'Le ticket #{number} a déjà {max} pièces jointes.',
  'error.service_not_found': 'Service introuvable : {service}.',
  'error.category_not_found': 'Catégorie introuvable : {category}.',
  'error.link_not_found': 'Ce lien est introuvable.',
  'error.external_ref_not_found': 'Cette référence externe est introuvable.',
  'error.not_found': 'Introuvable.',
  'error.already_claimed': 'Le ticket #{number} est déjà pris par {by}.',
  'error.already_assigned': '{who} est déjà assigné(e) au ticket #{number}.',
  'error.invalid_transition': 'Le ticket #{number} ne peut pas passer de « {from} » à « {to} ».',
  'error.open_dependencies': 'Le ticket #{number} dépend de tickets encore ouverts : {tickets}.',
  'error.open_children': 'Le ticket #{number} a des sous-tickets encore ouverts : {tickets}.',
  'error.concurrent_update': 'Le ticket #{number} vient d’être modifié par quelqu’un d’autre ; réessayez.',
  'error.link_cycle': 'Ce lien créerait une boucle : {path}.',
  'error.link_self': 'Un ticket ne peut pas être lié à lui-même.',
  'error.link_exists': 'Ce lien existe déjà.',
  'error.second_parent': 'Le ticket #{number} a déjà un ticket parent (#{parent}).',
  'error.external_ref_exists': 'Cette référence externe est déjà liée au ticket.',
  'error.duplicate_person': 'Une personne existe déjà avec {field} = {value}.',
  'error.duplicate_service': 'Le service « {service} » existe déjà.',
  'error.duplicate_category': 'La catégorie « {category} » existe déjà.',
  'error.resolution_required': 'Indiquez la résolution pour résoudre le ticket #{number}.',
  'error.not_a_technician': "{who} n'est pas technicien(ne).",
  'error.invalid_json': "Le corps de la requête n'est pas du JSON valide.",
  'error.payload_too_large': 'Le corps de la requête est trop volumineux.',
  'error.unsupported_media_type': 'Envoyez le corps en application/json (UTF-8).',
  'error.route_not_found': "Cette adresse de l'API n'existe pas.",
  'error.internal_error': 'Erreur interne ; elle a été journalisée.',
  'status.new': 'Nouveau',
  'status.assigned': 'Assigné',
  'status.in_progress': 'En cours',
  'status.pending': 'En attente',
  'status.resolved': 'Résolu',
  'status.closed': 'Clos',
  'status.cancelled': 'Annulé',
  'type.incident': 'Incident',
  'type.request': 'Demande',
  'level.low': 'Basse',
  'level.medium': 'Moyenne',
  'level.high': 'Haute',
  'level.critical': 'Critique',
  'priority.1': 'P1 critique',
  'priority.2': 'P2 haute',
  'priority.3': 'P3 moyenne',
  'priority.4': 'P4 basse',
  'ticket.closed_as_duplicate': 'Fermé comme doublon du ticket #{original}.',
  'ticket.forced_resolution': 'Résolu malgré des dépendances ouvertes ({tickets}) par décision de {by}.',
  'nobody': 'personne',
  'system': 'le système',
} as const;

/** Cards and chat keep their texts in their own files (cards.*, chat.* keys), merged here. */
const fr = { ...coreFr, ...cardsFr, ...chatFr, ...kbFr, ...notificationsFr, ...reportsFr, ...teamsFr, ...webFr, ...slaFr, ...mailFr, ...dayOneFr, ...reportDeliveryFr, ...hardeningFr, ...conversationFr };
export type MessageKey = keyof typeof fr;

const coreEn: Record<keyof typeof coreFr, string> = {
  'error.validation_failed': 'The request is invalid: {details}.',
  'error.unauthenticated': 'Authentication required: send a valid token.',
  'error.forbidden': 'You are not allowed to do that.',
  'error.ticket_not_found': 'Ticket #{number} was not found.',
  'error.person_not_found': 'No such person: {who}.',
  'people.erased_name': 'Erased person #{id}',
  'error.attachment_not_found': 'No such attachment.',
  'error.attachment_too_large': 'The file is over {max} MB.',
  'error.too_many_attachments': 'Ticket #{number} already has {max} attachments.',
  'error.service_not_found': 'No such service: {service}.',
  'error.category_not_found': 'No such category: {category}.',
  'error.link_not_found': 'That link was not found.',
  'error.external_ref_not_found': 'That external reference was not found.',
  'error.not_found': 'Not found.',
  'error.already_claimed': 'Ticket #{number} is already taken by {by}.',
  'error.already_assigned': '{who} is already assigned to ticket #{number}.',
  'error.invalid_transition': 'Ticket #{number} cannot go from "{from}" to "{to}".',
  'error.open_dependencies': 'Ticket #{number} depends on tickets that are still open: {tickets}.',
  'error.open_children': 'Ticket #{number} has child tickets that are still open: {tickets}.',
  'error.concurrent_update': 'Ticket #{number} was just changed by someone else; please try again.',
  'error.link_cycle': 'That link would make a loop: {path}.',
  'error.link_self': 'A ticket cannot be linked to itself.',
  'error.link_exists': 'That link already exists.',
  'error.second_parent': 'Ticket #{number} already has a parent ticket (#{parent}).',
  'error.external_ref_exists': 'That external reference is already on the ticket.',
  'error.duplicate_person': 'A person already exists with {field} = {value}.',
  'error.duplicate_service': 'Service "{service}" already exists.',
  'error.duplicate_category': 'Category "{category}" already exists.',
  'error.resolution_required': 'Say how ticket #{number} was resolved.',
  'error.not_a_technician': '{who} is not a technician.',
  'error.invalid_json': 'The request body is not valid JSON.',
  'error.payload_too_large': 'The request body is too large.',
  'error.unsupported_media_type': 'Send the body as application/json (UTF-8).',
  'error.route_not_found': 'No such API route.',
  'error.internal_error': 'Internal error; it has been logged.',
  'status.new': 'New',
  'status.assigned': 'Assigned',
  'status.in_progress': 'In progress',
  'status.pending': 'Pending',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'status.cancelled': 'Cancelled',
  'type.incident': 'Incident',
  'type.request': 'Request',
  'level.low': 'Low',
  'level.medium': 'Medium',
  'level.high': 'High',
  'level.critical': 'Critical',
  'priority.1': 'P1 critical',
  'priority.2': 'P2 high',
  'priority.3': 'P3 medium',
  'priority.4': 'P4 low',
  'ticket.closed_as_duplicate': 'Closed as a duplicate of ticket #{original}.',
  'ticket.forced_resolution': 'Resolved despite open dependencies ({tickets}) on the decision of {by}.',
  'nobody': 'nobody',
  'system': 'the system',
};

const en: Record<MessageKey, string> = { ...coreEn, ...cardsEn, ...chatEn, ...kbEn, ...notificationsEn, ...reportsEn, ...teamsEn, ...webEn, ...slaEn, ...mailEn, ...dayOneEn, ...reportDeliveryEn, ...hardeningEn, ...conversationEn };

export const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { fr, en };
