import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  addClientConsent,
  changeClientStatus,
  clientAccessLog,
  clientDuplicates,
  createClient,
  exportClients,
  getClient,
  importClients,
  importClientsReport,
  listClients,
  revealClientField,
  updateClient,
  type ClientDetail,
} from '../../../shared/contracts/clients';
import { listRegions } from '../../../shared/contracts/regions';
import { getStation, listStations } from '../../../shared/contracts/stations';
import { api, download } from '../../lib/api';
import { useCurrentUser } from '../../lib/permissions';
import { uploadForDownload, uploadJson, type OnProgress } from '../social-workers/upload';

export type ClientListQuery = NonNullable<QueryOf<typeof listClients>>;
export type ClientExportQuery = NonNullable<QueryOf<typeof exportClients>>;

export const clientKeys = {
  list: (q: ClientListQuery) => ['clients', 'list', q] as const,
  detail: (id: string) => ['clients', 'detail', id] as const,
  access: (id: string, page: number) => ['clients', 'access-log', id, page] as const,
};

export function useClients(query: ClientListQuery, enabled = true) {
  return useQuery({
    queryKey: clientKeys.list(query),
    queryFn: () => api(listClients, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Every read of a client's record writes a line in its access log (访问记录): read it once per
 * visit, not on every window focus, so the log shows real views.
 */
export function useClient(id: string | undefined) {
  return useQuery({
    queryKey: clientKeys.detail(id ?? ''),
    queryFn: () => api(getClient, { params: { id: id ?? '' } }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useClientDuplicates(check: { name: string; birthDate: string } | null) {
  return useQuery({
    queryKey: ['clients', 'duplicates', check],
    queryFn: () => api(clientDuplicates, { query: check ?? { name: '', birthDate: '' } }),
    enabled: Boolean(check),
    staleTime: 0,
  });
}

export function useAccessLog(id: string, page: number) {
  return useQuery({
    queryKey: clientKeys.access(id, page),
    queryFn: () => api(clientAccessLog, { params: { id }, query: { page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
}

function useClientSaved() {
  const client = useQueryClient();
  return (c: ClientDetail) => {
    client.setQueryData(clientKeys.detail(c.id), c);
    void client.invalidateQueries({ queryKey: ['clients', 'list'] });
    void client.invalidateQueries({ queryKey: ['clients', 'access-log', c.id] });
  };
}

export function useCreateClient() {
  const saved = useClientSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createClient>) => api(createClient, { body }),
    onSuccess: saved,
  });
}

export function useUpdateClient(id: string) {
  const saved = useClientSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateClient>) => api(updateClient, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useChangeClientStatus(id: string) {
  const saved = useClientSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof changeClientStatus>) => api(changeClientStatus, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useAddConsent(id: string) {
  const saved = useClientSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof addClientConsent>) => api(addClientConsent, { params: { id }, body }),
    onSuccess: saved,
  });
}

/** 查看完整: the answer is kept only in the component that asked (never cached). */
export function useRevealClient(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (field: 'idNumber' | 'phone') => api(revealClientField, { params: { id }, body: { field } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['clients', 'access-log', id] }),
  });
}

export function useExportClients() {
  return useMutation({ mutationFn: (query: ClientExportQuery) => download(exportClients, { query }) });
}

export type ImportMode = 'all' | 'valid-only';

interface ImportVars {
  file: File;
  /** The station the clients belong to; null for a station worker (their own). */
  stationId: string | null;
  mode: ImportMode;
  dryRun: boolean;
  onProgress?: OnProgress;
}

export function useImportClients() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, stationId, mode, dryRun, onProgress }: ImportVars) =>
      uploadJson(importClients, { query: { stationId: stationId ?? undefined, mode, dryRun: dryRun ? 'true' : 'false' } }, file, onProgress),
    onSuccess: (report) => {
      if (report.written) void client.invalidateQueries({ queryKey: ['clients', 'list'] });
    },
  });
}

/** The same check as an Excel file with a 校验结果 column, saved as a download. */
export function useImportClientsReport() {
  return useMutation({
    mutationFn: ({ file, stationId, onProgress }: Pick<ImportVars, 'file' | 'stationId' | 'onProgress'>) =>
      uploadForDownload(importClientsReport, { query: { stationId: stationId ?? undefined } }, file, onProgress),
  });
}

/** One station (its town gives the villages a client may live in). */
export function useStation(id: string | undefined) {
  return useQuery({
    queryKey: ['stations', 'detail', id ?? ''],
    queryFn: () => api(getStation, { params: { id: id ?? '' } }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** Stations the user may pick (a station worker has one and never picks). */
export function useStationOptions(enabled = true) {
  return useQuery({
    queryKey: ['stations', 'list', { pageSize: 200, purpose: 'options' }],
    queryFn: () => api(listStations, { query: { pageSize: 200, sort: 'code' } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The villages (村居) of a town: reference data, kept for the session. */
export function useVillages(townCode: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'village', townCode],
    queryFn: () => api(listRegions, { query: { level: 'village', parentCode: townCode } }),
    enabled: Boolean(townCode),
    staleTime: 60 * 60_000,
  });
}

/**
 * The station the signed-in user works at, when they are a station worker (the server files
 * their clients and records there); null for everyone else.
 */
export function useOwnStation() {
  const me = useCurrentUser();
  const stationId = me.scope.kind === 'station' ? me.scope.stationId : null;
  const query = useStation(stationId ?? undefined);
  return { isStationWorker: Boolean(stationId), station: query.data ?? null, isPending: Boolean(stationId) && query.isPending };
}
