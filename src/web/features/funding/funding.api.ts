import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exportFunding, fundingOverview, setStationBudget } from '../../../shared/contracts/funding';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { api, download } from '../../lib/api';

export type FundingQuery = NonNullable<QueryOf<typeof fundingOverview>>;
export type FundingExportQuery = NonNullable<QueryOf<typeof exportFunding>>;

export function useFunding(query: FundingQuery) {
  return useQuery({
    queryKey: ['funding', query],
    queryFn: () => api(fundingOverview, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useExportFunding() {
  return useMutation({ mutationFn: (query: FundingExportQuery) => download(exportFunding, { query }) });
}

export function useSetBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, year, body }: { id: string; year: number; body: BodyOf<typeof setStationBudget> }) =>
      api(setStationBudget, { params: { id, year }, body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['funding'] });
      void client.invalidateQueries({ queryKey: ['public'] });
    },
  });
}
