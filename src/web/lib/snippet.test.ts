import { describe, expect, it } from 'vitest';
import { parseSnippet, unescapeHtml } from './snippet.ts';

describe('parseSnippet', () => {
  it('turns marks into parts and unescapes the rest', () => {
    expect(parseSnippet('R&amp;D en <mark>aéronautique</mark> &lt;b&gt; ok')).toEqual([
      { text: 'R&D en ', mark: false },
      { text: 'aéronautique', mark: true },
      { text: ' <b> ok', mark: false },
    ]);
  });

  it('keeps any other tag as text and closes an open mark at the end', () => {
    expect(parseSnippet('<b>x</b> <mark>y')).toEqual([
      { text: '<b>x</b> ', mark: false },
      { text: 'y', mark: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });

  it('reads numeric entities and leaves unknown ones alone', () => {
    expect(unescapeHtml('&#39;&#x27;&nope;')).toBe("''&nope;");
  });
});
