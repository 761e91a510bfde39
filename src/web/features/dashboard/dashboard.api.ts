import { useQuery } from '@tanstack/react-query';
import { stationCoverage } from '../../../shared/contracts/coverage';
import { api } from '../../lib/api';

export function useCoverage() {
  return useQuery({ queryKey: ['dashboard', 'coverage'], queryFn: () => api(stationCoverage) });
}
