import type { CoreDeps } from '../shared/deps';
import { t, pickLocale } from '../i18n/translate';
import { normalizePhone } from '../people/person.lookup';
import { actorForPerson } from '../people/actor-for-person';
import { createTicket } from '../tickets/create-ticket.service';
import { addComment } from '../tickets/add-comment.service';
import { OPEN_STATUSES } from '../tickets/ticket.entity';
import { canSee } from '../tickets/ticket.access';
import { parseTicketReply } from '../chat/ticket-reply';

export interface InboundSms {
  from: string;
  body: string;
  /** Twilio's MessageSid: a webhook Twilio delivers again adds nothing twice. */
  messageId: string;
}

/**
 * R1 by SMS: a text from a known phone number is a reply to the ticket it names (`#12 …`) or to the
 * person's only open ticket; with several open and no number it asks which; with none it opens one. Returns the sentence to text back, in the person's language.
 */
export async function receiveSms(deps: CoreDeps, sms: InboundSms): Promise<{ reply: string; ticket: number | null }> {
  const text = sms.body.trim();
  // An empty text (a stray MMS, a blank reply) files nothing and needs no answer.
  if (!text) return { reply: '', ticket: null };
  const person = await deps.uow.read.people.find({ by: 'phone', value: normalizePhone(sms.from) });
  if (!person || !person.active) return { reply: t(deps.defaultLocale, 'notify.sms_unknown'), ticket: null };
  const locale = pickLocale(person.locale, deps.defaultLocale);
  const actor = await actorForPerson(deps, deps.uow.read, person, 'sms');
  const comment = async (number: number, body: string) => {
    await addComment(deps, actor, number, { body: body.slice(0, 20000), idempotencyKey: `sms:${sms.messageId}` });
    return { reply: t(locale, 'notify.sms_comment_added', { number }), ticket: number };
  };
  const open = await deps.uow.read.tickets.list({
    scope: { kind: 'own', personId: person.id },
    requesterId: person.id,
    statuses: [...OPEN_STATUSES],
    sort: 'updated',
    limit: 5,
  });
  const numbers = open.map((x) => `#${x.id}`).join(', ');
  // "#12 words" names its ticket; without a number, a person with one open ticket means that one.
  const reply = parseTicketReply(text);
  if (reply) {
    const ticket = await deps.uow.read.tickets.get(reply.ticket);
    if (!ticket || !canSee(actor, ticket)) return { reply: t(locale, 'notify.sms_not_your_ticket', { number: reply.ticket, tickets: numbers || '—' }), ticket: null };
    return comment(reply.ticket, reply.text);
  }
  // Several open tickets and no number: ask, rather than guess or open a ticket nobody asked for.
  if (open.length > 1) return { reply: t(locale, 'notify.sms_which_ticket', { tickets: numbers }), ticket: null };
  if (open.length === 1) return comment(open[0].id, text);
  const title = text.replace(/\s+/g, ' ').slice(0, 80);
  const { ticket } = await createTicket(deps, actor, { title, description: text.slice(0, 20000), idempotencyKey: `sms:${sms.messageId}` });
  return { reply: t(locale, 'notify.sms_ticket_opened', { number: ticket.id, title: ticket.title }), ticket: ticket.id };
}
