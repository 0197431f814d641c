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

/** Adaptive markdown link; brackets in the text would end it early. */
export const mdLink = (url: string, text: string) => `[${text.replace(/[[\]]/g, '')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
