import { LICENCE } from './opendata.config.ts';
import type { Dataset } from './opendata.datasets.ts';

/**
 * `/open-data/`: a plain, accessible HTML index of the open files (French first, then English):
 * landmarks, one heading per dataset, field tables with captions and header scopes, link texts that
 * say what they download. No script, no external resource.
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function datasetSection(ds: Dataset, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  const anchor = fr ? ds.name : `${ds.name}-en`;
  const rows = ds.fields
    .map(
      (f) => `<tr><th scope="row"><code>${esc(f.name)}</code></th><td>${esc(f.description[lang])}</td></tr>`,
    )
    .join('\n');
  return `<section id="${anchor}" aria-labelledby="h-${anchor}">
<h3 id="h-${anchor}">${esc(ds.title[lang])}</h3>
<p>${esc(ds.description[lang])}</p>
<ul class="files">
<li><a href="${ds.name}.csv" type="text/csv">${esc(ds.title[lang])} — CSV</a></li>
<li><a href="${ds.name}.json" type="application/json">${esc(ds.title[lang])} — JSON</a></li>
</ul>
<table>
<caption>${fr ? 'Champs du fichier' : 'Fields of the file'} « ${esc(ds.name)} »</caption>
<thead><tr><th scope="col">${fr ? 'Champ' : 'Field'}</th><th scope="col">${fr ? 'Signification' : 'Meaning'}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

export function indexPage(datasets: Dataset[]): string {
  const fr = datasets.map((d) => datasetSection(d, 'fr')).join('\n');
  const en = datasets.map((d) => datasetSection(d, 'en')).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Données ouvertes — Polaris</title>
<link rel="alternate" type="application/ld+json" href="catalog.jsonld" title="Catalogue DCAT-AP">
<link rel="license" href="${LICENCE.deed}">
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}code{font-size:.95em}
</style>
</head>
<body>
<header>
<p><a href="/">Polaris</a></p>
</header>
<main id="contenu">
<h1>Données ouvertes des pôles de compétitivité et clusters</h1>
<p>Les données publiques de Polaris, sans aucune donnée personnelle, en CSV (RFC 4180 : UTF-8, virgule, point décimal) et en JSON,
sous licence <a href="${LICENCE.deed}" rel="license">Creative Commons Attribution 4.0 (CC BY 4.0)</a>.
Le <a href="catalog.jsonld" type="application/ld+json">catalogue DCAT-AP (JSON-LD)</a> décrit chaque jeu de données pour les portails de données ouvertes.</p>
<p><a href="#english" hreflang="en" lang="en">English version below</a></p>
<h2>Jeux de données</h2>
${fr}
<div lang="en">
<h2 id="english">Open data of the competitiveness poles and clusters</h2>
<p>Polaris public data, without any personal data, as CSV (RFC 4180: UTF-8, comma, decimal point) and JSON,
under the <a href="${LICENCE.deed}">Creative Commons Attribution 4.0 licence (CC BY 4.0)</a>.
The <a href="catalog.jsonld" type="application/ld+json">DCAT-AP catalogue (JSON-LD)</a> describes every dataset for open-data portals.</p>
<h2>Datasets</h2>
${en}
</div>
</main>
</body>
</html>
`;
}
