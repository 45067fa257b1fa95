import { describe, expect, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();

/** 0123.456.789 fails the mod-97 check (the check digits of 01234567 are 49). */
const BAD_CSV = [
  'nom;numéro d’entreprise;effectif;type',
  'Aéro Test Mauvais SA;0123.456.789;12;enterprise',
  'Aéro Test Bon SA;0123.456.749;5;enterprise',
].join('\n');

describe('import of a member list', () => {
  it('rejects a file with a wrong enterprise number and shows the error table', async () => {
    const { page, context, errors } = await browser.open();
    // The browser context shares its cookies with its request context: log in through the API.
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: 'skywin@polaris.demo', password: 'polaris-demo-skywin' },
    });
    expect(login.status()).toBe(200);

    await page.goto('/import');
    await page.getByRole('heading', { level: 1, name: 'Importer une liste de membres' }).waitFor();
    await expect.poll(() => page.getByLabel('Réseau des membres').inputValue()).toBe('skywin');
    await expectAccessible(page, 'import form');

    // no file: the error summary points at the file field
    await page.getByRole('button', { name: 'Importer' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Fichier.*choisissez un fichier/ })
      .waitFor();

    await page.getByLabel('Fichier (CSV ou Excel)').setInputFiles({
      name: 'membres-skywin.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV, 'utf8'),
    });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('heading', { name: 'Rapport d’import' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Import refusé : 1 problème(s). Rien n’a été enregistré.' })
      .waitFor();
    const table = page.getByRole('region', { name: /Erreurs/ }).getByRole('table');
    const row = table.locator('tbody tr').first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('2');
    expect(cells[1]).toBe('numéro d’entreprise');
    expect(cells[2]).toBe('0123.456.789');
    expect(cells[3]).toMatch(/mod-97/);
    await expectAccessible(page, 'import report (rejected)');

    // nothing was written
    const search = await context.request.get('/api/v1/organisations?q=aero%20test');
    expect((await search.json()).total).toBe(0);

    // a dry run of the same file with only the good row passes
    const good = BAD_CSV.split('\n')
      .filter((l) => !l.includes('789'))
      .join('\n');
    await page.getByLabel('Fichier (CSV ou Excel)').setInputFiles({
      name: 'membres-skywin.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good, 'utf8'),
    });
    await page.getByLabel('Simulation : vérifier le fichier sans rien enregistrer').check();
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('status').filter({ hasText: 'Simulation réussie' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
