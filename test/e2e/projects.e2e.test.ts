import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectAccessible } from './browser.ts';

const browser = browserForFile();
const baseURL = inject('baseURL');

describe('a visitor reads the projects', () => {
  it('filters the directory by a pole, opens a labelled project and sees its consortium, not the confidential columns', async () => {
    const { page, context, errors } = await browser.open();
    await page.goto('/projets');
    await page.getByRole('heading', { level: 1, name: 'Projets' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Projets' })
      .waitFor();
    await page.getByText('Projets labellisés', { exact: true }).waitFor();
    await page.getByRole('img', { name: /Financement public par pôle/ }).waitFor();
    await page
      .getByText(/^Ensemble des pôles — emplois promis [\d.]+ · réalisés [\d.]+ \([\d,]+\s%\)$/)
      .waitFor();
    const rows = page.locator('table.projects tbody tr');
    await rows.first().waitFor();
    await expectAccessible(page, 'projects');

    // filter by a pole: the URL, and the poles column of every row, follow
    await page.getByLabel('Réseau', { exact: true }).selectOption('biowin');
    await expect.poll(() => new URL(page.url()).searchParams.get('network')).toBe('biowin');
    const poles = page.locator('table.projects tbody tr td:nth-child(3)');
    await expect
      .poll(async () => {
        const texts = await poles.allTextContents();
        return texts.length > 0 && texts.every((p) => p.includes('BioWin'));
      })
      .toBe(true);
    const funding = await page.locator('table.projects tbody tr td:last-child').first().textContent();
    expect(funding).toMatch(/^\d{1,3}(\.\d{3})+\s€$/);

    // a labelled project: partners and public funding, no budget columns, no journal
    const acronym = (await page.locator('table.projects tbody tr th a').first().textContent()) ?? '';
    await page.getByRole('link', { name: acronym, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${acronym}`) }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/projets\/\d+$/);
    const consortium = page.getByRole('table', {
      name: 'Partenaires du consortium, coordinateur en premier',
    });
    await consortium.getByRole('rowheader').first().waitFor();
    await consortium.getByRole('columnheader', { name: 'Financement public accordé' }).waitFor();
    expect(await consortium.getByRole('cell', { name: 'Coordinateur' }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: /Budget|demandé/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Journal du projet' }).count()).toBe(0);
    await page.getByText('Données générées : ce projet fait partie des données de démonstration').waitFor();
    await page.getByRole('table', { name: 'Résultats : promis au dépôt, réalisés à la clôture' }).waitFor();
    await expectAccessible(page, 'project');

    // the coordinator's page lists its projects and its project partners
    await consortium.getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Projets' }).waitFor();
    await page
      .getByRole('table', { name: /^Projets de l’organisation/ })
      .getByRole('link', { name: acronym })
      .waitFor();
    await page
      .getByRole('table', { name: 'Partenaires de projets, par nombre de projets partagés' })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a visitor explores the collaboration network', () => {
  it('draws the graph, shows its figures, finds an organisation and recolours the nodes', async () => {
    const api = (await (await fetch(`${baseURL}/api/v1/network/collaboration`)).json()) as {
      graph: { nodes: number; edges: number };
      nodes: { id: string; label: string; betweenness: number }[];
    };
    const broker = [...api.nodes].sort((a, b) => b.betweenness - a.betweenness)[0];
    if (!broker) throw new Error('the demo collaboration network is empty');
    const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

    const { page, context, errors } = await browser.open();
    await page.goto('/reseau');
    await page.getByRole('heading', { level: 1, name: 'Réseau de collaboration' }).waitFor();
    await page.locator('.graph-canvas canvas').first().waitFor();
    await page
      .getByRole('img', {
        name: new RegExp(`^Graphe de collaboration : ${thousands(api.graph.nodes)} organisations`),
      })
      .waitFor();
    const figures = page.locator('.graph-figures');
    await figures.getByText(thousands(api.graph.nodes), { exact: true }).first().waitFor();
    await figures.getByText(thousands(api.graph.edges), { exact: true }).waitFor();
    await page.getByRole('table', { name: /^Les 25 premières organisations passerelles/ }).waitFor();
    await page.getByRole('table', { name: 'Communautés, de la plus grande à la plus petite' }).waitFor();
    await page.getByRole('link', { name: /GEXF \(Gephi\)/ }).waitFor();
    await expectAccessible(page, 'collaboration network');

    // find the first broker: its panel, with a link to its page, and the URL keeps the selection
    await page.getByLabel('Rechercher une organisation dans le graphe').fill(broker.label);
    await page.getByRole('button', { name: 'Afficher' }).click();
    const panel = page.locator('#node-panel');
    await panel.getByRole('heading', { name: broker.label }).waitFor();
    await panel.getByRole('link', { name: `Ouvrir la fiche de ${broker.label}` }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('focus')).toBe(broker.id);
    await page.getByLabel('Vue égocentrée').selectOption('1');
    await expect.poll(() => new URL(page.url()).searchParams.get('ego')).toBe('1');

    // colour by kind: the legend names the kinds with their counts
    await page.getByLabel('Couleur des nœuds').selectOption('kind');
    await expect.poll(() => new URL(page.url()).searchParams.get('colour')).toBe('kind');
    const legend = page.getByRole('region', { name: 'Légende — Type d’organisation' });
    await legend.getByText('Entreprise', { exact: true }).waitFor();
    await expectAccessible(page, 'collaboration network, a node selected');

    // the network of networks
    await page
      .getByRole('navigation', { name: 'Vues du réseau' })
      .getByRole('link', { name: 'Réseau des réseaux' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Réseau des réseaux' }).waitFor();
    await page
      .getByRole('table', { name: 'Paires de réseaux, par nombre de membres communs' })
      .getByRole('row')
      .nth(1)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('on a phone (375 px wide)', () => {
  it('shows the projects and the collaboration network without horizontal scrolling', async () => {
    const { page, context, errors } = await browser.open(375);
    await page.goto('/projets');
    await page.locator('table.projects tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.goto('/reseau');
    await page.locator('.graph-canvas canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'collaboration network at 375 px');
    expect(errors).toEqual([]);
    await context.close();
  });
});
