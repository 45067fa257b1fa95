import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { did2x2, didMeans } from '../../src/analytics/impact/did2x2.ts';
import { logit } from '../../src/analytics/impact/logit.ts';
import { ols } from '../../src/analytics/impact/ols.ts';
import { twfe } from '../../src/analytics/impact/twfe.ts';
import { indexIds, type PanelFile, readPanelPath } from '../../src/io/panel-file.ts';

/**
 * The impact estimators against published results, on the files of ../shared/data/validation/
 * read in place (sources and checks in each folder's SOURCE.txt). Published figures are rounded,
 * so each is compared to half a unit of its last printed digit unless stated; figures from R 4.2.2
 * (lm, glm, sandwich 3.0-2 on the same files) are compared to 1e-8 relative.
 */
const VALIDATION = join(import.meta.dirname, '../../../shared/data/validation');
const econ = (f: string) => join(VALIDATION, 'panels-econ', f);

const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected} ± ${tolerance}`).toBeLessThanOrEqual(
    tolerance,
  );
const rel = (actual: number, expected: number, tolerance = 1e-8) =>
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThan(tolerance);

describe('Card & Krueger (1994), Table 3', () => {
  let ck: PanelFile;
  let input: { y: Float64Array; treated: Float64Array; post: Float64Array; unit: Int32Array };
  beforeAll(async () => {
    ck = await readPanelPath(join(VALIDATION, 'card-krueger/card-krueger.csv'), {
      numbers: ['fte', 'nj', 'd'],
      labels: ['id'],
    });
    input = {
      y: ck.numbers.fte!,
      treated: ck.numbers.nj!,
      post: ck.numbers.d!,
      unit: indexIds(ck.labels.id!).index,
    };
  });

  it('rows 1–2: FTE means and SEs by state and wave, and the NJ − PA gaps (unequal variances); to 0.005', () => {
    const m = didMeans(input);
    near(m.control.before.mean, 23.33, 0.005);
    near(m.control.before.se, 1.35, 0.005);
    near(m.treated.before.mean, 20.44, 0.005);
    near(m.treated.before.se, 0.51, 0.005);
    near(m.control.after.mean, 21.17, 0.005);
    near(m.control.after.se, 0.94, 0.005);
    near(m.treated.after.mean, 21.03, 0.005);
    near(m.treated.after.se, 0.52, 0.005);
    near(m.gap.before.att, -2.89, 0.005);
    near(m.gap.before.se, 1.44, 0.005);
    near(m.gap.after.att, -0.14, 0.005);
    // 1.0772 here; the paper prints 1.07 (√(0.94² + 0.52²) = 1.074 from its rounded cell SEs): to 0.01
    near(m.gap.after.se, 1.07, 0.01);
  });

  it('row 3, all available stores: DiD 2.76 (published SE 1.36; this data gives 1.310, see the note)', () => {
    const m = didMeans(input);
    // 2.7536 from the unrounded means; the paper prints 2.76: to 0.01
    near(m.did.att, 2.76, 0.01);
    // The published row-3 SEs (PA 1.25, NJ 0.54) are not reproducible from this redistribution of
    // the data; the paired-covariance SE of the change of means is 1.310 (R, same formula). The DiD
    // SE √(1.25² + 0.54²) = 1.36 is the unequal-variance combination we compute too, on our changes.
    rel(m.did.se, 1.310026429, 1e-8);
    near(m.did.se, 1.36, 0.06);
    // the regression on all rows gives the same point estimate
    near(did2x2(input).att, m.did.att, 1e-10);
  });

  it('row 4, balanced sample of stores: PA −2.28 (1.25), NJ 0.47 (0.48), DiD 2.75 (1.34); to 0.005', () => {
    const m = didMeans({ ...input, balanced: true });
    near(m.control.change.att, -2.28, 0.005);
    near(m.control.change.se, 1.25, 0.005);
    near(m.treated.change.att, 0.47, 0.005);
    near(m.treated.change.se, 0.48, 0.005);
    near(m.did.att, 2.75, 0.005);
    near(m.did.se, 1.34, 0.005);
  });
});

describe('Wooldridge, Introductory Econometrics', () => {
  it('Example 13.3 (kielmc): rprice DiD −11,863.90, SE 7,456.65, classic OLS; to 0.005', async () => {
    const f = await readPanelPath(econ('kielmc.csv'), { numbers: ['rprice', 'nearinc', 'y81'] });
    const r = did2x2({ y: f.numbers.rprice!, treated: f.numbers.nearinc!, post: f.numbers.y81! });
    const [a, near81, y81] = r.coefficients;
    near(a!.estimate, 82517.23, 0.005);
    near(y81!.estimate, 18790.29, 0.005);
    near(near81!.estimate, -18824.37, 0.005);
    near(r.att, -11863.9, 0.005);
    near(r.se, 7456.65, 0.005);
    expect(r.n).toBe(321);
  });

  it('Example 13.4 (injury, ky = 1): afhigh 0.191 (0.069) on n = 5,626; R to 1e-8', async () => {
    const f = await readPanelPath(econ('injury.csv'), { numbers: ['ldurat', 'afchnge', 'highearn', 'ky'] });
    const ky = (v: Float64Array) => v.filter((_, i) => f.numbers.ky![i] === 1);
    const r = did2x2({
      y: ky(f.numbers.ldurat!),
      treated: ky(f.numbers.highearn!),
      post: ky(f.numbers.afchnge!),
    });
    expect(r.n).toBe(5626);
    near(r.att, 0.191, 0.0005);
    near(r.se, 0.069, 0.0005);
    rel(r.att, 0.1906012006586764);
    rel(r.se, 0.0685089053231709);
    const hc1 = did2x2({
      y: ky(f.numbers.ldurat!),
      treated: ky(f.numbers.highearn!),
      post: ky(f.numbers.afchnge!),
      vcov: 'hc1',
    });
    rel(hc1.se, 0.0689819572576812);
  });
});

describe('fixed effects', () => {
  it('organ donations (Kessler & Roth 2014): TWFE −0.0225, CR1 SE 0.00672 by state; K nested 0.00611', async () => {
    const f = await readPanelPath(econ('organ_donations.csv'), {
      numbers: ['Rate', 'Quarter_Num'],
      labels: ['State'],
    });
    const state = f.labels.State!;
    const quarter = f.numbers.Quarter_Num!;
    const treated = Float64Array.from(state, (s, i) => (s === 'California' && quarter[i]! >= 4 ? 1 : 0));
    const input = {
      unit: indexIds(state).index,
      time: Int32Array.from(quarter),
      y: f.numbers.Rate!,
      x: { names: ['treated'], values: [treated] },
    };
    const r = twfe(input);
    near(r.coefficients[0]!, -0.0225, 5e-5);
    near(r.se[0]!, 0.00672, 5e-6);
    // R: lm with state and quarter dummies, sandwich::vcovCL(cluster = ~State, type = "HC1")
    rel(r.coefficients[0]!, -0.02245897436);
    rel(r.se[0]!, 0.006720765527);
    // K = 1 + (6 − 1): the state effects are nested in the state clusters (R, same factor by hand)
    rel(twfe({ ...input, fixefK: 'nested' }).se[0]!, 0.006111549027);
  });

  it('Grunfeld, firm effects (Baltagi Table 2.1): value 0.1101 (0.0119), capital 0.3101 (0.0174); to 5e-5', async () => {
    const f = await readPanelPath(econ('Grunfeld.csv'), {
      numbers: ['inv', 'value', 'capital'],
      labels: ['firm'],
    });
    const r = twfe({
      unit: indexIds(f.labels.firm!).index,
      y: f.numbers.inv!,
      x: { names: ['value', 'capital'], values: [f.numbers.value!, f.numbers.capital!] },
      vcov: 'classic',
    });
    near(r.coefficients[0]!, 0.1101, 5e-5);
    near(r.se[0]!, 0.0119, 5e-5);
    near(r.coefficients[1]!, 0.3101, 5e-5);
    near(r.se[1]!, 0.0174, 5e-5);
    rel(r.se[0]!, 0.0118566942140438);
  });

  it('EmplUK (unbalanced, 140 firms, 1,031 rows): two-way and one-way FE equal R LSDV; classic and CR1', async () => {
    const f = await readPanelPath(econ('EmplUK.csv'), {
      numbers: ['year', 'emp', 'wage', 'capital'],
      labels: ['firm'],
    });
    const log = (v: Float64Array) => v.map(Math.log);
    const input = {
      unit: indexIds(f.labels.firm!).index,
      y: log(f.numbers.emp!),
      x: { names: ['log(wage)', 'log(capital)'], values: [log(f.numbers.wage!), log(f.numbers.capital!)] },
    };
    const time = Int32Array.from(f.numbers.year!);
    const two = twfe({ ...input, time });
    expect(two.n).toBe(1031);
    rel(two.coefficients[0]!, -0.273148228421638);
    rel(two.coefficients[1]!, 0.564803599268031);
    rel(two.se[0]!, 0.1369772022723364);
    rel(two.se[1]!, 0.0536357036191196);
    const classic = twfe({ ...input, time, vcov: 'classic' });
    rel(classic.se[0]!, 0.0551503490073254);
    rel(classic.se[1]!, 0.0212211489240687);
    const one = twfe(input);
    rel(one.coefficients[0]!, -0.367774083921392);
    rel(one.se[1]!, 0.0483250702630261);
  });
});

describe('logit (IRLS) against R glm(family = binomial)', () => {
  it('kielmc: nearinc ~ rooms + area + age, unweighted and weighted by baths; to 1e-8', async () => {
    const f = await readPanelPath(econ('kielmc.csv'), {
      numbers: ['nearinc', 'rooms', 'area', 'age', 'baths'],
    });
    const n = f.rows;
    const X = new Float64Array(n * 4);
    for (let i = 0; i < n; i++)
      X.set([1, f.numbers.rooms![i]!, f.numbers.area![i]!, f.numbers.age![i]!], i * 4);
    const a = logit(X, n, 4, f.numbers.nearinc!);
    expect(a.iterations).toBe(4);
    [5.15292794630045, -1.01593788685191, 3.32938395098599e-5, 2.37599832810239e-2].forEach((b, j) => {
      rel(a.coefficients[j]!, b);
    });
    [1.079182149712563, 0.2006936640750576, 0.000241798334537591, 0.004342189168473287].forEach((s, j) => {
      rel(a.se[j]!, s);
    });
    rel(a.deviance, 313.001268215581);
    rel(a.covariance[1]!, -1.98883495253061e-1);
    const w = logit(X, n, 4, f.numbers.nearinc!, { weights: f.numbers.baths! });
    expect(w.iterations).toBe(4);
    [5.472257294055166, -1.151801968814099, 0.000262229197405931, 0.02287323359159463].forEach((b, j) => {
      rel(w.coefficients[j]!, b);
    });
    [0.81044455422253, 0.1477420981564589, 0.000162226839022572, 0.002880904196580417].forEach((s, j) => {
      rel(w.se[j]!, s);
    });
    rel(w.fitted[0]!, 0.257856229122355);
  });

  it('ols on kielmc equals did2x2 (one design, two entry points)', async () => {
    const f = await readPanelPath(econ('kielmc.csv'), { numbers: ['rprice', 'nearinc', 'y81'] });
    const n = f.rows;
    const X = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) {
      const t = f.numbers.nearinc![i]!;
      const p = f.numbers.y81![i]!;
      X.set([1, t, p, t * p], i * 4);
    }
    rel(ols(X, n, 4, f.numbers.rprice!).se[3]!, 7456.64617325887);
  });
});
