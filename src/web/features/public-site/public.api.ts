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

export type PublicFundingQuery = NonNullable<QueryOf<typeof publicFunding>>;

export function usePublicFunding(query: PublicFundingQuery) {
  return useQuery({
    queryKey: ['public', 'funding', query],
    queryFn: () => api(publicFunding, { query }),
    placeholderData: keepPreviousData,
  });
}
