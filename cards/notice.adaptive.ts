import { Json, adaptiveCard, textBlock } from './adaptive';
import { truncate } from './format';

/**
 * A short card answering a button press: what was done, or why nothing was (an unauthorized press,
 * a ticket already taken). Teams shows it in place of the card the person pressed, for them only.
 */
export function noticeAdaptive(title: string, text: string, kind: 'good' | 'refused'): Record<string, unknown> {
  const body: Json[] = [
    textBlock(truncate(title, 200), { weight: 'Bolder', color: kind === 'good' ? 'Good' : 'Attention' }),
    textBlock(truncate(text, 4000)),
  ];
  return adaptiveCard(body);
}

/** The same card with a notice on top (a refused press on a ticket card keeps the ticket in view). */
export function withNotice(card: Record<string, unknown>, title: string, text: string, kind: 'good' | 'refused'): Record<string, unknown> {
  const notice = (noticeAdaptive(title, text, kind).body as Json[]).map((b) => ({ ...b }));
  notice[notice.length - 1].spacing = 'None';
  return { ...card, body: [{ type: 'Container', style: kind === 'good' ? 'good' : 'attention', items: notice }, ...((card.body as Json[]) ?? [])] };
}
