import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import { advanceCase, decideCase, getCase, listCases, openCase, setFollowUp, type CaseDto } from '../../../shared/contracts/cases';
import { api } from '../../lib/api';

export type CaseListQuery = NonNullable<QueryOf<typeof listCases>>;

export const caseKeys = {
  list: (q: CaseListQuery) => ['cases', 'list', q] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

export function useCases(query: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => api(listCases, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: () => api(getCase, { params: { id: id ?? '' } }),
    enabled: Boolean(id),
  });
}

/** Every case write answers with the case: it replaces the detail; lists are re-read. */
function useCaseSaved() {
  const client = useQueryClient();
  return (c: CaseDto) => {
    client.setQueryData(caseKeys.detail(c.id), c);
    void client.invalidateQueries({ queryKey: ['cases', 'list'] });
  };
}

export function useOpenCase() {
  const saved = useCaseSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof openCase>) => api(openCase, { body }), onSuccess: saved });
}

export function useAdvanceCase(id: string) {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof advanceCase>) => api(advanceCase, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useDecideCase(id: string) {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof decideCase>) => api(decideCase, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useSetFollowUp(id: string) {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof setFollowUp>) => api(setFollowUp, { params: { id }, body }),
    onSuccess: saved,
  });
}
