import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../shared/contracts/http';
import { getSecurityPolicy, updateSecurityPolicy } from '../../../shared/contracts/security';
import { api } from '../../lib/api';

const KEY = ['security', 'policy'] as const;

export function useSecurityPolicy() {
  return useQuery({ queryKey: KEY, queryFn: () => api(getSecurityPolicy) });
}

export function useUpdateSecurityPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateSecurityPolicy>) => api(updateSecurityPolicy, { body }),
    onSuccess: (policy) => client.setQueryData(KEY, policy),
  });
}
