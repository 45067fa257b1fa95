/**
 * Conflicts of interest between a reviewer and a project (pure). A reviewer is conflicted when:
 * - `partner`: an organisation the reviewer belongs to (now, or within the last N years of
 *   affiliation history) is a partner of the project;
 * - `collaboration`: such an organisation shared another project with one of the partners within
 *   the last N years (N set per call);
 * - `declared`: the reviewer declared a conflict with the project or with one of its partners.
 */

export type ConflictKind = 'partner' | 'collaboration' | 'declared';

export interface ConflictReason {
  kind: ConflictKind;
  organisationId: number | null;
  message: { fr: string; en: string };
}

export interface ReviewerFacts {
  id: number;
  /** organisations of the reviewer within the conflict window */
  organisationIds: readonly number[];
  declaredProjectIds: readonly number[];
  declaredOrganisationIds: readonly number[];
}

export interface ProjectFacts {
  id: number;
  partnerIds: readonly number[];
  partnerNames?: ReadonlyMap<number, string>;
}

/**
 * @param collaborations recent co-participations: for each organisation, the set of organisations
 *   it shared a project with in the window (excluding the project under review).
 */
export function conflictReasons(
  reviewer: ReviewerFacts,
  project: ProjectFacts,
  collaborations: ReadonlyMap<number, ReadonlySet<number>>,
  years: number,
): ConflictReason[] {
  const reasons: ConflictReason[] = [];
  const name = (id: number) => project.partnerNames?.get(id) ?? `#${id}`;
  const partners = new Set(project.partnerIds);
  for (const o of reviewer.organisationIds)
    if (partners.has(o))
      reasons.push({
        kind: 'partner',
        organisationId: o,
        message: {
          fr: `L’organisation de l’expert (${name(o)}) est partenaire du projet.`,
          en: `The reviewer’s organisation (${name(o)}) is a partner of the project.`,
        },
      });
  for (const o of reviewer.organisationIds) {
    const with_ = collaborations.get(o);
    if (!with_) continue;
    for (const p of project.partnerIds)
      if (p !== o && with_.has(p))
        reasons.push({
          kind: 'collaboration',
          organisationId: p,
          message: {
            fr: `L’organisation de l’expert a collaboré avec ${name(p)} dans un projet des ${years} dernières années.`,
            en: `The reviewer’s organisation worked with ${name(p)} in a project of the last ${years} years.`,
          },
        });
  }
  if (reviewer.declaredProjectIds.includes(project.id))
    reasons.push({
      kind: 'declared',
      organisationId: null,
      message: {
        fr: 'Conflit déclaré par l’expert pour ce projet.',
        en: 'Conflict declared by the reviewer for this project.',
      },
    });
  for (const o of reviewer.declaredOrganisationIds)
    if (partners.has(o))
      reasons.push({
        kind: 'declared',
        organisationId: o,
        message: {
          fr: `Conflit déclaré par l’expert avec ${name(o)}.`,
          en: `Conflict declared by the reviewer with ${name(o)}.`,
        },
      });
  return reasons;
}
