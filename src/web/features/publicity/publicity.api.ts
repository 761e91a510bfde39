import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/auth';
import { listClients } from '../../../shared/contracts/clients';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import type { FileMeta } from '../../../shared/contracts/organizations';
import {
  createBrand, createPost, downloadPostPhoto, getPost, listBrands, listPosts, reviewPost, submitPost, updateBrand, updatePost, uploadPostPhoto, type Post,
} from '../../../shared/contracts/publicity';
import type { ErrorBody, ErrorCode } from '../../../shared/errors';
import { m } from '../../i18n';
import { api, ApiError, apiUrl } from '../../lib/api';
import { ME_KEY } from '../../lib/session';

export type PostListQuery = NonNullable<QueryOf<typeof listPosts>>;
export type PostBody = BodyOf<typeof createPost>;

const keys = {
  list: (q: PostListQuery) => ['publicity', 'list', q] as const,
  detail: (id: string) => ['publicity', 'detail', id] as const,
};

export function usePosts(query: PostListQuery) {
  return useQuery({ queryKey: keys.list(query), queryFn: () => api(listPosts, { query }), placeholderData: keepPreviousData });
}

export function usePost(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => api(getPost, { params: { id } }) });
}

export type BrandsQuery = NonNullable<QueryOf<typeof listBrands>>;
export type BrandBody = BodyOf<typeof createBrand>;

export function useBrands(query: BrandsQuery) {
  return useQuery({ queryKey: ['publicity', 'brands', query], queryFn: () => api(listBrands, { query }), placeholderData: keepPreviousData });
}

export function useSaveBrand() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: BrandBody }) =>
      v.id ? api(updateBrand, { params: { id: v.id }, body: { version: v.version ?? 0, name: v.body.name, description: v.body.description ?? '' } }) : api(createBrand, { body: v.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['publicity', 'brands'] }),
  });
}

/** The station's clients whose name holds the keyword (one short page), to link to a story. */
export function useClientSearch(stationId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['clients', 'search', stationId, q],
    queryFn: () => api(listClients, { query: { stationId, q: q || undefined, pageSize: 20, sort: 'name' } }),
    enabled,
    staleTime: 30_000,
  });
}

export const photoUrl = (id: string, fileId: string) => apiUrl(downloadPostPhoto, { params: { id, fileId } });

/** A photo goes up as multipart (JPEG or PNG, checked by content on the server) and belongs to the post at once. */
async function uploadPhoto(client: QueryClient, id: string, file: File): Promise<FileMeta> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(apiUrl(uploadPostPhoto, { params: { id } }), {
    method: 'POST', body, credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-CSRF-Token': client.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? '' },
  });
  const json = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & FileMeta;
  if (!res.ok) throw new ApiError(res.status, (json.error?.code ?? 'INTERNAL') as ErrorCode, json.error?.message ?? m.app.loadFailed, json.error?.details);
  return json;
}

export function useUploadPhoto(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (file: File) => uploadPhoto(client, id, file) });
}

function useSaved() {
  const client = useQueryClient();
  return (p: Post) => {
    client.setQueryData(keys.detail(p.id), p);
    void client.invalidateQueries({ queryKey: ['publicity', 'list'] });
  };
}

export function useCreatePost() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: PostBody) => api(createPost, { body }), onSuccess: saved });
}

export function useUpdatePost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof updatePost>) => api(updatePost, { params: { id }, body }), onSuccess: saved });
}

export function useSubmitPost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof submitPost>) => api(submitPost, { params: { id }, body }), onSuccess: saved });
}

export function useReviewPost(id: string) {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: BodyOf<typeof reviewPost>) => api(reviewPost, { params: { id }, body }), onSuccess: saved });
}
