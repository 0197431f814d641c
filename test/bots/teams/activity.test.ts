import { parseTicketReply } from '../../../core/chat/ticket-reply';
import { asTeamsActivity, channelThread, referenceOf, spokenText, type TeamsActivity } from '../../../bots/teams/activity';

const base: TeamsActivity = {
  type: 'message',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:x', aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000009' },
  recipient: { id: '28:bot', name: 'Helpdesk' },
  conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: 't-1' },
  channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:abc@thread.tacv2' } },
};

/** The Teams glue reads activities the way Teams writes them (issue 4, R1 R12). */
describe('Teams activities', () => {
  it.each<[string, { ticket: number; text: string } | null]>([
    ['#12 toujours en panne', { ticket: 12, text: 'toujours en panne' }],
    ['  #7: merci, ça marche\nà nouveau', { ticket: 7, text: 'merci, ça marche\nà nouveau' }],
    ['#0 rien', null],
    ['#12', null],
    ['ticket #12 en panne', null],
    ['#1234567890 trop long', null],
  ])('"%s" as a reply about a ticket', (text, expected) => {
    expect(parseTicketReply(text)).toEqual(expected);
  });

  it('drops the bot mention, keeps anyone else as @mention:<id>, and reads the channel thread', () => {
    const a = {
      ...base,
      text: '<at>Helpdesk</at> role&nbsp;<at>Théo T</at> technician support',
      entities: [
        { type: 'mention', text: '<at>Helpdesk</at>', mentioned: { id: '28:bot' } },
        { type: 'mention', text: '<at>Théo T</at>', mentioned: { id: '29:theo' } },
      ],
    };
    expect(spokenText(a)).toBe('role @mention:29:theo technician support');
    expect(channelThread(a)).toEqual({ channelId: '19:abc@thread.tacv2', rootId: '1700000000000' });
    expect(referenceOf(a)).toMatchObject({ conversationId: '19:abc@thread.tacv2', conversationType: 'channel', teamId: '19:team@thread.tacv2', userId: null, tenantId: 't-1', botId: '28:bot' });
    expect(referenceOf({ ...base, conversation: { id: 'a:dm', conversationType: 'personal' }, channelData: {} })).toMatchObject({ conversationId: 'a:dm', userId: 'aaaaaaaa-0000-4000-8000-000000000009', channelId: null });
  });

  it.each([null, 'text', [], { type: 'message' }, { ...base, from: { name: 'no id' } }, { ...base, conversation: {} }, { ...base, serviceUrl: 42 }])('refuses %p as an activity', (body) => {
    expect(asTeamsActivity(body)).toBeNull();
  });
});
