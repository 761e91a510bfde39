import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { listServiceItems, type ServiceItem } from '../../../shared/contracts/service-catalogue';
import {
  coWorkerOptions,
  createServiceRecord,
  getServiceRecord,
  listServiceRecords,
  reviewServiceRecord,
  type ServiceRecord,
} from '../../../shared/contracts/service-records';
import { SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS, type ServiceDomain } from '../../../shared/rules/organizations';
import { api } from '../../lib/api';

export type RecordListQuery = NonNullable<QueryOf<typeof listServiceRecords>>;

export const recordKeys = {
  list: (q: RecordListQuery) => ['service-records', 'list', q] as const,
  detail: (id: string) => ['service-records', 'detail', id] as const,
};

export function useRecords(query: RecordListQuery, enabled = true) {
  return useQuery({
    queryKey: recordKeys.list(query),
    queryFn: () => api(listServiceRecords, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRecord(id: string | undefined) {
  return useQuery({
    queryKey: recordKeys.detail(id ?? ''),
    queryFn: () => api(getServiceRecord, { params: { id: id ?? '' } }),
    enabled: Boolean(id),
  });
}

export function useCreateRecord() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createServiceRecord>) => api(createServiceRecord, { body }),
    onSuccess: (r: ServiceRecord) => {
      client.setQueryData(recordKeys.detail(r.id), r);
      void client.invalidateQueries({ queryKey: ['service-records', 'list'] });
      // A record of a case may change what its page shows (介入).
      if (r.caseId) void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/**
 * Who may be named as a co-worker: the other workers on post at the station on the day. A
 * station worker asks without a station (their own); others once they have chosen one.
 */
export function useCoWorkerOptions(stationId: string | null, date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['service-records', 'co-workers', stationId, date],
    queryFn: () => api(coWorkerOptions, { query: { stationId: stationId ?? undefined, date } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The catalogue, with the R-SCOPE-EXCLUDED items marked (shown, never chosen). */
export function useCatalogue() {
  return useQuery({
    queryKey: ['service-catalogue', 'all'],
    queryFn: () => api(listServiceItems, { query: { includeExcluded: 'true' } }),
    staleTime: 30 * 60_000,
  });
}

/** Select options grouped by domain (社会救助, 养老服务 …); excluded items never appear. */
export function catalogueOptions(items: readonly ServiceItem[] | undefined) {
  const byDomain = new Map<ServiceDomain, ServiceItem[]>();
  for (const item of items ?? []) {
    if (item.excluded) continue;
    byDomain.set(item.domain, [...(byDomain.get(item.domain) ?? []), item]);
  }
  return SERVICE_DOMAINS.filter((d) => byDomain.has(d)).map((d) => ({
    label: SERVICE_DOMAIN_LABELS[d],
    title: SERVICE_DOMAIN_LABELS[d],
    options: (byDomain.get(d) ?? []).map((i) => ({ value: i.code, label: `${i.name}`, title: i.name })),
  }));
}

/** code → name, for showing planned services. */
export function catalogueNames(items: readonly ServiceItem[] | undefined): Map<string, string> {
  return new Map((items ?? []).map((i) => [i.code, i.name]));
}

export function useReviewRecord(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof reviewServiceRecord>) => api(reviewServiceRecord, { params: { id }, body }),
    onSuccess: (r: ServiceRecord) => {
      client.setQueryData(recordKeys.detail(r.id), r);
      void client.invalidateQueries({ queryKey: ['service-records', 'list'] });
    },
  });
}
