import type { Db } from '../../db/database.ts';
import type { ReferenceLookup } from '../../domain/organisation-input.ts';

/** The reference lists validation checks against; `null` for a list not imported yet. */
export async function loadReferenceLookup(db: Db): Promise<ReferenceLookup> {
  const [nace, munis] = await Promise.all([
    db.selectFrom('naceCodes').select('code').execute(),
    db.selectFrom('municipalities').select(['nis', 'provinceNis']).execute(),
  ]);
  return {
    naceCodes: nace.length > 0 ? new Set(nace.map((r) => r.code)) : null,
    municipalities:
      munis.length > 0 ? new Map(munis.map((m) => [m.nis, { provinceNis: m.provinceNis }])) : null,
  };
}

export async function listMunicipalities(db: Db, opts: { walloonOnly?: boolean } = {}) {
  return db
    .selectFrom('municipalities')
    .selectAll()
    .$if(opts.walloonOnly === true, (q) => q.where('region', '=', 'wallonia'))
    .orderBy('nameFr')
    .execute();
}

export async function listNace(db: Db, opts: { q?: string; level?: number; limit: number }) {
  let q = db.selectFrom('naceCodes').selectAll();
  if (opts.level) q = q.where('level', '=', opts.level);
  if (opts.q) {
    const like = `%${opts.q.toLowerCase()}%`;
    q = q.where((e) =>
      e.or([
        e('code', 'like', `${opts.q}%`),
        e(e.fn('lower', ['labelFr']), 'like', like),
        e(e.fn('lower', ['labelEn']), 'like', like),
      ]),
    );
  }
  return q.orderBy('code').limit(opts.limit).execute();
}

export async function listBoundaries(db: Db, level: 'province' | 'municipality' | 'arrondissement') {
  return db.selectFrom('boundaries').selectAll().where('level', '=', level).orderBy('nis').execute();
}
