import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildCatalog } from './opendata.catalog.ts';
import { LICENCE, publicBase } from './opendata.config.ts';
import { DATASETS, type Dataset } from './opendata.datasets.ts';
import { indexPage } from './opendata.html.ts';
import {
  dataState,
  etagOf,
  knownByteSize,
  lastModifiedOf,
  MEDIA_TYPES,
  type OpenFormat,
  openFile,
} from './opendata.service.ts';

/**
 * Open data at stable URLs outside the versioned API: `/open-data/<dataset>.csv|json`, the DCAT-AP
 * catalogue `/open-data/catalog.jsonld` and the index page `/open-data/`. Public, no session needed,
 * readable from any origin (CORS `*`), revalidated by ETag.
 */

const tags = ['open-data'];
const LICENCE_LINK = `<${LICENCE.deed}>; rel="license"`;

/** `If-None-Match` (a list, weak or strong, or `*`) names the current validator. */
function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  if (!inm) return false;
  return inm
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

function common(reply: FastifyReply, etag: string, lastModified: Date | null) {
  reply
    .header('etag', etag)
    .header('link', LICENCE_LINK)
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'ETag, Last-Modified, Link')
    // caches keep the file but ask each time whether it changed (a cheap 304)
    .header('cache-control', 'public, no-cache');
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
}

async function sendFile(req: FastifyRequest, reply: FastifyReply, ds: Dataset, format: OpenFormat) {
  const state = await dataState(req.ctx.db);
  const etag = etagOf(state, ds, format);
  common(reply, etag, lastModifiedOf(state, ds));
  // If-Modified-Since is not honoured: a deletion changes the data without a newer timestamp.
  if (notModified(req, etag)) return reply.status(304).send();
  return reply
    .header('content-type', MEDIA_TYPES[format])
    .header('content-disposition', `inline; filename="${ds.name}.${format}"`)
    .send(Readable.from(openFile(req.ctx.db, ds, format, state.version)));
}

export async function openDataRoutes(app: FastifyInstance): Promise<void> {
  for (const ds of DATASETS) {
    for (const format of ['csv', 'json'] as const) {
      app.get(
        `/open-data/${ds.name}.${format}`,
        {
          schema: {
            tags,
            summary: `${ds.title.en} (${format.toUpperCase()}, CC BY 4.0)`,
            description: `${ds.description.en} Fields: ${ds.fields.map((f) => f.name).join(', ')}.`,
          },
        },
        async (req, reply) => sendFile(req, reply, ds, format),
      );
    }
  }

  app.get(
    '/open-data/catalog.jsonld',
    { schema: { tags, summary: 'DCAT-AP catalogue of the open datasets (JSON-LD)' } },
    async (req, reply) => {
      const state = await dataState(req.ctx.db);
      const doc = buildCatalog({
        base: publicBase(req),
        datasets: DATASETS,
        state,
        byteSize: (ds, f) => knownByteSize(req.ctx.db, state.version, ds, f),
      });
      const body = JSON.stringify(doc, null, 2);
      // the document depends on the host and on the sizes learnt so far: its hash is the validator
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      common(reply, etag, null);
      if (notModified(req, etag)) return reply.status(304).send();
      return reply.header('content-type', 'application/ld+json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/open-data/',
    { schema: { tags, summary: 'Index page of the open data (HTML, French then English)' } },
    async (_req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('link', LICENCE_LINK)
        .send(indexPage(DATASETS)),
  );
  app.get('/open-data', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/open-data/', 301),
  );
  // an unknown file answers 404 here, not the web app's page
  app.get('/open-data/*', { schema: { hide: true } }, async (req, reply) =>
    reply.status(404).send({ error: `No open dataset at ${req.url}`, code: 'not_found', details: [] }),
  );
}
