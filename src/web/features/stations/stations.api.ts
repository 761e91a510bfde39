import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  changeStationStatus,
  createStation,
  exportStations,
  getStation,
  listStations,
  type StationDetail,
  updateStation,
} from '../../../shared/contracts/stations';
import { api, download } from '../../lib/api';

export type StationListQuery = NonNullable<QueryOf<typeof listStations>>;
export type StationExportQuery = NonNullable<QueryOf<typeof exportStations>>;

const keys = {
  all: ['stations'] as const,
  list: (q: StationListQuery) => ['stations', 'list', q] as const,
  detail: (id: string) => ['stations', 'detail', id] as const,
};

export function useStations(query: StationListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => api(listStations, { query }),
    // Keep the old page on screen while the next one loads (no flashing table).
    placeholderData: keepPreviousData,
  });
}

export function useStation(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getStation, { params: { id } }) });
}

/** After any write: the detail is the server's answer; lists and coverage are re-read. */
function useStationSaved() {
  const client = useQueryClient();
  return (station: StationDetail) => {
    client.setQueryData(keys.detail(station.id), station);
    void client.invalidateQueries({ queryKey: ['stations', 'list'] });
    void client.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useCreateStation() {
  const saved = useStationSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createStation>) => api(createStation, { body }),
    onSuccess: saved,
  });
}

export function useUpdateStation(id: string) {
  const saved = useStationSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateStation>) => api(updateStation, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useChangeStationStatus(id: string) {
  const saved = useStationSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof changeStationStatus>) => api(changeStationStatus, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useExportStations() {
  return useMutation({ mutationFn: (query: StationExportQuery) => download(exportStations, { query }) });
}
