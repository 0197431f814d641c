/**
 * Search text normalisation, applied to what is indexed and to every query alike, so that both
 * databases agree: accents folded ("écran" = "ecran"), a light French/English stemmer ("imprimantes"
 * = "imprimante"), and stop words dropped. Only [a-z0-9] survive, so a normalised query can never
 * carry a full-text operator into SQL.
 */
const STOP_WORDS = new Set(
  (
    // French function words, then InnoDB's default stop list (so MariaDB never drops a token SQLite keeps).
    'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont ai as avons avez ont etait plus tres ca cela cette cet ' +
    'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www ' +
    'my me we you your our it its do does did not no can cannot has have had'
  ).split(' '),
);

export function foldAccents(s: string): string {
  return s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Plural and feminine endings only: enough for "imprimantes/imprimante", "journaux/journal", "printers/printer". */
export function stem(word: string): string {
  let w = word;
  if (/^\d+$/.test(w) || w.length <= 3) return w;
  if (w.endsWith('aux') && w.length > 4) w = w.slice(0, -3) + 'al';
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if ((w.endsWith('s') || w.endsWith('x')) && !w.endsWith('ss')) w = w.slice(0, -1);
  // Twice, so that "bloqué", "bloquée" and "bloquées" meet.
  for (let i = 0; i < 2 && w.endsWith('e') && w.length > 4; i++) w = w.slice(0, -1);
  return w;
}

/**
 * MariaDB ignores tokens shorter than 3 characters (innodb_ft_min_token_size); "pc" or "4g" matter
 * here, so two-character tokens are padded on both sides of the search.
 */
const pad = (t: string) => (t.length === 2 ? `${t}zq` : t);

export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of foldAccents(text).split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    out.push(pad(stem(raw)));
  }
  return out;
}

/** The indexed form of a text: its tokens, space-separated. */
export const searchText = (text: string): string => searchTokens(text).join(' ');

/** Distinct query terms, bounded so a pasted e-mail cannot make a huge full-text query. */
export function queryTerms(text: string, max = 16): string[] {
  return [...new Set(searchTokens(text))].slice(0, max);
}

/**
 * English inflections the light stemmer leaves alone (-ing, -ed, -er, -s): "working", "worked" and
 * "works" give "work", "printer" and "printing" give "print". Used on English queries only, matched
 * as word prefixes, so the stored index (built by `stem`) needs no rebuild.
 */
export function englishStem(word: string): string {
  let w = word;
  if (/^\d+$/.test(w) || w.length <= 4) return w;
  if (w.endsWith('ies') && w.length > 5) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ers') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('er') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "stopped" -> "stopp" -> "stop"; "printing" -> "print" stays.
  if (/([bdgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** English query terms as prefixes: at least three letters, so a prefix never matches half the base. */
export function englishQueryTerms(text: string, max = 16): string[] {
  const out = new Set<string>();
  for (const raw of foldAccents(text).split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || EN_EXTRA_STOP.has(raw)) continue;
    out.add(englishStem(raw));
  }
  return [...out].filter((t) => t.length >= 3).slice(0, max);
}

/** Words of a complaint that say nothing about the problem ("does not work anymore"). */
const EN_EXTRA_STOP = new Set('anymore any again still just please hello thanks'.split(' '));
