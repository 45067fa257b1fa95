import { z } from 'zod';
import { BREAKDOWNS } from '../../domain/indicators/catalogue.ts';
import { ORGANISATION_KINDS } from '../../domain/organisation.ts';

const year = z.coerce.number().int().min(1990).max(2100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const format = z.enum(['json', 'csv', 'xlsx']).default('json').describe('json, or a CSV / XLSX download');

export const codeParams = z.object({
  code: z.string().min(1).max(60).describe('indicator code, e.g. MEM_TOTAL'),
});

export const seriesQuery = z.object({
  network: z.string().optional().describe('a network slug or "region"; every one when absent'),
  from: year.optional(),
  to: year.optional(),
  breakdown: z.enum(BREAKDOWNS).optional().describe('one of the indicator’s breakdowns'),
  format,
});

export const valuesQuery = z.object({
  network: z.string().default('region').describe('a network slug or "region"'),
  year: year.optional().describe('default: the current year'),
  format,
});

export const dashboardQuery = z.object({
  year: year.optional().describe('default: the current year (to date)'),
  format,
});

export const slugParams = z.object({ slug: z.string().min(1) });

export const specialisationQuery = z.object({
  level: z.enum(['division', 'section']).default('division').describe('NACE division (2 digits) or section'),
  population: z.enum(['members', 'all']).default('members'),
  network: z.string().optional().describe('members of this network (slug); any network when absent'),
  year: year.optional().describe('members on 31 December of this year (today for the current year)'),
  reference: z
    .enum(['wallonia', 'all'])
    .default('wallonia')
    .describe('reference region: Walloon provinces or all'),
  minJobs: z.coerce.number().min(0).optional().describe('least jobs for a strong cell (default 50)'),
  minEstablishments: z.coerce
    .number()
    .min(0)
    .optional()
    .describe('least establishments for a strong cell (default 3)'),
  format,
});

const level = z.enum(['province', 'municipality']);

export const membersMapQuery = z.object({
  level: level.default('province'),
  network: z.string().optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  asOf: day.optional(),
  format,
});

export const boundariesQuery = z.object({ level: level.default('province') });

export const pointsQuery = z.object({
  network: z.string().optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
});
