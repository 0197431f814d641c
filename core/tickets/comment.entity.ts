import type { Channel } from '../shared/actor';

/** Zammad's "article": who wrote it decides who may read it; internal notes never reach requesters. */
export type Sender = 'customer' | 'technician' | 'system';
export interface Comment {
  id: number;
  ticketId: number;
  authorId: number | null;
  sender: Sender;
  body: string;
  internal: boolean;
  channel: Channel;
  createdAt: Date;
}
export type NewComment = Omit<Comment, 'id' | 'createdAt'>;
