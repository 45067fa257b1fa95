import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bulkLoadOrganisations,
  refreshOrganisationSearch,
} from '../../src/modules/registry/organisations.repository.ts';
import { useTestApp } from '../helpers/app.ts';
import { DIALECT } from '../helpers/db.ts';

/** The embedded bulk load (COPY from memory) keeps every value exactly, whatever characters it holds. */
describe.skipIf(DIALECT !== 'pglite')('bulk load by COPY on the embedded database', () => {
  const t = useTestApp();

  it('round-trips tabs, new lines, backslashes, quotes, braces, commas, accents and nulls', async () => {
    const tricky = [
      'Tab\there',
      'Line\nbreak\r\nand CR',
      'Back\\slash \\N not null',
      'Quote "double" and \'single\'',
      'Braces {a,b} and commas, ; semicolons',
      'Œuvre € ’ É à ç',
      '',
    ];
    const rows = tricky.map((s, i) => ({
      id: 900_000 + i,
      name: `Org ${i} ${s}`,
      nameKey: `org ${i}`,
      searchText: `org ${i} ${s}`.toLowerCase(),
      kind: 'enterprise',
      enterpriseNumber: null,
      legalForm: i % 2 ? null : s,
      headcount: i % 2 ? null : i * 10,
      turnoverEur: i % 2 ? 1234.5 : null,
      balanceSheetEur: 1e21,
      sizeClass: null,
      naceCodes: i % 2 ? [] : ['25620', '2562'],
      naceSections: i % 2 ? [] : ['C'],
      address: s,
      postcode: null,
      municipalityNis: null,
      provinceNis: null,
      website: null,
      description: s,
      keywords: [s, 'a,b', 'x"y', 'back\\slash', 'NULL', ''],
      generated: i % 2 === 0,
    }));
    await t.handle.db.transaction().execute(async (trx) => bulkLoadOrganisations(trx, rows));
    const back = await t.handle.db
      .selectFrom('organisations')
      .select([
        'id',
        'name',
        'legalForm',
        'headcount',
        'turnoverEur',
        'balanceSheetEur',
        'naceCodes',
        'address',
        'description',
        'keywords',
        'generated',
      ])
      .where('id', '>=', 900_000)
      .orderBy('id')
      .execute();
    expect(back).toEqual(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        legalForm: r.legalForm,
        headcount: r.headcount,
        turnoverEur: r.turnoverEur,
        balanceSheetEur: r.balanceSheetEur,
        naceCodes: r.naceCodes,
        address: r.address,
        description: r.description,
        keywords: r.keywords,
        generated: r.generated,
      })),
    );
  });

  it('defers the full-text vectors of a bulk load, then indexes them; the data version moves on', async () => {
    const version = async () =>
      (await t.handle.db.selectFrom('dataVersion').select('version').executeTakeFirstOrThrow()).version;
    const before = await version();
    const rows = [0, 1, 2].map((i) => ({
      id: 910_000 + i,
      name: `Zythologie ${i} SRL`,
      nameKey: `zythologie ${i}`,
      searchText: `zythologie ${i} srl`,
      kind: 'enterprise',
      description: 'Brasserie artisanale et fermentations houblonnées',
      keywords: ['brasserie'],
      generated: false,
    }));
    await t.handle.db.transaction().execute(async (trx) => bulkLoadOrganisations(trx, rows));
    expect(await version()).toBeGreaterThan(before);
    const pending = await t.handle.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '>=', 910_000)
      .where(sql<boolean>`search_vector IS NULL`)
      .execute();
    expect(pending).toHaveLength(3);
    // the earlier test's bulk-loaded rows are pending too
    const allPending = await t.handle.db
      .selectFrom('organisations')
      .select('id')
      .where(sql<boolean>`search_vector IS NULL`)
      .execute();
    expect(await refreshOrganisationSearch(t.handle.db, 2)).toBe(allPending.length);
    const res = await t.app.inject({ url: '/api/v1/search?q=houblonn%C3%A9e&type=organisation' });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .items.map((i: { id: number }) => i.id)
        .sort(),
    ).toEqual([910_000, 910_001, 910_002]);
    expect(await refreshOrganisationSearch(t.handle.db)).toBe(0);
  });
});
