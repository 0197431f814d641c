import type { Store } from '../shared/store.port';
import { isOpen } from './ticket.entity';

/** Tickets this one waits for (depends_on) and its children (parent_of), still open. */
export async function openBlockers(store: Store, ticketId: number) {
  const [deps, children] = await Promise.all([
    store.links.outgoing([ticketId], 'depends_on'),
    store.links.outgoing([ticketId], 'parent_of'),
  ]);
  const briefs = await store.tickets.brief([...deps, ...children].map((l) => l.toId));
  const open = new Set(briefs.filter((b) => isOpen(b.status)).map((b) => b.id));
  return {
    dependencies: deps.map((l) => l.toId).filter((id) => open.has(id)).sort((a, b) => a - b),
    children: children.map((l) => l.toId).filter((id) => open.has(id)).sort((a, b) => a - b),
  };
}

export async function duplicateOriginal(store: Store, ticketId: number): Promise<number | null> {
  const links = await store.links.outgoing([ticketId], 'duplicate_of');
  return links[0]?.toId ?? null;
}

export const numbers = (ids: number[]) => ids.map((i) => `#${i}`).join(', ');
