import type { KnownBlock as SlackKnownBlock, ModalView as SlackModalView } from '@slack/types';
import { helpBlocks } from '../../cards/help.blocks';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { reportModalView } from '../../cards/report-form.blocks';
import { resolveModalView } from '../../cards/resolve-modal.blocks';
import { ticketCardBlocks } from '../../cards/ticket.blocks';
import { STATUSES } from '../../core/tickets/ticket.entity';
import { messageProblems, modalProblems } from './block-kit-limits';
import { bigTicket, categories, options, smallTicket } from './fixtures';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, action_id = 'a') => ({ type: 'button', action_id, text: { type: 'plain_text', text }, value: '1' });

describe('the Block Kit validator catches each limit it checks', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['51 blocks', { text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) }, 'more than 50'],
    ['a 3001-character section', { text: 'x', blocks: [section('x'.repeat(3001))] }, '3001 characters, more than 3000'],
    ['a 151-character header', { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }, 'more than 150'],
    ['a 76-character button', { text: 'x', blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] }, 'more than 75'],
    ['26 elements in actions', { text: 'x', blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', `a${i}`)) }] }, '1 to 25'],
    ['a 256-character action_id', { text: 'x', blocks: [{ type: 'actions', elements: [button('b', 'a'.repeat(256))] }] }, 'action_id'],
    ['a 256-character block_id', { text: 'x', blocks: [{ ...section('x'), block_id: 'b'.repeat(256) }] }, 'block_id'],
    [
      '101 options',
      {
        text: 'x',
        blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `${i}` })) }] }],
      },
      '1 to 100',
    ],
    [
      'a 76-character option',
      { text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: '1' }] }] }] },
      'more than 75',
    ],
    ['raw "<" in mrkdwn', { text: 'x', blocks: [section('a <b> c')] }, 'unescaped "<"'],
    ['raw "&" in mrkdwn', { text: 'x', blocks: [section('a & b')] }, 'unescaped "&"'],
    ['empty fallback text', { text: '', blocks: [section('x')] }, 'fallback text'],
  ])('%s', (_, msg, expected) => {
    expect(messageProblems(msg).join('\n')).toContain(expected);
  });

  it('and the modal limits', () => {
    const modal = { type: 'modal', callback_id: 'c', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: Array.from({ length: 101 }, () => section('x')) };
    const problems = modalProblems(modal).join('\n');
    expect(problems).toContain('title');
    expect(problems).toContain('more than 100');
  });

  it('accepts our links and escaped text', () => {
    expect(messageProblems({ text: 'x', blocks: [section('<https://a.example/t/1|#1> &lt;b&gt; &amp;')] })).toEqual([]);
  });
});

describe.each(['fr', 'en'] as const)('every Slack card stays within Block Kit limits with a huge ticket (%s)', (locale) => {
  const big = bigTicket();

  it.each(STATUSES)('the technician card, status %s, with and without actions', (status) => {
    for (const withActions of [true, false]) {
      for (const v of [bigTicket({ status }), bigTicket({ status, assignees: [] }), smallTicket({ status })]) {
        expect(messageProblems(ticketCardBlocks(v, options(locale, { withActions })))).toEqual([]);
      }
    }
  });

  it('the list of my tickets, with 25 huge tickets and with none', () => {
    expect(messageProblems(myTicketsBlocks(Array.from({ length: 25 }, (_, i) => bigTicket({ number: i + 1 })), options(locale)))).toEqual([]);
    expect(messageProblems(myTicketsBlocks([], options(locale)))).toEqual([]);
  });

  it('the report modal, prefilled with the huge ticket and 150 categories', () => {
    const many = [...categories, ...Array.from({ length: 150 }, (_, i) => ({ slug: `c${i}`, name: `Catégorie <${i}> & 🖥️ ${'é'.repeat(90)}` }))];
    const view = reportModalView({ locale, categories: many, prefill: { title: big.title + big.title, description: big.description, category: 'long', urgency: 'critical' }, privateMetadata: '{"ticket":1}' });
    expect(modalProblems(view)).toEqual([]);
    expect(modalProblems(reportModalView({ locale, categories: [], prefill: {} }))).toEqual([]);
  });

  it('the resolve modal, even for a seven-digit ticket number', () => {
    expect(modalProblems(resolveModalView(9999999, locale))).toEqual([]);
  });

  it('the help', () => {
    expect(messageProblems(helpBlocks(locale))).toEqual([]);
  });
});

describe('our Block Kit types are the @slack/types ones (checked by tsc in npm test)', () => {
  it('assigns every rendering to Slack types', () => {
    const blocks: SlackKnownBlock[] = [...ticketCardBlocks(bigTicket(), options('fr')).blocks, ...myTicketsBlocks([smallTicket()], options('fr')).blocks, ...helpBlocks('fr').blocks];
    const views: SlackModalView[] = [reportModalView({ locale: 'fr', categories, prefill: {} }), resolveModalView(1, 'fr')];
    expect(blocks.length).toBeGreaterThan(5);
    expect(views.map((v) => v.type)).toEqual(['modal', 'modal']);
  });
});
