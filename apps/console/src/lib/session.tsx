import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, loadTokens, onSessionLost, signIn as apiSignIn, signOut as apiSignOut } from './api';

export type Tier = 'city' | 'county' | 'township';
export type Role = 'township_clerk' | 'county_operator' | 'city_coordinator' | 'city_approver' | 'catalog_editor' | 'auditor' | 'node_admin';

export interface Me {
  id: string;
  login: string;
  name: string;
  node: string;
  nodeName: string;
  tier: Tier;
  roles: Role[];
  mustChangePassword: boolean;
  roleLabels: { role: Role; label: string; labelEn: string }[];
}

/** What any visitor may know of the node before signing in (GET /public/node). */
export interface NodeInfo {
  code: string;
  name: string;
  tier: Tier;
  parent: string | null;
}

interface SessionValue {
  node: NodeInfo | null;
  me: Me | null;
  loading: boolean;
  /** Why the last session ended, shown on the sign-in page. */
  ended: 'expired' | 'signed-out' | null;
  signIn: (login: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  reload: () => Promise<void>;
  has: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [node, setNode] = useState<NodeInfo | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<SessionValue['ended']>(null);

  const reload = useCallback(async () => {
    if (!loadTokens()) {
      setMe(null);
      return;
    }
    try {
      setMe(await api<Me>('/auth/me'));
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        setNode(await api<NodeInfo>('/public/node', { anonymous: true }));
      } catch {
        setNode(null);
      }
      await reload();
      setLoading(false);
    })();
    return onSessionLost((reason) => {
      setEnded(reason);
      setMe(null);
    });
  }, [reload]);

  const value: SessionValue = {
    node,
    me,
    loading,
    ended,
    signIn: async (login, password) => {
      await apiSignIn(login, password);
      const m = await api<Me>('/auth/me');
      setEnded(null);
      setMe(m);
      return m;
    },
    signOut: async () => {
      await apiSignOut();
    },
    reload,
    has: (...roles) => !!me && roles.some((r) => me.roles.includes(r)),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
