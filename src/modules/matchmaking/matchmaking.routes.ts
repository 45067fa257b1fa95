import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from './matchmaking.schemas.ts';
import * as mm from './matchmaking.service.ts';

export async function matchmakingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['matchmaking'];

  r.post(
    '/matchmaking/partners',
    {
      schema: {
        tags,
        summary:
          'Partners for a project idea: score = weighted sum of text relevance, complementarity with the call’s rules, network proximity, track record and novelty, each with its reasons',
        body: s.partnersBody,
      },
    },
    async (req) => mm.recommendPartners(req.ctx, req.body),
  );

  r.get(
    '/organisations/:id/profile',
    {
      schema: {
        tags,
        summary: 'Competence profile: the heaviest TF-IDF terms and the sources they come from',
        params: s.idParams,
        querystring: s.profileQuery,
      },
    },
    async (req) => mm.organisationProfile(req.ctx, req.params.id, req.query.limit),
  );

  r.get(
    '/organisations/:id/similar',
    {
      schema: {
        tags,
        summary: 'Organisations like this one: profile cosine, same kind, shared network, with reasons',
        params: s.idParams,
        querystring: s.similarQuery,
      },
    },
    async (req) => mm.similarOrganisations(req.ctx, req.params.id, req.query.limit),
  );
}
