import { z } from 'zod';

/** Query and answer shapes of the impact panel endpoints (OpenAPI is generated from them). */

const year = z.coerce.number().int().min(1950).max(2100);
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

export const seriesQuery = z.object({
  outcome: z.enum(['fte', 'valueAdded', 'turnover', 'exports']).default('fte'),
  treatment: z
    .string()
    .regex(/^(any|pole|cluster|project|column|network:[a-z0-9-]+)$/)
    .default('any')
    .describe('any | pole | cluster | network:<slug> | project | column'),
  network: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .describe('shorthand for treatment=network:<slug>'),
  breakdown: z.enum(['sector', 'division', 'size', 'province', 'network']).optional(),
  from: year.default(2007),
  to: year.default(2017),
  composition: z.enum(['balanced', 'open']).default('balanced'),
  sectors: list.default(['C']).describe('NACE section letters or code prefixes, comma-separated (default C)'),
  region: z.enum(['wallonia', 'all']).default('wallonia'),
  provinces: list.optional().describe('province NIS codes, comma-separated'),
});

export const exportQuery = seriesQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['fr', 'en']).default('fr'),
});

export const rowsQuery = z.object({
  enterpriseNumber: z.string().optional(),
  year: year.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  source: z.string().max(100).optional(),
});
