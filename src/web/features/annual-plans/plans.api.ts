import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createPlan,
  getPlan,
  planOverview,
  reviewPlan,
  submitPlan,
  updatePlan,
  type PlanDetail,
} from '../../../shared/contracts/annual-plans';
import type { BodyOf } from '../../../shared/contracts/http';
import { api } from '../../lib/api';

const keys = {
  overview: (year: number) => ['annual-plans', 'overview', year] as const,
  detail: (id: string) => ['annual-plans', 'detail', id] as const,
};

export function usePlanOverview(year: number) {
  return useQuery({
    queryKey: keys.overview(year),
    queryFn: () => api(planOverview, { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getPlan, { params: { id } }) });
}

function usePlanSaved() {
  const client = useQueryClient();
  return (plan: PlanDetail) => {
    client.setQueryData(keys.detail(plan.id), plan);
    void client.invalidateQueries({ queryKey: ['annual-plans', 'overview'] });
    void client.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function useCreatePlan() {
  const saved = usePlanSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createPlan>) => api(createPlan, { body }),
    onSuccess: saved,
  });
}

export function useUpdatePlan(id: string) {
  const saved = usePlanSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updatePlan>) => api(updatePlan, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useSubmitPlan(id: string) {
  const saved = usePlanSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof submitPlan>) => api(submitPlan, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useReviewPlan(id: string) {
  const saved = usePlanSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof reviewPlan>) => api(reviewPlan, { params: { id }, body }),
    onSuccess: saved,
  });
}
