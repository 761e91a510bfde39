import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { downloadArchive, getArchive, listArchivableContracts, listArchives, requestArchive, type ArchiveJob } from '../../../shared/contracts/archives';
import { api, apiUrl } from '../../lib/api';

const busy = (j: Pick<ArchiveJob, 'status'>) => j.status === 'queued' || j.status === 'running';
/** How often a waiting or running archive is asked about. */
const POLL_MS = 1500;

export const useArchives = (query: { year?: number; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['archives', 'list', query],
    queryFn: () => api(listArchives, { query }),
    // Keep polling while a job of the page is being built, so its progress moves.
    refetchInterval: (q) => (q.state.data?.items.some(busy) ? POLL_MS : false),
  });

export const useArchive = (id: string | null) =>
  useQuery({
    queryKey: ['archives', 'detail', id ?? ''],
    queryFn: () => api(getArchive, { params: { id: id ?? '' } }),
    enabled: Boolean(id),
    refetchInterval: (q) => (!q.state.data || busy(q.state.data) ? POLL_MS : false),
  });

export function useRequestArchive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { stationId: string; year: number } | { contractId: string }) => api(requestArchive, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['archives', 'list'] }),
  });
}

export const archiveUrl = (id: string) => apiUrl(downloadArchive, { params: { id } });
export { busy };

/** Contracts the user may archive (no drafts, in the archive's scope) found by number, title or contractor, on the server. */
export const useContractOptions = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['archives', 'contracts', q],
    queryFn: () => api(listArchivableContracts, { query: { q: q || undefined, pageSize: 20 } }),
    staleTime: 60_000,
    enabled,
  });
