/**
 * Expertise affinity between a reviewer and a project: overlap of their normalised terms
 * (lower case, no accents, final -s/-x of plurals dropped, stop words and short words
 * dropped), as a cosine on sets: |A ∩ B| / √(|A|·|B|), 0..1. Pure.
 */

const STOP = new Set([
  'les',
  'des',
  'pour',
  'dans',
  'avec',
  'sur',
  'par',
  'une',
  'aux',
  'du',
  'de',
  'la',
  'le',
  'et',
  'en',
  'un',
  'the',
  'and',
  'for',
  'with',
  'from',
  'into',
  'of',
  'to',
  'in',
  'on',
  'a',
  'an',
  'nouvelles',
  'nouveaux',
  'développement',
  'developpement',
  'development',
  'projet',
  'project',
  'approches',
  'plateforme',
]);

export function terms(text: string): string[] {
  const out = new Set<string>();
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  for (let w of words) {
    if (w.length < 4 || STOP.has(w)) continue;
    // plural → singular (composites → composite, matériaux → materiau)
    if (w.length > 4 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
    out.add(w);
  }
  return [...out];
}

export function affinity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let common = 0;
  for (const t of new Set(b)) if (set.has(t)) common++;
  return common / Math.sqrt(set.size * new Set(b).size);
}

/** Affinity matrix P×R (row-major), from each side's term lists. */
export function affinityMatrix(projects: readonly string[][], reviewers: readonly string[][]): Float64Array {
  const m = new Float64Array(projects.length * reviewers.length);
  for (let p = 0; p < projects.length; p++)
    for (let r = 0; r < reviewers.length; r++)
      m[p * reviewers.length + r] = affinity(projects[p]!, reviewers[r]!);
  return m;
}
