import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { WALLOON_PROVINCES } from '../../domain/organisation.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { importBoundaries, importMunicipalities, importNace } from './reference.service.ts';
import { boundaries, municipalities, naceCodes } from './reference-lists.service.ts';

type Municipality = Awaited<ReturnType<typeof municipalities>>[number];
const MUNICIPALITY_COLUMNS: Column<Municipality>[] = [
  { header: 'Code NIS', value: (m) => m.nis, width: 9 },
  { header: 'Commune', value: (m) => m.nameFr, width: 24 },
  { header: 'Gemeente', value: (m) => m.nameNl, width: 24 },
  { header: 'Province', value: (m) => m.provinceFr, width: 24 },
  { header: 'Code postal', value: (m) => m.postcode, width: 10 },
  { header: 'Population (1.1.2020)', value: (m) => m.population, width: 12 },
];

type Nace = Awaited<ReturnType<typeof naceCodes>>[number];
const NACE_COLUMNS: Column<Nace>[] = [
  { header: 'Code', value: (c) => c.code, width: 8 },
  { header: 'Niveau', value: (c) => c.level, width: 7 },
  { header: 'Section', value: (c) => c.section, width: 8 },
  { header: 'Libellé', value: (c) => c.labelFr, width: 60 },
  { header: 'Omschrijving', value: (c) => c.labelNl, width: 60 },
  { header: 'Bezeichnung', value: (c) => c.labelDe, width: 60 },
  { header: 'Label', value: (c) => c.labelEn, width: 60 },
];

export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];
  r.get(
    '/reference/provinces',
    { schema: { tags, summary: 'Walloon provinces (NIS codes, names in FR/NL/DE/EN)' } },
    async () => ({ items: WALLOON_PROVINCES }),
  );
  r.get(
    '/reference/municipalities',
    {
      schema: {
        tags,
        summary: 'Municipalities (NIS code, province, population)',
        querystring: z.object({
          region: z.enum(['wallonia', 'all']).default('wallonia'),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
      },
    },
    async (req, reply) => {
      const items = await municipalities(req.ctx, { walloonOnly: req.query.region === 'wallonia' });
      if (req.query.format !== 'json')
        return sendTable(reply, items, MUNICIPALITY_COLUMNS, req.query.format, 'communes');
      return { items };
    },
  );
  r.get(
    '/reference/nace',
    {
      schema: {
        tags,
        summary: 'NACE-BEL 2008 codes',
        querystring: z.object({
          q: z.string().max(100).optional(),
          level: z.coerce.number().int().min(1).max(5).optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(50),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const items = await naceCodes(req.ctx, q);
      if (format !== 'json') return sendTable(reply, items, NACE_COLUMNS, format, 'nace-bel-2008');
      return { items };
    },
  );
  r.get(
    '/reference/boundaries/:level',
    {
      schema: {
        tags,
        summary: 'Boundaries as a GeoJSON FeatureCollection',
        params: z.object({ level: z.enum(['province', 'municipality', 'arrondissement']) }),
      },
    },
    async (req) => boundaries(req.ctx, req.params.level),
  );
}

/** Reference imports through the API (administrators), with the same checks as the CLI. */
export async function referenceImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/imports/reference/:kind',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import a reference list (admins): nace (CSV), municipalities (CSV) or boundaries (GeoJSON), multipart field "file"',
        params: z.object({ kind: z.enum(['nace', 'municipalities', 'boundaries']) }),
        querystring: z.object({ level: z.enum(['province', 'municipality', 'arrondissement']).optional() }),
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file)
        throw new ValidationError('No file sent', [
          { path: 'file', message: 'send the file as multipart field "file"' },
        ]);
      const bytes = await file.toBuffer();
      switch (req.params.kind) {
        case 'nace':
          return importNace(req.ctx, bytes);
        case 'municipalities':
          return importMunicipalities(req.ctx, bytes);
        case 'boundaries':
          return importBoundaries(req.ctx, bytes, req.query.level);
      }
    },
  );
}
