import type { ArticleSummary } from '../kb/kb.view';
import type { TicketView } from '../tickets/ticket.view';
import type { Report } from '../reports/report.entity';
import type { ReportLinks } from '../reports/report-poster.port';

/** Where a conversation happens; core uses it only to pick the words that work there. */
export const TALK_PLATFORMS = ['slack', 'teams', 'web'] as const;
export type TalkPlatform = (typeof TALK_PLATFORMS)[number];

/**
 * What the platform can do for this input (the "capabilities" a bot hands in with the words):
 * the channel it was said in (only channels can be bound), a way to turn a platform mention into a
 * person core knows (meeting them if new), and the key that makes a resent input file nothing new.
 */
export interface TalkCapabilities {
  platform: TalkPlatform;
  /** How the words came: a direct message, an @mention in a channel, or one of Slack's slash commands. */
  via: 'direct' | 'mention' | 'helpdesk' | 'ticket' | 'tickets';
  channel?: { teamId: string | null; channelId: string } | null;
  meet?: (raw: string) => Promise<string>;
  inputKey?: string;
}

export type PrefillForm = { title?: string; description?: string; category?: string; urgency?: string };

/**
 * A platform-neutral answer; Slack draws it in Block Kit, Teams and the web in Adaptive Cards.
 * `say` texts are already in the person's language; `plain` ones carry data and are escaped.
 */
export type ChatReply =
  | { kind: 'say'; text: string; plain?: boolean; tone?: 'good' | 'refused'; public?: boolean; private?: boolean }
  | { kind: 'help'; platform: TalkPlatform }
  | { kind: 'articles'; articles: ArticleSummary[]; problem: string; intro: string; deflection: boolean }
  | { kind: 'form'; prefill: PrefillForm; intro?: string; ticket?: number }
  | { kind: 'tickets'; items: TicketView[]; query?: string }
  | { kind: 'report'; report: Report; links: ReportLinks }
  | { kind: 'filed'; number: number; title: string; created: boolean; text: string; forCaller: boolean };

/** Answers that show someone's own data: never in a channel where others read (R16). */
export const isPrivateReply = (r: ChatReply) => r.kind === 'tickets' || r.kind === 'report' || (r.kind === 'articles' && !r.deflection) || (r.kind === 'say' && r.private === true);
