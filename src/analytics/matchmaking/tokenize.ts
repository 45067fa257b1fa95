/**
 * French/English tokenisation for competence profiles: lower case, accents folded, elisions and
 * punctuation split off, stop words of both languages dropped, and a light stemmer (plural and a
 * few frequent inflections) so that "matériaux composites" and "matériau composite" meet. Each
 * token keeps the surface form it was read from (lower case, accents kept) so reasons can quote
 * the words people wrote. Bigrams of adjacent content words ("materiau composite") are emitted
 * too: they make a phrase match count more than two scattered words. Pure.
 */

const STOP_WORDS = [
  // French
  'les des pour dans avec sur par une aux du de la le et en un au ou ce ces cet cette son sa ses leur leurs',
  'nos notre vos votre est sont etre ete qui que quoi dont ainsi aussi plus moins tres tout tous toute toutes',
  'entre sans sous vers chez afin comme mais donc car pas ne se ses elle il ils elles nous vous on via',
  'autre autres meme chaque lors depuis avant apres selon deja encore bien fait faire peut',
  // English
  'the and for with from into of to in on a an by at as is are be been its their our your this that',
  'these those which who what or not but also more most such can will using use based new',
  // domain words that say nothing about a competence
  'nouvelles nouveaux nouvelle nouveau developpement development projet project projects projets',
  'approche approches plateforme platform donnees generees demonstration demo active actif domaine',
  'organisation entreprise enterprise company societe porte consortium partenaire partenaires partner partners',
].join(' ');

const STOP = new Set(STOP_WORDS.split(/\s+/));

/** Lower case without accents (NFD + combining marks removed). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Light stemming of a folded word, the same for both languages: plurals (-s, -x, -aux → -al,
 * -eaux → -eau, -iaux → -iau, -ies → -y), and French feminine / adjectival endings that split
 * families ("industrielle" → "industriel", "numérique(s)" unchanged). Deliberately conservative:
 * a wrong merge costs more than a missed one in reasons people read.
 */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('eaux')) return w.slice(0, -1);
  if (w.endsWith('iaux')) return w.slice(0, -1);
  if (w.endsWith('aux') && w.length > 5) return `${w.slice(0, -3)}al`;
  if (w.endsWith('ies') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('x') && w.length > 4) w = w.slice(0, -1);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('elle') && w.length > 6) return w.slice(0, -2);
  if (w.endsWith('ive') && w.length > 6) return `${w.slice(0, -1)}`;
  return w;
}

export interface Token {
  /** stemmed, folded term (a bigram is two stems joined by a space) */
  term: string;
  /** the words as written (lower case, accents kept) */
  surface: string;
}

/** Words, and the punctuation that ends a phrase (no bigram spans it: keyword lists are "a ; b"). */
const WORD = /[\p{L}\p{N}]+|[,;.:!?()[\]«»"/|]/gu;

/**
 * Tokens of a text: content words (≥ 3 letters, or digits-bearing codes of ≥ 2), stemmed, then
 * the bigrams of adjacent content words (a stop word breaks a bigram: "capteurs pour l'aviation"
 * gives no "capteur aviation"), nor does punctuation.
 */
export function tokenize(text: string, bigrams = true): Token[] {
  const out: Token[] = [];
  let prev: Token | null = null;
  for (const m of text.matchAll(WORD)) {
    const surface = m[0].toLowerCase();
    if (surface.length === 1 && !/[\p{L}\p{N}]/u.test(surface)) {
      prev = null;
      continue;
    }
    const folded = fold(surface);
    if (STOP.has(folded) || folded.length < 3 || /^\d+$/.test(folded)) {
      prev = null;
      continue;
    }
    const t: Token = { term: stem(folded), surface };
    out.push(t);
    if (bigrams && prev)
      out.push({ term: `${prev.term} ${t.term}`, surface: `${prev.surface} ${t.surface}` });
    prev = t;
  }
  return out;
}
