import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { importOrganisations } from './imports.service.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/imports/organisations',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a member list (CSV or XLSX, multipart field "file"); answers the report',
        description:
          'All-or-nothing unless keepValid=true. 200 with the report when written (or dry run), 422 with the report when rejected.',
        querystring: z.object({
          network: z.string().optional(),
          dryRun: bool.default(false),
          keepValid: bool.default(false),
        }),
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file)
        throw new ValidationError('No file sent', [
          { path: 'file', message: 'send the spreadsheet as multipart field "file"' },
        ]);
      const bytes = await file.toBuffer();
      const report = await importOrganisations(req.ctx, bytes, req.query);
      return reply
        .status(report.ok || (report.written && req.query.keepValid) ? 200 : 422)
        .send({ fileName: file.filename, ...report });
    },
  );
}
