import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { ticketMessageId } from '../../core/mail/mail-reading';
import type { Sender } from '../../core/notifications/sender.port';
import { SendFailure } from '../../core/notifications/sender.port';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import type { RenderedMessage } from '../../core/notifications/render';

export interface EmailSenderOptions {
  smtpUrl: string;
  /** MAIL_FROM: "Helpdesk <helpdesk@example.com>" or a bare address. */
  from: string;
}

/** The address inside MAIL_FROM, split so a ticket can be named in its local part. */
function mailbox(from: string): { local: string; domain: string } | null {
  const m = /<?([^<>\s@]+)@([^<>\s@]+)>?\s*$/.exec(from);
  return m ? { local: m[1], domain: m[2] } : null;
}

/**
 * E-mail through SMTP (nodemailer): HTML and text parts, and a Reply-To `helpdesk+42@domain` so a
 * reply can become a comment of ticket 42. 4xx answers and lost connections retry; a 5xx refusal of
 * the recipient is final.
 */
export class EmailSender implements Sender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly o: EmailSenderOptions) {
    // One connection per message: a pool would keep a broken connection across a peer's restart.
    this.transport = nodemailer.createTransport(o.smtpUrl);
  }

  async send(m: RenderedMessage, e: OutboxEntry): Promise<void> {
    const box = mailbox(this.o.from);
    const replyTo = box && m.ticketNumber !== null ? `${box.local}+${m.ticketNumber}@${box.domain}` : undefined;
    try {
      await this.transport.sendMail({
        from: this.o.from,
        to: e.address,
        replyTo,
        subject: m.subject,
        // Names the ticket, so a reply's In-Reply-To finds it even when Reply-To was dropped.
        ...(box && m.ticketNumber !== null ? { messageId: ticketMessageId(m.ticketNumber, randomUUID(), box.domain) } : {}),
        text: m.text,
        html: m.html,
        // RFC 3834: a machine's mail, so that vacation responders do not answer it (no mail loops).
        headers: { 'Content-Language': m.locale, 'Auto-Submitted': 'auto-generated', ...(m.ticketNumber !== null ? { 'X-Helpdesk-Ticket': String(m.ticketNumber) } : {}) },
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && [550, 551, 553, 554].includes(code) && /recipient|mailbox|address|user/i.test(String((err as Error).message));
      throw new SendFailure(`smtp: ${(err as Error).message}`, { permanent });
    }
  }

  close(): void {
    this.transport.close();
  }
}
