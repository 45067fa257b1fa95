import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { autocompleteQuery, searchQuery } from './search.schemas.ts';
import { autocomplete, RANK_WINDOW, SEARCH_COUNT_CAP, search, TRIGRAM_COUNT_CAP } from './search.service.ts';

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['search'];

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'One search over organisations, projects and (for those allowed) people',
        description: `French first, accent-insensitive, typo-tolerant. \`snippet\` is HTML: escaped text with matches in <mark>…</mark>; \`title\` is plain text. \`total\` and the facets count the matches of each type up to ${SEARCH_COUNT_CAP} (${TRIGRAM_COUNT_CAP} when names are matched by similarity): when a type has more, \`totalIsEstimate\` is true and every count is a lower bound (show "${SEARCH_COUNT_CAP}+"). Hits are ordered by the full score among the ${RANK_WINDOW} best candidates of a cheaper pre-score, then by the pre-score. When nothing is found, \`suggestion\` may carry the closest organisation name, visible project acronym or network name.`,
        querystring: searchQuery,
      },
    },
    async (req) => search(req.ctx, req.query),
  );

  r.get(
    '/search/autocomplete',
    {
      schema: {
        tags,
        summary: 'Suggestions while typing: organisations, projects, networks',
        querystring: autocompleteQuery,
      },
    },
    async (req) => autocomplete(req.ctx, req.query),
  );
}
