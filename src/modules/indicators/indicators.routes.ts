import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { dashboard, dashboardRows } from './dashboards.service.ts';
import * as s from './indicators.schemas.ts';
import * as indicators from './indicators.service.ts';
import { boundariesDocument, membersMap, organisationPoints } from './maps.service.ts';
import { type SpecialisationRow, specialisation } from './specialisation.service.ts';

const SERIES_COLUMNS: Column<indicators.SeriesPoint>[] = [
  { header: 'Réseau', value: (p) => p.network },
  { header: 'Année', value: (p) => p.year },
  { header: 'Ventilation', value: (p) => p.breakdown ?? '' },
  { header: 'Valeur', value: (p) => p.value },
];

type ValueItem = Awaited<ReturnType<typeof indicators.indicatorValues>>['items'][number];
const VALUE_COLUMNS: Column<ValueItem>[] = [
  { header: 'Code', value: (v) => v.code },
  { header: 'Indicateur', value: (v) => v.name.fr, width: 50 },
  { header: 'Unité', value: (v) => v.unit },
  { header: 'Valeur', value: (v) => v.value },
  { header: 'Année précédente', value: (v) => v.previous },
  { header: 'Évolution', value: (v) => v.change },
  { header: 'Statut', value: (v) => v.status },
];

type DashRow = ReturnType<typeof dashboardRows>[number];
const DASH_COLUMNS: Column<DashRow>[] = [
  { header: 'Section', value: (r) => r.section },
  { header: 'Série', value: (r) => r.series },
  { header: 'Clé', value: (r) => r.key },
  { header: 'Libellé', value: (r) => r.label, width: 30 },
  { header: 'Valeur', value: (r) => r.value },
];

const LQ_COLUMNS: Column<SpecialisationRow>[] = [
  { header: 'Secteur', value: (r) => r.sector },
  { header: 'Libellé', value: (r) => r.sectorLabel, width: 50 },
  { header: 'Province (NIS)', value: (r) => r.area },
  { header: 'Province', value: (r) => r.areaName },
  { header: 'Emplois', value: (r) => r.jobs },
  { header: 'Établissements', value: (r) => r.establishments },
  { header: 'Quotient de localisation', value: (r) => r.lq },
  { header: 'Spécialisation forte', value: (r) => r.strong },
];

type Area = Awaited<ReturnType<typeof membersMap>>['areas'][number];
const AREA_COLUMNS: Column<Area>[] = [
  { header: 'NIS', value: (a) => a.nis },
  { header: 'Nom', value: (a) => a.name, width: 30 },
  { header: 'Membres', value: (a) => a.members },
  { header: 'Population', value: (a) => a.population },
  { header: 'Membres pour 10 000 habitants', value: (a) => a.per10000 },
];

/** Indicators, dashboards, specialisation and maps: public, read-only, cached per data version. */
export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];

  r.get('/indicators', { schema: { tags, summary: 'The indicator catalogue' } }, async (req) =>
    indicators.catalogue(req.ctx),
  );

  r.get(
    '/indicators/values',
    {
      schema: {
        tags,
        summary:
          'Every indicator of one network (or the region) in one year, with the previous year and the change',
        querystring: s.valuesQuery,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const v = await indicators.indicatorValues(req.ctx, q);
      if (format !== 'json')
        return sendTable(reply, v.items, VALUE_COLUMNS, format, `indicateurs-${v.network}-${v.year}`);
      return v;
    },
  );

  r.get(
    '/indicators/:code',
    {
      schema: {
        tags,
        summary: 'One indicator’s yearly series, per network and for the region, in all or by a breakdown',
        params: s.codeParams,
        querystring: s.seriesQuery,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const res = await indicators.indicatorSeries(req.ctx, req.params.code, q);
      if (format !== 'json')
        return sendTable(reply, res.series, SERIES_COLUMNS, format, `indicateur-${req.params.code}`);
      return res;
    },
  );

  r.get(
    '/dashboards/region',
    {
      schema: {
        tags,
        summary: 'Dashboard of all networks: headline figures, trends, breakdowns',
        querystring: s.dashboardQuery,
      },
    },
    async (req, reply) => {
      const d = await dashboard(req.ctx, 'region', req.query.year);
      if (req.query.format !== 'json')
        return sendTable(reply, dashboardRows(d), DASH_COLUMNS, req.query.format, 'tableau-de-bord-region');
      return d;
    },
  );

  r.get(
    '/dashboards/networks/:slug',
    {
      schema: {
        tags,
        summary: 'Dashboard of one pole or cluster',
        params: s.slugParams,
        querystring: s.dashboardQuery,
      },
    },
    async (req, reply) => {
      const d = await dashboard(req.ctx, req.params.slug, req.query.year);
      if (req.query.format !== 'json')
        return sendTable(
          reply,
          dashboardRows(d),
          DASH_COLUMNS,
          req.query.format,
          `tableau-de-bord-${req.params.slug}`,
        );
      return d;
    },
  );

  r.get(
    '/specialisation',
    {
      schema: {
        tags,
        summary: 'Location quotients of jobs by sector and province, with the strong specialisations',
        querystring: s.specialisationQuery,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const res = await specialisation(req.ctx, q);
      if (format !== 'json') return sendTable(reply, res.items, LQ_COLUMNS, format, 'specialisation');
      return res;
    },
  );

  r.get(
    '/maps/members',
    {
      schema: {
        tags,
        summary: 'Members per province or municipality, per 10,000 inhabitants',
        querystring: s.membersMapQuery,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const res = await membersMap(req.ctx, q);
      if (format !== 'json')
        return sendTable(reply, res.areas, AREA_COLUMNS, format, `membres-par-${q.level}`);
      return res;
    },
  );

  r.get(
    '/maps/boundaries',
    {
      schema: {
        tags,
        summary: 'Walloon provinces or municipalities as GeoJSON (ETag, cacheable)',
        querystring: s.boundariesQuery,
      },
    },
    async (req, reply) => {
      const { body, etag } = await boundariesDocument(req.ctx, req.query.level);
      reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );

  r.get(
    '/maps/organisations',
    {
      schema: {
        tags,
        summary: 'Member organisations as points at their municipality’s centroid (public fields only)',
        querystring: s.pointsQuery,
      },
    },
    async (req) => organisationPoints(req.ctx, req.query),
  );
}
