import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/organisation.ts';
import { SIZE_CLASSES } from '../../domain/size-class.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const slugParams = z.object({ slug: z.string().min(1) });

export const organisationFilters = z.object({
  network: z.string().optional().describe('network slug; without asOf, its members today'),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  province: z
    .string()
    .regex(/^\d{5}$/, 'a province NIS code, e.g. 60000')
    .optional(),
  nace: z
    .string()
    .regex(/^([A-Ua-u]|[0-9.]{2,6})$/, 'a NACE section letter or a code prefix')
    .optional(),
  size: z.enum(SIZE_CLASSES).optional(),
  q: z.string().max(200).optional().describe('name or enterprise-number search'),
  asOf: isoDate.optional().describe('membership date'),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt', 'headcount', '-headcount']).default('name'),
});

export const organisationListQuery = organisationFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

export const exportQuery = organisationFilters.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

const nullableText = z.string().max(5000).nullish();

export const organisationBody = z.object({
  name: z.string().min(1).max(300),
  kind: z.enum(ORGANISATION_KINDS),
  enterpriseNumber: z.string().max(20).nullish(),
  legalForm: nullableText,
  headcount: z.number().int().min(0).nullish(),
  turnoverEur: z.number().min(0).nullish(),
  balanceSheetEur: z.number().min(0).nullish(),
  naceCodes: z.array(z.string().max(10)).max(50).optional(),
  address: nullableText,
  postcode: z.string().max(10).nullish(),
  municipalityNis: z.string().max(5).nullish(),
  website: z.string().max(500).nullish(),
  description: nullableText,
  keywords: z.array(z.string().max(100)).max(100).optional(),
  allowSimilarName: z.boolean().optional(),
});

export const organisationCreateBody = organisationBody.extend({
  membership: z.object({ network: z.string(), joinedOn: isoDate }).optional(),
});

export const organisationPatchBody = organisationBody.partial();

export const membershipBody = z.object({
  network: z.string().min(1),
  joinedOn: isoDate,
  leftOn: isoDate.nullish(),
});

export const membershipPatchBody = z.object({ joinedOn: isoDate.optional(), leftOn: isoDate.nullish() });

export const personBody = z.object({
  firstName: z.string().min(1).max(200),
  lastName: z.string().min(1).max(200),
  email: z.string().max(300).nullish(),
  phone: z.string().max(50).nullish(),
  jobTitle: z.string().max(200).nullish(),
});

export const asOfQuery = z.object({
  asOf: isoDate.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
