/** Small builders for Adaptive Card 1.5 JSON (Teams, web); the shapes follow adaptivecards.io/schemas. */
export type Json = Record<string, unknown>;

export const ADAPTIVE_VERSION = '1.5';

export function adaptiveCard(body: Json[], extra: Json = {}): Json {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: ADAPTIVE_VERSION, body, ...extra };
}

export const textBlock = (text: string, extra: Json = {}): Json => ({ type: 'TextBlock', text, wrap: true, ...extra });

export const heading = (text: string): Json => textBlock(text, { size: 'Large', weight: 'Bolder', style: 'heading' });

export const execute = (title: string, verb: string, data: Json, extra: Json = {}): Json => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { verb, ...data },
  ...extra,
});

export const showCard = (title: string, body: Json[], actions: Json[]): Json => ({
  type: 'Action.ShowCard',
  title,
  card: { type: 'AdaptiveCard', body, actions },
});

/**
 * User text inside a TextBlock, which hosts read as Markdown: escaped so a title such as
 * `[clic](http://evil.example)` or `**x**` shows as typed instead of becoming a link or bold.
 */
export const md = (s: string): string => s.replace(/[\\`*_[\]~<>]/g, '\\$&').replace(/^(\s*)([-+#])(?=\s)/gm, '$1\\$2').replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');

/** Adaptive markdown link; its text escaped, so brackets in it cannot end it early. */
export const mdLink = (url: string, text: string) => `[${md(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
