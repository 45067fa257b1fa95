import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  /** log in and return the Cookie header value */
  login(email: string, password: string): Promise<string>;
}

/** The app on a database of its own for this test file, built before and closed after the file's tests. */
export function useTestApp(): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    t.handle = await createTestDatabase();
    t.app = await buildApp({ handle: t.handle });
    t.login = async (email, password) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'polaris_session');
      if (!cookie) throw new Error('no session cookie');
      return `polaris_session=${cookie.value}`;
    };
  });
  afterAll(async () => {
    await t.app?.close();
    await t.handle?.close();
  });
  return t;
}
