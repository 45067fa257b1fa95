import { z } from 'zod';
import { PROJECT_SOURCES, PROJECT_TYPES } from '../../domain/project.ts';

const year = z.coerce.number().int().min(1990).max(2100);

export const collaborationQuery = z.object({
  from: year.optional().describe('first year (project start)'),
  to: year.optional().describe('last year (project start)'),
  network: z.string().optional().describe('projects of this network (slug)'),
  type: z.enum(PROJECT_TYPES).optional(),
  source: z
    .enum(PROJECT_SOURCES)
    .optional()
    .describe('regional projects, or EU projects imported from CORDIS'),
  weight: z
    .enum(['projects', 'funding'])
    .default('projects')
    .describe('edge weight: shared projects or shared public funding (M EUR)'),
  weighted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('use the weights for shortest paths (length 1/weight), eigenvector, PageRank and Louvain'),
});

export const exportQuery = collaborationQuery.extend({
  format: z.enum(['gexf', 'graphml', 'nodes-csv', 'edges-csv', 'nodes-xlsx']).default('gexf'),
});

export const egoQuery = collaborationQuery.extend({
  depth: z.coerce.number().int().min(1).max(2).default(1),
});

export const evolutionQuery = collaborationQuery.extend({
  cumulative: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const orgParams = z.object({
  id: z.string().regex(/^(\d+|pic:\d{9})$/, 'an organisation id or pic:<PIC>'),
});

export const networksQuery = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
