import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  awardProcurement,
  cancelProcurement,
  createProcurement,
  getProcurement,
  listProcurements,
  publishProcurement,
  updateProcurement,
  type Procurement,
} from '../../../shared/contracts/procurements';
import { api } from '../../lib/api';

export type ProcurementListQuery = NonNullable<QueryOf<typeof listProcurements>>;

const keys = {
  list: (q: ProcurementListQuery) => ['procurements', 'list', q] as const,
  detail: (id: string) => ['procurements', 'detail', id] as const,
};

export function useProcurements(query: ProcurementListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => api(listProcurements, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProcurement(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getProcurement, { params: { id } }) });
}

function useSaved() {
  const client = useQueryClient();
  return (p: Procurement) => {
    client.setQueryData(keys.detail(p.id), p);
    void client.invalidateQueries({ queryKey: ['procurements', 'list'] });
    void client.invalidateQueries({ queryKey: ['public'] });
    void client.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function useCreateProcurement() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof createProcurement>) => api(createProcurement, { body }), onSuccess: saved });
}

export function useUpdateProcurement(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateProcurement>) => api(updateProcurement, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function usePublishProcurement(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof publishProcurement>) => api(publishProcurement, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useAwardProcurement(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof awardProcurement>) => api(awardProcurement, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useCancelProcurement(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof cancelProcurement>) => api(cancelProcurement, { params: { id }, body }),
    onSuccess: saved,
  });
}
