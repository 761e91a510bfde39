import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { staffingCompliance, stationStaffing } from '../../../shared/contracts/compliance';
import type { QueryOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';

export type ComplianceQuery = NonNullable<QueryOf<typeof staffingCompliance>>;

export function useStaffingCompliance(query: ComplianceQuery) {
  return useQuery({
    queryKey: ['compliance', 'staffing', query],
    queryFn: () => api(staffingCompliance, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useStationStaffing(stationId: string, enabled = true) {
  return useQuery({
    queryKey: ['compliance', 'station', stationId],
    queryFn: () => api(stationStaffing, { params: { id: stationId } }),
    enabled,
  });
}
