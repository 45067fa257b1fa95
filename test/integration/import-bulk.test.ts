import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { DIALECT } from '../helpers/db.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { useImportFixture } from '../helpers/import-fixture.ts';

describe('importing organisations (API upload and service)', () => {
  const f = useImportFixture();
  const { t, service } = f;

  describe('good files: embedded bulk mode', () => {
    it.runIf(DIALECT === 'pglite')(
      'embedded bulk mode (the CLI on PGlite, 10,000+ new rows): indexes, uniqueness and memberships are all in place',
      async () => {
        const ROWS = 10_000;
        const lines = ['Nom;BCE;Code NACE'];
        for (let i = 0; i < ROWS; i++)
          lines.push(`Masse ${i} SRL;${makeEnterpriseNumber(14_000_000 + i)};${i % 2 ? '62.010' : '25.620'}`);
        const before = await fingerprint(t.handle.db);
        const report = await service(lines.join('\n'), { network: f.N2.slug, embedded: true });
        expect(report).toMatchObject({ ok: true, written: true, created: ROWS, membershipsAdded: ROWS });
        const after = await fingerprint(t.handle.db);
        expect(after.organisations.n).toBe(before.organisations.n + ROWS);
        expect(after.memberships.n).toBe(before.memberships.n + ROWS);
        const indexes = await sql<{ indexname: string }>`
          SELECT indexname FROM pg_indexes WHERE tablename = 'organisations' ORDER BY indexname`.execute(
          t.handle.db,
        );
        expect(indexes.rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining([
            'organisations_enterprise_number_key',
            'organisations_nace_idx',
            'organisations_search_trgm_idx',
            'organisations_sort_name_idx',
          ]),
        );
        const mIndexes = await sql<{ indexname: string }>`
          SELECT indexname FROM pg_indexes WHERE tablename = 'memberships' ORDER BY indexname`.execute(
          t.handle.db,
        );
        expect(mIndexes.rows.map((r) => r.indexname)).toEqual(
          expect.arrayContaining(['memberships_network_idx', 'memberships_org_idx', 'memberships_pkey']),
        );
        // the foreign keys hold again after the bulk load: a dangling membership is refused
        await expect(
          t.handle.db
            .insertInto('memberships')
            .values({ organisationId: 999_999_999, networkId: f.N2.id, joinedOn: '2020-01-01', leftOn: null })
            .execute(),
        ).rejects.toThrow(/foreign key/);
        // the unique constraint is back
        await expect(
          t.handle.db
            .insertInto('organisations')
            .values({
              name: 'Copie',
              nameKey: 'copie',
              searchText: 'copie',
              kind: 'enterprise',
              enterpriseNumber: makeEnterpriseNumber(14_000_000),
            })
            .execute(),
        ).rejects.toThrow(/organisations_enterprise_number_key/);
        // and the new rows are found, filtered and counted like any other
        const list = (
          await t.app.inject({ url: `/api/v1/organisations?network=${f.N2.slug}&q=masse 4321&nace=62` })
        ).json();
        expect(list.items.map((i: { name: string }) => i.name)).toEqual(['Masse 4321 SRL']);
        const members = (
          await t.app.inject({ url: `/api/v1/organisations?network=${f.N2.slug}&nace=25&q=masse&pageSize=1` })
        ).json();
        expect(members.total).toBe(ROWS / 2);
      },
      60_000,
    );
  });
});
