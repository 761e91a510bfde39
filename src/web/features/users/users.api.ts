import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createUser,
  listUsers,
  orgOptions,
  resetUserPassword,
  setUserStatus,
  unlockUser,
  updateUser,
} from '../../../shared/contracts/users';
import { api } from '../../lib/api';

export type UserListQuery = NonNullable<QueryOf<typeof listUsers>>;

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: () => api(listUsers, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useOrgOptions(enabled: boolean) {
  return useQuery({ queryKey: ['users', 'org-options'], queryFn: () => api(orgOptions), enabled, staleTime: 5 * 60_000 });
}

/** Every user write answers with the user; the list is simply re-read. */
function useUserWrite<V>(write: (vars: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => client.invalidateQueries({ queryKey: ['users', 'list'] }),
  });
}

export const useCreateUser = () => useUserWrite((body: BodyOf<typeof createUser>) => api(createUser, { body }));

export const useUpdateUser = () =>
  useUserWrite(({ id, body }: { id: string; body: BodyOf<typeof updateUser> }) =>
    api(updateUser, { params: { id }, body }),
  );

export const useResetPassword = () =>
  useUserWrite(({ id, newPassword }: { id: string; newPassword: string }) =>
    api(resetUserPassword, { params: { id }, body: { newPassword } }),
  );

export const useSetUserStatus = () =>
  useUserWrite(({ id, status }: { id: string; status: BodyOf<typeof setUserStatus>['status'] }) =>
    api(setUserStatus, { params: { id }, body: { status } }),
  );

export const useUnlockUser = () => useUserWrite((id: string) => api(unlockUser, { params: { id } }));
