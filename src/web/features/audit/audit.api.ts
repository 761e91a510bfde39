import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  exportAudit, exportAuditCheckpoints, listAudit, listAuditKinds, verifyAudit, verifyAuditAgainstFile, type AuditCheckpointFile,
} from '../../../shared/contracts/audit';
import type { QueryOf } from '../../../shared/contracts/http';
import { api, download } from '../../lib/api';

export type AuditQuery = NonNullable<QueryOf<typeof listAudit>>;

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: () => api(listAudit, { query }),
    placeholderData: keepPreviousData,
  });
}

/** The chain's status as the page opens: walks the whole log on the server, so not refetched on focus. */
export function useAuditStatus() {
  return useQuery({ queryKey: ['audit', 'status'], queryFn: () => api(verifyAudit), staleTime: 60_000, refetchOnWindowFocus: false });
}

/** Walks the whole hash chain on the server: run on demand, never cached. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api(verifyAudit) });
}

/** Holds the log against a checkpoint file the auditor kept outside the database. */
export function useVerifyAgainstFile() {
  return useMutation({ mutationFn: (file: AuditCheckpointFile) => api(verifyAuditAgainstFile, { body: file }) });
}

/** Signs a fresh checkpoint and downloads every checkpoint as JSON. */
export function useExportCheckpoints() {
  return useMutation({ mutationFn: () => download(exportAuditCheckpoints, {}) });
}

/** Every action and object type present in the log, for the filters. */
export function useAuditKinds() {
  return useQuery({ queryKey: ['audit', 'kinds'], queryFn: () => api(listAuditKinds), staleTime: 60_000 });
}

/** The filtered log as .xlsx; says whether the server stopped at its cap. */
export function useExportAudit() {
  return useMutation({
    mutationFn: async (query: Omit<AuditQuery, 'page' | 'pageSize'>) => {
      const headers = await download(exportAudit, { query });
      return { capped: headers.get('X-Export-Capped') === 'true', total: Number(headers.get('X-Export-Total') ?? 0) };
    },
  });
}
