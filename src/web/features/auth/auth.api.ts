import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  acknowledgeResetNotice,
  changePassword,
  confirmEnrolment,
  login,
  logout,
  startEnrolment,
  updateProfile,
  verifySecondFactor,
  type Me,
} from '../../../shared/contracts/auth';
import type { BodyOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';
import { forgetSession, storeMe } from '../../lib/session';

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof login>) => api(login, { body }),
    onSuccess: (result) => {
      // A second-factor step is not a session yet: the login page shows that step.
      if (!('csrfToken' in result)) return;
      // A new session: nothing cached under the previous user may leak into it.
      forgetSession(client);
      storeMe(client, result);
    },
  });
}

/** A session from the second-factor step: the same fresh start as a password login. */
export function useSignedIn() {
  const client = useQueryClient();
  return (me: Me) => {
    forgetSession(client);
    storeMe(client, me);
  };
}

export function useVerifySecondFactor() {
  return useMutation({ mutationFn: (body: BodyOf<typeof verifySecondFactor>) => api(verifySecondFactor, { body }) });
}

export function useStartEnrolment() {
  return useMutation({ mutationFn: (body: BodyOf<typeof startEnrolment>) => api(startEnrolment, { body }) });
}

export function useConfirmEnrolment() {
  return useMutation({ mutationFn: (body: BodyOf<typeof confirmEnrolment>) => api(confirmEnrolment, { body }) });
}

export function useAcknowledgeResetNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(acknowledgeResetNotice),
    onSuccess: (me) => storeMe(client, me),
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
