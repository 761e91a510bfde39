import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword, login, logout, updateProfile } from '../../../shared/contracts/auth';
import type { BodyOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';
import { forgetSession, storeMe } from '../../lib/session';

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof login>) => api(login, { body }),
    onSuccess: (me) => {
      // A new session: nothing cached under the previous user may leak into it.
      forgetSession(client);
      storeMe(client, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(logout),
    // Forget the session locally even when the server call fails (it may have expired already).
    onSettled: () => forgetSession(client),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof changePassword>) => api(changePassword, { body }),
    onSuccess: (me) => storeMe(client, me),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateProfile>) => api(updateProfile, { body }),
    onSuccess: (me) => storeMe(client, me),
  });
}
