import { describe, expect, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();

describe('a visitor, then a Skywin network manager', () => {
  it('browses a pole, filters its members, reads an organisation, switches language, logs in and edits it', async () => {
    const { page, context, errors } = await browser.open();

    // Home: key figures, chart with its data table, demo banner
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await page
      .getByRole('heading', { level: 1, name: 'Les pôles et clusters de Wallonie en chiffres' })
      .waitFor();
    await page.getByText('Données de démonstration générées').first().waitFor();
    await page.getByText('Entreprises membres', { exact: true }).first().waitFor();
    await page.getByRole('img', { name: /Membres au 31 décembre/ }).waitFor();
    // the first Tab reaches the skip link, which leads to the main content
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Aller au contenu principal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByText('Afficher les données du graphique').click();
    await page.getByRole('table', { name: 'Membres au 31 décembre, par année' }).waitFor();
    await expectAccessible(page, 'home');

    // Networks → Skywin
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Réseaux' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Réseaux' }).waitFor();
    await page.getByText('illustratif').first().waitFor();
    await expectAccessible(page, 'networks');
    await page.getByRole('link', { name: 'Skywin', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Skywin' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reseaux/skywin');
    const count = page.locator('.results-count');
    await expect.poll(() => count.textContent()).toMatch(/^\d+ organisations/);
    const allMembers = Number((await count.textContent())?.match(/^[\d.]+/)?.[0].replace('.', ''));
    expect(allMembers).toBeGreaterThan(25);
    await expectAccessible(page, 'network skywin');

    // Filter the members by kind: the URL, the count and every row follow
    await page.getByLabel('Type', { exact: true }).selectOption('university');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('university');
    await expect
      .poll(async () => (await count.textContent())?.trim())
      .not.toBe(`${allMembers} organisations`);
    await page.locator('section.table-scroll[aria-busy]').waitFor({ state: 'detached' });
    const kinds = await page.locator('table.organisations tbody tr td:nth-child(2)').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Université']));
    // and by text: the search box filters on submit
    const firstName = (await page.locator('table.organisations tbody tr th a').first().textContent()) ?? '';
    await page.getByLabel('Nom ou numéro d’entreprise').fill(firstName);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(firstName);
    await expect.poll(() => page.locator('table.organisations tbody tr').count()).toBe(1);
    await expectAccessible(page, 'network skywin, filtered');

    // Organisation: fields and memberships timeline (visual and table)
    await page.getByRole('link', { name: firstName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: firstName }).waitFor();
    const orgUrl = new URL(page.url()).pathname;
    expect(orgUrl).toMatch(/^\/organisations\/\d+$/);
    await page.getByRole('heading', { name: 'Adhésions' }).waitFor();
    await page.getByRole('img', { name: /Frise des adhésions de 2006 à \d{4}.*Skywin/ }).waitFor();
    const periods = page.getByRole('table', { name: 'Périodes d’adhésion' });
    await periods.getByRole('rowheader', { name: /Skywin/ }).waitFor();
    expect(await periods.locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await expect.poll(() => page.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(0);
    await expectAccessible(page, 'organisation');

    // English
    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Memberships' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Networks' })
      .waitFor();
    await page.getByRole('table', { name: 'Membership periods' }).waitFor();
    await expectAccessible(page, 'organisation in English');
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');

    // Log in as the Skywin network manager
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await expectAccessible(page, 'login');
    await page.getByLabel('Adresse e-mail').fill('skywin@polaris.demo');
    await page.getByLabel('Mot de passe').fill('wrong password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' }).waitFor();
    await page.getByLabel('Mot de passe').fill('polaris-demo-skywin');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Équipe Skywin (démo)', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Import' }).waitFor();

    // Edit the Skywin member: a wrong enterprise number comes back next to its field
    await page.goto(orgUrl);
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.getByRole('heading', { level: 1, name: `Modifier « ${firstName} »` }).waitFor();
    await expectAccessible(page, 'edit form');
    const enterprise = page.getByLabel('Numéro d’entreprise (BCE)');
    const originalNumber = await enterprise.inputValue();
    await enterprise.fill('0123.456.789');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient 1 erreur(s)' });
    await summary.waitFor();
    await summary.getByRole('link', { name: /Numéro d’entreprise \(BCE\).*mod-97/ }).waitFor();
    await expect.poll(() => enterprise.getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-enterpriseNumber');
    await expectAccessible(page, 'edit form with errors');

    await enterprise.fill(originalNumber);
    await page.getByLabel('Effectif').fill('4321');
    await page.getByLabel('Description').fill('Fiche modifiée par le parcours E2E.');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Modifications enregistrées.').waitFor();
    expect(new URL(page.url()).pathname).toBe(orgUrl);
    await page.getByText('4.321', { exact: true }).waitFor();
    await page.getByText('Fiche modifiée par le parcours E2E.').waitFor();
    // as the manager of Skywin, the memberships can be managed
    await page
      .getByRole('button', { name: /Mettre fin/ })
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Ajouter une adhésion' }).waitFor();
    await expectAccessible(page, 'organisation as manager');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('on a phone (375 px wide)', () => {
  it('shows a network’s members, who left in 2020, and a 404 page for an unknown address', async () => {
    const { page, context, errors } = await browser.open(375);
    await page.goto('/reseaux/skywin?province=60000');
    await page.getByRole('heading', { level: 1, name: 'Skywin' }).waitFor();
    await page.locator('table.organisations tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'network skywin at 375 px');
    await page.goto('/adhesions?leftYear=2020');
    await page.getByRole('heading', { level: 1, name: 'Historique des adhésions' }).waitFor();
    await page.locator('table.membership-history tbody tr').first().waitFor();
    expect(await page.getByLabel('Année de sortie').inputValue()).toBe('2020');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'membership history at 375 px');
    await page.goto('/nulle-part');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectAccessible(page, '404 at 375 px');
    await page.goto('/reseaux/inconnu');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await context.close();
  });
});
