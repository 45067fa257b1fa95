import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from './review.schemas.ts';
import * as review from './review.service.ts';
import * as reviewers from './reviewers.service.ts';

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['review'];
  type Stage = 1 | 2;

  r.get(
    '/calls/:id/review',
    {
      schema: {
        tags,
        summary: 'The manager’s board: projects, reviewers, conflicts with reasons, assignments, progress',
        params: s.callStageParams,
        querystring: s.stageQuery,
      },
    },
    async (req) => review.board(req.ctx, req.params.id, req.query.stage as Stage),
  );
  r.post(
    '/calls/:id/review/solve',
    {
      schema: {
        tags,
        summary:
          'Assign reviewers optimally (maximum expertise affinity under reviewers-per-project, load and conflict constraints); says when the constraints cannot be met',
        params: s.callStageParams,
        querystring: s.stageQuery,
      },
    },
    async (req) => review.solve(req.ctx, req.params.id, req.query.stage as Stage),
  );
  r.post(
    '/calls/:id/review/assignments',
    {
      schema: {
        tags,
        summary: 'Assign a reviewer by hand (refused on a conflict)',
        params: s.callStageParams,
        body: s.manualAssignmentBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await review.addAssignment(
            req.ctx,
            req.params.id,
            req.body.stage as Stage,
            req.body.projectId,
            req.body.reviewerId,
          ),
        ),
  );
  r.delete(
    '/calls/:id/review/assignments/:assignmentId',
    { schema: { tags, summary: 'Withdraw an assignment not yet scored', params: s.assignmentParams } },
    async (req) => review.removeAssignment(req.ctx, req.params.id, req.params.assignmentId),
  );
  r.get(
    '/calls/:id/review/ranking',
    {
      schema: {
        tags,
        summary: 'Ranking by mean weighted score, with explicit ties, consensus and decisions',
        params: s.callStageParams,
        querystring: s.stageQuery,
      },
    },
    async (req) => review.ranking(req.ctx, req.params.id, req.query.stage as Stage),
  );
  r.put(
    '/projects/:id/review/:stage',
    {
      schema: {
        tags,
        summary: 'The committee’s consensus and decision, with its justification',
        params: s.projectStageParams,
        body: s.decisionBody,
      },
    },
    async (req) => review.decide(req.ctx, req.params.id, req.params.stage as Stage, req.body),
  );
  r.get(
    '/reviews/mine',
    { schema: { tags, summary: 'My assignments as a reviewer, with the grid and my scores' } },
    async (req) => reviewers.myReviews(req.ctx),
  );
  r.put(
    '/reviews/:id',
    {
      schema: {
        tags,
        summary: 'Save or submit my scores and comment',
        params: s.idParams,
        body: s.scoresBody,
      },
    },
    async (req) => reviewers.saveScores(req.ctx, req.params.id, req.body),
  );
  r.get('/reviewers', { schema: { tags, summary: 'The reviewer pool (managers and admins)' } }, async (req) =>
    reviewers.listReviewers(req.ctx),
  );
  r.post(
    '/reviewers',
    { schema: { tags, summary: 'Add a reviewer to the pool', body: s.reviewerBody } },
    async (req, reply) => reply.status(201).send(await reviewers.createReviewer(req.ctx, req.body)),
  );
  r.post(
    '/reviews/conflicts',
    { schema: { tags, summary: 'Declare a conflict of interest (the reviewer)', body: s.conflictBody } },
    async (req, reply) => reply.status(201).send(await reviewers.declareConflict(req.ctx, req.body)),
  );
}
