import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/web/i18n/format.ts';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();
const baseURL = inject('baseURL');

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${baseURL}/api/v1${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The rows of a table as arrays of cell texts (header cell first), whitespace squeezed. */
async function tableRows(page: Page | Locator, selector: string): Promise<string[][]> {
  return page
    .locator(selector)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
}

interface EffectRow {
  key: number | null;
  att: number | null;
  lower: number | null;
  upper: number | null;
  bandLower: number | null;
  bandUpper: number | null;
  treated: number;
}
interface Run {
  id: number;
  status: string;
  dataVersion: number;
  parameters: Record<string, unknown>;
  result: { overall: EffectRow; dynamic: EffectRow[] } | null;
}

/** Four decimals in Belgian French, as the observatory's tables write estimates. */
const four = (v: number | null) => (v === null ? '—' : formatNumber('fr', v, 4));
const eventLabel = (e: number) => (e === 0 ? 'année du traitement' : e > 0 ? `+${e}` : String(e));

describe('the impact observatory', () => {
  it('shows a visitor the headline with its definitions and the indexed series, without the run form', async () => {
    const series = await api<{ headline: { fr: string } | null; overall: { growth: number | null }[] }>(
      '/impact/series?outcome=fte&treatment=any&from=2007&to=2017&composition=balanced',
    );
    expect(series.headline).not.toBeNull();
    const { page, context, errors } = await browser.open();
    await page.goto('/tableau-de-bord');
    await page
      .getByRole('navigation', { name: 'Pages de pilotage' })
      .getByRole('link', { name: 'Observatoire d’impact' })
      .click();
    await page.waitForURL(/\/observatoire$/);
    await page.getByRole('heading', { level: 1, name: 'Observatoire d’impact' }).waitFor();
    // the headline sentence as the API words it, and what its words mean
    await page.locator('.obs-headline-text', { hasText: series.headline!.fr }).waitFor();
    await page.getByText('Comparaison descriptive, pas un effet causal', { exact: false }).waitFor();
    // the indexed series are drawn, and their table starts at 100 in 2007
    const figure = page.getByRole('figure', { name: 'Emploi (ETP) : indice base 100 en 2007' });
    await figure.locator('.chart svg').waitFor();
    await figure.getByText('Afficher les données du graphique').click();
    const rows = await tableRows(figure, 'table');
    expect(rows[0]?.[0]).toBe('2007');
    expect(rows[0]?.[1]).toBe('100');
    expect(rows.at(-1)?.[0]).toBe('2017');
    // the causal part: results are public, launching is not
    await page.getByText('lancer une analyse est réservé aux gestionnaires', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Lancer l’analyse' }).count()).toBe(0);
    // …and the demo's reference run (queued by `polaris serve` after loading the demo) is shown
    // beside the headline without anyone launching it
    const study = page.getByRole('figure', {
      name: 'Étude d’événement : effet selon le nombre d’années depuis le traitement',
    });
    await study.locator('.chart svg').waitFor({ timeout: 90_000 });
    const shown = await api<{ items: { id: number; parameters: Record<string, unknown> }[] }>(
      '/impact/runs?status=done&limit=1',
    );
    expect(shown.items[0]?.parameters).toMatchObject({ estimator: 'attgt', covariates: ['sector', 'size'] });
    // the method notes open one by one
    await page.getByText('Pourquoi les membres ne sont pas un échantillon au hasard').click();
    await page.getByText('Les entreprises choisissent d’adhérer', { exact: false }).waitFor();
    await expectAccessible(page, 'observatory (visitor)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs the staggered DiD as a job: progress, then the event study whose table equals the API, and the printable report', async () => {
    const { page, context, errors } = await browser.open();
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: 'admin@polaris.demo', password: 'polaris-demo-admin' },
    });
    expect(login.ok()).toBe(true);
    await page.goto('/observatoire');
    await page.getByRole('heading', { level: 3, name: 'Lancer une analyse' }).waitFor();
    const form = page.getByRole('form', { name: 'Lancer une analyse' });
    // the form starts from the descriptive comparison's period (the policy headline's 2007–2017)
    await expect.poll(() => form.getByLabel('Première année').inputValue()).toBe('2007');
    await expect.poll(() => form.getByLabel('Dernière année').inputValue()).toBe('2017');
    await form.getByLabel('Tirages du bootstrap').fill('199');
    await form.getByRole('button', { name: 'Lancer l’analyse' }).click();
    await page.waitForURL(/[?&]run=\d+/);
    const id = Number(new URL(page.url()).searchParams.get('run'));
    await page.getByRole('heading', { level: 3, name: new RegExp(`^Analyse n° ${id}`) }).waitFor();
    // while it works, a progress bar (the estimation takes seconds on the demo panel)
    await page.getByRole('progressbar').waitFor();

    // done: the event study is drawn and its data are the API's
    const title = 'Étude d’événement : effet selon le nombre d’années depuis le traitement';
    const figure = page.getByRole('figure', { name: title });
    await figure.locator('.chart svg').waitFor({ timeout: 90_000 });
    const run = (await (await context.request.get(`/api/v1/impact/runs/${id}`)).json()) as Run;
    expect(run.status).toBe('done');
    expect(run.parameters).toMatchObject({
      estimator: 'attgt',
      bootstrap: 199,
      period: { from: 2007, to: 2017 },
    });
    await figure.getByText('Afficher les données du graphique').click();
    const shown = await tableRows(page, `figure.steering-chart:has(h3:text-is("${title}")) table`);
    expect(shown).toEqual(
      run.result!.dynamic.map((e) => [
        eventLabel(e.key!),
        four(e.att),
        four(e.lower),
        four(e.upper),
        four(e.bandLower),
        four(e.bandUpper),
        formatNumber('fr', e.treated, 0),
      ]),
    );
    // the simultaneous band is wider than the pointwise interval
    const e0 = run.result!.dynamic.find((e) => e.key === 0)!;
    expect(e0.bandUpper! - e0.bandLower!).toBeGreaterThan(e0.upper! - e0.lower!);
    // the gap, said plainly: the causal estimate as a % change with its interval
    const o = run.result!.overall;
    await page
      .locator('.obs-gap-causal dd', {
        hasText: `${o.att! > 0 ? '+' : ''}${formatPercent('fr', Math.expm1(o.att!))}`,
      })
      .waitFor();
    await page.getByText('Test des tendances parallèles avant traitement', { exact: false }).waitFor();
    await expectAccessible(page, 'observatory (run done)');

    // the printable report records the data version and every parameter
    await page.getByRole('link', { name: 'Rapport imprimable' }).click();
    await page.waitForURL(new RegExp(`/observatoire/rapport/${id}$`));
    await page.getByRole('heading', { level: 1, name: `Rapport d’impact — analyse n° ${id}` }).waitFor();
    await page.locator('table.obs-parameters tbody tr').first().waitFor();
    const params = await tableRows(page, 'table.obs-parameters');
    expect(params).toEqual(
      expect.arrayContaining([
        ['Estimateur', 'Différences de différences échelonnées (Callaway & Sant’Anna)'],
        ['Variable de résultat', 'Emploi (ETP)'],
        ['Traitement', 'Membres d’un pôle ou d’un cluster'],
        ['Période', '2007–2017'],
        ['Tirages du bootstrap', '199'],
        ['Graine aléatoire', '20071'],
        ['Groupe de comparaison', 'Jamais traitées'],
        ['Méthode par cellule', 'Doublement robuste'],
      ]),
    );
    const facts = page.locator('.obs-report dl.obs-facts').first();
    await facts
      .locator('div', { hasText: 'Version des données' })
      .locator('dd', { hasText: String(run.dataVersion) })
      .waitFor();
    expect(JSON.parse((await page.locator('pre.obs-json').textContent()) ?? '{}')).toEqual(run.parameters);
    await expectAccessible(page, 'observatory report');
    // printed: the site's chrome and the buttons go, the parameters and the event-study table stay
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' }).isVisible()).toBe(
      false,
    );
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.locator('table.obs-parameters').isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: title }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
