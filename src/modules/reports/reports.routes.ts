import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from './reports.schemas.ts';
import { annualReport } from './reports.service.ts';
import { annualReportWorkbook } from './reports.xlsx.ts';

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.get(
    '/reports/annual/:network/:year.xlsx',
    {
      schema: {
        tags,
        summary:
          'The annual report as a workbook: KPIs, projects and members sheets (French headers; ?lang=en)',
        params: s.annualParams,
        querystring: s.annualQuery,
      },
    },
    async (req, reply) => {
      const { network, year } = req.params;
      const report = await annualReport(req.ctx, network, year, req.query.lang);
      const base = req.query.lang === 'en' ? 'annual-report' : 'rapport-annuel';
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${base}-${report.network.slug}-${year}.xlsx"`)
        .send(await annualReportWorkbook(report));
    },
  );

  r.get(
    '/reports/annual/:network/:year',
    {
      schema: {
        tags,
        summary:
          'Annual report data of a network (slug or "region"): KPIs against the previous year, projects labelled / running / closed, member changes, events',
        params: s.annualParams,
        querystring: s.annualQuery,
      },
    },
    async (req) => annualReport(req.ctx, req.params.network, req.params.year, req.query.lang),
  );
}
