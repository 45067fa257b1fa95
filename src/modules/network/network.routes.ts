import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toEdgesCsv, toGexf, toGraphml, toNodesCsv } from '../../io/graph-export.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import * as s from './network.schemas.ts';
import * as network from './network.service.ts';

const NODE_COLUMNS: Column<network.CollaborationNode>[] = [
  { header: 'Id', value: (n) => n.id },
  { header: 'Organisation', value: (n) => n.label, width: 40 },
  { header: 'Type', value: (n) => n.kind },
  { header: 'Réseau', value: (n) => n.network },
  { header: 'Province (NIS)', value: (n) => n.province },
  { header: 'Projets', value: (n) => n.projects },
  { header: 'Degré', value: (n) => n.degree },
  { header: 'Force', value: (n) => n.strength },
  { header: 'Intermédiarité', value: (n) => n.betweenness },
  { header: 'Proximité', value: (n) => n.closeness },
  { header: 'Vecteur propre', value: (n) => n.eigenvector },
  { header: 'PageRank', value: (n) => n.pagerank },
  { header: 'Clustering', value: (n) => n.clustering },
  { header: 'Communauté', value: (n) => n.community },
  { header: 'k-cœur', value: (n) => n.coreNumber },
  { header: 'Contrainte de Burt', value: (n) => n.constraint },
  { header: 'Part des liens hors réseau', value: (n) => n.crossNetworkShare },
];

export async function networkRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['network'];

  r.get(
    '/network/collaboration',
    {
      schema: {
        tags,
        summary:
          'Organisations tied by shared projects: graph figures, node metrics (networkx conventions), communities, edges',
        querystring: s.collaborationQuery,
      },
    },
    async (req) => network.collaborationGraph(req.ctx, req.query),
  );

  r.get(
    '/network/collaboration/export',
    {
      schema: {
        tags,
        summary: 'The collaboration graph as GEXF 1.3, GraphML, or CSV/XLSX node and edge lists',
        querystring: s.exportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'nodes-xlsx') {
        const c = await network.collaborationGraph(req.ctx, q);
        return sendTable(reply, c.nodes, NODE_COLUMNS, 'xlsx', 'reseau-collaboration-noeuds');
      }
      const g = await network.collaborationExport(req.ctx, q);
      const [body, type, ext] =
        format === 'gexf'
          ? [
              toGexf(g, { description: 'Polaris — réseau de collaboration (projets partagés)' }),
              'application/gexf+xml',
              'gexf',
            ]
          : format === 'graphml'
            ? [toGraphml(g), 'application/graphml+xml', 'graphml']
            : format === 'nodes-csv'
              ? [await toNodesCsv(g, 'plain'), 'text/csv; charset=utf-8', 'noeuds.csv']
              : [await toEdgesCsv(g, 'plain'), 'text/csv; charset=utf-8', 'liens.csv'];
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="reseau-collaboration-${stamp}.${ext}"`)
        .send(body);
    },
  );

  r.get(
    '/network/collaboration/evolution',
    {
      schema: {
        tags,
        summary: 'Year by year: organisations, ties, new ties, density, largest component',
        querystring: s.evolutionQuery,
      },
    },
    async (req) => network.collaborationEvolution(req.ctx, req.query),
  );

  r.get(
    '/network/organisations/:id/ego',
    {
      schema: {
        tags,
        summary: "One organisation's ego network (depth 1 or 2) in the collaboration graph",
        params: s.orgParams,
        querystring: s.egoQuery,
      },
    },
    async (req) => {
      const { depth, ...q } = req.query;
      return network.egoGraph(req.ctx, req.params.id, depth as 1 | 2, q);
    },
  );

  r.get(
    '/network/networks',
    {
      schema: {
        tags,
        summary: 'The poles and clusters tied by shared members and joint projects',
        querystring: s.networksQuery,
      },
    },
    async (req) => network.networkOfNetworks(req.ctx, req.query.asOf),
  );
}
