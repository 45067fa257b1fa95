import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { type Actor, ANONYMOUS } from '../modules/auth/actor.ts';
import { actorFromToken } from '../modules/auth/auth.service.ts';
import type { Ctx } from '../modules/context.ts';

export const SESSION_COOKIE = 'polaris_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    ctx: Ctx;
  }
}

/** Reads the session cookie once per request and puts `req.actor` and `req.ctx` in place. */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await actorFromToken(db, token) : ANONYMOUS;
    req.ctx = { db, actor: req.actor };
  });
}
