import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/database.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { impactRoutes } from '../modules/impact/impact.routes.ts';
import { impactRunRoutes } from '../modules/impact/impact-runs.routes.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { indicatorRoutes } from '../modules/indicators/indicators.routes.ts';
import { matchmakingRoutes } from '../modules/matchmaking/matchmaking.routes.ts';
import { networkRoutes } from '../modules/network/network.routes.ts';
import { openDataRoutes } from '../modules/opendata/opendata.routes.ts';
import { projectRoutes } from '../modules/projects/projects.routes.ts';
import { referenceImportRoutes, referenceRoutes } from '../modules/reference/reference.routes.ts';
import { membershipListRoutes } from '../modules/registry/membership-list.routes.ts';
import { registryRoutes } from '../modules/registry/registry.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { reviewRoutes } from '../modules/review/review.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { registerAuth } from './auth.plugin.ts';
import { registerErrorHandler } from './error-handler.ts';

export interface AppOptions {
  handle: DatabaseHandle;
  /** folder of the built web app (dist/web); served with an SPA fallback when present */
  webRoot?: string;
  logger?: boolean;
  secureCookies?: boolean;
  /** largest upload, bytes */
  uploadLimit?: number;
}

export const VERSION = '0.1.0';

/** Build the HTTP app without listening (tests use `app.inject`). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 5 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: opts.uploadLimit ?? 100 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Polaris API',
        version: VERSION,
        description: 'Registry of competitiveness poles and clusters: networks, organisations, memberships.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'polaris_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, opts.handle.db);

  app.get('/health', { schema: { hide: true } }, async () => {
    await opts.handle.db.selectFrom('networks').select('id').limit(1).execute();
    return { status: 'ok', database: opts.handle.kind, version: VERSION };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(registryRoutes);
      await api.register(membershipListRoutes);
      await api.register(authRoutes, { secureCookies: opts.secureCookies ?? false });
      await api.register(referenceRoutes);
      await api.register(referenceImportRoutes);
      await api.register(importRoutes);
      await api.register(projectRoutes);
      await api.register(networkRoutes);
      await api.register(reviewRoutes);
      await api.register(indicatorRoutes);
      await api.register(reportRoutes);
      await api.register(matchmakingRoutes);
      await api.register(searchRoutes);
      await api.register(impactRoutes);
      await api.register(impactRunRoutes, { db: opts.handle.db });
    },
    { prefix: '/api/v1' },
  );
  // open data: stable URLs outside the versioned API, before the web app's fallback
  await app.register(openDataRoutes);

  const webRoot = opts.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, maxAge: '1h' });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && req.url !== '/health') {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply
        .status(404)
        .send({ error: `No route ${req.method} ${req.url}`, code: 'not_found', details: [] });
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ error: `No route ${req.method} ${req.url}`, code: 'not_found', details: [] }),
    );
  }
  return app;
}
