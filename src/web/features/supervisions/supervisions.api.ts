import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { completeFollowUp, createSupervision, listSupervisions } from '../../../shared/contracts/evaluations';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';

export type SupervisionListQuery = NonNullable<QueryOf<typeof listSupervisions>>;

export function useSupervisions(query: SupervisionListQuery) {
  return useQuery({
    queryKey: ['supervisions', 'list', query],
    queryFn: () => api(listSupervisions, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateSupervision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createSupervision>) => api(createSupervision, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervisions'] }),
  });
}

export function useCompleteFollowUp(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof completeFollowUp>) => api(completeFollowUp, { params: { id }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervisions'] }),
  });
}
