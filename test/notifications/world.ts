import { startTestServer, TestServer } from '../support/server';
import { startSmtpPeer, SmtpPeer } from '../support/smtp-peer';
import { startFakeTwilio, FakeTwilio } from '../support/fake-twilio';
import { createToken } from '../../core/people/create-token.service';
import { systemActor } from '../../core/shared/actor';
import type { NotificationsOptions } from '../../adapters/notify/notifications';
import type { Clock } from '../../core/shared/clock.port';
import { peerEnv, startSlackPeer, SlackPeer } from './slack-peer';

/** A server wired to three real local peers: SMTP (smtp-server), Twilio's API and Slack's Web API. */
export interface NotifyWorld {
  s: TestServer;
  smtp: SmtpPeer;
  twilio: FakeTwilio;
  slack: SlackPeer;
  admin: string;
  /** Creates a person through the API (as admin) and a token acting as them. */
  person(p: { email?: string; name: string; role?: string; locale?: 'fr' | 'en'; phone?: string; slackUserId?: string; services?: string[] }): Promise<{ id: number; token: string }>;
  close(): Promise<void>;
}

export async function startNotifyWorld(db: 'sqlite' | 'mariadb', o: { clock?: Clock; notifications?: NotificationsOptions } = {}): Promise<NotifyWorld> {
  const [smtp, twilio, slack] = await Promise.all([startSmtpPeer(), startFakeTwilio(), startSlackPeer()]);
  const s = await startTestServer(db, { env: peerEnv({ smtp, twilio, slack }), clock: o.clock, notifications: o.notifications });
  const admin = await s.token('admin');
  let n = 0;
  return {
    s,
    smtp,
    twilio,
    slack,
    admin,
    async person(p) {
      const { role = 'employee', ...rest } = p;
      const r = await s.call('POST', '/api/v1/people', admin, { displayName: p.name, ...rest, name: undefined, role });
      if (r.status !== 201) throw new Error(`POST /people ${r.status}: ${r.raw}`);
      const token = (await createToken(s.running.deps, { ...systemActor('en'), channel: 'cli' }, { name: `notify-${++n}`, role: role as 'employee', user: r.body.id })).token;
      return { id: r.body.id, token };
    },
    async close() {
      await s.close();
      await Promise.all([smtp.close(), twilio.close(), slack.close()]);
    },
  };
}

export const waitUntil = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
