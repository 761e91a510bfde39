import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { createPartner, listPartners, updatePartner } from '../../../shared/contracts/partners';
import { api } from '../../lib/api';

export type PartnerListQuery = NonNullable<QueryOf<typeof listPartners>>;

export function usePartners(query: PartnerListQuery, enabled = true) {
  return useQuery({
    queryKey: ['partners', 'list', query],
    queryFn: () => api(listPartners, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function usePartnerWrite<V>(write: (vars: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: ['partners', 'list'] }),
  });
}

export const useCreatePartner = () => usePartnerWrite((body: BodyOf<typeof createPartner>) => api(createPartner, { body }));

export const useUpdatePartner = () =>
  usePartnerWrite(({ id, body }: { id: string; body: BodyOf<typeof updatePartner> }) => api(updatePartner, { params: { id }, body }));
