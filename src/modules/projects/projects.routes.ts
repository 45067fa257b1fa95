import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { importCordis } from './cordis.service.ts';
import * as s from './projects.schemas.ts';
import * as projects from './projects.service.ts';

type ProjectItem = Awaited<ReturnType<typeof projects.listProjects>>['items'][number];

const PROJECT_COLUMNS: Column<ProjectItem>[] = [
  { header: 'Id', value: (p) => p.id },
  { header: 'Acronyme', value: (p) => p.acronym, width: 16 },
  { header: 'Titre', value: (p) => p.title, width: 50 },
  { header: 'Type', value: (p) => p.projectType },
  { header: 'Statut', value: (p) => p.status },
  { header: 'Source', value: (p) => p.source },
  { header: 'Réseaux', value: (p) => p.networks.map((n) => n.slug).join(', '), width: 24 },
  { header: 'Appel', value: (p) => p.callTitle, width: 30 },
  { header: 'Début', value: (p) => p.startDate },
  { header: 'Fin', value: (p) => p.endDate },
  { header: 'Labellisé le', value: (p) => p.labelledOn },
  { header: 'Partenaires', value: (p) => p.partners.length },
  { header: 'Coordinateur', value: (p) => p.partners.find((x) => x.role === 'coordinator')?.name, width: 30 },
  { header: 'Financement public (EUR)', value: (p) => p.publicFundingEur },
  { header: 'Budget total (EUR)', value: (p) => p.totalBudgetEur },
  { header: 'Données générées', value: (p) => (p.generated ? 'oui' : 'non') },
];

type FundingRow = Awaited<ReturnType<typeof projects.fundingTotals>>['items'][number];
const FUNDING_COLUMNS: Column<FundingRow>[] = [
  { header: 'Clé', value: (r) => r.key },
  { header: 'Libellé', value: (r) => r.label, width: 36 },
  { header: 'Projets', value: (r) => r.projects },
  { header: 'Organisations', value: (r) => r.organisations },
  { header: 'Financement public accordé (EUR)', value: (r) => r.fundingGranted },
  { header: 'Budget (EUR)', value: (r) => r.budget },
];

export async function projectRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  r.get(
    '/projects',
    {
      schema: {
        tags,
        summary:
          'Projects visible to the caller (the public: labelled projects), with partners and public funding',
        querystring: s.projectListQuery,
      },
    },
    async (req) => projects.listProjects(req.ctx, req.query),
  );

  r.get(
    '/projects/export',
    {
      schema: {
        tags,
        summary: 'The filtered project list as CSV or XLSX',
        querystring: s.projectExportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      return sendTable(reply, projects.iterateProjects(req.ctx, filters), PROJECT_COLUMNS, format, 'projets');
    },
  );

  r.get(
    '/projects/funding',
    {
      schema: {
        tags,
        summary:
          'Public funding granted to labelled projects by network, call, year, partner kind, size or type',
        querystring: s.fundingQuery,
      },
    },
    async (req, reply) => {
      const { by, format, ...filters } = req.query;
      const res = await projects.fundingTotals(req.ctx, by, filters);
      if (format !== 'json') return sendTable(reply, res.items, FUNDING_COLUMNS, format, `financement-${by}`);
      return res;
    },
  );

  r.get(
    '/projects/outcomes',
    { schema: { tags, summary: 'Promised versus actual outcomes of closed labelled projects, per network' } },
    async (req) => projects.outcomes(req.ctx),
  );

  r.get(
    '/projects/:id',
    {
      schema: { tags, summary: 'One project with its consortium, networks and funding', params: s.idParams },
    },
    async (req) => projects.getProject(req.ctx, req.params.id),
  );

  r.post(
    '/imports/cordis',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import EU projects from a CORDIS participation file (admins), multipart field "file"; all-or-nothing',
        querystring: z.object({
          dryRun: z.enum(['true', 'false']).default('false'),
          programme: z
            .string()
            .regex(/^[A-Za-z0-9-]{2,20}$/)
            .default('H2020'),
        }),
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file)
        throw new ValidationError('No file sent', [
          { path: 'file', message: 'send the file as multipart field "file"' },
        ]);
      return importCordis(req.ctx, await file.toBuffer(), {
        dryRun: req.query.dryRun === 'true',
        programme: req.query.programme,
      });
    },
  );
}
