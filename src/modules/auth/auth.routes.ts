import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../server/auth.plugin.ts';
import { roleOf } from './actor.ts';
import * as auth from './auth.service.ts';

const loginBody = z.object({ email: z.string().min(3).max(300), password: z.string().min(1).max(500) });

export async function authRoutes(app: FastifyInstance, opts: { secureCookies: boolean }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/auth/login',
    { schema: { tags, summary: 'Log in; sets the session cookie', body: loginBody } },
    async (req, reply) => {
      const { token, expiresAt } = await auth.login(req.ctx.db, req.body.email, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        expires: expiresAt,
      });
      const actor = await auth.actorFromToken(req.ctx.db, token);
      return {
        email: actor.email,
        displayName: actor.displayName,
        role: roleOf(actor),
        isAdmin: actor.isAdmin,
        managerOf: actor.managerOf,
        memberOf: actor.memberOf,
      };
    },
  );

  r.post('/auth/logout', { schema: { tags, summary: 'Log out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(req.ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get(
    '/auth/me',
    { schema: { tags, summary: 'Who is logged in (anonymous when nobody)' } },
    async (req) => {
      const a = req.actor as typeof req.actor & { displayName?: string };
      return {
        email: a.email,
        displayName: a.displayName ?? null,
        role: roleOf(a),
        isAdmin: a.isAdmin,
        managerOf: a.managerOf,
        memberOf: a.memberOf,
      };
    },
  );
}
