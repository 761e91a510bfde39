import { Navigate, Outlet, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/permissions';
import { ForbiddenResult, LoadError, PageLoading } from '../components/PageStates';
import { CurrentUserContext, usePermission } from '../lib/permissions';
import { useMe, wasSignedOut } from '../lib/session';

export const CHANGE_PASSWORD_PATH = '/change-password';

/**
 * The signed-in area: no session → /login (remembering where the user was going);
 * a password that must be changed → the forced change page, and nothing else.
 */
export function RequireSession() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!me) {
    // After an expired session, come back here once signed in again; after a sign-out, start afresh.
    const state = wasSignedOut() ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH)
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  return (
    <CurrentUserContext.Provider value={me}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}

/** A page that needs a permission; without it the user sees a 403 page, not a broken one. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return usePermission(permission) ? children : <ForbiddenResult />;
}
