/**
 * "Recurring problems" by title: two titles belong together when their first two significant words
 * agree once lower-cased, accents folded, and stop words, words with digits and one-letter words
 * dropped. Words that only say "it is broken" (panne, marche, error...) are stop words too, so
 * "Imprimante en panne 3e étage" and "Mon imprimante ne marche plus" both give "imprimante etage" /
 * "imprimante": two words are enough to tell "vpn lent" from "vpn", and more split real repeats.
 * A title with no significant word is left out.
 */
const STOP_WORDS = new Set(
  (
    // French
    'a au aux avec ce ces cet cette d dans de des du elle en est et il j je l la le les leur lui m ma mais me mes mon ' +
    'ne n nous on ou par pas plus pour qu que qui s sa se ses son sur ta te tes ton tu un une vos votre vous y ' +
    'marche fonctionne panne probleme souci erreur bug plante impossible peux peut arrive veux besoin demande ' +
    // English
    'an and are as at be but by can cannot could does doesn dont for from has have i is it its me my no not of ' +
    'on or our please problem issue error s t the this to very with won working work broken down help need tres'
  ).split(' '),
);
const MAX_WORDS = 2;

export function titleKey(title: string): string | null {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !/\d/.test(w) && !STOP_WORDS.has(w));
  return words.length ? words.slice(0, MAX_WORDS).join(' ') : null;
}

export interface TitleCluster {
  key: string;
  /** The most frequent exact title of the cluster, to show people. */
  example: string;
  current: number;
  previous: number;
}

export function clusterTitles(rows: Array<{ title: string; current: number; previous: number }>): TitleCluster[] {
  const byKey = new Map<string, TitleCluster & { exampleCount: number }>();
  for (const r of rows) {
    const key = titleKey(r.title);
    if (key === null) continue;
    const c = byKey.get(key) ?? { key, example: r.title, exampleCount: -1, current: 0, previous: 0 };
    c.current += r.current;
    c.previous += r.previous;
    if (r.current + r.previous > c.exampleCount || (r.current + r.previous === c.exampleCount && r.title < c.example)) {
      c.example = r.title;
      c.exampleCount = r.current + r.previous;
    }
    byKey.set(key, c);
  }
  return [...byKey.values()].map(({ exampleCount: _, ...c }) => c);
}
