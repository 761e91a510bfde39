import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { exportDashboard, getDashboard, type DashboardQuery } from '../../../shared/contracts/dashboards';
import { api, download } from '../../lib/api';

/** A region's dashboard with one page of its children, sorted by the server. */
export function useDashboard(regionCode: string, query: DashboardQuery) {
  return useQuery({
    queryKey: ['dashboards', regionCode, query],
    queryFn: () => api(getDashboard, { params: { regionCode }, query }),
    placeholderData: keepPreviousData,
  });
}

export function useExportDashboard() {
  return useMutation({
    mutationFn: ({ regionCode, year }: { regionCode: string; year: number }) => download(exportDashboard, { params: { regionCode }, query: { year } }),
  });
}
