import { createHash } from 'node:crypto';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { actorForPerson } from '../people/actor-for-person';
import { createTicket } from '../tickets/create-ticket.service';
import { addComment } from '../tickets/add-comment.service';
import { addAttachment, listAttachments } from '../tickets/attachments.service';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_TICKET } from '../tickets/attachment.entity';
import { MAX_DESCRIPTION, MAX_TITLE } from '../tickets/ticket.entity';
import { audit } from '../tickets/ticket-change';
import { notify } from '../notifications/notify';
import { pickLocale } from '../i18n/translate';
import type { Person } from '../people/person.entity';
import type { Actor } from '../shared/actor';
import { isAutomatic, languageOf, ownWords, ticketNumberOf } from './mail-reading';
import type { InboundMail, MailOutcome } from './mail.port';

export interface MailIntakeOptions {
  /** The support mailbox and MAIL_FROM: mail from them is ours (never filed: no loops). */
  ownAddresses: string[];
  /** Domains whose unknown senders become employees; others are refused politely. */
  allowedDomains: string[];
}

export interface MailResult {
  outcome: MailOutcome | 'duplicate';
  ticket: number | null;
}

const keyOf = (m: InboundMail) =>
  createHash('sha256').update(m.messageId ? `id:${m.messageId.trim()}` : `raw:${m.from?.address ?? ''}\n${m.subject}\n${m.text}`).digest('hex');

/**
 * One mail of the support mailbox into the core (R1, R12): a new request files a ticket and is
 * answered with its number; a reply becomes a public comment that reaches the card threads; a
 * machine's mail (auto-reply, bounce, list, our own) files and sends nothing. Each mail counts once,
 * by Message-ID and by mailbox UID: the record and the answer commit together, and the ticket or
 * comment before it carries the mail's key as idempotency key, so a crash anywhere and a second
 * read produce it once. Written to be driven later from a durable inbound queue.
 */
export async function handleInboundMail(deps: CoreDeps, mail: InboundMail, o: MailIntakeOptions): Promise<MailResult> {
  const key = keyOf(mail);
  if (await deps.uow.read.inboundMails.seen(key, mail.mailbox, mail.uid)) return { outcome: 'duplicate', ticket: null };
  if (isAutomatic(mail, o.ownAddresses)) return record(deps, mail, key, 'ignored', null);
  const from = mail.from!.address.toLowerCase();
  const locale = languageOf(mail);
  const person = await senderPerson(deps, from, mail.from?.name ?? null, locale, o);
  if (!person) {
    return record(deps, mail, key, 'refused', null, [{ recipient: { kind: 'email', address: from, locale: locale ?? deps.defaultLocale }, event: 'mail_refused', ticketId: null, params: { subject: mail.subject.slice(0, 120) || '—' }, dedupeKey: `mail-refused:${key}` }]);
  }
  const actor = await actorForPerson(deps, deps.uow.read, person, 'email');
  const words = ownWords(mail.text).slice(0, MAX_DESCRIPTION);
  const number = ticketNumberOf(mail, o.ownAddresses);
  if (number !== null) {
    try {
      // A reply of quoted history only (or files only) adds what it brings, never a new ticket.
      if (words) await addComment(deps, actor, number, { body: words, idempotencyKey: `mail:${key}` });
      else await listAttachments(deps, actor, number);
      await attach(deps, actor, number, mail);
      return record(deps, mail, key, words || mail.attachments.length ? 'comment' : 'ignored', number);
    } catch (e) {
      // A number that is not theirs (or not there) files a new request instead of leaking one.
      if (!(e instanceof HelpdeskError && (e.code === 'ticket_not_found' || e.code === 'forbidden'))) throw e;
    }
  }
  const title = (mail.subject.replace(/^\s*((re|fwd?|tr|aw)\s*:\s*)+/i, '').trim() || words.split('\n')[0] || '(e-mail)').slice(0, MAX_TITLE);
  const { ticket } = await createTicket(deps, actor, { title, description: words, idempotencyKey: `mail:${key}` });
  await attach(deps, actor, ticket.id, mail);
  const ack = { recipient: { kind: 'email' as const, address: from, locale: pickLocale(person.locale ?? locale, deps.defaultLocale) }, event: 'mail_ack', ticketId: ticket.id, params: { number: ticket.id, title: ticket.title }, dedupeKey: `mail-ack:${key}` };
  return record(deps, mail, key, 'ticket', ticket.id, [ack]);
}

async function record(deps: CoreDeps, mail: InboundMail, key: string, outcome: MailOutcome, ticket: number | null, intents: Parameters<typeof notify>[2] = []): Promise<MailResult> {
  try {
    await deps.uow.transaction(async (store) => {
      const now = deps.clock.now();
      await store.inboundMails.record({ mailbox: mail.mailbox, messageKey: key, uid: mail.uid, outcome, ticketId: ticket }, now);
      if (intents.length) await notify(store, now, intents);
    });
    return { outcome, ticket };
  } catch (e) {
    if (deps.uow.isUniqueViolation(e)) return { outcome: 'duplicate', ticket: null };
    throw e;
  }
}

/** The sender's person; a stranger of an allowed domain becomes an employee, others get nothing. */
async function senderPerson(deps: CoreDeps, address: string, name: string | null, locale: 'fr' | 'en' | null, o: MailIntakeOptions): Promise<Person | null> {
  const found = await deps.uow.read.people.find({ by: 'email', value: address });
  if (found) return found.active ? found : null;
  const domain = address.split('@')[1] ?? '';
  if (!o.allowedDomains.some((d) => d.toLowerCase() === domain)) return null;
  try {
    return await deps.uow.transaction(async (store) => {
      const id = await store.people.insert({ email: address, displayName: (name?.trim() || address).slice(0, 200), phone: null, locale, role: 'employee', aadObjectId: null, slackUserId: null, department: null, active: true });
      const system: Actor = { personId: null, role: 'admin', serviceIds: [], channel: 'email', name: 'mail intake', locale: deps.defaultLocale };
      await audit({ store, actor: system, now: deps.clock.now() }, null, 'person_created', null, { id, email: address, source: 'mail' }, 'person', id);
      return (await store.people.get(id))!;
    });
  } catch (e) {
    if (!deps.uow.isUniqueViolation(e)) throw e;
    return deps.uow.read.people.find({ by: 'email', value: address });
  }
}

/** Files of the mail, each once even when the mail is read again after a crash. */
async function attach(deps: CoreDeps, actor: Actor, number: number, mail: InboundMail): Promise<void> {
  if (!mail.attachments.length) return;
  const have = new Set((await listAttachments(deps, actor, number)).map((a) => a.sha256));
  for (const a of mail.attachments) {
    if (have.size >= MAX_ATTACHMENTS_PER_TICKET || a.data.length === 0 || a.data.length > MAX_ATTACHMENT_BYTES) continue;
    const sha = createHash('sha256').update(a.data).digest('hex');
    if (have.has(sha)) continue;
    await addAttachment(deps, actor, number, a);
    have.add(sha);
  }
}
