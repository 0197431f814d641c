/** Link types a person may write (CONTRACT.md); each is stored once in a canonical direction. */
export const LINK_TYPES = ['blocks', 'depends_on', 'parent_of', 'child_of', 'duplicate_of', 'related_to'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export type StoredLinkType = 'depends_on' | 'parent_of' | 'duplicate_of' | 'related_to';
/** What the far end of a stored link reads: B sees "A depends_on B" as "B blocks A". */
export type LinkView = LinkType | 'duplicated_by';

export interface StoredLink {
  id: number;
  fromId: number;
  toId: number;
  type: StoredLinkType;
  createdAt: Date;
}

export function canonical(from: number, type: LinkType, to: number): { fromId: number; toId: number; type: StoredLinkType } {
  switch (type) {
    case 'blocks':
      return { fromId: to, toId: from, type: 'depends_on' };
    case 'child_of':
      return { fromId: to, toId: from, type: 'parent_of' };
    default:
      return { fromId: from, toId: to, type };
  }
}

export function viewFrom(ticketId: number, link: StoredLink): { type: LinkView; otherId: number } {
  if (link.fromId === ticketId) return { type: link.type, otherId: link.toId };
  const inverse: Record<StoredLinkType, LinkView> = {
    depends_on: 'blocks',
    parent_of: 'child_of',
    duplicate_of: 'duplicated_by',
    related_to: 'related_to',
  };
  return { type: inverse[link.type], otherId: link.fromId };
}

export interface ExternalRef {
  id: number;
  ticketId: number;
  system: string;
  key: string;
  url: string | null;
  createdAt: Date;
}
