import { useQuery, type QueryClient } from '@tanstack/react-query';
import { me as meContract, type Me } from '../../shared/contracts/auth';
import { api, isApiError, onCsrfRefresh, setCsrfToken } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api(meContract);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e, 'UNAUTHENTICATED')) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: 1 });
}

// True between a deliberate sign-out and the next sign-in: the page the previous user was on
// must not become where the next user lands.
let signedOut = false;
export function wasSignedOut(): boolean {
  return signedOut;
}

/** Records a fresh session (login, password change, profile update all answer with Me). */
export function storeMe(client: QueryClient, me: Me): void {
  signedOut = false;
  setCsrfToken(me.csrfToken);
  client.setQueryData(ME_KEY, me);
}

/** Forgets everything cached for the old session. */
export function forgetSession(client: QueryClient): void {
  signedOut = true;
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

// Set when a request finds the session gone, so the login page can say why the user is there.
let expired = false;
export function markSessionExpired(): void {
  expired = true;
}
export function takeSessionExpired(): boolean {
  const was = expired;
  expired = false;
  return was;
}

/** Lets the API client renew a stale CSRF token by asking /me again. */
export function installCsrfRefresh(client: QueryClient): void {
  onCsrfRefresh(async () => {
    const me = await fetchMe();
    client.setQueryData(ME_KEY, me);
    return me?.csrfToken ?? null;
  });
}
