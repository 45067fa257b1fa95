import { stripAccents } from './text.ts';

/**
 * A user's search text, read once: the words the full-text query is built from (with their
 * variants) and the normalised text trigram similarity compares with names.
 */
export interface ParsedQuery {
  /**
   * One group per word: the word and its variants separated by spaces, as the database function
   * `polaris_tsquery` takes them (each group is ORed over variants and languages; groups are ANDed).
   */
  groups: string[];
  /** lower case, accent-free, single spaces: compared with names by trigram similarity */
  normalised: string;
}

/** Words beyond this are ignored: a search box is not a document. */
export const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Variants the French stemmer does not reconcile on its own. Snowball French turns the plural
 * "-aux" into "-al" ("matériaux" → "material", as "chevaux" → "cheval") but leaves the singular
 * "matériau" alone, so "matériaux composites" would not find "materiau composite" (nor the
 * reverse). A word in "-aux" also stands for its "-au" singular, and a word in "-au" for its
 * "-aux" plural; "-eau"/"-eaux" are already handled by the stemmer.
 */
export function wordVariants(word: string): string[] {
  const w = stripAccents(word).toLowerCase();
  const out = [w];
  if (w.length > 4 && w.endsWith('aux') && !w.endsWith('eaux')) out.push(w.slice(0, -1));
  else if (w.length > 3 && w.endsWith('au') && !w.endsWith('eau')) out.push(`${w}x`);
  return out;
}

/** Parse a search text: "Matériaux  composites!" → groups ["materiaux materiau", "composites"]. */
export function parseSearchQuery(q: string): ParsedQuery {
  const words = (q.match(WORD) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH).slice(0, MAX_WORDS);
  return {
    groups: words.map((w) => wordVariants(w).join(' ')),
    normalised: stripAccents(q).toLowerCase().replace(/\s+/g, ' ').trim(),
  };
}

const MARK_OPEN = '<mark>';
const MARK_CLOSE = '</mark>';
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A `ts_headline` result made safe to render as HTML: everything is escaped except the
 * `<mark>`…`</mark>` pairs the database put around matches. PostgreSQL's parser drops any tag that
 * was in the source text (a stored "<mark>" never reaches the output as a tag), so the only marks
 * left are ours; an unbalanced one is escaped like any other text.
 */
export function safeHighlight(headline: string): string {
  let out = '';
  let open = false;
  let rest = headline;
  while (rest.length > 0) {
    const tag = open ? MARK_CLOSE : MARK_OPEN;
    const at = rest.indexOf(tag);
    if (at < 0) {
      out += escapeHtml(rest);
      break;
    }
    out += escapeHtml(rest.slice(0, at)) + tag;
    rest = rest.slice(at + tag.length);
    open = !open;
  }
  return open ? `${out}${MARK_CLOSE}` : out;
}
