import { CATALOGUE, LOCALES, MessageKey } from '../../../core/i18n/catalogue';
import { errorMessage, pickLocale, t } from '../../../core/i18n/translate';
import { ERROR_CODES, HelpdeskError } from '../../../core/shared/errors';

describe('one catalogue in French and English (issue 2 §5)', () => {
  it.each(ERROR_CODES)('has a French and an English text for error %s', (code) => {
    for (const locale of LOCALES) {
      const text = CATALOGUE[locale][`error.${code}` as MessageKey];
      expect(typeof text).toBe('string');
      expect(text.length).toBeGreaterThan(5);
    }
    expect(CATALOGUE.fr[`error.${code}` as MessageKey]).not.toBe(CATALOGUE.en[`error.${code}` as MessageKey]);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(CATALOGUE.fr) as MessageKey[]) {
      expect([key, names(CATALOGUE.en[key])]).toEqual([key, names(CATALOGUE.fr[key])]);
    }
  });

  it('fills parameters and lists', () => {
    expect(t('fr', 'error.already_claimed', { number: 12, by: 'Théo' })).toBe('Le ticket #12 est déjà pris par Théo.');
    expect(errorMessage('en', new HelpdeskError('open_dependencies', { number: 3, tickets: '#4, #5' }))).toBe(
      'Ticket #3 depends on tickets that are still open: #4, #5.',
    );
    expect(errorMessage('en', new HelpdeskError('validation_failed', {}, [{ path: 'title', message: 'Too small' }]))).toBe(
      'The request is invalid: title: Too small.',
    );
  });

  it("prefers the person's locale, then the deployment's, then French", () => {
    expect(pickLocale('en-GB', 'fr')).toBe('en');
    expect(pickLocale(null, 'en')).toBe('en');
    expect(pickLocale('de', 'it')).toBe('fr');
    expect(pickLocale('FR', 'en')).toBe('fr');
  });
});
