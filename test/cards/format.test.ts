import { escapeMrkdwn, formatDate, mrkdwnSafe, slackLink, ticketUrl, truncate } from '../../cards/format';

describe('card text helpers', () => {
  it('escapes the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('<@U1> & <!here> >')).toBe('&lt;@U1&gt; &amp; &lt;!here&gt; &gt;');
  });

  it('never cuts an emoji in half nor leaves half an entity', () => {
    expect(truncate('ab😱cd', 4)).toBe('ab…');
    expect(truncate('abc😱d', 5)).toBe('abc…');
    expect(truncate('abc😱de', 6)).toBe('abc😱…');
    expect(truncate('short', 5)).toBe('short');
    expect(mrkdwnSafe('abcd<efg', 7)).toBe('abcd…');
    expect(mrkdwnSafe('a<b', 10)).toBe('a&lt;b');
  });

  it('builds links whose parts cannot break out', () => {
    expect(slackLink('https://x.example/a|b>', 'a|<b>')).toBe('<https://x.example/a%7Cb%3E|a¦&lt;b&gt;>');
    expect(ticketUrl('https://h.example/', 7)).toBe('https://h.example/tickets/7');
  });

  it('formats in the locale and time zone, from a Date or an ISO string', () => {
    expect(formatDate(new Date('2026-07-01T08:00:00Z'), 'fr', 'Europe/Paris')).toBe('1 juil. 2026, 10:00');
    expect(formatDate('2026-07-01T08:00:00.000Z', 'en', 'Asia/Tokyo')).toBe('1 Jul 2026, 17:00');
  });
});
