import type { DemoData } from './demo.generator.ts';
import { rng } from './demo.generator.ts';
import { POLES, pick, TOPICS } from './demo.projects.ts';

export interface DemoReviewer {
  name: string;
  /** the organisation (demo key) the reviewer works for; null for the international jury */
  orgKey: number | null;
  country: string;
  expertise: string[];
  stages: number[];
}

const JURY_NAMES = [
  ['Claire', 'Dubois', 'FR'],
  ['Hans', 'Keller', 'DE'],
  ['Sofia', 'Rossi', 'IT'],
  ['Pieter', 'de Vries', 'NL'],
  ['Ana', 'García', 'ES'],
  ['Lukas', 'Huber', 'AT'],
  ['Emma', 'Larsen', 'DK'],
  ['Marc', 'Weber', 'CH'],
  ['Julie', 'Martin', 'FR'],
  ['Jonas', 'Berg', 'SE'],
  ['Inès', 'Moreau', 'FR'],
  ['Tomasz', 'Nowak', 'PL'],
] as const;

/**
 * The demo's reviewer pool: experts from the academic members (selection committees, stage 1,
 * conflicts with their own organisation's projects found automatically) and an international jury
 * (stage 2). Expertise drawn from the poles' topics.
 */
export function generateDemoReviewers(data: DemoData, seed = 2006): DemoReviewer[] {
  const r = rng(seed ^ 0x7e7e);
  const academics = data.organisations.filter(
    (o) => o.kind === 'university' || o.kind === 'research_centre' || o.kind === 'university_college',
  );
  const out: DemoReviewer[] = [];
  const people = new Map<number, { firstName: string; lastName: string }>();
  for (const p of data.people) if (!people.has(p.orgKey)) people.set(p.orgKey, p);
  for (const o of academics.slice(0, 48)) {
    const who = people.get(o.key);
    if (!who) continue;
    const pole = pick(r, POLES);
    const topics = TOPICS[pole]!;
    out.push({
      name: `${who.firstName} ${who.lastName}`,
      orgKey: o.key,
      country: 'BE',
      expertise: [pick(r, topics), pick(r, topics), pick(r, TOPICS[pick(r, POLES)]!)].filter(
        (x, i, a) => a.indexOf(x) === i,
      ),
      stages: [1],
    });
  }
  for (const [first, last, country] of JURY_NAMES) {
    const pole = pick(r, POLES);
    out.push({
      name: `${first} ${last}`,
      orgKey: null,
      country,
      expertise: [...TOPICS[pole]!.slice(0, 3), pick(r, TOPICS[pick(r, POLES)]!)],
      stages: [2],
    });
  }
  return out;
}
