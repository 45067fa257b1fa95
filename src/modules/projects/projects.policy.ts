import type { Actor } from '../auth/actor.ts';
import type { ProjectScope } from './projects.repository.ts';

/**
 * Who sees which projects, in one place:
 * - public: labelled projects (title, summary, partners, public funding) and external EU projects;
 *   never drafts, submissions, review stages, per-partner budgets or reviewers;
 * - member of organisation O: also every project O takes part in, drafts included;
 * - network manager of N: also the submitted projects of N (not consortia's drafts);
 * - admin: everything.
 */
export function projectScope(actor: Actor): ProjectScope {
  if (actor.isAdmin) return { all: true };
  return { networkIds: actor.managerOf, organisationIds: actor.memberOf };
}

/** May the actor see the confidential parts of a project (budgets, requested funding, journal)? */
export function seesConfidential(
  actor: Actor,
  project: { networkIds: number[]; partnerOrganisationIds: number[]; status: string },
): boolean {
  if (actor.isAdmin) return true;
  if (project.partnerOrganisationIds.some((o) => actor.memberOf.includes(o))) return true;
  return project.status !== 'draft' && project.networkIds.some((n) => actor.managerOf.includes(n));
}
