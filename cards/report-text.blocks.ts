import type { KnownBlock } from './block-kit';
import { truncate } from './format';

/** Slack shows Markdown tables as text: in a code block their columns stay aligned on PC and phone alike. */
const CHUNK = 2900;
const MAX_BLOCKS = 48;

/**
 * A report asked for in chat (`/helpdesk report`), from the same Markdown the CLI and the API produce
 * (core/reports/report.render.ts): a header, then the tables in code blocks cut on line boundaries.
 */
export function reportTextBlocks(title: string, markdown: string): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: true } }];
  // The Markdown's own title is the header already.
  const lines = markdown.split('\n').filter((line, i) => !(i === 0 && line.startsWith('# ')));
  let chunk = '';
  const flush = () => {
    // Inside a code block Slack shows `&`, `<` and `>` as typed only when escaped.
    const body = chunk.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/```/g, "'''").trim();
    if (body && blocks.length < MAX_BLOCKS) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '```' + truncate(body, CHUNK) + '```' } });
    chunk = '';
  };
  for (const line of lines) {
    if (chunk.length + line.length + 1 > CHUNK * 0.9) flush();
    chunk += `${truncate(line, 1000)}\n`;
  }
  flush();
  return { text: truncate(title, 1000), blocks };
}
