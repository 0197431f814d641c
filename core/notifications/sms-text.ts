/**
 * SMS length (issue 5: at most 2 segments, French accents handled). GSM-7 carries é è à ù but not
 * ê â î ô û ç œ « »: those are folded to their GSM look-alikes so a French text stays GSM-7 (306
 * characters in 2 segments) instead of switching to UCS-2 (134). What still is not GSM-7 (another
 * script, an emoji) is sent as UCS-2 and cut to fit.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

const FOLD: Record<string, string> = {
  ê: 'e', ë: 'e', â: 'a', î: 'i', ï: 'i', ô: 'o', û: 'u', ÿ: 'y', ç: 'c', á: 'a', í: 'i', ó: 'o', ú: 'u',
  Ê: 'E', Ë: 'E', È: 'E', Â: 'A', À: 'A', Î: 'I', Ï: 'I', Ô: 'O', Û: 'U', Ù: 'U',
  œ: 'oe', Œ: 'OE', '«': '"', '»': '"', '“': '"', '”': '"', '‘': "'", '’': "'", '…': '...', '–': '-', '—': '-',
  '\u00a0': ' ', '\u202f': ' ', '\t': ' ',
};

export const SMS_MAX_SEGMENTS = 2;

export const isGsm7 = (text: string) => [...text].every((c) => BASIC.has(c) || EXTENDED.has(c));

/** Septets for GSM-7 (extension characters take two), UTF-16 code units for UCS-2. */
export function smsLength(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number } {
  if (isGsm7(text)) return { encoding: 'GSM-7', units: [...text].reduce((n, c) => n + (EXTENDED.has(c) ? 2 : 1), 0) };
  return { encoding: 'UCS-2', units: text.length };
}

export function smsSegments(text: string): number {
  const { encoding, units } = smsLength(text);
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  return units <= single ? 1 : Math.ceil(units / multi);
}

/** Folds what GSM-7 lacks, then cuts (with "...") so the text fits in `segments` segments. */
export function fitSms(raw: string, segments = SMS_MAX_SEGMENTS): string {
  // French quotes carry a (thin) space inside: « mot » becomes "mot".
  const spaced = raw.replace(/«[\s\u00a0\u202f]*/g, '"').replace(/[\s\u00a0\u202f]*»/g, '"');
  const folded = [...spaced.replace(/\s+/g, ' ').trim()].map((c) => FOLD[c] ?? c).join('');
  const { encoding } = smsLength(folded);
  const budget = encoding === 'GSM-7' ? (segments === 1 ? 160 : 153 * segments) : segments === 1 ? 70 : 67 * segments;
  if (smsLength(folded).units <= budget) return folded;
  const chars = [...folded];
  let text = '';
  for (const c of chars) {
    const next = text + c;
    if (smsLength(next + '...').units > budget) break;
    text = next;
  }
  return text.trimEnd() + '...';
}
