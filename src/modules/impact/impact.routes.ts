import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ValidationError } from '../../domain/errors.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { impactSeries, type Series, type SeriesQuery } from './descriptive.service.ts';
import * as s from './impact.schemas.ts';
import { panelRows, panelSummary } from './panel.service.ts';
import { importPanel } from './panel-import.service.ts';

type Row = { series: Series; point: Series['points'][number] };

function exportColumns(lang: 'fr' | 'en'): Column<Row>[] {
  const fr = lang === 'fr';
  return [
    {
      header: fr ? 'Groupe' : 'Group',
      value: (r) =>
        r.series.status === 'members'
          ? fr
            ? 'Membres'
            : 'Members'
          : fr
            ? 'Reste de l’industrie'
            : 'Rest of industry',
    },
    {
      header: fr ? 'Ventilation' : 'Breakdown',
      value: (r) => (r.series.stratum ? r.series.stratum[lang] : ''),
      width: 40,
    },
    { header: fr ? 'Année' : 'Year', value: (r) => r.point.year },
    { header: 'Total', value: (r) => r.point.total },
    { header: fr ? 'Indice (base = 100)' : 'Index (base = 100)', value: (r) => r.point.index },
    { header: fr ? 'Entreprises' : 'Firms', value: (r) => r.point.firms },
    { header: fr ? 'Secret statistique' : 'Confidential', value: (r) => r.point.suppressed },
    { header: fr ? 'Croissance sur la période' : 'Growth over the period', value: (r) => r.series.growth },
  ];
}

function toQuery(q: ReturnType<typeof s.seriesQuery.parse>): SeriesQuery {
  return {
    outcome: q.outcome,
    treatment: q.network ? `network:${q.network}` : q.treatment,
    breakdown: q.breakdown,
    from: q.from,
    to: q.to,
    composition: q.composition,
    sectors: q.sectors,
    region: q.region,
    provinces: q.provinces,
  };
}

/** The impact observatory's data side: panel summary, import, firm rows, descriptive series. */
export async function impactRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/impact/panel',
    {
      schema: {
        tags: ['impact'],
        summary:
          'The firm-year panel: rows, firms, years, members, coverage per year, data version (public counts)',
      },
    },
    (req) => panelSummary(req.ctx),
  );
  r.post(
    '/impact/panel/import',
    {
      schema: {
        tags: ['impact'],
        summary:
          'Import a firm-year panel (CSV, XLSX or Parquet, multipart field "file"); managers and admins',
        description:
          'All-or-nothing. 200 with the report when written (or a valid dry run), 422 with the report when rejected. A firm-year already stored is replaced.',
        querystring: s.importQuery,
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file)
        throw new ValidationError('No file sent', [
          { path: 'file', message: 'send the panel as multipart field "file"' },
        ]);
      const bytes = await file.toBuffer();
      const report = await importPanel(req.ctx, { bytes }, { ...req.query, fileName: file.filename });
      return reply.status(report.ok ? 200 : 422).send({ fileName: file.filename, ...report });
    },
  );
  r.get(
    '/impact/panel/rows',
    {
      schema: {
        tags: ['impact'],
        summary: 'Firm-level panel rows (never public: managers and admins)',
        querystring: s.rowsQuery,
      },
    },
    (req) => panelRows(req.ctx, req.query),
  );
  r.get(
    '/impact/series',
    {
      schema: {
        tags: ['impact'],
        summary:
          'Indexed series and growth, members vs the rest of regional industry, with the headline (FR/EN) and its definitions',
        description:
          'Public cells aggregate at least 3 firms with no firm above 85 % of the total (statistical confidentiality); others are null and flagged, except for managers and admins.',
        querystring: s.seriesQuery,
      },
    },
    (req) => impactSeries(req.ctx, toQuery(req.query)),
  );
  r.get(
    '/impact/series/export',
    {
      schema: {
        tags: ['impact'],
        summary: 'The series as CSV (Belgian Excel) or XLSX, one row per group, stratum and year',
        querystring: s.exportQuery,
      },
    },
    async (req, reply) => {
      const a = await impactSeries(req.ctx, toQuery(req.query));
      const rows: Row[] = [];
      for (const series of [...a.overall, ...a.breakdown])
        for (const point of series.points) rows.push({ series, point });
      const base =
        req.query.lang === 'fr' ? `serie-impact-${a.query.outcome}` : `impact-series-${a.query.outcome}`;
      return sendTable(reply, rows, exportColumns(req.query.lang), req.query.format, base);
    },
  );
}
