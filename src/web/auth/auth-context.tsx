import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, send } from '../api/client.ts';
import type { Me } from '../api/types.ts';

const ANONYMOUS: Me = {
  email: null,
  displayName: null,
  role: 'anonymous',
  isAdmin: false,
  managerOf: [],
  memberOf: [],
};

export interface Auth {
  me: Me;
  /** true until the first /auth/me answer */
  loading: boolean;
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** may this user create organisations and import (manager of a network, or admin)? */
  canManage: boolean;
  /** does this user manage the network `id`? */
  manages: (networkId: number) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

/** The session is a cookie; the app only asks the server who is logged in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me>(ANONYMOUS);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api<Me>('/auth/me')
      .then(setMe)
      .catch(() => setMe(ANONYMOUS))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const who = await send<Me>('POST', '/auth/login', { email, password });
    setMe(who);
    return who;
  }, []);

  const logout = useCallback(async () => {
    await send<null>('POST', '/auth/logout');
    setMe(ANONYMOUS);
  }, []);

  const value = useMemo<Auth>(
    () => ({
      me,
      loading,
      login,
      logout,
      canManage: me.isAdmin || me.managerOf.length > 0,
      manages: (id) => me.isAdmin || me.managerOf.includes(id),
    }),
    [me, loading, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
