import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createStationPlan, downloadStationPlanFile, getStationPlan, listStationPlans, missingStationPlans, reviewStationPlan,
  submitStationPlan, updateStationPlan, uploadStationPlanFile, type StationPlanDetail,
} from '../../../shared/contracts/station-plans';
import type { StationPlanFileKind } from '../../../shared/rules/station-plans';
import { api, apiUrl, upload } from '../../lib/api';

export type StationPlanListQuery = QueryOf<typeof listStationPlans>;
export type StationPlanCreateBody = BodyOf<typeof createStationPlan>;
export type StationPlanUpdateBody = BodyOf<typeof updateStationPlan>;

const keys = {
  all: ['station-plans'] as const,
  list: (q: StationPlanListQuery) => ['station-plans', 'list', q] as const,
  missing: (year: number, page: number) => ['station-plans', 'missing', year, page] as const,
  detail: (id: string) => ['station-plans', 'detail', id] as const,
};

export const useStationPlans = (query: StationPlanListQuery) =>
  useQuery({ queryKey: keys.list(query), queryFn: () => api(listStationPlans, { query }), placeholderData: keepPreviousData });

export const useMissingPlans = (year: number, page: number) =>
  useQuery({ queryKey: keys.missing(year, page), queryFn: () => api(missingStationPlans, { query: { year, page, pageSize: 10 } }), placeholderData: keepPreviousData });

export const useStationPlan = (id: string) => useQuery({ queryKey: keys.detail(id), queryFn: () => api(getStationPlan, { params: { id } }) });

export const fileUrl = (id: string, fileId: string) => apiUrl(downloadStationPlanFile, { params: { id, fileId } });

function useWrite<B>(fn: (body: B) => Promise<StationPlanDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d: StationPlanDetail) => {
      client.setQueryData(keys.detail(d.id), d);
      void client.invalidateQueries({ queryKey: ['station-plans', 'list'] });
      void client.invalidateQueries({ queryKey: ['station-plans', 'missing'] });
      void client.invalidateQueries({ queryKey: ['workbench'] });
    },
  });
}

export const useCreatePlan = () => useWrite((body: StationPlanCreateBody) => api(createStationPlan, { body }));
export const useUpdatePlan = (id: string) => useWrite((body: StationPlanUpdateBody) => api(updateStationPlan, { params: { id }, body }));
export const useSubmitPlan = (id: string) => useWrite((body: { version: number }) => api(submitStationPlan, { params: { id }, body }));
export const useReviewPlan = (id: string) =>
  useWrite((body: { version: number; decision: 'approved' | 'returned'; comment: string }) => api(reviewStationPlan, { params: { id }, body }));

/** The needs survey or the service plan goes up as multipart (checked by content on the server). */
export function useUploadPlanFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: StationPlanFileKind; file: File }) => upload(uploadStationPlanFile, { params: { id }, query: { kind } }, file),
    onSettled: () => client.invalidateQueries({ queryKey: keys.detail(id) }),
  });
}
