import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, QueryOf, ResponseOf } from '../../../shared/contracts/http';
import {
  changeOrganizationStatus,
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
  uploadOrganizationFile,
} from '../../../shared/contracts/organizations';
import { api } from '../../lib/api';
import { uploadJson, type OnProgress } from '../social-workers/upload';

export type OrgListQuery = NonNullable<QueryOf<typeof listOrganizations>>;
export type OrgDetail = ResponseOf<typeof getOrganization>;

const keys = {
  list: (q: OrgListQuery) => ['organizations', 'list', q] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  options: ['organizations', 'options'] as const,
};

export function useOrganizations(query: OrgListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => api(listOrganizations, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getOrganization, { params: { id } }) });
}

/** Active organisations for a select (the server scopes the list; 200 is more than Weihai has). */
export function useOrgChoices(enabled: boolean) {
  return useQuery({
    queryKey: keys.options,
    queryFn: () => api(listOrganizations, { query: { status: 'active', pageSize: 200 } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** After any write: the detail is the server's answer; lists are re-read. */
function useOrgSaved() {
  const client = useQueryClient();
  return (org: OrgDetail) => {
    client.setQueryData(keys.detail(org.id), org);
    void client.invalidateQueries({ queryKey: ['organizations', 'list'] });
    void client.invalidateQueries({ queryKey: keys.options });
  };
}

export function useCreateOrganization() {
  const saved = useOrgSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof createOrganization>) => api(createOrganization, { body }),
    onSuccess: saved,
  });
}

export function useUpdateOrganization(id: string) {
  const saved = useOrgSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof updateOrganization>) => api(updateOrganization, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useChangeOrgStatus(id: string) {
  const saved = useOrgSaved();
  return useMutation({
    mutationFn: (body: BodyOf<typeof changeOrganizationStatus>) =>
      api(changeOrganizationStatus, { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useUploadOrgFile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: OnProgress }) =>
      uploadJson(uploadOrganizationFile, { params: { id } }, file, onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.detail(id) }),
  });
}
