import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WALLOON_RD_GRID, WALLOON_RD_RULES } from '../../src/domain/eligibility/index.ts';
import { REASON_COMPONENT, type ReasonCode } from '../../src/modules/matchmaking/reasons.ts';
import { useTestApp } from '../helpers/app.ts';
import { makeMembership, makeNetwork, makeOrganisation } from '../helpers/factories.ts';

/**
 * Partner recommendation on a hand-made registry (Liège = province 60000, in Wallonia):
 *
 *   coord (large enterprise, composites) and uni (university) form the current consortium;
 *   P1 (labelled): coord, uni, ally    → ally has worked with two of the partners
 *   P2 (labelled): ally, friend         → friend is a partner of a partner
 *   P3 (draft):    coord, secret       → "cryogénie quantique": must never reach a profile or a reason
 *   sme / big: two enterprises with the same description ("matériaux composites"), small and large.
 */
describe('matchmaking API', () => {
  const t = useTestApp();
  const o: Record<string, number> = {};
  let sky: { id: number; slug: string; name: string };
  let callId: number;

  async function project(title: string, status: string, partners: string[], keywords: string[] = []) {
    const db = t.handle.db;
    const { id } = await db
      .insertInto('projects')
      .values({
        acronym: `P${Math.random().toString(36).slice(2, 7)}`,
        title,
        summary: title,
        keywords,
        projectType: 'rd',
        status,
        labelledOn: status === 'draft' ? null : '2020-06-01',
        startDate: status === 'draft' ? null : '2020-09-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('projectNetworks').values({ projectId: id, networkId: sky.id }).execute();
    await db
      .insertInto('projectPartners')
      .values(
        partners.map((p, i) => ({
          projectId: id,
          organisationId: o[p]!,
          role: i === 0 ? 'coordinator' : 'partner',
        })),
      )
      .execute();
    return id;
  }

  async function describeOrg(key: string, description: string, keywords: string[] = []) {
    await t.handle.db
      .updateTable('organisations')
      .set({ description, keywords })
      .where('id', '=', o[key]!)
      .execute();
  }

  const partners = async (body: object) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/matchmaking/partners', payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        organisationId: number;
        name: string;
        score: number;
        breakdown: Record<'text' | 'complementarity' | 'proximity' | 'trackRecord' | 'novelty', number>;
        reasons: { code: ReasonCode; message: { fr: string; en: string }; weight: number }[];
      }[];
      weights: Record<string, number>;
    };
  };

  beforeAll(async () => {
    const db = t.handle.db;
    sky = await makeNetwork(db, { name: 'Skywin Test', domain: 'Aéronautique et spatial' });
    const other = await makeNetwork(db, { name: 'Wagralim Test', domain: 'Agro-alimentaire' });
    const liege = { provinceNis: '60000' };
    o.coord = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'large', ...liege })).id;
    o.uni = (await makeOrganisation(db, { kind: 'university', enterpriseNumber: null, ...liege })).id;
    o.ally = (await makeOrganisation(db, { kind: 'research_centre', enterpriseNumber: null, ...liege })).id;
    o.friend = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'medium', ...liege })).id;
    o.secret = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'micro', ...liege })).id;
    o.sme = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'small', ...liege })).id;
    o.big = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'large', ...liege })).id;
    o.farm = (await makeOrganisation(db, { kind: 'enterprise', sizeClass: 'small', ...liege })).id;
    for (const k of ['coord', 'uni', 'ally', 'sme', 'big']) await makeMembership(db, o[k]!, sky.id);
    await makeMembership(db, o.farm!, other.id);
    await describeOrg('coord', 'Structures aéronautiques en matériaux composites', ['composites']);
    await describeOrg('uni', 'Mécanique des matériaux, simulation numérique');
    await describeOrg('ally', 'Essais non destructifs par ultrasons', ['contrôle non destructif']);
    await describeOrg('friend', 'Usinage de précision et robotique');
    await describeOrg('secret', 'Électronique embarquée');
    await describeOrg('sme', 'Pièces en matériaux composites pour drones', ['composites', 'drones']);
    await describeOrg('big', 'Pièces en matériaux composites pour drones', ['composites', 'drones']);
    await describeOrg('farm', 'Transformation de fruits et légumes', ['agroalimentaire']);
    await project('Inspection ultrasonore de structures composites', 'labelled', ['coord', 'uni', 'ally']);
    await project('Robot d’inspection par ultrasons', 'labelled', ['ally', 'friend']);
    await project(
      'Cryogénie quantique confidentielle',
      'draft',
      ['coord', 'secret'],
      ['cryogénie quantique'],
    );
    const { id } = await db
      .insertInto('calls')
      .values({
        title: 'Appel R&D',
        projectType: 'rd',
        opensAt: new Date(Date.now() - 90 * 86_400_000),
        closesAt: new Date(Date.now() + 30 * 86_400_000),
        rules: JSON.stringify(WALLOON_RD_RULES),
        grid: JSON.stringify(WALLOON_RD_GRID),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    callId = id;
    await db.insertInto('callNetworks').values({ callId, networkId: sky.id }).execute();
  });

  it('every reason explains a non-zero component, every non-zero component has a reason, and they add up to the score (property)', async () => {
    const words = [
      'matériaux',
      'composites',
      'drones',
      'ultrasons',
      'robotique',
      'fruits',
      'simulation',
      'cryogénie',
    ];
    const keys = ['coord', 'uni', 'ally', 'friend', 'sme', 'big', 'farm'];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          text: fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((w) => w.join(' ')),
          consortium: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 3 }),
          kinds: fc.option(fc.subarray(['enterprise', 'university', 'research_centre'], { minLength: 1 }), {
            nil: undefined,
          }),
          noveltyWeight: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          withCall: fc.boolean(),
          withNetworks: fc.boolean(),
        }),
        async (r) => {
          if (r.text === '' && r.consortium.length === 0) return;
          const consortium = r.consortium.map((k) => o[k]!);
          const res = await partners({
            text: r.text,
            consortium,
            kinds: r.kinds,
            noveltyWeight: r.noveltyWeight,
            callId: r.withCall ? callId : undefined,
            networks: r.withNetworks ? [sky.slug] : undefined,
            limit: 20,
          });
          for (const item of res.items) {
            expect(consortium).not.toContain(item.organisationId);
            const explained = new Set(
              item.reasons.map((x) => REASON_COMPONENT[x.code as Exclude<ReasonCode, 'same_kind'>]),
            );
            for (const x of item.reasons) {
              expect(x.weight).toBeGreaterThan(0);
              expect(
                item.breakdown[REASON_COMPONENT[x.code as Exclude<ReasonCode, 'same_kind'>]],
              ).toBeGreaterThan(0);
            }
            for (const [k, v] of Object.entries(item.breakdown))
              if (v > 0) expect(explained.has(k as never)).toBe(true);
            const weighted = Object.entries(item.breakdown).reduce((s, [k, v]) => s + res.weights[k]! * v, 0);
            expect(item.score).toBeCloseTo(weighted, 4);
            expect(item.reasons.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(item.score, 4);
            for (const x of item.reasons)
              expect(`${x.message.fr} ${x.message.en}`).not.toMatch(/cryog|quantique/i);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never recommends a current partner', async () => {
    const res = await partners({
      text: 'matériaux composites drones',
      consortium: [o.coord, o.sme],
      limit: 50,
    });
    const ids = res.items.map((i) => i.organisationId);
    expect(ids).not.toContain(o.coord);
    expect(ids).not.toContain(o.sme);
    expect(ids).toContain(o.big);
  });

  it('puts an SME first when the call requires one and the consortium lacks it', async () => {
    const res = await partners({
      text: 'pièces en matériaux composites pour drones',
      consortium: [o.coord, o.uni],
      kinds: ['enterprise'],
      callId,
      noveltyWeight: 0,
    });
    expect(res.items[0]!.organisationId).toBe(o.sme);
    const big = res.items.find((i) => i.organisationId === o.big)!;
    expect(res.items[0]!.breakdown.text).toBeCloseTo(big.breakdown.text, 6);
    expect(res.items[0]!.breakdown.complementarity).toBeGreaterThan(big.breakdown.complementarity);
    const reason = res.items[0]!.reasons.find((r) => r.code === 'complementarity')!;
    expect(reason.message.fr).toMatch(/^Une PME, ce que l'appel exige/);
    expect(reason.message.fr).toContain('Au moins 1 PME');
    expect(reason.message.en).toMatch(/^An SME, which the call requires/);
  });

  it('says when a candidate has worked with two of the partners, and through whom a partner of a partner is close', async () => {
    const res = await partners({ consortium: [o.coord, o.uni], limit: 20 });
    const ally = res.items.find((i) => i.organisationId === o.ally)!;
    const r = ally.reasons.find((x) => x.code === 'partners')!;
    expect(r.message.fr).toMatch(/^A travaillé avec deux de vos partenaires/);
    expect(r.message.en).toMatch(/^Has worked with two of your partners/);
    const friend = res.items.find((i) => i.organisationId === o.friend)!;
    const via = friend.reasons.find((x) => x.code === 'neighbours')!;
    expect(via.message.fr).toContain('partenaires de vos partenaires');
    expect(ally.breakdown.proximity).toBeGreaterThan(friend.breakdown.proximity);
  });

  it('names the shared terms and the network', async () => {
    const res = await partners({ text: 'matériaux composites', networks: [sky.slug], kinds: ['enterprise'] });
    const sme = res.items.find((i) => i.organisationId === o.sme)!;
    expect(sme.reasons.find((r) => r.code === 'text')!.message.fr).toContain('« matériaux composites »');
    expect(sme.reasons.find((r) => r.code === 'network')!.message.fr).toBe('Membre de Skywin Test');
    expect(res.items.map((i) => i.organisationId)).not.toContain(o.farm);
  });

  it('profiles follow the projects: a new labelled project adds its terms', async () => {
    const get = async () => {
      const res = await t.app.inject({ url: `/api/v1/organisations/${o.sme}/profile?limit=200` });
      expect(res.statusCode).toBe(200);
      return res.json() as { terms: { term: string; weight: number; sources: string[] }[]; projects: number };
    };
    const before = await get();
    expect(before.projects).toBe(0);
    expect(before.terms.find((x) => x.term === 'composites')?.sources).toEqual(['description', 'keywords']);
    expect(before.terms.some((x) => x.term.startsWith('hydrog'))).toBe(false);
    await project('Stockage d’hydrogène', 'labelled', ['sme', 'friend']);
    const after = await get();
    expect(after.projects).toBe(1);
    expect(after.terms.find((x) => x.term === 'hydrogène')?.sources).toEqual(['projects']);
  });

  it('drafts never feed profiles or reasons', async () => {
    const res = await t.app.inject({ url: `/api/v1/organisations/${o.secret}/profile?limit=200` });
    const terms = (res.json() as { terms: { term: string }[] }).terms.map((x) => x.term).join(' ');
    expect(terms).not.toMatch(/cryog|quantique/);
    const rec = await partners({ text: 'cryogénie quantique', limit: 50 });
    expect(rec.items.every((i) => i.reasons.every((r) => !/cryog|quantique/i.test(r.message.fr)))).toBe(true);
    expect(rec.items.find((i) => i.organisationId === o.secret)?.breakdown.text ?? 0).toBe(0);
    // the draft is no tie in the collaboration graph either
    const prox = await partners({ consortium: [o.coord], limit: 50 });
    const secret = prox.items.find((i) => i.organisationId === o.secret);
    expect(secret?.reasons.some((r) => r.code === 'partners') ?? false).toBe(false);
  });

  it('finds organisations like this one, with reasons', async () => {
    const res = await t.app.inject({ url: `/api/v1/organisations/${o.sme}/similar?limit=5` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: {
        organisationId: number;
        breakdown: { text: number; kind: number; network: number };
        reasons: { code: string; message: { fr: string } }[];
      }[];
    };
    expect(body.items[0]!.organisationId).toBe(o.big);
    expect(body.items.map((i) => i.organisationId)).not.toContain(o.sme);
    expect(body.items[0]!.reasons.map((r) => r.code)).toEqual(['text', 'same_kind', 'network']);
    expect(body.items[0]!.breakdown.kind).toBe(1);
  });

  it('answers 404 for an unknown organisation and 400 naming an unknown partner', async () => {
    expect((await t.app.inject({ url: '/api/v1/organisations/999999/profile' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/organisations/999999/similar' })).statusCode).toBe(404);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/matchmaking/partners',
      payload: { consortium: [o.coord, 999999] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('consortium.1');
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/matchmaking/partners', payload: {} });
    expect(empty.statusCode).toBe(400);
  });
});
