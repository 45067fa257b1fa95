import { describe, expect, it } from 'vitest';
import { formatEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { makeMembership, makeOrganisation } from '../helpers/factories.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { csv, nextEn, useImportFixture } from '../helpers/import-fixture.ts';

describe('importing organisations (API upload and service)', () => {
  const f = useImportFixture();
  const { t, service, orgsNamed, membershipsOf } = f;

  describe('good files: re-imports, matching and duplicates', () => {
    it('re-importing matches by enterprise number, then by normalised name: no duplicates', async () => {
      const en = nextEn();
      const first = csv([
        ['Nom', 'BCE', 'Effectif', "Date d'adhésion"],
        ['Réimport Numéro SA', en, '10', '2015-01-01'],
        ['Réimport Nom SRL', '', '20', '2015-01-01'],
      ]);
      expect(await service(first, { network: f.N.slug })).toMatchObject({
        ok: true,
        created: 2,
        membershipsAdded: 2,
      });
      const before = await fingerprint(t.handle.db);
      // the same file again: nothing new
      const again = await service(first, { network: f.N.slug });
      expect(again).toMatchObject({ ok: true, created: 0, matched: 2, membershipsAdded: 0 });
      const after = await fingerprint(t.handle.db);
      expect(after.organisations.n).toBe(before.organisations.n);
      expect(after.memberships).toEqual(before.memberships);
      // other spellings: the number in another form and a renamed firm; the name in capitals without legal form
      const second = csv([
        ['Nom', 'BCE', 'Effectif'],
        ['Réimport Numéro (nouveau nom) SA', `BE ${formatEnterpriseNumber(en)}`, '11'],
        ['REIMPORT NOM', '', '21'],
      ]);
      expect(await service(second, { network: f.N.slug })).toMatchObject({
        ok: true,
        created: 0,
        matched: 2,
        membershipsAdded: 0,
      });
      expect((await fingerprint(t.handle.db)).organisations.n).toBe(before.organisations.n);
      const [byNumber] = await t.handle.db
        .selectFrom('organisations')
        .selectAll()
        .where('enterpriseNumber', '=', en)
        .execute();
      expect(byNumber).toMatchObject({ name: 'Réimport Numéro (nouveau nom) SA', headcount: 11 });
      const byName = await orgsNamed('reimport nom');
      expect(byName).toHaveLength(1);
      expect(byName[0]).toMatchObject({ name: 'REIMPORT NOM', headcount: 21 });
    });

    it('a re-import without some columns keeps what it does not mention (kind, enterprise number search)', async () => {
      const en = nextEn();
      const report = await service(
        csv([
          ['Nom', 'BCE', 'Type'],
          ['Laboratoire Partiel', en, 'Centre de recherche'],
        ]),
      );
      expect(report.created).toBe(1);
      // a list with names and headcounts only
      expect(
        await service(
          csv([
            ['Nom', 'Effectif'],
            ['Laboratoire Partiel', '40'],
          ]),
        ),
      ).toMatchObject({ ok: true, matched: 1, created: 0 });
      const [o] = await orgsNamed('laboratoire partiel');
      expect(o).toMatchObject({
        kind: 'research_centre',
        enterpriseNumber: en,
        headcount: 40,
        sizeClass: null,
      });
      const found = (await t.app.inject({ url: `/api/v1/organisations?q=${en}` })).json();
      expect(found.items.map((i: { id: number }) => i.id)).toEqual([o!.id]);
    });

    it('a likely duplicate (same name, another enterprise number) is a warning, not a merge', async () => {
      const existingEn = nextEn();
      const existing = await makeOrganisation(t.handle.db, {
        name: 'Homonyme Import SA',
        enterpriseNumber: existingEn,
      });
      const otherEn = nextEn();
      const report = await service(
        csv([
          ['Nom', 'BCE', 'Type'],
          ['HOMONYME IMPORT S.A.', otherEn, 'entreprise'],
        ]),
      );
      expect(report).toMatchObject({ ok: true, created: 1, matched: 0 });
      expect(report.warnings).toEqual([
        {
          path: 'row 2 / column "Nom"',
          row: 2,
          column: 'Nom',
          value: 'HOMONYME IMPORT S.A.',
          message: `likely duplicate: same name as #${existing.id} "Homonyme Import SA" (${formatEnterpriseNumber(existingEn)}) but another enterprise number; imported as a separate organisation, not merged`,
        },
      ]);
      const both = await orgsNamed('homonyme import');
      expect(both.map((o) => o.enterpriseNumber)).toEqual([existingEn, otherEn]);
    });

    it('memberships: a date of departure closes the open period; a period already recorded is not added twice', async () => {
      const org = await makeOrganisation(t.handle.db, {
        name: 'Départ Annoncé SA',
        enterpriseNumber: nextEn(),
      });
      await makeMembership(t.handle.db, org.id, f.N.id, '2014-02-01');
      const file = csv([
        ['Nom', 'Réseau', "Date d'adhésion", 'Date de sortie'],
        ['Départ Annoncé SA', f.N.slug, '01/02/2014', '31/12/2022'],
      ]);
      expect(await service(file)).toMatchObject({
        ok: true,
        matched: 1,
        membershipsClosed: 1,
        membershipsAdded: 0,
      });
      expect(await membershipsOf(org.id)).toEqual([
        { networkId: f.N.id, joinedOn: '2014-02-01', leftOn: '2022-12-31' },
      ]);
      // a new period in another network named in the row
      const second = csv([
        ['Nom', 'Réseau', "Date d'adhésion"],
        ['Départ Annoncé SA', f.N2.name, '2023-01-01'],
      ]);
      expect(await service(second)).toMatchObject({ ok: true, membershipsAdded: 1 });
      expect(await membershipsOf(org.id)).toEqual([
        { networkId: f.N.id, joinedOn: '2014-02-01', leftOn: '2022-12-31' },
        { networkId: f.N2.id, joinedOn: '2023-01-01', leftOn: null },
      ]);
    });
  });
});
