import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { makeNetwork, makeOrganisation, makeUser, PASSWORD } from '../helpers/factories.ts';

describe('auth: login, me, logout', () => {
  const t = useTestApp();
  const login = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
  const me = (cookie?: string) => t.app.inject({ url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });
  let n: { id: number; slug: string };
  let user: { email: string; id: number };

  beforeAll(async () => {
    n = await makeNetwork(t.handle.db);
    user = await makeUser(t.handle.db, { manages: [n.slug] });
  });

  it('logs in: 200 with who I am, and an httpOnly session cookie', async () => {
    const res = await login({ email: user.email, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      email: user.email,
      displayName: user.email,
      role: 'network_manager',
      isAdmin: false,
      managerOf: [n.id],
      memberOf: [],
    });
    const cookie = res.cookies.find((c) => c.name === 'polaris_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(40);
    expect(new Date(cookie.expires!).getTime()).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);
    // the database keeps only a hash of the token
    const stored = await t.handle.db
      .selectFrom('sessions')
      .select('tokenHash')
      .where('userId', '=', user.id)
      .execute();
    expect(stored.map((s) => s.tokenHash)).not.toContain(cookie.value);
  });

  it('accepts the e-mail address in any case', async () => {
    expect((await login({ email: user.email.toUpperCase(), password: PASSWORD })).statusCode).toBe(200);
  });

  it('me: the logged-in user, or anonymous without a session', async () => {
    const cookie = await t.login(user.email, PASSWORD);
    expect((await me(cookie)).json()).toMatchObject({
      email: user.email,
      role: 'network_manager',
      managerOf: [n.id],
    });
    expect((await me()).json()).toEqual({
      email: null,
      displayName: null,
      role: 'anonymous',
      isAdmin: false,
      managerOf: [],
      memberOf: [],
    });
    expect((await me('polaris_session=forged-token')).json().role).toBe('anonymous');
  });

  it('tells members and admins apart', async () => {
    const org = await makeOrganisation(t.handle.db);
    const member = await makeUser(t.handle.db, { memberOf: [org.id] });
    const admin = await makeUser(t.handle.db, { admin: true });
    expect((await me(await t.login(member.email, PASSWORD))).json()).toMatchObject({
      role: 'member',
      memberOf: [org.id],
    });
    expect((await me(await t.login(admin.email, PASSWORD))).json()).toMatchObject({
      role: 'admin',
      isAdmin: true,
    });
  });

  it('logs out: 204, the cookie is cleared and the session no longer works', async () => {
    const cookie = await t.login(user.email, PASSWORD);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'polaris_session')!;
    expect(cleared.value).toBe('');
    expect(new Date(cleared.expires!).getTime()).toBeLessThan(Date.now());
    expect((await me(cookie)).json().role).toBe('anonymous');
    // logging out without a session is harmless
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });

  it('an expired session is anonymous', async () => {
    const cookie = await t.login(user.email, PASSWORD);
    await t.handle.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', user.id)
      .execute();
    expect((await me(cookie)).json().role).toBe('anonymous');
  });

  it('answers 401 to a wrong password or an unknown e-mail, with the same message, and sets no cookie', async () => {
    for (const payload of [
      { email: user.email, password: 'wrong-password-123' },
      { email: 'nobody@test.polaris', password: PASSWORD },
    ]) {
      const res = await login(payload);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: 'Wrong e-mail or password', code: 'unauthenticated', details: [] });
      expect(res.cookies.find((c) => c.name === 'polaris_session')).toBeUndefined();
    }
  });

  it('answers 400 to a login without a password', async () => {
    const res = await login({ email: user.email });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('password');
  });
});
