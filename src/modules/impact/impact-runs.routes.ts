import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.ts';
import type { Column } from '../../io/table-export.ts';
import { sendTable } from '../../server/send-table.ts';
import { runTable } from './impact-runs.export.ts';
import * as s from './impact-runs.schemas.ts';
import * as runs from './impact-runs.service.ts';

/**
 * Impact runs under /api/v1/impact/runs. Launching is for network managers and admins (202 with
 * the run; 200 with the stored run when identical parameters on the same data version already
 * have one); reading and exports are public with small cells suppressed (impact-runs.policy.ts).
 * The plugin starts the process's runner when the app is ready and stops it when it closes.
 */
export async function impactRunRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['impact'];
  app.addHook('onReady', async () => {
    await runs.runnerFor(opts.db).start();
  });
  app.addHook('onClose', async () => {
    await runs.stopRunner(opts.db);
  });

  r.post(
    '/impact/runs',
    {
      schema: {
        tags,
        summary:
          'Launch a causal estimation on the stored panel (a job: follow it with GET /impact/runs/:id)',
        body: s.runParameters,
      },
    },
    async (req, reply) => {
      const { run, reused } = await runs.launchRun(req.ctx, req.body);
      return reply.status(reused && run.status === 'done' ? 200 : 202).send({ ...run, reused });
    },
  );

  r.get(
    '/impact/runs',
    {
      schema: {
        tags,
        summary: 'Impact runs, newest first (without their results)',
        querystring: s.runsQuery,
      },
    },
    async (req) => runs.listRuns(req.ctx, req.query),
  );

  r.get(
    '/impact/runs/:id',
    {
      schema: {
        tags,
        summary: 'One run: status, progress, parameters, data version and (when done) its result',
        params: s.runParams,
      },
    },
    async (req) => runs.getRun(req.ctx, req.params.id),
  );

  r.get(
    '/impact/runs/:id/export',
    {
      schema: {
        tags,
        summary:
          'One table of a finished run as CSV or XLSX (attgt, dynamic, group, calendar, balance, overall)',
        params: s.runParams,
        querystring: s.exportQuery,
      },
    },
    async (req, reply) => {
      const run = await runs.getRun(req.ctx, req.params.id);
      const t = runTable(run, req.query.table);
      const name = `impact-${run.id}-${req.query.table}`;
      return sendTable(reply, t.rows as unknown[], t.columns as Column<unknown>[], req.query.format, name);
    },
  );
}
