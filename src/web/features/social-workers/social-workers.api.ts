import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  addCertificate,
  addTraining,
  createPosting,
  createWorker,
  createWorkerAccount,
  endPosting,
  getWorker,
  importWorkers,
  importWorkersReport,
  listWorkers,
  removeCertificate,
  removeTraining,
  revealWorkerField,
  updateWorker,
  type WorkerDetail,
} from '../../../shared/contracts/social-workers';
import { listStations } from '../../../shared/contracts/stations';
import { api } from '../../lib/api';
import { uploadForDownload, uploadJson, type OnProgress } from './upload';

export type WorkerListQuery = NonNullable<QueryOf<typeof listWorkers>>;
export type ImportMode = 'all' | 'valid-only';

const keys = {
  list: (q: WorkerListQuery) => ['social-workers', 'list', q] as const,
  detail: (id: string) => ['social-workers', 'detail', id] as const,
};

export function useWorkers(query: WorkerListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => api(listWorkers, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useWorker(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getWorker, { params: { id } }) });
}

/** Stations to post to: the server scopes the list to the user; 200 covers the whole city. */
export function useStationChoices(enabled: boolean) {
  return useQuery({
    queryKey: ['stations', 'choices'],
    queryFn: () => api(listStations, { query: { pageSize: 200 } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * A worker write changes the worker, and with it staffing compliance and the organisation's
 * counts: the detail is the server's answer, the rest is re-read.
 */
function useWorkerSaved() {
  const client = useQueryClient();
  return (worker: WorkerDetail) => {
    client.setQueryData(keys.detail(worker.id), worker);
    void client.invalidateQueries({ queryKey: ['social-workers', 'list'] });
    void client.invalidateQueries({ queryKey: ['compliance'] });
    void client.invalidateQueries({ queryKey: ['organizations'] });
  };
}

function useWorkerWrite<V>(write: (vars: V) => Promise<WorkerDetail>) {
  const saved = useWorkerSaved();
  return useMutation({ mutationFn: write, onSuccess: saved });
}

export const useCreateWorker = () => useWorkerWrite((body: BodyOf<typeof createWorker>) => api(createWorker, { body }));

export const useUpdateWorker = (id: string) =>
  useWorkerWrite((body: BodyOf<typeof updateWorker>) => api(updateWorker, { params: { id }, body }));

export const useAddCertificate = (id: string) =>
  useWorkerWrite((body: BodyOf<typeof addCertificate>) => api(addCertificate, { params: { id }, body }));

export const useRemoveCertificate = (id: string) =>
  useWorkerWrite((childId: string) => api(removeCertificate, { params: { id, childId } }));

export const useAddTraining = (id: string) =>
  useWorkerWrite((body: BodyOf<typeof addTraining>) => api(addTraining, { params: { id }, body }));

export const useRemoveTraining = (id: string) =>
  useWorkerWrite((childId: string) => api(removeTraining, { params: { id, childId } }));

export const useCreateAccount = (id: string) =>
  useWorkerWrite((body: BodyOf<typeof createWorkerAccount>) => api(createWorkerAccount, { params: { id }, body }));

export const useCreatePosting = () => useWorkerWrite((body: BodyOf<typeof createPosting>) => api(createPosting, { body }));

export const useEndPosting = () =>
  useWorkerWrite(({ postingId, body }: { postingId: string; body: BodyOf<typeof endPosting> }) =>
    api(endPosting, { params: { id: postingId }, body }),
  );

/** 查看完整: each call is recorded by the server (留痕); the value is never cached. */
export function useReveal(id: string) {
  return useMutation({
    mutationFn: (field: 'idNumber' | 'phone') => api(revealWorkerField, { params: { id }, body: { field } }),
  });
}

interface ImportVars {
  file: File;
  mode: ImportMode;
  dryRun: boolean;
  onProgress?: OnProgress;
}

export function useImportWorkers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode, dryRun, onProgress }: ImportVars) =>
      uploadJson(importWorkers, { query: { mode, dryRun: dryRun ? 'true' : 'false' } }, file, onProgress),
    onSuccess: (report) => {
      if (!report.written) return;
      void client.invalidateQueries({ queryKey: ['social-workers'] });
      void client.invalidateQueries({ queryKey: ['compliance'] });
      void client.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
}

export function useImportReport() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: OnProgress }) =>
      uploadForDownload(importWorkersReport, {}, file, onProgress),
  });
}
