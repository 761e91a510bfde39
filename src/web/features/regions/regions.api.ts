import { useQuery } from '@tanstack/react-query';
import { listRegions } from '../../../shared/contracts/regions';
import { api } from '../../lib/api';

// Regions are reference data: fetched once per session and kept.
const REGIONS_STALE_MS = 60 * 60 * 1000;

export function useCounties(enabled = true) {
  return useQuery({
    queryKey: ['regions', 'county'],
    queryFn: () => api(listRegions, { query: { level: 'county' } }),
    staleTime: REGIONS_STALE_MS,
    enabled,
  });
}

export function useTowns(countyCode: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'town', countyCode],
    queryFn: () => api(listRegions, { query: { level: 'town', parentCode: countyCode } }),
    staleTime: REGIONS_STALE_MS,
    enabled: Boolean(countyCode),
  });
}

/** Town codes nest inside their county's code (GB/T 2260 + 3 digits): 371002002 → 371002. */
export function countyOfTown(townCode: string | null | undefined): string | undefined {
  return townCode && townCode.length === 9 ? townCode.slice(0, 6) : undefined;
}
