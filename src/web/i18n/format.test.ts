import { describe, expect, it } from 'vitest';
import { formatDate, formatEuro, formatNumber, formatPercent, parseNumber } from './format.ts';
import { type MessageKey, translate } from './i18n.tsx';

describe('Belgian formats', () => {
  it('groups thousands with a dot and uses a decimal comma, in French too', () => {
    expect(formatNumber('fr', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1.234,5');
    expect(formatNumber('fr', 1088)).toBe('1.088');
    expect(formatNumber('fr', 12)).toBe('12');
  });

  it('writes shares and money the Belgian way', () => {
    expect(formatPercent('fr', 0.9076)).toMatch(/^90,8\s%$/);
    expect(formatEuro('fr', 12060225)).toMatch(/^12\.060\.225\s€$/);
  });

  it('writes dates as 31/12/2017 (31.12.2017 in German)', () => {
    expect(formatDate('fr', '2017-12-31')).toBe('31/12/2017');
    expect(formatDate('en', '2017-12-31')).toBe('31/12/2017');
    expect(formatDate('de', '2017-12-31')).toBe('31.12.2017');
    expect(formatDate('fr', 'not a date')).toBe('not a date');
  });

  it('reads numbers typed with dots, spaces or a decimal comma', () => {
    expect(parseNumber('1.250.000')).toBe(1_250_000);
    expect(parseNumber('1 250 000 €')).toBe(1_250_000);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('118')).toBe(118);
    expect(parseNumber('douze')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });
});

describe('catalogues', () => {
  it('fills placeholders in every language', () => {
    expect(translate('fr', 'results.count', { n: '1.088' })).toBe('1.088 organisations');
    expect(translate('en', 'nav.networks')).toBe('Networks');
    expect(translate('nl', 'results.count', { n: '1.088' })).toBe('1.088 organisaties');
    expect(translate('de', 'pagination.status', { page: 2, pages: 5 })).toBe('Seite 2 von 5');
  });

  it('answers an unknown key with the key itself', () => {
    expect(translate('nl', 'no.such.key' as MessageKey)).toBe('no.such.key');
  });
});
