import { useQuery } from '@tanstack/react-query';
import { getRegionRoot, listRegions, type RegionRoot } from '../../../shared/contracts/regions';
import { api } from '../../lib/api';

// Regions are reference data: fetched once per session and kept.
const REGIONS_STALE_MS = 60 * 60 * 1000;

/** The installation's root (a province or a city): public, so the sign-in and public pages name it. */
export function useRegionRoot() {
  return useQuery({ queryKey: ['regions', 'root'], queryFn: () => api(getRegionRoot), staleTime: REGIONS_STALE_MS });
}

/** "山东省民政厅", "威海市民政局": the civil-affairs authority of the installation's root. */
export function authorityOf(root: RegionRoot | undefined): string {
  if (!root) return '';
  return `${root.name}${root.level === 'province' ? '民政厅' : '民政局'}`;
}

/** The cities of a province installation (a city installation has one, its root). */
export function useCities(enabled = true) {
  return useQuery({
    queryKey: ['regions', 'city'],
    queryFn: () => api(listRegions, { query: { level: 'city' } }),
    staleTime: REGIONS_STALE_MS,
    enabled,
  });
}

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
