import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { exportDashboard, getDashboard } from '../../../shared/contracts/dashboards';
import { api, download } from '../../lib/api';

export function useDashboard(regionCode: string, year: number) {
  return useQuery({
    queryKey: ['dashboards', regionCode, year],
    queryFn: () => api(getDashboard, { params: { regionCode }, query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function useExportDashboard() {
  return useMutation({
    mutationFn: ({ regionCode, year }: { regionCode: string; year: number }) => download(exportDashboard, { params: { regionCode }, query: { year } }),
  });
}
