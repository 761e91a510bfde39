import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  applicationsInForce, createApplication, decideApplication, getApplication, listApplications, submitApplication, updateApplication,
  type Application,
} from '../../../shared/contracts/applications';
import { api } from '../../lib/api';

export type ApplicationListQuery = NonNullable<QueryOf<typeof listApplications>>;
export type ApplicationBody = BodyOf<typeof createApplication>;

const keys = {
  list: (q: ApplicationListQuery) => ['applications', 'list', q] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
};

export function useApplications(query: ApplicationListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listApplications, { query }), placeholderData: keepPreviousData });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getApplication, { params: { id } }) });
}

/** The accepted applications a station may record against on a day. */
export function useApplicationsInForce(stationId: string | null, date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'in-force', stationId, date],
    queryFn: () => api(applicationsInForce, { query: { stationId: stationId ?? undefined, date } }),
    enabled,
    staleTime: 60_000,
  });
}

/** Every write answers with the application: cache it and re-read the lists and the workbench. */
function useSaved() {
  const client = useQueryClient();
  return (a: Application) => {
    client.setQueryData(keys.detail(a.id), a);
    void client.invalidateQueries({ queryKey: ['applications', 'list'] });
    void client.invalidateQueries({ queryKey: ['workbench'] });
  };
}

export function useCreateApplication() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: ApplicationBody) => api(createApplication, { body }), onSuccess: saved });
}

export function useUpdateApplication(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof updateApplication>) => api(updateApplication, { params: { id }, body }), onSuccess: saved });
}

export function useSubmitApplication(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof submitApplication>) => api(submitApplication, { params: { id }, body }), onSuccess: saved });
}

export function useDecideApplication(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof decideApplication>) => api(decideApplication, { params: { id }, body }), onSuccess: saved });
}
