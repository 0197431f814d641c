import type { CoreDeps } from '../shared/deps';
import { t, pickLocale } from '../i18n/translate';
import { normalizePhone } from '../people/person.lookup';
import { actorForPerson } from '../people/actor-for-person';
import { createTicket } from '../tickets/create-ticket.service';
import { addComment } from '../tickets/add-comment.service';
import { OPEN_STATUSES } from '../tickets/ticket.entity';

export interface InboundSms {
  from: string;
  body: string;
  /** Twilio's MessageSid: a webhook Twilio delivers again adds nothing twice. */
  messageId: string;
}

/**
 * Issue 5 §7 (R1 by SMS): a text from a known phone number becomes a comment on that person's latest
 * open ticket, or opens a ticket. Returns the sentence to text back, in the person's language.
 */
export async function receiveSms(deps: CoreDeps, sms: InboundSms): Promise<{ reply: string; ticket: number | null }> {
  const text = sms.body.trim();
  // An empty text (a stray MMS, a blank reply) files nothing and needs no answer.
  if (!text) return { reply: '', ticket: null };
  const person = await deps.uow.read.people.find({ by: 'phone', value: normalizePhone(sms.from) });
  if (!person || !person.active) return { reply: t(deps.defaultLocale, 'notify.sms_unknown'), ticket: null };
  const locale = pickLocale(person.locale, deps.defaultLocale);
  const actor = await actorForPerson(deps, deps.uow.read, person, 'sms');
  const [latest] = await deps.uow.read.tickets.list({
    scope: { kind: 'own', personId: person.id },
    requesterId: person.id,
    statuses: [...OPEN_STATUSES],
    sort: 'updated',
    limit: 1,
  });
  if (latest) {
    await addComment(deps, actor, latest.id, { body: text.slice(0, 20000), idempotencyKey: `sms:${sms.messageId}` });
    return { reply: t(locale, 'notify.sms_comment_added', { number: latest.id }), ticket: latest.id };
  }
  const title = text.replace(/\s+/g, ' ').slice(0, 80);
  const { ticket } = await createTicket(deps, actor, { title, description: text.slice(0, 20000), idempotencyKey: `sms:${sms.messageId}` });
  return { reply: t(locale, 'notify.sms_ticket_opened', { number: ticket.id, title: ticket.title }), ticket: ticket.id };
}
