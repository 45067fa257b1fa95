import { describe, expect, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();

describe('an administrator', () => {
  it('finds who joined Skywin in 2019, adds and deletes a contact, and reads it all in Dutch', async () => {
    const { page, context, errors } = await browser.open();
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: 'admin@polaris.demo', password: 'polaris-demo-admin' },
    });
    expect(login.status()).toBe(200);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

    // Membership history: who joined Skywin in 2019
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Adhésions' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Historique des adhésions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/adhesions');
    const count = page.locator('.results-count');
    await expect.poll(() => count.textContent()).toMatch(/^[\d.]+ périodes d’adhésion/);
    const everything = await count.textContent();
    await page.getByLabel('Réseau', { exact: true }).selectOption('skywin');
    await expect.poll(() => new URL(page.url()).searchParams.get('network')).toBe('skywin');
    await page.getByLabel('Année d’adhésion').selectOption('2019');
    await expect.poll(() => new URL(page.url()).searchParams.get('joinedYear')).toBe('2019');
    await expect.poll(() => count.textContent()).not.toBe(everything);
    await page.locator('section.table-scroll[aria-busy]').waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: /Périodes d’adhésion.*Skywin, adhésion en 2019/ });
    const rows = table.locator('tbody tr');
    await rows.first().waitFor(); // the filtered table has rendered
    expect(new Set(await rows.locator('td:nth-child(3)').allTextContents())).toEqual(new Set(['Skywin']));
    for (const joined of await rows.locator('td:nth-child(4)').allTextContents())
      expect(joined).toMatch(/^\d{2}\/\d{2}\/2019$/);
    const csv = await page.getByRole('link', { name: /Exporter en CSV/ }).getAttribute('href');
    expect(csv).toBe('/api/v1/memberships?network=skywin&joinedYear=2019&format=csv');
    await expectAccessible(page, 'membership history, filtered');

    // One of them: add a contact (the empty form first), then delete it
    const name = (await rows.first().locator('th a').textContent()) ?? '';
    await rows.first().getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    await page.getByRole('button', { name: 'Ajouter le contact' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le formulaire contient 2 erreur(s)' }).waitFor();
    await page.getByLabel('Prénom').fill('Anne');
    await page.getByLabel('Nom de famille').fill('Parcours');
    await page.getByLabel('Fonction').fill('Responsable innovation');
    await page.getByLabel('E-mail').fill('anne.parcours@exemple.be');
    await page.getByRole('button', { name: 'Ajouter le contact' }).click();
    const people = page.getByRole('table', { name: 'Contacts' });
    await people.getByRole('rowheader', { name: 'Anne Parcours' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Contact ajouté.' }).waitFor();

    // The confirmation dialog: focus on Cancel, kept inside, Escape closes and gives focus back
    const remove = page.getByRole('button', { name: 'Supprimer — Anne Parcours' });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer le contact Anne Parcours ?' });
    await dialog.waitFor();
    await expect.poll(focused).toBe('Annuler');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Annuler');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('Supprimer — Anne Parcours');
    await remove.click();
    await dialog.waitFor();
    await expectAccessible(page, 'organisation with the delete dialog open');
    await dialog.getByRole('button', { name: 'Supprimer le contact' }).click();
    await people.getByRole('rowheader', { name: 'Anne Parcours' }).waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('Contacts');

    // Nederlands
    await page.getByLabel('Langue').selectOption('nl');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByRole('heading', { level: 2, name: 'Contactpersonen' }).waitFor();
    await page.getByRole('button', { name: 'Een contactpersoon toevoegen' }).waitFor();
    await page.getByRole('table', { name: 'Lidmaatschapsperiodes' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Hoofdnavigatie' })
      .getByRole('link', { name: 'Lidmaatschappen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Geschiedenis van de lidmaatschappen' }).waitFor();
    await page.getByLabel('Jaar van toetreding').waitFor();
    await expect.poll(() => count.textContent()).toMatch(/^[\d.]+ lidmaatschapsperiodes/);

    expect(errors).toEqual([]);
    await context.close();
  });
});
