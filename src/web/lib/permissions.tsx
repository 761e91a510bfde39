import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '../../shared/contracts/auth';
import type { Permission } from '../../shared/permissions';

/** Provided by the auth guard, so every page below it has a signed-in user. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser used outside the signed-in area');
  return me;
}

/** True when the signed-in user holds the permission (the same string the server checks). */
export function usePermission(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission);
}

export function PermissionGate({
  permission,
  children,
  fallback = null,
}: {
  permission: Permission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return usePermission(permission) ? children : fallback;
}
