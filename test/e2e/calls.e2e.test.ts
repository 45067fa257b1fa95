import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();
const baseURL = inject('baseURL');

async function login(context: BrowserContext, who: 'consortium' | 'skywin' | 'expert' | 'admin') {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { email: `${who}@polaris.demo`, password: `polaris-demo-${who}` },
  });
  expect(res.status()).toBe(200);
}

/** The live eligibility panel's line for a rule: "✓/✗ <label> <message>". */
function ruleLine(page: Page, label: string) {
  return page.locator('.eligibility-panel .rule-results li').filter({ hasText: label });
}

async function addPartner(page: Page, query: string, name: string) {
  await page.getByLabel('Rechercher une organisation dans le répertoire').fill(query);
  await page
    .getByRole('list', { name: 'Organisations trouvées' })
    .getByRole('button', { name: `Ajouter — ${name}` })
    .click();
  await page
    .getByRole('status')
    .filter({ hasText: `${name} ajouté(e)` })
    .waitFor({ state: 'attached' });
}

describe('a consortium writes a project for the open call', () => {
  it('builds a consortium, sees it ineligible then eligible as it changes, saves the draft and submits it', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'consortium');
    await page.goto('/appels');
    await page.getByRole('heading', { level: 1, name: 'Appels à projets' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Appels' })
      .waitFor();
    // open calls first, with a Belgian deadline in Brussels time
    const open = page.locator('section[aria-labelledby="calls-open"] .call-card').first();
    await open.getByText(/^clôture le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/).waitFor();
    await open.getByRole('link', { name: /ouvert/ }).click();

    await page.getByRole('heading', { level: 1, name: /ouvert/ }).waitFor();
    await page.getByRole('heading', { name: 'Règles de recevabilité' }).waitFor();
    await page.getByText('Au moins 1 PME (micro, petite ou moyenne entreprise).').waitFor();
    await page
      .getByRole('table', { name: /Étape 1/ })
      .getByRole('cell', { name: /^30\s%$/ })
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Édition des règles' }).count()).toBe(0);
    await expectAccessible(page, 'call page');

    await page.getByRole('link', { name: 'Déposer un projet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Déposer un projet' }).waitFor();
    // the user's own organisation coordinates by default
    const partners = page.getByRole('table', { name: 'Partenaires du consortium' });
    const coordinator = (await partners.getByRole('rowheader').first().textContent()) ?? '';
    expect(coordinator).toMatch(/Nutripartners Meuse SA/);
    await page.getByLabel('Acronyme').fill('E2ECALL');
    await page.getByLabel('Titre').fill('Emballages compostables pour produits frais');
    await page.getByLabel('Durée (mois)').fill('36');
    const wagralim = page.getByRole('checkbox', { name: 'Wagralim' });
    if (!(await wagralim.isChecked())) await wagralim.check();
    await page.getByLabel('Budget de Nutripartners Meuse SA (€)').fill('1.000.000');
    await page.getByLabel('Financement demandé par Nutripartners Meuse SA (€)').fill('400.000');
    await addPartner(page, 'Terrasystems', 'Terrasystems SA');
    await page.getByLabel('Budget de Terrasystems SA (€)').fill('500.000');
    await page.getByLabel('Financement demandé par Terrasystems SA (€)').fill('250.000');

    // two enterprises, no research partner: the panel flags the failing rule
    const research = ruleLine(page, 'Au moins un partenaire de recherche');
    await expect.poll(() => research.getAttribute('class')).toBe('is-fail');
    await research.getByText(/le consortium n'en compte aucun/).waitFor();
    await page
      .locator('.eligibility-verdict')
      .getByText(/Non recevable : \d+ règle\(s\) non respectée\(s\)\./)
      .waitFor();
    await expectAccessible(page, 'submission form');

    // add a research centre: eligible
    await addPartner(page, 'Agriwal', 'Centre de recherche Agriwal Condroz');
    await page.getByLabel('Budget de Centre de recherche Agriwal Condroz (€)').fill('300.000');
    await page.getByLabel('Financement demandé par Centre de recherche Agriwal Condroz (€)').fill('200.000');
    await expect.poll(() => research.getAttribute('class')).toBe('is-pass');
    await page.getByText('Le consortium respecte toutes les règles de l’appel.').waitFor();

    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: /^E2ECALL/ }).waitFor();
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.getByRole('heading', { name: 'Recevabilité du consortium enregistré' }).waitFor();
    await page.getByText('Le consortium respecte toutes les règles de l’appel.').waitFor();
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page.getByText('Projet soumis : le pôle va vérifier sa recevabilité.').waitFor();
    await page.locator('.page-header').getByText('déposé', { exact: true }).waitFor();

    // not a reviewer: "Mes évaluations" says so
    await page.getByRole('link', { name: 'Mes évaluations' }).click();
    await page.getByText('Vous n’êtes pas dans le pool d’experts').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the review of the call under evaluation', () => {
  it('an expert scores an assignment and submits it', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'expert');
    await page.goto('/evaluations');
    await page.getByRole('heading', { level: 1, name: 'Mes évaluations' }).waitFor();
    const todo = page.locator('tr').filter({ hasText: 'à faire' }).first();
    await todo.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Évaluation de / }).waitFor();
    await expectAccessible(page, 'scoring form');

    // submitting with nothing scored: the summary links to each criterion
    await page.getByRole('button', { name: 'Soumettre', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'Le formulaire contient 5 erreur(s)' }).waitFor();
    await summary.getByRole('link', { name: /^Innovation :/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('score-innovation');

    const scores: [RegExp, string][] = [
      [/^Innovation \(poids 30\s%\)/, '8'],
      [/^Partenariat \(poids 20\s%\)/, '7'],
      [/^Masse critique \(poids 15\s%\)/, '6'],
      [/^Visibilité internationale \(poids 15\s%\)/, '5'],
      [/^Impact économique \(poids 20\s%\)/, '9'],
    ];
    for (const [label, value] of scores) await page.getByLabel(label).selectOption(value);
    // 0,3×8 + 0,2×7 + 0,15×6 + 0,15×5 + 0,2×9 = 7,25
    await page.locator('.live-total').getByText('7,25').waitFor();
    await page.getByLabel('Commentaire').fill('Consortium solide, impact économique convaincant.');
    await page.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await page.getByText('Cette évaluation est soumise : elle ne peut plus être modifiée.').waitFor();
    await page.locator('.page-header').getByText('soumis', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the Skywin manager runs the optimal assignment and sees the progress', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'skywin');
    await page.goto('/appels');
    await page
      .getByRole('link', { name: /en évaluation/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Tableau d’évaluation' }).click();
    await page.getByRole('heading', { level: 1, name: /^Évaluation — / }).waitFor();
    await page.getByText(/^Affectations : \d+ sur \d+ nécessaires$/).waitFor();
    await page.getByRole('table', { name: 'Projets, experts affectés et conflits d’intérêts' }).waitFor();
    await page.getByRole('button', { name: 'Affecter automatiquement (optimal)' }).click();
    await page
      .locator('.solve-result')
      .getByText(/\d+ affectation\(s\) sur \d+ nécessaires ; capacité des experts/)
      .waitFor();
    await page
      .locator('.solve-result')
      .getByText(/^Affectation (complète|incomplète)/)
      .waitFor();
    const progress = page.getByRole('progressbar', { name: /^Affectations/ });
    expect(Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
    await expectAccessible(page, 'review board');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator reads the ranking and records a decision', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'admin');
    await page.goto('/appels');
    await page
      .getByRole('link', { name: /en évaluation/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Tableau d’évaluation' }).click();
    const ranking = page.getByRole('table', { name: 'Classement de l’étape 1' });
    await ranking.getByRole('row').nth(1).waitFor();
    await ranking.getByText('ex aequo').first().waitFor();
    const first = ranking.getByRole('row').nth(1);
    const acronym = ((await first.getByRole('rowheader').getByRole('link').textContent()) ?? '').trim();
    await first.getByRole('button', { name: /^Décider/ }).click();
    const form = page.getByRole('form', { name: `Décision pour ${acronym}` });
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await form.getByRole('link', { name: /^Justification : la décision doit être justifiée/ }).waitFor();
    await form.getByLabel('Retenu pour le jury international').check();
    await form.getByLabel('Justification').fill('Meilleur projet du comité, consensus large.');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Décision enregistrée pour ${acronym} : Retenu pour le jury international.` })
      .waitFor({ state: 'attached' });
    // decided, it stays in the stage-1 ranking with its decision, and moves on to stage 2
    await ranking
      .getByRole('row')
      .filter({ hasText: acronym })
      .filter({ hasText: 'Retenu pour le jury international' })
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Étapes de l’évaluation' })
      .getByRole('link', { name: 'étape 2' })
      .click();
    await page
      .getByRole('table', { name: 'Classement de l’étape 2' })
      .getByRole('row')
      .filter({ hasText: acronym })
      .waitFor();
    await expectAccessible(page, 'review board with the ranking');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a manager edits the rules of a call', () => {
  it('changes numbers, sees the server refuse an inconsistent range next to the field, fixes it and saves', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'admin');
    await page.goto('/appels');
    await page.getByRole('link', { name: /vingtième appel/ }).click();
    await page.getByRole('heading', { name: 'Édition des règles' }).waitFor();
    const duration = page.getByRole('group', { name: 'Durée du projet' });
    await duration.getByLabel('Minimum').fill('48');
    await duration.getByLabel('Maximum').fill('24');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: /^Le jeu de règles est refusé/ }).waitFor();
    await summary.getByRole('link', { name: /^Durée du projet — Maximum : must be ≥ min \(48\)/ }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')))
      .toBe('true');
    await duration.getByLabel('Maximum').fill('60');
    // remove a rule and add it back
    await page.getByRole('button', { name: 'Retirer la règle — Nombre maximal de partenaires' }).click();
    await page.getByLabel('Type de règle à ajouter').selectOption('max_partners');
    await page.getByRole('button', { name: 'Ajouter la règle' }).click();
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await page.getByText('Règles enregistrées et validées.').first().waitFor({ state: 'attached' });
    await page
      .locator('section[aria-labelledby="call-rules"]')
      .getByText('Durée du projet : entre 48 mois et 60 mois.')
      .waitFor();
    await expectAccessible(page, 'rules editor');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a draft after the deadline', () => {
  it('is refused with the closing date in Brussels time', async () => {
    const { page, context, errors } = await browser.open();
    await login(context, 'admin');
    const calls = (await (await context.request.get('/api/v1/calls')).json()) as {
      items: { id: number; title: string; open: boolean; opensAt: string; networks: string[] }[];
    };
    const past = calls.items.find(
      (c) => !c.open && Date.parse(c.opensAt) < Date.now() && c.networks.includes('wagralim'),
    );
    if (!past) throw new Error('the demo has no past call');
    const created = await context.request.post('/api/v1/projects', {
      data: {
        callId: past.id,
        acronym: 'LATE',
        title: 'Projet hors délai',
        networks: ['wagralim'],
        durationMonths: 24,
        partners: [
          { organisationId: 1175, role: 'coordinator', budgetEur: 300000, fundingRequestedEur: 100000 },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await page.goto(`/projets/${id}`);
    await page.getByRole('heading', { name: 'Brouillon : recevabilité et dépôt' }).waitFor();
    await page.getByRole('button', { name: 'Soumettre' }).click();
    await page
      .getByRole('alert')
      .getByText(/l’appel a clôturé le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} \(heure de Bruxelles\)/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a visitor', () => {
  it('opens a labelled project and sees no score and no reviewer', async () => {
    const anonymous = await fetch(`${baseURL}/api/v1/calls/40/review?stage=1`);
    expect(anonymous.status).toBe(401);
    const { page, context, errors } = await browser.open();
    await page.goto('/projets');
    const link = page.locator('table.projects tbody tr th a').first();
    await link.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Consortium' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const word of ['Note pondérée', 'Écart-type', 'ex aequo', 'Évaluation', 'Recevabilité'])
      expect(text).not.toContain(word);
    expect(await page.getByRole('link', { name: 'Mes évaluations' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
