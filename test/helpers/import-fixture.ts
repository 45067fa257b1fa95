import { beforeAll, expect } from 'vitest';
import { makeEnterpriseNumber } from '../../src/domain/enterprise-number.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { type ImportOptions, importOrganisations } from '../../src/modules/imports/imports.service.ts';
import { useTestApp } from './app.ts';
import { makeMembership, makeNetwork, makeOrganisation, makeUser } from './factories.ts';
import { fingerprint } from './fingerprint.ts';
import { multipartFile } from './multipart.ts';
import { importReferenceLists } from './reference.ts';

/** Cells joined with the delimiter, quoted when needed (RFC 4180). */
export function csv(rows: (string | number)[][], delimiter = ','): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
}

/**
 * A new valid enterprise number on each call. The counter lives in this module, so numbers are
 * unique within a test process; each test file has a database of its own, so files need not
 * coordinate. The range (from 12,000,000) stays clear of the factories' random numbers
 * (2,000,000–9,000,000) and of the bulk tests' ranges (13,000,000 and 14,000,000 on).
 */
let enSeq = 12_000_000;
export const nextEn = () => makeEnterpriseNumber(++enSeq);

type Network = Awaited<ReturnType<typeof makeNetwork>>;

/**
 * The import tests' set-up, for one test file: the app on its own database (`useTestApp`), the
 * NACE and municipality lists, networks N and N2, an administrator, and one organisation ('Déjà Là
 * SA', member of N since 2012) that the rejected imports must leave intact.
 */
export function useImportFixture() {
  const t = useTestApp();
  let N: Network | undefined;
  let N2: Network | undefined;
  let admin: string | undefined;
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is set in beforeAll: read it inside a test`);
    return v;
  };

  beforeAll(async () => {
    await importReferenceLists(t.handle.db);
    N = await makeNetwork(t.handle.db, { name: 'Pôle Essai' });
    N2 = await makeNetwork(t.handle.db, { kind: 'cluster', name: 'Cluster Démo' });
    const u = await makeUser(t.handle.db, { admin: true });
    admin = await t.login(u.email, u.password);
    // something to keep intact
    const o = await makeOrganisation(t.handle.db, { name: 'Déjà Là SA' });
    await makeMembership(t.handle.db, o.id, N.id, '2012-01-01');
  });

  return {
    t,
    /** the pole ('Pôle Essai'); set in beforeAll, so read it inside a test: `f.N.slug` */
    get N(): Network {
      return ready(N, 'N');
    },
    /** a cluster ('Cluster Démo') */
    get N2(): Network {
      return ready(N2, 'N2');
    },
    /** the administrator's Cookie header */
    get admin(): string {
      return ready(admin, 'admin');
    },
    /** import through the service, as the CLI does */
    service: (bytes: Uint8Array | string, opts: ImportOptions = {}) =>
      importOrganisations(
        { db: t.handle.db, actor: SYSTEM },
        typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
        opts,
      ),
    /** upload as the administrator, through the API */
    upload: (
      bytes: Uint8Array | string,
      query = '',
      opts: { filename?: string; contentType?: string } = {},
    ) => {
      const { payload, headers } = multipartFile(
        typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
        opts,
      );
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/organisations${query ? `?${query}` : ''}`,
        payload,
        headers: { ...headers, cookie: ready(admin, 'admin') },
      });
    },
    /** Run `fn` and check the organisations and memberships are exactly as before. */
    unchanged: async <T>(fn: () => Promise<T>): Promise<T> => {
      const before = await fingerprint(t.handle.db);
      const out = await fn();
      expect(await fingerprint(t.handle.db)).toEqual(before);
      return out;
    },
    orgsNamed: (nameKey: string) =>
      t.handle.db
        .selectFrom('organisations')
        .selectAll()
        .where('nameKey', '=', nameKey)
        .orderBy('id')
        .execute(),
    membershipsOf: (organisationId: number) =>
      t.handle.db
        .selectFrom('memberships')
        .select(['networkId', 'joinedOn', 'leftOn'])
        .where('organisationId', '=', organisationId)
        .orderBy('joinedOn')
        .execute(),
  };
}

export type ImportFixture = ReturnType<typeof useImportFixture>;
