import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 for the notification tests: it parses every mail it
 * accepts (mailparser) and can refuse for a while (421 at connection: a peer outage).
 */
export interface SmtpPeer {
  url: string;
  mails: ParsedMail[];
  /** While true, every connection is refused with 421. */
  down: boolean;
  refused: number;
  /** Delay before each mail is acknowledged (a slow peer, so a test can kill the sender mid-run). */
  delayMs: number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const peer = {
    url: '',
    mails: [] as ParsedMail[],
    down: false,
    refused: 0,
    delayMs: 0,
  } as SmtpPeer;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, cb) {
      if (peer.down) {
        peer.refused++;
        const err = Object.assign(new Error('Service not available, try later'), { responseCode: 421 });
        return cb(err);
      }
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then(async (mail) => {
          if (peer.delayMs) await new Promise((r) => setTimeout(r, peer.delayMs));
          // Counted when acknowledged: a mail whose 250 never left is not "received".
          peer.mails.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  peer.url = `smtp://127.0.0.1:${port}`;
  peer.waitFor = async (count, timeoutMs = 15000) => {
    const end = Date.now() + timeoutMs;
    while (peer.mails.length < count) {
      if (Date.now() > end) throw new Error(`smtp peer: ${peer.mails.length} mails after ${timeoutMs} ms, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return peer.mails;
  };
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
