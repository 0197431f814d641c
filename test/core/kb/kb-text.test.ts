import { queryTerms, searchText, stem } from '../../../core/kb/kb-text';
import { excerptOf } from '../../../core/kb/kb.view';

/** The normalisation both databases index (R15 search): what makes "ecran" find "écran" and plurals meet singulars. */
describe('R15 search text normalisation', () => {
  it.each([
    ['imprimantes', 'imprimante'], ['écrans', 'Écran'], ['journaux', 'journal'], ['bloquées', 'bloqué'], ['printers', 'printer'],
    ['policies', 'policy'], ['mots', 'mot'], ['Outlook', 'outlook'],
  ])('"%s" and "%s" index alike', (a, b) => {
    expect(searchText(a)).toBe(searchText(b));
    expect(searchText(a)).not.toBe('');
  });

  it('keeps distinct words distinct, drops stop words, and pads two-letter words for MariaDB', () => {
    expect(searchText('Mon PC ne démarre plus')).toBe('pczq demarr');
    expect(queryTerms('le la les de du')).toEqual([]);
    expect(searchText('VPN')).not.toBe(searchText('VPS'));
    expect(stem('2026')).toBe('2026');
  });

  it('lets nothing but [a-z0-9] and spaces through, so no full-text operator reaches SQL', () => {
    expect(searchText('"imprimante*" -écran +(vpn) @wifi ~x <y> \' OR 1=1; --')).toMatch(/^[a-z0-9 ]+$/);
    expect(queryTerms('a '.repeat(100) + 'x1 x2 x3 x4 x5 x6 x7 x8 x9 y1 y2 y3 y4 y5 y6 y7 y8 y9')).toHaveLength(16);
  });
});

describe('R15 search result excerpts', () => {
  it('shows the words of the Markdown, not its syntax, and stays short', () => {
    expect(excerptOf('## Étapes\n\n1. Ouvrez **FortiClient**.\n2. Voir [la page Wi-Fi](https://x.example/wifi).\n> `gpupdate`')).toBe(
      'Étapes Ouvrez FortiClient. Voir la page Wi-Fi. gpupdate',
    );
    expect(excerptOf('mot '.repeat(200)).length).toBe(240);
  });
});
