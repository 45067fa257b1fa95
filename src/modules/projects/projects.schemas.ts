import { z } from 'zod';
import { PROJECT_SOURCES, PROJECT_STATUSES, PROJECT_TYPES } from '../../domain/project.ts';

const statusList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(PROJECT_STATUSES)))
  .describe(
    'one status or a comma-separated list; "labelled" means every project the Government labelled (labelled, funded, running, closed, or abandoned after labelling)',
  );

export const projectFilters = z.object({
  status: statusList.optional(),
  network: z.string().optional().describe('network slug'),
  call: z.coerce.number().int().positive().optional(),
  type: z.enum(PROJECT_TYPES).optional(),
  source: z.enum(PROJECT_SOURCES).optional(),
  organisation: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional().describe('start year'),
  q: z.string().max(200).optional().describe('acronym or title search'),
  sort: z
    .enum(['acronym', '-acronym', 'startDate', '-startDate', 'funding', '-funding'])
    .default('-startDate'),
});

export const projectListQuery = projectFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

export const projectExportQuery = projectFilters.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const fundingQuery = projectFilters.omit({ sort: true }).extend({
  by: z.enum(['network', 'call', 'year', 'kind', 'size', 'type']).default('network'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });
