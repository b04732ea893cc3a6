/** Who is signed in: the session is the server's cookie; the app keeps the user and the CSRF token. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setCsrf, whenSignedOut } from "./api";
import type { Role, User } from "./types";

interface Auth {
  user: User | null;
  ready: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reads the session again (after a password change, for instance). */
  refresh(): Promise<void>;
  /** Admins pass every role check, as on the server. */
  can(...roles: Role[]): boolean;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(
    () =>
      api<{ user: User; csrfToken: string }>("GET", "/api/auth/me")
        .then((r) => {
          setCsrf(r.csrfToken);
          setUser(r.user);
        })
        .catch(() => setUser(null)),
    [],
  );
  useEffect(() => {
    whenSignedOut(() => setUser(null));
    void refresh().finally(() => setReady(true));
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ user: User; csrfToken: string }>("POST", "/api/auth/login", { username, password });
    setCsrf(r.csrfToken);
    setUser(r.user);
  }, []);
  const logout = useCallback(async () => {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    setUser(null);
  }, []);
  const value = useMemo<Auth>(
    () => ({
      user,
      ready,
      login,
      logout,
      refresh,
      can: (...roles) =>
        !!user && (user.roles.includes("admin") || roles.some((r) => user.roles.includes(r))),
    }),
    [user, ready, login, logout, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}
