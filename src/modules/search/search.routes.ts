import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { autocompleteQuery, searchQuery } from './search.schemas.ts';
import { autocomplete, search } from './search.service.ts';

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['search'];

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'One search over organisations, projects and (for those allowed) people',
        description:
          'French first, accent-insensitive, typo-tolerant. `snippet` is HTML: escaped text with matches in <mark>…</mark>; `title` is plain text. Facets count the whole result set.',
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
