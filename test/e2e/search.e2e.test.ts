import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();

/** The number at the start of a text ("1.234 résultat(s)…" → 1234). */
const leadingNumber = (s: string | null) => Number(s?.match(/^[\d.]+/)?.[0].replace(/\./g, '') ?? Number.NaN);

describe('search and partner matchmaking', () => {
  it('suggests as one types in the header, and the keyboard picks a suggestion', async () => {
    const { page, errors, context } = await browser.open();
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Rechercher dans Polaris' });
    await box.fill('aerol');
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await list.getByRole('option', { name: 'Aerolab SA' }).waitFor();
    await list.getByRole('group', { name: 'Organisations' }).waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));
    // Escape closes, ArrowDown reopens on the first suggestion
    await box.press('Escape');
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
    await box.press('ArrowDown');
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    const active = await box.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    const chosen = page.locator(`[id="${active}"]`);
    expect(await chosen.getAttribute('aria-selected')).toBe('true');
    const label = (await chosen.textContent()) ?? '';
    expect(label).toBe('Aerolab SA');
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/organisations\/\d+$/);
    // the organisation page shows organisations like it, with their reasons
    await page.getByRole('heading', { level: 2, name: 'Organisations similaires' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Profil de compétences' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds an organisation written without accents from an accented French query, highlighted, and narrows by facet', async () => {
    const { page, errors, context } = await browser.open();
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Rechercher dans Polaris' });
    await box.fill('Aérolab aéronautique');
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Recherche' }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Aérolab aéronautique');
    const main = page.getByRole('main');
    const first = main.locator('.search-hit').first();
    await first.getByRole('link', { name: 'Aerolab SA', exact: true }).waitFor();
    const marks = await first.locator('.snippet mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toContain('aéronautique');
    // the snippet is text and <mark> elements, never injected markup
    expect(await first.locator('.snippet *:not(mark):not(span)').count()).toBe(0);
    await expectAccessible(page, 'search page');

    // the organisations tab, then a facet: its count is the new total
    await main.locator('.search-main-form').getByLabel('Mots recherchés').fill('aéronautique');
    await main.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('aéronautique');
    const tabs = main.getByRole('navigation', { name: 'Types de résultats' });
    await tabs.getByRole('link', { name: /^Organisations \(\d+\)$/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('organisation');
    const count = main.locator('.results-count');
    const kind = main.getByLabel('Type d’organisation');
    await expect.poll(() => kind.locator('option').count()).toBeGreaterThan(2);
    await main.locator('section[aria-busy]').waitFor({ state: 'detached' });
    const before = leadingNumber(await count.textContent());
    const option = kind.locator('option[value="research_centre"]');
    const expected = Number((await option.textContent())?.match(/\((\d+)\)$/)?.[1]);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(before);
    await kind.selectOption('research_centre');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('research_centre');
    await expect.poll(async () => leadingNumber(await count.textContent())).toBe(expected);
    const badges = await main.locator('.search-hit .type-badge').allTextContents();
    expect(new Set(badges)).toEqual(new Set(['Organisation']));
    await expectAccessible(page, 'search page with a facet');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the closest name when a search finds nothing, and following it finds that name', async () => {
    const { page, errors, context } = await browser.open();
    // "aerolxxbqq": no word, and under the typo fallback's similarity to any name
    const api = await context.request.get('/api/v1/search?q=aerolxxbqq');
    const answer = (await api.json()) as { total: number; suggestion?: string };
    expect(answer.total).toBe(0);
    expect(answer.suggestion).toMatch(/^Aero/);
    await page.goto('/recherche?q=aerolxxbqq');
    const main = page.getByRole('main');
    await main.getByText('Aucun résultat.', { exact: false }).waitFor();
    const notice = main.locator('.notice', { hasText: 'Vouliez-vous dire :' });
    await notice.getByRole('link', { name: answer.suggestion! }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(answer.suggestion);
    await main
      .locator('.search-hit')
      .first()
      .getByRole('link', { name: answer.suggestion!, exact: true })
      .waitFor();
    await expectAccessible(page, 'search page after a suggestion');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('never shows people to a public visitor, and shows them to an administrator', async () => {
    const visitor = await browser.open();
    await visitor.page.goto('/recherche?q=directeur');
    const count = visitor.page.locator('.results-count');
    await expect.poll(() => count.textContent()).toMatch(/^\d+ résultat/);
    expect(await visitor.page.getByRole('link', { name: /^Personnes/ }).count()).toBe(0);
    expect(await visitor.page.locator('.type-badge', { hasText: 'Personne' }).count()).toBe(0);
    const api = await visitor.context.request.get('/api/v1/search?q=directeur&type=person');
    expect((await api.json()).total).toBe(0);
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();

    const admin = await browser.open();
    const login = await admin.context.request.post('/api/v1/auth/login', {
      data: { email: 'admin@polaris.demo', password: 'polaris-demo-admin' },
    });
    expect(login.status()).toBe(200);
    await admin.page.goto('/recherche?q=directeur');
    await admin.page.getByRole('link', { name: /^Personnes \(\d+\)$/ }).waitFor();
    await admin.context.close();
  });

  it('ranks partners for an idea with reasons, builds a shortlist and downloads it as CSV', async () => {
    const { page, errors, context } = await browser.open();
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Partenaires' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Trouver des partenaires' }).waitFor();
    await expectAccessible(page, 'partner assistant');
    await page
      .getByLabel('Description de l’idée de projet')
      .fill('Structures composites aéronautiques légères pour drones, fabrication additive');
    await page.getByLabel('Mots-clés').fill('composites; aéronautique');
    const novelty = page.getByLabel('Favoriser les organisations moins souvent partenaires');
    await novelty.fill('0.5');
    await page.getByRole('button', { name: 'Trouver des partenaires' }).click();
    const candidates = page.locator('.candidates > .candidate');
    await expect.poll(() => candidates.count()).toBeGreaterThan(2);
    // ranked: scores never go up
    const scores = (await candidates.locator('.candidate-head strong').allTextContents()).map((s) =>
      Number(s.replace(',', '.')),
    );
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await candidates.first().locator('ul.reasons li').first().waitFor();
    expect(await candidates.first().locator('ul.reasons').textContent()).toMatch(/Travaille sur/);
    await candidates.first().locator('summary', { hasText: 'Détail du score' }).click();
    await candidates
      .first()
      .getByRole('table', { name: /^Détail du score de / })
      .getByRole('rowheader', { name: 'Compétences (texte)' })
      .waitFor();
    await expectAccessible(page, 'partner assistant with results');

    const names: string[] = [];
    for (const i of [0, 1]) {
      const c = candidates.nth(i);
      const name = (await c.locator('.candidate-head h3 a').textContent()) ?? '';
      names.push(name);
      await c.getByRole('button', { name: `Ajouter à la liste — ${name}` }).click();
    }
    const table = page.getByRole('table', { name: 'Ma liste de partenaires' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger la liste (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('partenaires.csv');
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\ufeffIdentifiant;Organisation;Type;Taille;Réseaux;Score\r\n')).toBe(true);
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      expect(row).toContain(names[i]);
      expect(row).toMatch(/;\d,\d{3}$/);
    }
    // the shortlist stays for the tab's life
    await page.reload();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('proposes partners inside the submission form and adds one to the consortium', async () => {
    const { page, errors, context } = await browser.open();
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: 'consortium@polaris.demo', password: 'polaris-demo-consortium' },
    });
    expect(login.status()).toBe(200);
    await page.goto('/appels');
    await page
      .locator('section[aria-labelledby="calls-open"] .call-card')
      .first()
      .getByRole('link', { name: /ouvert/ })
      .click();
    await page.getByRole('link', { name: 'Déposer un projet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Déposer un projet' }).waitFor();
    await page.getByLabel('Titre').fill('Emballages compostables pour produits frais');
    const panel = page.getByRole('region', { name: 'Trouver des partenaires' });
    await panel.getByRole('button', { name: 'Proposer des partenaires' }).click();
    const first = panel.locator('.candidate').first();
    await first.locator('ul.reasons li').first().waitFor();
    const name = (await first.locator('.candidate-head a').textContent()) ?? '';
    await first.getByRole('button', { name: `Ajouter au consortium — ${name}` }).click();
    const partners = page.getByRole('table', { name: 'Partenaires du consortium' });
    await partners.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    await first.getByRole('button', { name: `Dans le consortium — ${name}` }).waitFor();
    await expectAccessible(page, 'submission form with proposed partners');
    expect(errors).toEqual([]);
    await context.close();
  });
});
