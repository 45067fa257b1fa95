import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { allMemberships, membershipHistory } from './membership-list.service.ts';

const query = z.object({
  network: z.string().optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .optional(),
  joinedYear: z.coerce.number().int().min(1900).max(2200).optional(),
  leftYear: z.coerce.number().int().min(1900).max(2200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

type Row = Awaited<ReturnType<typeof membershipHistory>>['items'][number];
const COLUMNS: Column<Row>[] = [
  { header: 'Nom', value: (r) => r.organisationName, width: 40 },
  { header: "Numéro d'entreprise", value: (r) => r.enterpriseNumber, width: 16 },
  { header: 'Type', value: (r) => r.organisationKind, width: 18 },
  { header: 'Réseau', value: (r) => r.networkSlug, width: 22 },
  { header: "Date d'adhésion", value: (r) => r.joinedOn, width: 14 },
  { header: 'Date de sortie', value: (r) => r.leftOn, width: 14 },
];

export async function membershipListRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/memberships',
    {
      schema: {
        tags: ['registry'],
        summary: 'Membership history: joins and departures, filtered; CSV/XLSX with format',
        querystring: query,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      if (format !== 'json')
        return sendTable(reply, allMemberships(req.ctx, q), COLUMNS, format, 'adhesions');
      return membershipHistory(req.ctx, q);
    },
  );
}
