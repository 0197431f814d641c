import type { InboundMail } from '../../core/mail/mail.port';

type Addr = { value?: Array<{ address?: string; name?: string }> };
const addresses = (a: Addr | Addr[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value ?? []);

/** A raw RFC 822 mail into the core's InboundMail (mailparser loads on first use). */
export async function parseMail(raw: Buffer, mailbox: string, uid: string): Promise<InboundMail> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { simpleParser } = require('mailparser') as typeof import('mailparser');
  const p = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const headers: Record<string, string> = {};
  for (const h of p.headerLines) {
    if (headers[h.key] === undefined) headers[h.key] = h.line.slice(h.line.indexOf(':') + 1).trim();
  }
  const from = addresses(p.from as Addr | undefined)[0];
  const refs = p.references ? (Array.isArray(p.references) ? p.references : String(p.references).split(/\s+/)) : [];
  const to = [...addresses(p.to as Addr | Addr[] | undefined), ...addresses(p.cc as Addr | Addr[] | undefined)].map((a) => a.address ?? '').filter(Boolean);
  for (const h of ['delivered-to', 'x-original-to']) if (headers[h]) to.push(headers[h].replace(/[<>]/g, ''));
  return {
    mailbox,
    uid,
    messageId: p.messageId ?? null,
    inReplyTo: p.inReplyTo ?? null,
    references: refs,
    from: from?.address ? { address: from.address, name: from.name || null } : null,
    to,
    subject: (p.subject ?? '').trim(),
    text: p.text ?? '',
    headers,
    attachments: p.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename).map((a) => ({ filename: a.filename ?? 'file', contentType: a.contentType, data: a.content })),
    language: headers['content-language'] ?? null,
  };
}
