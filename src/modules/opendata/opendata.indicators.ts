import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { todayIso } from '../../domain/dates.ts';
import { CATALOGUE, FIRST_YEAR, type Indicator } from '../../domain/indicators/catalogue.ts';
import { ANONYMOUS } from '../auth/actor.ts';
import { catalogue, indicatorSet } from '../indicators/indicators.service.ts';
import { EU } from './opendata.config.ts';
import type { Cell, Dataset, Field } from './opendata.datasets.ts';

/**
 * The indicator catalogue and its yearly series as open data, read from the indicator module (the
 * same values as `GET /api/v1/indicators` and `GET /api/v1/indicators/:code`), so the files and the
 * API never disagree. The series' current year is a stock taken today (year to date), hence daily
 * validators.
 */

const f = <T>(name: string, value: (row: T) => Cell, fr: string, en: string): Field<T> => ({
  name,
  value,
  description: { fr, en },
});

const PAGE = 2000;

async function* inPages<T>(rows: Iterable<T>): AsyncGenerator<T[]> {
  let page: T[] = [];
  for (const r of rows) {
    page.push(r);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

const indicators: Dataset<Indicator> = {
  name: 'indicators',
  title: { fr: 'Catalogue des indicateurs', en: 'Indicator catalogue' },
  description: {
    fr: 'Les indicateurs de contexte, de ressources, de réalisation et de résultat des pôles et clusters : définition, formule, unité, sources, ventilations.',
    en: 'The context, resource, achievement and result indicators of the poles and clusters: definition, formula, unit, sources, breakdowns.',
  },
  keywords: {
    fr: ['indicateur', 'évaluation', 'politique industrielle', 'suivi'],
    en: ['indicator', 'evaluation', 'industrial policy', 'monitoring'],
  },
  themes: [EU.theme('ECON'), EU.theme('GOVE')],
  changes: [],
  temporal: () => ({ from: `${FIRST_YEAR}-01-01`, to: null }),
  revision: createHash('sha256').update(JSON.stringify(CATALOGUE)).digest('hex').slice(0, 12),
  loadedAt: new Date(),
  // statuses as the API gives them (the panel's indicators are needs_data while it is empty)
  pages: async function* (db) {
    yield* inPages((await catalogue({ db, actor: ANONYMOUS })).items);
  },
  fields: [
    f('code', (i) => i.code, 'code de l’indicateur', 'indicator code'),
    f(
      'kind',
      (i) => i.kind,
      'context, resource, achievement, result',
      'context, resource, achievement, result',
    ),
    f('name_fr', (i) => i.name.fr, 'nom en français', 'name in French'),
    f('name_en', (i) => i.name.en, 'nom en anglais', 'name in English'),
    f('definition_fr', (i) => i.definition.fr, 'définition en français', 'definition in French'),
    f('definition_en', (i) => i.definition.en, 'définition en anglais', 'definition in English'),
    f('formula', (i) => i.formula, 'formule', 'formula'),
    f(
      'unit',
      (i) => i.unit,
      'unité (count, share, eur, ratio, per_10000, density)',
      'unit (count, share, eur, ratio, per_10000, density)',
    ),
    f('periodicity', (i) => i.periodicity, 'périodicité', 'periodicity'),
    f(
      'breakdowns',
      (i) => i.breakdowns,
      'ventilations (CSV : séparées par « ; »)',
      'breakdowns (CSV: separated by ";")',
    ),
    f(
      'sources',
      (i) => i.sources,
      'tables sources (CSV : séparées par « ; »)',
      'source tables (CSV: separated by ";")',
    ),
    f(
      'status',
      (i) => i.status,
      'computed (calculé) ou needs_data (données à venir)',
      'computed, or needs_data (data to come)',
    ),
  ],
};

interface SeriesRow {
  code: string;
  unit: string;
  network: string;
  breakdown: string | null;
  breakdownValue: string | null;
  year: number;
  value: number | null;
}

/** Every computed indicator × scope (region, each network) × breakdown key × year. */
async function* seriesPages(db: Db): AsyncGenerator<SeriesRow[]> {
  const set = await indicatorSet({ db, actor: ANONYMOUS });
  function* rows(): Generator<SeriesRow> {
    for (const ind of CATALOGUE) {
      const byScope = set.values.get(ind.code);
      if (ind.status !== 'computed' || !byScope) continue;
      for (const scope of set.scopes) {
        const byKey = byScope.get(scope.slug);
        if (!byKey) continue;
        // the total ('') first, then the breakdowns in key order
        for (const key of [...byKey.keys()].sort()) {
          const values = byKey.get(key)!;
          const colon = key.indexOf(':');
          for (let y = set.from; y <= set.to; y++)
            yield {
              code: ind.code,
              unit: ind.unit,
              network: scope.slug,
              breakdown: key === '' ? null : key.slice(0, colon),
              breakdownValue: key === '' ? null : key.slice(colon + 1),
              year: y,
              value: values[y - set.from] ?? null,
            };
        }
      }
    }
  }
  yield* inPages(rows());
}

const indicatorSeries: Dataset<SeriesRow> = {
  name: 'indicator-series',
  title: { fr: 'Séries annuelles des indicateurs', en: 'Yearly indicator series' },
  description: {
    fr: 'La valeur de chaque indicateur calculé, par année depuis 2006, pour la Wallonie (region) et chaque pôle ou cluster, au total et par ventilation. L’année en cours est arrêtée au jour de la publication.',
    en: 'The value of every computed indicator, per year since 2006, for Wallonia (region) and each pole or cluster, in total and by breakdown. The current year is taken on the day of publication.',
  },
  keywords: {
    fr: ['indicateur', 'série temporelle', 'statistiques', 'pôle de compétitivité', 'cluster'],
    en: ['indicator', 'time series', 'statistics', 'competitiveness pole', 'cluster'],
  },
  themes: [EU.theme('ECON'), EU.theme('GOVE')],
  changes: ['networks', 'organisations', 'memberships', 'projects'],
  temporal: () => ({ from: `${FIRST_YEAR}-01-01`, to: todayIso() }),
  daily: true,
  revision: indicators.revision,
  pages: seriesPages,
  fields: [
    f('code', (r) => r.code, 'code de l’indicateur (indicators.code)', 'indicator code (indicators.code)'),
    f('unit', (r) => r.unit, 'unité', 'unit'),
    f('network', (r) => r.network, 'réseau (networks.slug) ou region', 'network (networks.slug) or region'),
    f('breakdown', (r) => r.breakdown, 'ventilation (vide : total)', 'breakdown (empty: total)'),
    f('breakdown_value', (r) => r.breakdownValue, 'modalité de la ventilation', 'breakdown category'),
    f('year', (r) => r.year, 'année', 'year'),
    f('value', (r) => r.value, 'valeur (vide : non définie)', 'value (empty: undefined)'),
  ],
};

export const INDICATOR_DATASETS = [indicators, indicatorSeries] as const;
