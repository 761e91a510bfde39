import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createEvaluation,
  finishEvaluation,
  getEvaluation,
  getIndicatorSystem,
  listEvaluations,
  refreshPrefill,
  scoreEvaluation,
  setIndicatorSystem,
  uploadEvaluationFile,
  type EvaluationDetail,
} from '../../../shared/contracts/evaluations';
import { api } from '../../lib/api';
import { uploadJson, type OnProgress } from '../social-workers/upload';

export type EvaluationListQuery = NonNullable<QueryOf<typeof listEvaluations>>;
export type ScoreBody = BodyOf<typeof scoreEvaluation>;

const keys = {
  list: (q: EvaluationListQuery) => ['evaluations', 'list', q] as const,
  detail: (id: string) => ['evaluations', 'detail', id] as const,
  system: (year: number) => ['evaluations', 'indicators', year] as const,
};

export function useEvaluations(query: EvaluationListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listEvaluations, { query }), placeholderData: keepPreviousData });
}

export function useEvaluation(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getEvaluation, { params: { id } }) });
}

export function useIndicatorSystem(year: number) {
  return useQuery({ queryKey: keys.system(year), queryFn: () => api(getIndicatorSystem, { params: { year } }) });
}

/** Every write answers with the evaluation: cache it, re-read lists, the year's system and contracts (grades). */
function useSaved() {
  const client = useQueryClient();
  return (e: EvaluationDetail) => {
    client.setQueryData(keys.detail(e.id), e);
    void client.invalidateQueries({ queryKey: ['evaluations', 'list'] });
    void client.invalidateQueries({ queryKey: ['evaluations', 'indicators', e.year] });
    void client.invalidateQueries({ queryKey: ['contracts'] });
  };
}

export function useCreateEvaluation() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof createEvaluation>) => api(createEvaluation, { body }), onSuccess: saved });
}

export function useScoreEvaluation(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: ScoreBody) => api(scoreEvaluation, { params: { id }, body }), onSuccess: saved });
}

export function useRefreshPrefill(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof refreshPrefill>) => api(refreshPrefill, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useFinishEvaluation(id: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof finishEvaluation>) => api(finishEvaluation, { params: { id }, body }),
    onSuccess: saved,
  });
}

/** Evidence for one indicator (`code`) or for the evaluation as a whole. */
export function useUploadEvaluationFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, code, onProgress }: { file: File; code?: string; onProgress?: OnProgress }) =>
      uploadJson(uploadEvaluationFile, { params: { id }, query: { code } }, file, onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.detail(id) }),
  });
}

export function useSetIndicatorSystem(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof setIndicatorSystem>) => api(setIndicatorSystem, { params: { year }, body }),
    onSuccess: (s) => client.setQueryData(keys.system(year), s),
  });
}
