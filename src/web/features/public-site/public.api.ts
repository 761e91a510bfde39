import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QueryOf } from '../../../shared/contracts/http';
import { publicFunding, publicProcurement, publicProcurements } from '../../../shared/contracts/public-site';
import { api } from '../../lib/api';

export type PublicListQuery = NonNullable<QueryOf<typeof publicProcurements>>;

export function usePublicProcurements(query: PublicListQuery) {
  return useQuery({
    queryKey: ['public', 'procurements', query],
    queryFn: () => api(publicProcurements, { query }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicProcurement(id: string) {
  return useQuery({ queryKey: ['public', 'procurement', id], queryFn: () => api(publicProcurement, { params: { id } }) });
}

export function usePublicFunding(year: number) {
  return useQuery({
    queryKey: ['public', 'funding', year],
    queryFn: () => api(publicFunding, { query: { year } }),
    placeholderData: keepPreviousData,
  });
}
