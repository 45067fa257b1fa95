import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import * as calls from './calls.service.ts';
import { importCordis } from './cordis.service.ts';
import { checkEligibility, checkRegistryConsortium } from './eligibility.service.ts';
import { importProjects } from './project-import.service.ts';
import * as write from './project-write.service.ts';
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

  r.get(
    '/calls',
    {
      schema: {
        tags: ['calls'],
        summary: 'Calls for projects (public announcements)',
        querystring: s.callListQuery,
      },
    },
    async (req) => calls.listCalls(req.ctx, req.query),
  );
  r.get(
    '/calls/:id',
    {
      schema: { tags: ['calls'], summary: 'One call with its rules and evaluation grid', params: s.idParams },
    },
    async (req) => calls.getCall(req.ctx, req.params.id),
  );
  r.post(
    '/calls',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Open a call (managers of all its networks, or admins); rules and grid default to the Walloon R&D ones',
        body: s.callBody,
      },
    },
    async (req, reply) => reply.status(201).send(await calls.createCall(req.ctx, req.body)),
  );
  r.patch(
    '/calls/:id',
    {
      schema: {
        tags: ['calls'],
        summary: 'Edit a call, its rules or its grid',
        params: s.idParams,
        body: s.callBody.partial(),
      },
    },
    async (req) => calls.updateCall(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/eligibility/check',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Evaluate a rule set (default: Walloon R&D) against a consortium: { eligible, results: [{ rule, passed, message }] }',
        body: s.eligibilityCheckBody,
      },
    },
    async (req) => checkEligibility(req.body.rules, req.body.consortium),
  );
  r.post(
    '/eligibility/consortium',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Evaluate a consortium of registry organisations against a call’s rules (the live check of the submission form)',
        body: s.registryConsortiumBody,
      },
    },
    async (req) => checkRegistryConsortium(req.ctx, req.body),
  );

  r.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Write a project (a draft) for a call, with its consortium',
        body: s.projectBody,
      },
    },
    async (req, reply) => reply.status(201).send(await write.createProject(req.ctx, req.body)),
  );
  r.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft (or an ineligible project)',
        params: s.idParams,
        body: s.projectPatchBody,
      },
    },
    async (req) => write.updateProject(req.ctx, req.params.id, req.body),
  );
  r.get(
    '/projects/:id/eligibility',
    { schema: { tags, summary: 'The call’s rules applied to the project’s consortium', params: s.idParams } },
    async (req) => write.projectEligibility(req.ctx, req.params.id),
  );
  r.post(
    '/projects/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move the project in its lifecycle (submit before the deadline, eligibility, review stages, labelling, funding, closure)',
        params: s.idParams,
        body: s.transitionBody,
      },
    },
    async (req) => write.transition(req.ctx, req.params.id, req.body.to, req.body.note ?? null),
  );

  r.post(
    '/imports/projects',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import historical projects and consortia (CSV/XLSX, one row per partner; multipart field "file"). 200 with the report when written (or dry run), 422 with the report when rejected; nothing is written then.',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file)
        throw new ValidationError('No file sent', [
          { path: 'file', message: 'send the file as multipart field "file"' },
        ]);
      const report = await importProjects(req.ctx, await file.toBuffer(), {
        dryRun: req.query.dryRun === 'true',
      });
      return reply.status(report.ok ? 200 : 422).send(report);
    },
  );
}
