import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { listAudit, verifyAudit } from '../../../shared/contracts/audit';
import type { QueryOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';

export type AuditQuery = NonNullable<QueryOf<typeof listAudit>>;

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: () => api(listAudit, { query }),
    placeholderData: keepPreviousData,
  });
}

/** Walks the whole hash chain on the server: run on demand, never cached. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api(verifyAudit) });
}
