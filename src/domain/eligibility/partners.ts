import type { OrganisationKind } from '../organisation.ts';
import { isSme as isSmeClass, type SizeClass } from '../size-class.ts';
import type { ConsortiumPartner, PartnerRole } from './types.ts';

/** Roles a composition rule counts when the rule does not say (see `RoleFilter`). */
export const DEFAULT_ROLES: readonly PartnerRole[] = ['coordinator', 'partner'];

/**
 * An SME in the sense of Commission Recommendation 2003/361/EC: an enterprise of size class
 * micro, small or medium. An enterprise of unknown size is not counted as an SME (the applicant
 * must state it), nor is a university or a public body whatever its headcount.
 */
export function isSme(kind: OrganisationKind, sizeClass: SizeClass | null): boolean {
  return kind === 'enterprise' && isSmeClass(sizeClass);
}

/**
 * The partners with one of `roles` that satisfy `keep`, one entry per organisation (an
 * organisation listed twice — two departments — counts once). Linear scans: consortia have a
 * dozen partners, and this avoids building a Set per rule.
 */
export function selectPartners(
  partners: readonly ConsortiumPartner[],
  roles: readonly PartnerRole[] | undefined,
  keep: ((p: ConsortiumPartner) => boolean) | null,
): ConsortiumPartner[] {
  const rs = roles ?? DEFAULT_ROLES;
  const out: ConsortiumPartner[] = [];
  for (let i = 0; i < partners.length; i++) {
    const p = partners[i]!;
    if (!rs.includes(p.role)) continue;
    if (keep !== null && !keep(p)) continue;
    let seen = false;
    for (let j = 0; j < out.length; j++) {
      if (out[j]!.organisationId === p.organisationId) {
        seen = true;
        break;
      }
    }
    if (!seen) out.push(p);
  }
  return out;
}

export function coordinators(partners: readonly ConsortiumPartner[]): ConsortiumPartner[] {
  const out: ConsortiumPartner[] = [];
  for (let i = 0; i < partners.length; i++) if (partners[i]!.role === 'coordinator') out.push(partners[i]!);
  return out;
}

export function ids(partners: readonly ConsortiumPartner[]): string[] {
  const out = new Array<string>(partners.length);
  for (let i = 0; i < partners.length; i++) out[i] = partners[i]!.organisationId;
  return out;
}

export function isMemberOfAny(p: ConsortiumPartner, networks: readonly string[]): boolean {
  for (let i = 0; i < p.networks.length; i++) if (networks.includes(p.networks[i]!)) return true;
  return false;
}
