import { useQuery } from '@tanstack/react-query';
import { stationCoverage } from '../../../shared/contracts/coverage';
import { api } from '../../lib/api';

export function useCoverage(page: number) {
  return useQuery({
    queryKey: ['dashboard', 'coverage', page],
    queryFn: () => api(stationCoverage, { query: { page, pageSize: COVERAGE_PAGE_SIZE } }),
    placeholderData: (previous) => previous,
  });
}

/** County units per page of the card (a province holds more than a hundred). */
export const COVERAGE_PAGE_SIZE = 20;
