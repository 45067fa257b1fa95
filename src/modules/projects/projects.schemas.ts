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

const isoDateTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date-time, e.g. 2026-03-31T12:00:00+02:00');

export const callBody = z.object({
  title: z.string().min(1).max(300),
  description: z.string().max(20_000).nullish(),
  projectType: z.enum(PROJECT_TYPES),
  networks: z.array(z.string().min(1)).min(1),
  opensAt: isoDateTime,
  closesAt: isoDateTime,
  budgetEur: z.number().min(0).nullish(),
  rules: z
    .unknown()
    .optional()
    .describe('an eligibility rule set (see POST /eligibility/check); default: the Walloon R&D rules'),
  grid: z.unknown().optional().describe('the evaluation grid; default: the Walloon R&D grid'),
  reviewersPerProject: z.number().int().min(1).max(20).optional(),
  reviewerLoad: z.number().int().min(1).max(200).optional(),
  conflictYears: z.number().int().min(0).max(30).optional(),
});

export const callListQuery = z.object({
  network: z.string().optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v == null ? undefined : v === 'true')),
});

const partnerBody = z.object({
  organisationId: z.number().int().positive(),
  role: z.enum(['coordinator', 'partner', 'subcontractor']),
  budgetEur: z.number().min(0).nullish(),
  fundingRequestedEur: z.number().min(0).nullish(),
});

const count = z.number().int().min(0).nullish();

export const projectBody = z.object({
  callId: z.number().int().positive(),
  acronym: z.string().min(1).max(40),
  title: z.string().min(1).max(500),
  summary: z.string().max(20_000).nullish(),
  keywords: z.array(z.string().min(1).max(100)).max(50).optional(),
  networks: z.array(z.string().min(1)).min(1).max(13),
  durationMonths: z.number().int().min(1).max(240).nullish(),
  partners: z.array(partnerBody).min(1).max(60),
  promised: z.object({ jobs: count, patents: count, products: count, spinoffs: count }).optional(),
});

export const projectPatchBody = projectBody.omit({ callId: true }).partial();

export const transitionBody = z.object({
  to: z.enum(PROJECT_STATUSES),
  note: z.string().max(5000).nullish(),
});

const consortiumPartner = z.object({
  organisationId: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  kind: z.enum([
    'enterprise',
    'university',
    'university_college',
    'research_centre',
    'training_operator',
    'public_body',
    'association',
    'other',
  ]),
  sizeClass: z.enum(['micro', 'small', 'medium', 'large']).nullable().default(null),
  province: z.string().nullable().default(null),
  region: z.enum(['wallonia', 'brussels', 'flanders', 'abroad']),
  networks: z.array(z.string()).default([]),
  role: z.enum(['coordinator', 'partner', 'subcontractor']),
  budget: z.number().min(0).default(0),
  fundingRequested: z.number().min(0).default(0),
});

export const eligibilityCheckBody = z.object({
  rules: z.unknown().optional().describe('a rule set; default: the Walloon R&D rules'),
  consortium: z.object({
    partners: z.array(consortiumPartner).max(200),
    durationMonths: z.number().int().min(0).max(600).nullish(),
    labellingNetworks: z.array(z.string()).default([]),
  }),
});

export const registryConsortiumBody = z.object({
  callId: z.number().int().positive().optional(),
  rules: z.unknown().optional(),
  networks: z.array(z.string()).default([]),
  durationMonths: z.number().int().min(0).max(600).nullish(),
  partners: z.array(partnerBody).max(200),
});
