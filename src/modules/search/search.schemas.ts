import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/organisation.ts';
import { SIZE_CLASSES } from '../../domain/size-class.ts';
import { SEARCH_TYPES } from './search.repository.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  type: z.enum(SEARCH_TYPES).optional(),
  network: z.string().optional().describe('network slug: its current members, its projects'),
  kind: z.enum(ORGANISATION_KINDS).optional().describe('organisation kind (leaves projects out)'),
  province: z
    .string()
    .regex(/^\d{5}$/, 'a province NIS code, e.g. 60000')
    .optional()
    .describe('province NIS code (leaves projects out)'),
  nace: z
    .string()
    .regex(/^[A-Ua-u]$/, 'a NACE section letter, A to U')
    .optional()
    .describe('NACE section (leaves projects out)'),
  size: z.enum(SIZE_CLASSES).optional().describe('SME size class (leaves projects out)'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const autocompleteQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
