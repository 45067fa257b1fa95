import { describe, expect, it } from 'vitest';
import { MAX_WORDS, parseSearchQuery, safeHighlight, wordVariants } from './search-query.ts';

describe('parseSearchQuery', () => {
  it('splits words, strips accents and punctuation, keeps a normalised text for trigrams', () => {
    expect(parseSearchQuery('  Matériaux   composites! ')).toEqual({
      groups: ['materiaux materiau', 'composites'],
      normalised: 'materiaux composites!',
    });
  });

  it('adds the singular of -aux plurals and the plural of -au singulars, not of -eau(x)', () => {
    expect(wordVariants('Matériau')).toEqual(['materiau', 'materiaux']);
    expect(wordVariants('réseaux')).toEqual(['reseaux']);
    expect(wordVariants('eau')).toEqual(['eau']);
    expect(wordVariants('énergie')).toEqual(['energie']);
  });

  it('has no group for a text without words, and caps the number of words', () => {
    expect(parseSearchQuery('  ?! -- ').groups).toEqual([]);
    expect(parseSearchQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).groups).toHaveLength(
      MAX_WORDS,
    );
  });
});

describe('safeHighlight', () => {
  it('escapes everything but the marks', () => {
    expect(safeHighlight('R&D <mark>matériaux</mark> a<b "x"')).toBe(
      'R&amp;D <mark>matériaux</mark> a&lt;b &quot;x&quot;',
    );
  });

  it('closes an unbalanced mark and escapes a stray closing one', () => {
    expect(safeHighlight('<mark>x')).toBe('<mark>x</mark>');
    expect(safeHighlight('x</mark> y')).toBe('x&lt;/mark&gt; y');
  });
});
