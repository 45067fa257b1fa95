import type { Db } from '../../db/database.ts';
import type { Consortium, ConsortiumPartner, Region } from '../../domain/eligibility/index.ts';
import type { OrganisationKind } from '../../domain/organisation.ts';
import { WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { SizeClass } from '../../domain/size-class.ts';

/** Brussels-Capital's NIS code as a province-level region. */
const BRUSSELS = '04000';

export function regionOf(provinceNis: string | null): Region {
  if (provinceNis == null) return 'abroad';
  if (WALLOON_PROVINCES.some((p) => p.nis === provinceNis)) return 'wallonia';
  if (provinceNis === BRUSSELS || provinceNis === '21000') return 'brussels';
  return 'flanders';
}

export interface PartnerInput {
  organisationId: number;
  role: 'coordinator' | 'partner' | 'subcontractor';
  budgetEur?: number | null;
  fundingRequestedEur?: number | null;
}

/**
 * The consortium as the eligibility engine sees it: each partner's kind, size class, location and
 * the networks it belongs to on `day` (the call's closing day), from the registry.
 */
export async function consortiumFromRegistry(
  db: Db,
  partners: readonly PartnerInput[],
  day: string,
  labellingNetworks: readonly string[],
  durationMonths: number | null,
): Promise<Consortium> {
  const ids = [...new Set(partners.map((p) => p.organisationId))];
  const orgs = ids.length
    ? await db
        .selectFrom('organisations as o')
        .where('o.id', 'in', ids)
        .select([
          'o.id',
          'o.name',
          'o.kind',
          'o.sizeClass',
          'o.provinceNis',
          (eb) =>
            eb
              .selectFrom('memberships as m')
              .innerJoin('networks as n', 'n.id', 'm.networkId')
              .whereRef('m.organisationId', '=', 'o.id')
              .where('m.joinedOn', '<=', day)
              .where((w) => w.or([w('m.leftOn', 'is', null), w('m.leftOn', '>=', day)]))
              .select((s) => s.fn.agg<string[]>('array_agg', ['n.slug']).as('slugs'))
              .as('networks'),
        ])
        .execute()
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const list: ConsortiumPartner[] = [];
  for (const p of partners) {
    const o = byId.get(p.organisationId);
    if (!o) continue;
    list.push({
      organisationId: String(o.id),
      name: o.name,
      kind: o.kind as OrganisationKind,
      sizeClass: o.sizeClass as SizeClass | null,
      province: o.provinceNis,
      region: regionOf(o.provinceNis),
      networks: o.networks ?? [],
      role: p.role,
      budget: p.budgetEur ?? 0,
      fundingRequested: p.fundingRequestedEur ?? 0,
    });
  }
  return { partners: list, durationMonths, labellingNetworks };
}
