import { describe, expect, it } from 'vitest';
import { LANGS, LISTED_LANGS, MESSAGES } from './i18n.tsx';
import { fr } from './messages-fr.ts';

const frenchKeys = Object.keys(fr).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(LANGS.filter((l) => l !== 'fr'))('the %s catalogue', (lang) => {
  const catalogue: Record<string, string> = MESSAGES[lang];

  it('has exactly the French keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(frenchKeys);
  });

  it('fills the same placeholders as French, and no message is empty', () => {
    const wrong = Object.entries(fr)
      .filter(([key, text]) => placeholders(catalogue[key] ?? '').join() !== placeholders(text).join())
      .map(([key]) => key);
    expect(wrong).toEqual([]);
    expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('the language switch', () => {
  it('offers every language, French first', () => {
    expect([...LISTED_LANGS].sort()).toEqual([...LANGS].sort());
    expect(LISTED_LANGS[0]).toBe('fr');
  });
});
