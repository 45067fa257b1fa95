import { tokenize } from './tokenize.ts';

/**
 * TF-IDF competence profiles on typed arrays. Rows are organisations, columns terms of a shared
 * vocabulary. The matrix is stored twice: by row (CSR: an organisation's terms, for its profile
 * and for explaining a match) and by term (CSC postings: the organisations using a term, so a
 * query of a dozen terms touches only their postings instead of every profile).
 *
 * Weighting (Manning, Raghavan & Schütze, Introduction to Information Retrieval, §6.4, "ltc"):
 * tf = 1 + ln(weighted count), idf = ln(N / df), rows L2-normalised; the cosine of two rows is
 * then their dot product. Counts are weighted by their source (a keyword counts more than a word
 * of a description); `sources` keeps, per entry, a bit mask of the sources a term came from.
 */

/** Terms interned to dense ids; the first surface form seen is kept for display. */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly surfaces: string[] = [];
  readonly terms: string[] = [];

  get size(): number {
    return this.terms.length;
  }

  intern(term: string, surface: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.surfaces.push(surface);
    }
    return id;
  }

  /** Ids of a text's tokens, interning new terms (repeated ids = repeated words). */
  internText(text: string | null | undefined): Int32Array {
    if (!text) return EMPTY;
    const toks = tokenize(text);
    const out = new Int32Array(toks.length);
    for (let i = 0; i < toks.length; i++) out[i] = this.intern(toks[i]!.term, toks[i]!.surface);
    return out;
  }

  /** Ids of a text's known terms only (a query: unknown terms match no profile). */
  lookupText(text: string | null | undefined): Int32Array {
    if (!text) return EMPTY;
    const ids: number[] = [];
    for (const t of tokenize(text)) {
      const id = this.ids.get(t.term);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  }
}

const EMPTY = new Int32Array(0);

export interface TfIdfMatrix {
  rows: number;
  vocabulary: number;
  /** CSR by row: entries offsets[r] .. offsets[r+1], terms sorted ascending */
  offsets: Int32Array;
  terms: Int32Array;
  /** L2-normalised tf-idf weights */
  weights: Float32Array;
  /** bit mask of the sources of each entry */
  sources: Uint8Array;
  /** CSC postings by term */
  termOffsets: Int32Array;
  termRows: Int32Array;
  termWeights: Float32Array;
  idf: Float32Array;
}

/** Adds a row's bag of term ids: `ids` repeated `weight` times, tagged with source bit `source`. */
export type AddTerms = (ids: Int32Array, weight: number, source: number) => void;

/**
 * Builds the matrix of `rows` rows over a vocabulary of `vocabularySize` terms. `visit(row, add)`
 * is called once per row, in order, and adds the row's term bags. Linear in the number of tokens:
 * each row is accumulated in a dense scratch vector (touched entries only are reset).
 */
export function buildTfIdf(
  rows: number,
  vocabularySize: number,
  visit: (row: number, add: AddTerms) => void,
): TfIdfMatrix {
  const acc = new Float64Array(vocabularySize);
  const src = new Uint8Array(vocabularySize);
  const touched = new Int32Array(vocabularySize);
  const df = new Int32Array(vocabularySize);
  let nTouched = 0;
  const add: AddTerms = (ids, weight, source) => {
    const bit = 1 << source;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      if (acc[t] === 0) touched[nTouched++] = t;
      acc[t]! += weight;
      src[t]! |= bit;
    }
  };
  const offsets = new Int32Array(rows + 1);
  let cap = Math.max(1024, rows * 8);
  let terms = new Int32Array(cap);
  let counts = new Float32Array(cap);
  let sources = new Uint8Array(cap);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    nTouched = 0;
    visit(r, add);
    const row = touched.subarray(0, nTouched).sort();
    if (nnz + nTouched > cap) {
      cap = Math.max(cap * 2, nnz + nTouched);
      terms = grow(terms, cap);
      counts = grow(counts, cap);
      sources = grow(sources, cap);
    }
    for (let i = 0; i < row.length; i++) {
      const t = row[i]!;
      terms[nnz] = t;
      counts[nnz] = acc[t]!;
      sources[nnz] = src[t]!;
      nnz++;
      df[t]!++;
      acc[t] = 0;
      src[t] = 0;
    }
    offsets[r + 1] = nnz;
  }
  terms = terms.slice(0, nnz);
  sources = sources.slice(0, nnz);
  const idf = new Float32Array(vocabularySize);
  for (let t = 0; t < vocabularySize; t++) idf[t] = df[t]! > 0 ? Math.log(rows / df[t]!) : 0;
  const weights = new Float32Array(nnz);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let e = offsets[r]!; e < offsets[r + 1]!; e++) {
      const w = (1 + Math.log(counts[e]!)) * idf[terms[e]!]!;
      weights[e] = w;
      norm += w * w;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let e = offsets[r]!; e < offsets[r + 1]!; e++) weights[e]! *= inv;
    }
  }
  // postings: counting sort by term; rows come out ascending within a term
  const termOffsets = new Int32Array(vocabularySize + 1);
  for (let e = 0; e < nnz; e++) termOffsets[terms[e]! + 1]!++;
  for (let t = 0; t < vocabularySize; t++) termOffsets[t + 1]! += termOffsets[t]!;
  const fill = termOffsets.slice(0, vocabularySize);
  const termRows = new Int32Array(nnz);
  const termWeights = new Float32Array(nnz);
  for (let r = 0; r < rows; r++)
    for (let e = offsets[r]!; e < offsets[r + 1]!; e++) {
      const k = fill[terms[e]!]!++;
      termRows[k] = r;
      termWeights[k] = weights[e]!;
    }
  return {
    rows,
    vocabulary: vocabularySize,
    offsets,
    terms,
    weights,
    sources,
    termOffsets,
    termRows,
    termWeights,
    idf,
  };
}

function grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** A sparse, L2-normalised query vector (terms ascending). */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

/** The tf-idf vector of a bag of term ids (repeats count), weighted by the matrix's idf. */
export function queryVector(m: TfIdfMatrix, ids: Int32Array): SparseVector {
  const counts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i]!;
    if (t < m.vocabulary && m.idf[t]! > 0) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const terms = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const weights = new Float32Array(terms.length);
  let norm = 0;
  for (let i = 0; i < terms.length; i++) {
    const w = (1 + Math.log(counts.get(terms[i]!)!)) * m.idf[terms[i]!]!;
    weights[i] = w;
    norm += w * w;
  }
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= Math.sqrt(norm);
  return { terms, weights };
}

/** The row `r` as a sparse vector (a view, no copy). */
export function rowVector(m: TfIdfMatrix, r: number): SparseVector {
  return {
    terms: m.terms.subarray(m.offsets[r]!, m.offsets[r + 1]!),
    weights: m.weights.subarray(m.offsets[r]!, m.offsets[r + 1]!),
  };
}

/**
 * Cosine of `q` with every row, written into `out` (length ≥ rows, zeroed here): only the
 * postings of the query's terms are read.
 */
export function cosineAll(m: TfIdfMatrix, q: SparseVector, out: Float32Array): Float32Array {
  out.fill(0, 0, m.rows);
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i]!;
    const qw = q.weights[i]!;
    for (let k = m.termOffsets[t]!; k < m.termOffsets[t + 1]!; k++)
      out[m.termRows[k]!]! += qw * m.termWeights[k]!;
  }
  // float rounding can push a self-cosine a hair above 1
  for (let r = 0; r < m.rows; r++) if (out[r]! > 1) out[r] = 1;
  return out;
}

export interface SharedTerm {
  term: number;
  /** q_t · r_t: this term's part of the cosine */
  contribution: number;
  /** source bits of the term in the row */
  sources: number;
}

/**
 * The terms row `r` shares with `q`, largest contribution first. A unigram already covered by a
 * shared bigram ("composite" inside "materiau composite") is left out when `isBigramOf` says so.
 */
export function sharedTerms(
  m: TfIdfMatrix,
  q: SparseVector,
  r: number,
  limit: number,
  words?: (term: number) => string,
): SharedTerm[] {
  const out: SharedTerm[] = [];
  let i = 0;
  let e = m.offsets[r]!;
  const end = m.offsets[r + 1]!;
  while (i < q.terms.length && e < end) {
    const a = q.terms[i]!;
    const b = m.terms[e]!;
    if (a === b) {
      out.push({ term: a, contribution: q.weights[i]! * m.weights[e]!, sources: m.sources[e]! });
      i++;
      e++;
    } else if (a < b) i++;
    else e++;
  }
  out.sort((x, y) => y.contribution - x.contribution || x.term - y.term);
  if (!words) return out.slice(0, limit);
  const kept: SharedTerm[] = [];
  const covered = new Set<string>();
  for (const s of out) {
    const w = words(s.term);
    if (w.includes(' ')) for (const part of w.split(' ')) covered.add(part);
  }
  for (const s of out) {
    const w = words(s.term);
    if (!w.includes(' ') && covered.has(w)) continue;
    kept.push(s);
    if (kept.length >= limit) break;
  }
  return kept;
}
