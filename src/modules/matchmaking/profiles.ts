import { type Collaboration, collaborationOf } from '../../analytics/matchmaking/proximity.ts';
import { buildTfIdf, type TfIdfMatrix, Vocabulary } from '../../analytics/matchmaking/tfidf.ts';
import type { Db } from '../../db/database.ts';
import { todayIso } from '../../domain/dates.ts';
import * as repo from './matchmaking.repository.ts';

/**
 * Competence profiles and the collaboration graph, held in memory on typed arrays. An
 * organisation's profile is the TF-IDF vector of what it says (description, keywords), what it
 * does (its NACE codes' labels), where it belongs (its networks' names and domains) and what it
 * did (title, summary and keywords of its public projects). Built from a few set-based queries
 * (matchmaking.repository.ts) and cached per data version by the service.
 */

/** Profile sources: bit positions in `TfIdfMatrix.sources`. */
export const SOURCE_NAMES = ['description', 'keywords', 'nace', 'networks', 'projects'] as const;
export type ProfileSource = (typeof SOURCE_NAMES)[number];
const SRC = { description: 0, keywords: 1, nace: 2, networks: 3, projects: 4 } as const;

/** How much one occurrence counts, by source: a chosen keyword says more than a word of prose. */
const WEIGHT = {
  description: 1,
  keywords: 2,
  nace: 1,
  networks: 1,
  title: 1.5,
  summary: 1,
  projectKeywords: 2,
};

export interface Corpus {
  /** organisations, by index */
  ids: Int32Array;
  index: Map<number, number>;
  names: string[];
  kinds: string[];
  sizeClasses: (string | null)[];
  provinces: (string | null)[];
  /** current networks (indices into networkSlugs) per organisation */
  networks: Int32Array[];
  networkIds: number[];
  networkSlugs: string[];
  networkNames: string[];
  vocabulary: Vocabulary;
  desc: Int32Array[];
  keywords: Int32Array[];
  nace: Int32Array[];
  networkTerms: Int32Array[];
  /** public projects, by index */
  projectIds: Int32Array;
  projectDays: (string | null)[];
  projectTerms: { title: Int32Array; summary: Int32Array; keywords: Int32Array }[];
  /** organisation indices per project */
  projectMembers: Int32Array[];
  /** project indices per organisation */
  organisationProjects: Int32Array[];
  /** network indices per project */
  projectNetworks: Int32Array[];
}

function group(n: number, pairs: readonly [number, number][]): Int32Array[] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) lists[a]!.push(b);
  return lists.map((l) => Int32Array.from(l));
}

/** Reads and tokenises everything profiles are made of. */
export async function loadCorpus(db: Db): Promise<Corpus> {
  const [orgs, nace, nets, members, projects, partners, projectNets] = await Promise.all([
    repo.organisationRows(db),
    repo.naceLabels(db),
    repo.networkRows(db),
    repo.currentMemberships(db, todayIso()),
    repo.publicProjects(db),
    repo.publicPartners(db),
    repo.publicProjectNetworks(db),
  ]);
  const vocabulary = new Vocabulary();
  const index = new Map(orgs.map((o, i) => [o.id, i]));
  const naceText = new Map(nace.map((c) => [c.code, `${c.labelFr} ${c.labelEn ?? ''}`]));
  const netIndex = new Map(nets.map((n, i) => [n.id, i]));
  const netTerms = nets.map((n) => vocabulary.internText(`${n.name} ${n.domain}`));
  const orgNets = group(
    orgs.length,
    members
      .filter((m) => index.has(m.organisationId))
      .map((m) => [index.get(m.organisationId)!, netIndex.get(m.networkId)!]),
  );
  const projectIndex = new Map(projects.map((p, i) => [p.id, i]));
  const pairs: [number, number][] = [];
  for (const pp of partners) {
    const o = index.get(pp.organisationId);
    const p = projectIndex.get(pp.projectId);
    if (o !== undefined && p !== undefined) pairs.push([p, o]);
  }
  const projectMembers = group(projects.length, pairs).map((m) => Int32Array.from(new Set(m)));
  const organisationProjects = group(
    orgs.length,
    projectMembers.flatMap((m, p) => Array.from(m, (o) => [o, p] as [number, number])),
  );
  return {
    ids: Int32Array.from(orgs.map((o) => o.id)),
    index,
    names: orgs.map((o) => o.name),
    kinds: orgs.map((o) => o.kind),
    sizeClasses: orgs.map((o) => o.sizeClass),
    provinces: orgs.map((o) => o.provinceNis),
    networks: orgNets.map((l) => Int32Array.from(new Set(l))),
    networkIds: nets.map((n) => n.id),
    networkSlugs: nets.map((n) => n.slug),
    networkNames: nets.map((n) => n.name),
    vocabulary,
    desc: orgs.map((o) => vocabulary.internText(o.description)),
    keywords: orgs.map((o) => vocabulary.internText(o.keywords.join(' ; '))),
    nace: orgs.map((o) => vocabulary.internText(o.naceCodes.map((c) => naceText.get(c) ?? '').join(' ; '))),
    networkTerms: netTerms,
    projectIds: Int32Array.from(projects.map((p) => p.id)),
    projectDays: projects.map((p) => p.day),
    projectTerms: projects.map((p) => ({
      title: vocabulary.internText(p.title),
      summary: vocabulary.internText(p.summary),
      keywords: vocabulary.internText(p.keywords.join(' ; ')),
    })),
    projectMembers,
    organisationProjects,
    projectNetworks: group(
      projects.length,
      projectNets
        .filter((x) => projectIndex.has(x.projectId))
        .map((x) => [projectIndex.get(x.projectId)!, netIndex.get(x.networkId)!]),
    ),
  };
}

/**
 * The TF-IDF profiles; `includeProject(p)` says which projects count (all of them for the API;
 * the projects before a day for the offline evaluation, so a held-out project never feeds them).
 */
export function profilesOf(c: Corpus, includeProject: (p: number) => boolean = () => true): TfIdfMatrix {
  return buildTfIdf(c.ids.length, c.vocabulary.size, (r, add) => {
    add(c.desc[r]!, WEIGHT.description, SRC.description);
    add(c.keywords[r]!, WEIGHT.keywords, SRC.keywords);
    add(c.nace[r]!, WEIGHT.nace, SRC.nace);
    for (const n of c.networks[r]!) add(c.networkTerms[n]!, WEIGHT.networks, SRC.networks);
    for (const p of c.organisationProjects[r]!) {
      if (!includeProject(p)) continue;
      const t = c.projectTerms[p]!;
      add(t.title, WEIGHT.title, SRC.projects);
      add(t.summary, WEIGHT.summary, SRC.projects);
      add(t.keywords, WEIGHT.projectKeywords, SRC.projects);
    }
  });
}

export interface Model {
  version: number;
  corpus: Corpus;
  profiles: TfIdfMatrix;
  collaboration: Collaboration;
  /** milliseconds spent building (queries + tokenising + matrices) */
  buildMs: number;
}

export async function buildModel(db: Db, version: number): Promise<Model> {
  const t0 = performance.now();
  const corpus = await loadCorpus(db);
  const profiles = profilesOf(corpus);
  const collaboration = collaborationOf(corpus.ids.length, corpus.projectMembers);
  return { version, corpus, profiles, collaboration, buildMs: performance.now() - t0 };
}
