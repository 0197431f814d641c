import { startFakeBotConnector } from '../test/support/fake-bot-connector';
import { REPORT_FORM_VERB } from '../cards/actions';
import { recreateDatabase } from './bench-db';
import { burstRun, type BurstOptions } from './slack-burst.bench';

/**
 * The same burst on Teams: report forms submitted from personal chats (each one a ticket), posted
 * to `/api/messages` in local mode (no app id: no token to check), the Bot Connector a local peer.
 */
const USERS = 300;
const TENANT = 'tenant-bench';

export async function teamsBurstBench(baseUrl: string, o: BurstOptions): Promise<Array<Record<string, string | number>>> {
  const url = baseUrl.replace(/\/([^/]*)$/, (_m, name: string) => `/${name}_teams`);
  const fake = await startFakeBotConnector();
  const people = Array.from({ length: USERS }, (_, i) => ({
    id: `29:bench-${i}`, aadObjectId: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Employé ${i}`, email: `teams${i}@bench.example`, locale: 'fr-FR',
  }));
  for (const p of people) fake.addUser(p);
  const env = { DATABASE_URL: url, HELPDESK_INBOX_LEASE_SECONDS: '10' };
  const send = async (port: number, i: number) => {
    const u = people[i % USERS];
    const activity = {
      type: 'message', id: `bench-${i}`, channelId: 'msteams', serviceUrl: fake.serviceUrl, timestamp: new Date().toISOString(), locale: 'fr-FR',
      from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId }, recipient: { id: '28:helpdesk-bot', name: 'Helpdesk' },
      conversation: { id: `a:dm-bench-${i % USERS}`, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
      value: { verb: REPORT_FORM_VERB, title: `Écran noir (${i})`, description: 'Depuis ce matin', urgency: 'medium' },
    };
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.arrayBuffer();
    return res.status;
  };
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const kill of o.killAt > 0 ? [false, true] : [false]) {
      await recreateDatabase(url);
      rows.push(await burstRun('teams', url, env, send, o, kill));
    }
  } finally {
    await fake.close();
  }
  return rows;
}
