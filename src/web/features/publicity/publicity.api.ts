import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listClients } from '../../../shared/contracts/clients';
import type { BodyOf, QueryOf } from '../../../shared/contracts/http';
import {
  createBrand, createPost, downloadPostPhoto, getPost, listBrands, listPosts, reviewPost, submitPost, updateBrand, updatePost, uploadPostPhoto, type Post,
} from '../../../shared/contracts/publicity';
import { api, apiUrl, upload } from '../../lib/api';

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
export function useUploadPhoto(id: string) {
  return useMutation({ mutationFn: (file: File) => upload(uploadPostPhoto, { params: { id } }, file) });
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
