import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { createReferral, listReferrals, updateReferral } from '../../../shared/contracts/service-records';
import { api } from '../../lib/api';

export type ReferralListQuery = NonNullable<QueryOf<typeof listReferrals>>;

export function useReferrals(query: ReferralListQuery) {
  return useQuery({
    queryKey: ['referrals', 'list', query],
    queryFn: () => api(listReferrals, { query }),
    placeholderData: keepPreviousData,
  });
}

function useReferralWrite<V>(write: (vars: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: ['referrals', 'list'] }),
  });
}

export const useCreateReferral = () => useReferralWrite((body: BodyOf<typeof createReferral>) => api(createReferral, { body }));

export const useUpdateReferral = () =>
  useReferralWrite(({ id, body }: { id: string; body: BodyOf<typeof updateReferral> }) => api(updateReferral, { params: { id }, body }));
