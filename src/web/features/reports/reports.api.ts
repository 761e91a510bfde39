import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  draftReport,
  getReport,
  listReports,
  reportFigureRows,
  reviewReport,
  submitReport,
  updateReport,
  uploadReportFile,
  type ReportDetail,
} from '../../../shared/contracts/reports';
import { api } from '../../lib/api';
import { uploadJson, type OnProgress } from '../social-workers/upload';

export type ReportListQuery = NonNullable<QueryOf<typeof listReports>>;
export type DraftReportBody = BodyOf<typeof draftReport>;
export type ReportFileKind = 'needs_survey' | 'service_plan' | 'other';

const keys = {
  list: (q: ReportListQuery) => ['reports', 'list', q] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  figure: (id: string, key: string) => ['reports', 'figure', id, key] as const,
};

export function useReports(query: ReportListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listReports, { query }), placeholderData: keepPreviousData });
}

export function useReport(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getReport, { params: { id } }) });
}

/** The records one figure counts (frozen ids for a submitted report). */
export function useFigureRows(id: string, key: string | null) {
  return useQuery({
    queryKey: keys.figure(id, key ?? ''),
    queryFn: () => api(reportFigureRows, { params: { id, key: key ?? '' } }),
    enabled: key !== null,
  });
}

/** Every write answers with the report: cache it, re-read the lists and the drill-downs. */
function useSaved() {
  const client = useQueryClient();
  return (r: ReportDetail) => {
    client.setQueryData(keys.detail(r.id), r);
    void client.invalidateQueries({ queryKey: ['reports', 'list'] });
    void client.invalidateQueries({ queryKey: ['reports', 'figure', r.id] });
    void client.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function useDraftReport() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: DraftReportBody) => api(draftReport, { body }), onSuccess: saved });
}

export function useUpdateReport(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateReport>) => api(updateReport, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useSubmitReport(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof submitReport>) => api(submitReport, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useReviewReport(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof reviewReport>) => api(reviewReport, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useUploadReportFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, kind, onProgress }: { file: File; kind: ReportFileKind; onProgress?: OnProgress }) =>
      uploadJson(uploadReportFile, { params: { id }, query: { kind } }, file, onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.detail(id) }),
  });
}
